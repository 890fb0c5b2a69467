/* SPDX-License-Identifier: MIT */
/*
 * probe: proc_root
 * class: host files
 * tries: reach the host's files through another process's view in /proc:
 *   the marker's path under /proc/PID/root, its name under /proc/PID/cwd
 *   and under every directory open in /proc/PID/fd, for every process
 *   visible but ourselves (PID 1 first).
 * args: {marker}
 * control: root
 * expect: BLOCKED(ENOENT/EACCES/EPERM)
 * layer: the jail's init is not dumpable (the only other process it sees);
 *   Landlock (the program's domain may not inspect the init, outside it); PID
 *   namespace (only the jail's processes); mount setup
 */
#include "probe.h"

#include <ctype.h>
#include <dirent.h>
#include <libgen.h>

static int err = ENOENT;

static void try_path(const char *path, const char *how)
{
	char buf[256];

	if (read_file(path, buf, sizeof(buf)) >= 0)
		escaped("read the host's marker through %s (%s): %s", path, how,
			chomp(buf));
	if (errno == EACCES || errno == EPERM)
		err = errno; /* ENOENT, ENOTDIR: nothing there */
}

static void try_pid(const char *pid, const char *marker, const char *base)
{
	char path[8192], fddir[64];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%s/root%s", pid, marker);
	try_path(path, "its root");
	snprintf(path, sizeof(path), "/proc/%s/cwd/%s", pid, base);
	try_path(path, "its working directory");
	snprintf(fddir, sizeof(fddir), "/proc/%s/fd", pid);
	d = opendir(fddir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", fddir, de->d_name,
			 base);
		try_path(path, "one of its open directories");
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	const char *marker = arg(argc, argv, 1, "/capejail-probe-marker");
	char copy[4096], self[32];
	struct dirent *de;
	DIR *d;
	int n = 0;

	probe_init();
	snprintf(copy, sizeof(copy), "%s", marker);
	snprintf(self, sizeof(self), "%d", (int)getpid());
	if (strcmp(self, "1"))
		try_pid("1", marker, basename(copy));
	d = opendir("/proc");
	if (!d)
		blocked(errno, "open /proc");
	while ((de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]) ||
		    !strcmp(de->d_name, self))
			continue;
		n++;
		try_pid(de->d_name, marker, basename(copy));
	}
	closedir(d);
	blocked(err, "no host marker through %d process(es) in /proc", n);
}
