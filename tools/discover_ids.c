/* SPDX-License-Identifier: MIT */
#include "discover_ids.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static bool numeric(const char *s, uint32_t *v)
{
	char *end;
	unsigned long long n;

	if (!*s || strspn(s, "0123456789") != strlen(s))
		return false;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || n > 0xfffffffeull)
		return false;
	*v = (uint32_t)n;
	return true;
}

static int lookup(const char *spec, FILE *f, uint32_t *uid, uint32_t *gid)
{
	uint32_t want = 0;
	bool num = numeric(spec, &want);
	struct passwd *pw;

	if (f)
		rewind(f);
	while (f && (pw = fgetpwent(f)))
		if (num ? pw->pw_uid == want : strcmp(pw->pw_name, spec) == 0) {
			*uid = pw->pw_uid;
			*gid = pw->pw_gid;
			return 0;
		}
	if (!num)
		return -ENOENT;
	*uid = *gid = want; /* a bare uid: its own group */
	return 0;
}

int dids_lookup(const char *user, FILE *f, uint32_t *uid, uint32_t *gid)
{
	int rc = lookup(user ? user : "nobody", f, uid, gid);

	if (rc == -ENOENT && !user)
		rc = lookup("65534", f, uid, gid);
	return rc;
}

int dids_resolve(const char *root, const char *user, uint32_t *uid,
		 uint32_t *gid)
{
	struct open_how how = {
		.flags = O_RDONLY | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int rootfd = open(root ? root : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	int fd = -1, rc;
	FILE *f = NULL;

	if (rootfd >= 0) {
		fd = (int)syscall(SYS_openat2, rootfd, "/etc/passwd", &how,
				  sizeof(how));
		close(rootfd);
	}
	if (fd >= 0) {
		f = fdopen(fd, "re");
		if (!f)
			close(fd);
	}
	rc = dids_lookup(user, f, uid, gid);
	if (f)
		fclose(f);
	return rc;
}
