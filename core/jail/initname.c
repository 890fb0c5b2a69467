/* SPDX-License-Identifier: MIT */
/*
 * The jail's init is a fork of capejail, so its /proc/1/cmdline would be
 * capejail's whole command line (options, paths, the program's arguments),
 * which /proc lets any process of the jail read. The init points the
 * kernel's view of its arguments at a short name instead, and takes it as
 * its comm: the program sees a small init called "init". The memory is not
 * touched (the program's argv, which the init still passes on, lives in
 * it).
 *
 * PR_SET_MM_MAP replaces the whole memory map description at once and,
 * unlike the single PR_SET_MM fields, needs no CAP_SYS_RESOURCE (which
 * capejail may lack): every other field is today's, read from
 * /proc/self/stat.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jail.h"

/* Fields of /proc/PID/stat (man 5 proc), numbered from 1. */
enum {
	STAT_START_CODE = 26,
	STAT_END_CODE = 27,
	STAT_START_STACK = 28,
	STAT_START_DATA = 45,
	STAT_END_DATA = 46,
	STAT_START_BRK = 47,
	STAT_ARG_START = 48,
	STAT_ARG_END = 49,
	STAT_ENV_START = 50,
	STAT_ENV_END = 51,
	STAT_FIELDS = 51,
};

int cj_initname_parse_stat(const char *text, struct prctl_mm_map *map)
{
	unsigned long long f[STAT_FIELDS + 1] = { 0 };
	const char *p = strrchr(text, ')');
	int n = 2; /* after "pid (comm)" */

	if (!p)
		return -EINVAL;
	p++;
	while (n < STAT_FIELDS && *p) {
		char *end;

		while (*p == ' ')
			p++;
		n++;
		if (n == 3) { /* state: a letter */
			while (*p && *p != ' ')
				p++;
			continue;
		}
		f[n] = strtoull(p, &end, 10);
		if (end == p)
			return -EINVAL;
		p = end;
	}
	if (n < STAT_FIELDS)
		return -EINVAL;
	memset(map, 0, sizeof(*map));
	map->start_code = f[STAT_START_CODE];
	map->end_code = f[STAT_END_CODE];
	map->start_stack = f[STAT_START_STACK];
	map->start_data = f[STAT_START_DATA];
	map->end_data = f[STAT_END_DATA];
	map->start_brk = f[STAT_START_BRK];
	map->arg_start = f[STAT_ARG_START];
	map->arg_end = f[STAT_ARG_END];
	map->env_start = f[STAT_ENV_START];
	map->env_end = f[STAT_ENV_END];
	map->exe_fd = (__u32)-1;
	return 0;
}

static int read_stat(int proc, char *buf, size_t size)
{
	int fd = openat(proc, "self/stat", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EIO;
	buf[n] = '\0';
	return 0;
}

int cj_initname_set(struct cj_jail *j, char *detail, size_t len)
{
	struct prctl_mm_map map;
	char stat[1024], *name;
	int rc;

	snprintf(detail, len, "/proc/self/stat");
	rc = read_stat(j->host_proc, stat, sizeof(stat));
	if (!rc)
		rc = cj_initname_parse_stat(stat, &map);
	if (rc)
		return rc;
	/*
	 * The kernel reads /proc/PID/cmdline from anonymous memory only, and
	 * the name must last as long as the init: a page of its own.
	 */
	snprintf(detail, len, "mmap (the init's name)");
	name = mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (name == MAP_FAILED)
		return -errno;
	memcpy(name, CJ_INIT_NAME, sizeof(CJ_INIT_NAME));
	map.brk = (__u64)syscall(SYS_brk, 0);
	map.arg_start = (__u64)(unsigned long)name;
	map.arg_end = map.arg_start + sizeof(CJ_INIT_NAME);
	snprintf(detail, len, "PR_SET_MM_MAP (the init's arguments)");
	if (prctl(PR_SET_MM, PR_SET_MM_MAP, (unsigned long)&map, sizeof(map),
		  0))
		return -errno;
	snprintf(detail, len, "PR_SET_NAME");
	return prctl(PR_SET_NAME, name, 0, 0, 0) ? -errno : 0;
}
