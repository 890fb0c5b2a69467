/* SPDX-License-Identifier: MIT */
#include "discover_minimize.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "profile.h"

/* The profile M proposes for R, written to a new temp file (PATH). */
static int write_profile(const struct dd_result *r, const struct dr_meta *m,
			 char *path)
{
	int fd;
	FILE *f;

	snprintf(path, 64, "/tmp/capejail-profile-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -errno;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(path);
		return -ENOMEM;
	}
	dr_emit_profile(f, r, m);
	if (fclose(f)) {
		unlink(path);
		return -EIO;
	}
	return 0;
}

/* Run PROG under the profile M proposes now. */
static int run_proposed(const struct dp_jail *j, const struct dr_meta *m,
			const struct dd_result *r, struct dp_outcome *o)
{
	char path[64];
	int rc = write_profile(r, m, path);

	if (rc)
		return rc;
	rc = dp_run(j, path, o);
	unlink(path);
	return rc;
}

static const char *describe(const struct dp_outcome *o, char *buf, size_t len)
{
	if (WIFSIGNALED(o->wstatus))
		snprintf(buf, len, "the launcher was killed by signal %d",
			 WTERMSIG(o->wstatus));
	else
		snprintf(buf, len, "exit status %d", WEXITSTATUS(o->wstatus));
	return buf;
}

int dm_minimize(const struct dp_jail *j, struct dr_meta *m,
		const struct dd_result *r, int *errnos)
{
	static const int tries[] = { ENOSYS, EPERM };
	struct dp_outcome base, o;
	char what[64], ebuf[32];
	int rc;

	m->errnos = errnos;
	rc = run_proposed(j, m, r, &base);
	if (rc)
		return rc;
	cj_info("minimize: with every syscall allowed, %s in the jail: %s",
		j->argv[0], describe(&base, what, sizeof(what)));
	/* An unchanged failure proves nothing: only a working run counts. */
	if (!dp_succeeded(&base)) {
		cj_info("minimize: it does not succeed even so; nothing is "
			"answered with an errno instead (%s)",
			base.why[0] ? base.why : "see its output");
		dp_free(&base);
		return 0;
	}
	for (size_t i = 0; i < r->n && !rc; i++) {
		const struct dd_entry *e = &r->v[i];

		if (!e->blocks || !e->allowable || !e->dangerous || errnos[i])
			continue;
		for (size_t t = 0; t < 2 && !rc; t++) {
			bool same;

			errnos[i] = tries[t];
			rc = run_proposed(j, m, r, &o);
			if (rc)
				break;
			same = dp_same(&base, &o);
			cj_info("minimize: %s answered %s: %s", e->name,
				cj_errno_name(tries[t], ebuf, sizeof(ebuf)),
				same ? "same exit status and output, kept"
				     : "the program behaves differently");
			dp_free(&o);
			if (same)
				break;
			errnos[i] = 0;
		}
	}
	dp_free(&base);
	return rc;
}

int dm_verify(const struct dp_jail *j, const struct dr_meta *m,
	      const struct dd_result *r)
{
	struct dp_outcome o;
	char what[64];
	int rc = run_proposed(j, m, r, &o);

	if (rc)
		return rc;
	rc = dp_succeeded(&o);
	if (rc)
		cj_info("verify: %s now succeeds in the jail under the "
			"proposed profile (exit status 0)",
			j->argv[0]);
	else
		cj_info("verify: %s still fails in the jail under the "
			"proposed profile: %s%s%s",
			j->argv[0], describe(&o, what, sizeof(what)),
			o.why[0] ? "; " : "", o.why);
	dp_free(&o);
	return rc;
}
