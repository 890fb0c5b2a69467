/* SPDX-License-Identifier: MIT */
/*
 * probe: mount_flags
 * class: mounts
 * tries: find a mount that honours setuid bits or device nodes: for every
 *   mount in /proc/self/mountinfo, its per-mount options and statvfs() of
 *   its mount point. ESCAPED if any mount lacks nosuid, or lacks nodev,
 *   but the single device files bound under /dev (/dev/null, ...). A
 *   setuid file or a device node planted in such a mount (by the host, or
 *   written there) would work. Without /proc: statvfs() of / and the
 *   usual writable places.
 * args:
 * control: root
 * expect: BLOCKED(none)
 * layer: mount setup (every mount nosuid; nodev but for the device binds)
 */
#include "probe.h"

#include <sys/stat.h>
#include <sys/statvfs.h>

/* Undo mountinfo's octal escapes (\040 for a space) in place. */
static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++, o++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' &&
		    s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*o = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 |
				    (s[3] - '0'));
			s += 3;
		} else {
			*o = *s;
		}
	}
	*o = '\0';
}

/* Is OPTS (comma-separated) holding OPT? */
static int has_opt(const char *opts, const char *opt)
{
	size_t n = strlen(opt);

	for (const char *p = opts; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (!strncmp(p, opt, n) && (p[n] == ',' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

/* A single character device bound directly under /dev (/dev/null). */
static int dev_bind(const char *mnt)
{
	struct stat st;

	return !strncmp(mnt, "/dev/", 5) && !strchr(mnt + 5, '/') &&
	       !lstat(mnt, &st) && S_ISCHR(st.st_mode);
}

/* ESCAPED when NOSUID or NODEV is 0 for the mount at MNT. */
static void judge(const char *mnt, int nosuid, int nodev, const char *how)
{
	if (!nosuid)
		escaped("%s is mounted without nosuid (%s)", mnt, how);
	if (!nodev && !dev_bind(mnt))
		escaped("%s is mounted without nodev (%s)", mnt, how);
}

/* The same for the mount on top of MNT, by statvfs(). */
static void judge_statvfs(const char *mnt)
{
	struct statvfs sv;

	if (statvfs(mnt, &sv) == 0)
		judge(mnt, !!(sv.f_flag & ST_NOSUID), !!(sv.f_flag & ST_NODEV),
		      "statvfs");
}

int main(void)
{
	static const char *const usual[] = { "/",	 "/tmp",  "/var/tmp",
					     "/dev/shm", "/dev",  "/probes",
					     "/proc",	 "/home", "/root" };
	char line[8192], mnt[4096], opts[1024];
	int count = 0;
	FILE *f;

	probe_init();
	f = fopen("/proc/self/mountinfo", "re");
	while (f && fgets(line, sizeof(line), f)) {
		/* id parent major:minor root mount-point options ... */
		if (sscanf(line, "%*s %*s %*s %*s %4095s %1023s", mnt, opts) !=
		    2)
			continue;
		unescape(mnt);
		count++;
		judge(mnt, has_opt(opts, "nosuid"), has_opt(opts, "nodev"),
		      chomp(line));
		judge_statvfs(mnt);
	}
	if (f)
		fclose(f);
	for (size_t i = 0; i < sizeof(usual) / sizeof(usual[0]); i++)
		judge_statvfs(usual[i]);
	blocked(0,
		"all %d mounts nosuid, nodev but the device binds under /dev "
		"(and / and the usual places by statvfs)",
		count);
}
