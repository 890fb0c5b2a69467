/* SPDX-License-Identifier: MIT */
/*
 * discover --emit env and env-late (discover_env.h). The program runs
 * under strace on the host, every syscall traced (no fast path: the
 * allow-list needs them all). For env-late, with the preload library and a
 * deny-list of a syscall no program makes (afs_syscall, which no kernel
 * implements): the library loads an allow-everything filter, and its
 * seccomp() call marks where start-up ends in strace's log.
 */
#include "discover_env.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "discover_run.h"
#include "export_preload.h"
#include "filter.h"
#include "log.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int denv_allow_line(const struct tu_usage *u, char *buf, size_t len,
		    size_t *unknown)
{
	const char **names = calloc(u->nstats + 1, sizeof(*names));
	size_t n = 0, used;
	int rc;

	*unknown = 0;
	if (!names)
		return -1;
	for (size_t i = 0; i < u->nstats; i++) {
		if (cj_sysnr(u->stats[i].name) < 0)
			++*unknown;
		else
			names[n++] = u->stats[i].name;
	}
	qsort(names, n, sizeof(*names), by_name);
	used = (size_t)snprintf(buf, len, "SECCOMP_SYSCALL_ALLOW=");
	for (size_t i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? ":" : "", names[i]);
	free(names);
	rc = used < len ? (int)n : -1;
	return rc;
}

char *denv_find_preload(void)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n > 0) {
		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			char *full = NULL;

			*slash = '\0';
			if (asprintf(&full, "%s/libcapejail-preload.so", self) <
			    0)
				full = NULL;
			if (full && access(full, R_OK) == 0)
				return full;
			free(full);
		}
	}
	return access(CJ_PRELOAD_PATH, R_OK) == 0 ? strdup(CJ_PRELOAD_PATH)
						  : NULL;
}

/* env-late's argv: env LD_PRELOAD=LIB SECCOMP_SYSCALL_DENY=... PROG ARGS */
static char **late_argv(char *const *prog, const char *preload_var)
{
	size_t n = 0;
	char **v;

	while (prog[n])
		n++;
	v = calloc(n + 4, sizeof(*v));
	if (!v)
		return NULL;
	v[0] = (char *)"env";
	v[1] = (char *)preload_var;
	v[2] = (char *)"SECCOMP_SYSCALL_DENY=afs_syscall";
	memcpy(v + 3, prog, n * sizeof(*v));
	return v;
}

static int report(const struct dopts *o, const struct tu_usage *u, bool late,
		  int wstatus)
{
	char line[16384];
	size_t unknown;
	int n;

	if (late && !u->prog_started) {
		cj_error("%s: the preload library did not load (no filter "
			 "appeared in the trace): the program is statically "
			 "linked or setuid, and LD_PRELOAD has no effect on it",
			 o->argv[0]);
		cj_hint("use capejail --filter-only for it; "
			"'discover --emit env' lists what that filter must "
			"allow");
		return CJ_EX_UNAVAILABLE;
	}
	n = denv_allow_line(u, line, sizeof(line), &unknown);
	if (n < 0) {
		cj_error("the allow-list does not fit in %zu bytes",
			 sizeof(line));
		return CJ_EX_SOFTWARE;
	}
	printf("%s\n", line);
	cj_info("%d syscalls %s", n,
		late ? "after the preload library's filter was loaded, "
		       "children included: for LD_PRELOAD=libcapejail-"
		       "preload.so"
		     : "from the program's execve on: what a filter loaded "
		       "before exec must allow");
	if (unknown)
		cj_warn("%zu syscall names strace printed are unknown to "
			"libseccomp and left out",
			unknown);
	if (WIFSIGNALED(wstatus) ||
	    (WIFEXITED(wstatus) && WEXITSTATUS(wstatus)))
		cj_info("note: the traced run did not end with status 0: the "
			"list covers what it did until then");
	return 0;
}

int denv_discover(const struct dopts *o)
{
	bool late = o->emit == DOPT_EMIT_ENV_LATE;
	struct drun r = { .argv = o->argv,
			  .keep_log = o->log,
			  .stdout_to_stderr = true };
	char *strace = drun_which("strace"), *lib = NULL, *var = NULL;
	char **argv = NULL;
	struct tu_usage u;
	int rc = CJ_EX_SOFTWARE, wstatus = 0;

	tu_init(&u, true, NULL, NULL);
	u.after_filter = late;
	if (!strace || access(strace, X_OK)) {
		cj_error("strace is not installed");
		cj_hint("install it: apt-get install strace");
		rc = CJ_EX_UNAVAILABLE;
		goto out;
	}
	r.strace = strace;
	if (late && strchr(o->argv[0], '=')) {
		cj_error("%s: env(1) would take a program name with '=' for "
			 "a variable",
			 o->argv[0]);
		cj_hint("rename the program, or call it through a path "
			"without '='");
		rc = CJ_EX_USAGE;
		goto out;
	}
	if (late) {
		lib = denv_find_preload();
		if (!lib) {
			cj_error("libcapejail-preload.so was found neither "
				 "beside capejail-syscalls nor at %s",
				 CJ_PRELOAD_PATH);
			cj_hint("build it with 'make', or install it with "
				"'make install'");
			rc = CJ_EX_UNAVAILABLE;
			goto out;
		}
		if (asprintf(&var, "LD_PRELOAD=%s", lib) < 0) {
			var = NULL;
			goto out;
		}
		argv = late_argv(o->argv, var);
		if (!argv)
			goto out;
		r.argv = argv;
	}
	rc = drun_run(&r, &u, &wstatus);
	if (rc)
		goto out;
	tu_finish(&u);
	rc = report(o, &u, late, wstatus);
out:
	tu_free(&u);
	free(strace);
	free(lib);
	free(var);
	free(argv);
	return rc;
}
