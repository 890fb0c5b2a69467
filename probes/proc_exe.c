/* SPDX-License-Identifier: MIT */
/*
 * probe: proc_exe
 * class: other processes
 * tries: open another process's executable through /proc/PID/exe (the
 *   first step of the runc CVE-2019-5736 overwrite: the jail's init or
 *   supervisor is a host binary). Every visible process but ourselves;
 *   the control sees the sacrificial process's /usr/bin/sleep.
 * args: {pid}
 * control: root
 * expect: BLOCKED(EACCES/EPERM/ENOENT)
 * layer: the jail's init is not dumpable (the only other process it sees);
 *   Landlock (the program's domain may not inspect the init, outside it); PID
 *   namespace (no host process is visible)
 */
#include "probe.h"

#include <ctype.h>
#include <dirent.h>

static int err = ENOENT;

static void try_exe(const char *pid)
{
	char path[64], target[512];
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/exe", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		readlink_str(path, target, sizeof(target));
		close(fd);
		escaped("opened %s, another process's executable (%s)", path,
			target[0] ? target : "?");
	}
	if (errno == EACCES || errno == EPERM)
		err = errno;
}

int main(int argc, char **argv)
{
	long pid = arg_long(argc, argv, 1, 0);
	char self[32], buf[32];
	struct dirent *de;
	DIR *d;

	probe_init();
	snprintf(self, sizeof(self), "%d", (int)getpid());
	snprintf(buf, sizeof(buf), "%ld", pid);
	if (pid > 0 && strcmp(buf, self))
		try_exe(buf);
	d = opendir("/proc");
	if (!d)
		blocked(errno, "open /proc");
	while ((de = readdir(d)))
		if (isdigit((unsigned char)de->d_name[0]) &&
		    strcmp(de->d_name, self))
			try_exe(de->d_name);
	closedir(d);
	blocked(err, "no other process's executable opens");
}
