/* SPDX-License-Identifier: MIT */
/*
 * Functions that are easy to misuse. Included into every translation unit
 * by the Makefile, so a call fails to compile. Use snprintf, strnlen,
 * explicit lengths and heap buffers instead.
 */
#ifndef CAPEJAIL_BANNED_H
#define CAPEJAIL_BANNED_H

/* Pull in the real declarations first, then poison the names. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

#pragma GCC poison strcpy strcat strncpy strncat sprintf vsprintf gets
#undef alloca
#pragma GCC poison alloca asctime ctime gmtime localtime strtok tmpnam

#endif
