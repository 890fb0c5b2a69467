/* SPDX-License-Identifier: MIT */
/* Order statistics for the benchmark runner. Pure. */
#ifndef CJ_BENCH_STATS_H
#define CJ_BENCH_STATS_H

#include <stddef.h>

struct bstats {
	size_t n;
	double median, p10, p90, min, max, mad;
};

/* Summarise V[0..N) (not modified). All fields 0 when N == 0. */
void bstats_of(const double *v, size_t n, struct bstats *out);

/* A growable array of samples. */
struct samples {
	double *v;
	size_t n, cap;
};

int samples_add(struct samples *s, double x);
void samples_free(struct samples *s);

#endif
