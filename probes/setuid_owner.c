/* SPDX-License-Identifier: MIT */
/*
 * probe: setuid_owner
 * class: privileges
 * tries: create a setuid file as uid 0 of the jail (-u 0) and find out
 *   whom it belongs to on the host, through the kernel's own translation
 *   (its owner as seen here, mapped through /proc/self/uid_map). Owned by
 *   host root: whoever can reach the file on the host runs it as root.
 * args: {tmp}
 * control: root
 * jail-args: -u 0
 * expect: BLOCKED(none/EPERM)
 * layer: seccomp (a mode with S_ISUID fails with EPERM); user namespace
 *   (the jail's uid 0 is its own host id)
 */
#include "probe.h"

#include <fcntl.h>
#include <sys/stat.h>

/* UID as seen here, on the host: via /proc/self/uid_map; -1 unmapped. */
static long long host_uid(uid_t uid)
{
	FILE *f = fopen("/proc/self/uid_map", "re");
	unsigned long long in, out, count;
	long long host = -1;

	if (!f)
		blocked(errno, "open /proc/self/uid_map");
	while (fscanf(f, "%llu %llu %llu", &in, &out, &count) == 3)
		if (uid >= in && uid - in < count)
			host = (long long)(out + (uid - in));
	fclose(f);
	return host;
}

int main(int argc, char **argv)
{
	const char *dir = arg(argc, argv, 1, "/tmp");
	char path[4096];
	struct stat st;
	long long host;
	int fd;

	probe_init();
	snprintf(path, sizeof(path), "%s/setuid_owner.%d", dir, (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
	if (fd < 0)
		blocked(errno, "create %s", path);
	if (fchmod(fd, 04755) || fstat(fd, &st)) {
		int e = errno;

		unlink(path);
		blocked(e, "fchmod 4755 %s", path);
	}
	close(fd);
	unlink(path);
	host = host_uid(st.st_uid);
	if (!(st.st_mode & S_ISUID))
		blocked(0, "the setuid bit did not stay (mode %o)",
			(unsigned)st.st_mode & 07777);
	if (host == 0)
		escaped("setuid file owned by uid %u here, host root on the "
			"host",
			(unsigned)st.st_uid);
	blocked(0, "setuid file owned by uid %u here, host uid %lld (%s)",
		(unsigned)st.st_uid, host, host < 0 ? "unmapped" : "not root");
}
