/* SPDX-License-Identifier: MIT */
/*
 * The default policy compiled to BPF at build time (notify mode), linked
 * into the launcher and tools. Generated into build/gen/default_filter.c.
 */
#ifndef CAPEJAIL_DEFAULT_FILTER_H
#define CAPEJAIL_DEFAULT_FILTER_H

#include "filter.h"

extern const struct cj_bpf cj_default_filter;

#endif
