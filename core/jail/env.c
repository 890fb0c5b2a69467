/* SPDX-License-Identifier: MIT */
/*
 * The jailed program's environment is built, never inherited: nothing of
 * the caller's (LD_PRELOAD, secrets in variables) crosses into the jail.
 * Only --filter-only, which builds no jail, inherits the caller's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jail.h"

extern char **environ;

#define CJ_PATH "/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin"

/* Index of the entry with the same key as KV, or -1. */
static long find_key(char **env, size_t n, const char *kv)
{
	size_t klen = strcspn(kv, "=");

	for (size_t i = 0; i < n; i++)
		if (strncmp(env[i], kv, klen) == 0 && env[i][klen] == '=')
			return (long)i;
	return -1;
}

static int put(char **env, size_t *n, const char *key, const char *value)
{
	size_t len = strlen(key) + strlen(value) + 2;
	char *kv = malloc(len);
	long at;

	if (!kv)
		return -1;
	snprintf(kv, len, "%s=%s", key, value);
	at = find_key(env, *n, kv);
	if (at >= 0) {
		free(env[at]);
		env[at] = kv;
	} else {
		env[(*n)++] = kv;
	}
	return 0;
}

/* Put each KEY=VALUE of EXTRA (checked by cli.c); nonzero on failure. */
static int put_extra(char **env, size_t *n, const char *const *extra,
		     size_t nextra)
{
	int bad = 0;

	for (size_t i = 0; i < nextra && !bad; i++) {
		const char *eq = strchr(extra[i], '=');
		char key[256];

		if (!eq || (size_t)(eq - extra[i]) >= sizeof(key))
			return 1;
		memcpy(key, extra[i], (size_t)(eq - extra[i]));
		key[eq - extra[i]] = '\0';
		bad |= put(env, n, key, eq + 1);
	}
	return bad;
}

char **cj_env_inherit(const char *const *extra, size_t nextra)
{
	size_t n = 0, have = 0;
	char **env;
	int bad = 0;

	while (environ && environ[have])
		have++;
	env = calloc(have + nextra + 1, sizeof(*env));
	if (!env)
		return NULL;
	for (size_t i = 0; i < have && !bad; i++) {
		if (!strchr(environ[i], '=') ||
		    find_key(env, n, environ[i]) >= 0)
			continue;
		env[n] = strdup(environ[i]);
		bad |= !env[n++];
	}
	if (bad || put_extra(env, &n, extra, nextra)) {
		cj_env_free(env);
		return NULL;
	}
	return env;
}

char **cj_env_build(const struct cj_user *u, const char *term,
		    const char *const *extra, size_t nextra)
{
	size_t n = 0;
	char **env = calloc(nextra + 8, sizeof(*env));
	int bad = 0;

	if (!env)
		return NULL;
	bad |= put(env, &n, "PATH", CJ_PATH);
	bad |= put(env, &n, "HOME", u->home[0] ? u->home : "/");
	bad |= put(env, &n, "USER", u->name);
	bad |= put(env, &n, "LOGNAME", u->name);
	bad |= put(env, &n, "SHELL", u->shell[0] ? u->shell : "/bin/sh");
	if (term && *term)
		bad |= put(env, &n, "TERM", term);
	if (!bad)
		bad = put_extra(env, &n, extra, nextra);
	if (bad) {
		cj_env_free(env);
		return NULL;
	}
	return env;
}

void cj_env_free(char **env)
{
	if (!env)
		return;
	for (char **p = env; *p; p++)
		free(*p);
	free(env);
}

/* The program's step: the plan's environment becomes the process's. */
int cj_env_install(struct cj_jail *j, char *detail, size_t len)
{
	(void)detail;
	(void)len;
	environ = j->plan->envp;
	return 0;
}
