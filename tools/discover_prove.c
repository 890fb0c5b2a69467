/* SPDX-License-Identifier: MIT */
#include "discover_prove.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
/* The launcher's command line: a heap array pointing into J. */
static char **jail_argv(const struct dp_jail *j, const char *profile)
{
	size_t n = 0, max = 16 + 2 * j->nenv;
	char **v;

	for (char *const *a = j->argv; *a; a++)
		max++;
	v = calloc(max, sizeof(*v));
	if (!v)
		return NULL;
	v[n++] = (char *)j->capejail;
	v[n++] = (char *)"-q";
	v[n++] = (char *)"--time-limit";
	v[n++] = (char *)DP_TIME_LIMIT;
	if (j->root) {
		v[n++] = (char *)"-r";
		v[n++] = (char *)j->root;
	}
	if (j->user) {
		v[n++] = (char *)"-u";
		v[n++] = (char *)j->user;
	}
	if (j->dir) {
		v[n++] = (char *)"-d";
		v[n++] = (char *)j->dir;
	}
	for (size_t i = 0; i < j->nenv; i++) {
		v[n++] = (char *)"-e";
		v[n++] = (char *)j->env[i];
	}
	if (j->no_network)
		v[n++] = (char *)"-n";
	v[n++] = (char *)"--profile";
	v[n++] = (char *)profile;
	v[n++] = (char *)"--";
	for (char *const *a = j->argv; *a; a++)
		v[n++] = *a;
	v[n] = NULL;
	return v;
}

/* Read FD to the end, keeping at most DP_OUT_MAX bytes. */
static int slurp(int fd, char **buf, size_t *len)
{
	size_t cap = 0;
	char chunk[4096];
	ssize_t r;

	*buf = NULL;
	*len = 0;
	while ((r = read(fd, chunk, sizeof(chunk))) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (*len + (size_t)r > DP_OUT_MAX)
			continue; /* drain, keep the first DP_OUT_MAX */
		if (*len + (size_t)r > cap) {
			char *g;

			cap = (*len + (size_t)r) * 2;
			g = realloc(*buf, cap);
			if (!g)
				return -ENOMEM;
			*buf = g;
		}
		memcpy(*buf + *len, chunk, (size_t)r);
		*len += (size_t)r;
	}
	return 0;
}

/* The last line of FD's file that starts with "capejail:", into WHY. */
static void last_report(int fd, char *why, size_t len)
{
	char *text = NULL, *line, *save = NULL;
	size_t n;

	why[0] = '\0';
	if (lseek(fd, 0, SEEK_SET) || slurp(fd, &text, &n) || !text)
		goto out;
	text[n ? n - 1 : 0] = '\0';
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (strncmp(line, "capejail:", 9) == 0 &&
		    !strstr(line, "capejail: hint:"))
			snprintf(why, len, "%s", line);
out:
	free(text);
}

int dp_run(const struct dp_jail *j, const char *profile, struct dp_outcome *o)
{
	char errpath[] = "/tmp/capejail-verify-XXXXXX";
	char **argv = jail_argv(j, profile);
	int out[2] = { -1, -1 }, err = -1, rc = 0;
	pid_t pid;

	memset(o, 0, sizeof(*o));
	if (!argv)
		return -ENOMEM;
	err = mkstemp(errpath);
	if (err < 0 || pipe2(out, O_CLOEXEC)) {
		rc = -errno;
		goto done;
	}
	unlink(errpath);
	pid = fork();
	if (pid < 0) {
		rc = -errno;
		goto done;
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);

		if (in < 0 || dup2(in, 0) < 0 || dup2(out[1], 1) < 0 ||
		    dup2(err, 2) < 0)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	close(out[1]);
	out[1] = -1;
	rc = slurp(out[0], &o->out, &o->len);
	while (waitpid(pid, &o->wstatus, 0) < 0)
		if (errno != EINTR) {
			rc = -errno;
			break;
		}
	last_report(err, o->why, sizeof(o->why));
done:
	if (out[0] >= 0)
		close(out[0]);
	if (out[1] >= 0)
		close(out[1]);
	if (err >= 0)
		close(err);
	free(argv);
	return rc;
}

bool dp_same(const struct dp_outcome *a, const struct dp_outcome *b)
{
	return a->wstatus == b->wstatus && a->len == b->len &&
	       (a->len == 0 || memcmp(a->out, b->out, a->len) == 0);
}

bool dp_succeeded(const struct dp_outcome *o)
{
	return WIFEXITED(o->wstatus) && WEXITSTATUS(o->wstatus) == 0;
}

void dp_free(struct dp_outcome *o)
{
	free(o->out);
	o->out = NULL;
	o->len = 0;
}
