/* SPDX-License-Identifier: MIT */
#ifndef CAPEJAIL_COMPILER_H
#define CAPEJAIL_COMPILER_H

#define CJ_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define CJ_NORETURN	     __attribute__((noreturn))
#define CJ_UNUSED	     __attribute__((unused))
#define CJ_ARRAY_SIZE(a)     (sizeof(a) / sizeof((a)[0]))

#endif
