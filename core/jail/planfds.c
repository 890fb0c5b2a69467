/* SPDX-License-Identifier: MIT */
/*
 * The descriptors a plan owns (ROOT, its detached trees, the binds'):
 * moved above the jail's fixed descriptors, and listed so that the child
 * keeps them while it closes everything else it inherited.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "jail.h"

/* Every descriptor the plan owns, as pointers to its slots (heap). */
static int **fd_slots(struct cj_plan *plan, size_t *n)
{
	int **s = calloc(plan->nentries + plan->nbinds + 2, sizeof(*s));

	*n = 0;
	if (!s)
		return NULL;
	s[(*n)++] = &plan->root_fd;
	s[(*n)++] = &plan->root_tree;
	for (size_t i = 0; i < plan->nentries; i++)
		s[(*n)++] = &plan->entries[i].tree;
	for (size_t i = 0; i < plan->nbinds; i++)
		s[(*n)++] = &plan->binds[i].tree;
	return s;
}

int cj_plan_fds_raise(struct cj_plan *plan)
{
	size_t n;
	int **s = fd_slots(plan, &n), rc = 0;

	if (!s)
		return -ENOMEM;
	for (size_t i = 0; i < n && !rc; i++) {
		int fd = *s[i];

		if (fd < 0 || fd >= CJ_FD_FIRST_FREE)
			continue;
		*s[i] = fcntl(fd, F_DUPFD_CLOEXEC, CJ_FD_FIRST_FREE);
		if (*s[i] < 0)
			rc = -errno;
		close(fd);
	}
	free(s);
	return rc;
}

static int by_value(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int cj_plan_fds(const struct cj_plan *plan, int **out, size_t *n)
{
	int **s = fd_slots((struct cj_plan *)plan, n);
	size_t k = 0;

	*out = s ? calloc(*n + 1, sizeof(**out)) : NULL;
	if (!*out) {
		free(s);
		return -ENOMEM;
	}
	for (size_t i = 0; i < *n; i++)
		if (*s[i] >= 0)
			(*out)[k++] = *s[i];
	free(s);
	qsort(*out, k, sizeof(**out), by_value);
	*n = k;
	return 0;
}
