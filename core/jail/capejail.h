/* SPDX-License-Identifier: MIT */
/*
 * libcapejail (core/jail): the launcher's API, built on the policy library
 * (core/policy) and the common floor (core/common).
 *
 *   argv --cj_opts_parse--> opts --cj_plan_build--> plan --cj_run--> result
 *        --cj_result_describe--> report (lines and exit status)
 *
 * Parsing and planning do every check that can fail before anything is
 * started; cj_run never runs a half-configured jail. The library never
 * prints: errors come back as struct cj_err, warnings and notes go to the
 * caller's struct cj_msgs, and the report is lines for the caller to print.
 */
#ifndef CAPEJAIL_H
#define CAPEJAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "edits.h"
#include "err.h"
#include "envvar.h"
#include "exit.h"
#include "filter.h"
#include "policy.h"

/* A limit that was not given: the documented default applies. */
#define CJ_LIMIT_DEFAULT (-2)
/* "unlimited" given explicitly. */
#define CJ_LIMIT_NONE (-1)

struct cj_limits {
	int64_t time_ms;  /* --time-limit, wall clock */
	int64_t memory;	  /* --memory, bytes */
	int64_t pids;	  /* --pids */
	int64_t cpu_s;	  /* --cpu-time, seconds */
	int64_t fsize;	  /* --file-size, bytes */
	int64_t nofile;	  /* --nofile */
	int64_t tmp_size; /* --tmp-size, bytes of the jail's /tmp */
	int cgroup;	  /* set by the plan: cgroup version in use, 0: none */
};

struct cj_opts {
	const char *root;	     /* -r; NULL: the host's root, read-only */
	const char *user;	     /* -u; NULL: "nobody" */
	const char *dir;	     /* -d; NULL: "/" */
	const char *hostname;	     /* --hostname; NULL: "capejail" */
	const char *env[CJ_MAX_ENV]; /* -e KEY=VALUE, in order */
	size_t nenv;
	struct cj_edit edits[CJ_MAX_EDITS];
	size_t nedits;
	struct cj_limits limits;
	bool no_network; /* -n */
	bool insecure;	 /* -I */
	bool quiet;
	bool verbose;
	bool help;
	bool version;
	char **argv; /* the program and its arguments (points into argv) */
	int argc;
};

/*
 * Parse the launcher's command line. Pure: never prints, never exits.
 * Returns 0, or CJ_EX_USAGE with a message in ERR.
 */
int cj_opts_parse(struct cj_opts *o, int argc, char **argv, char *err,
		  size_t errlen);
/*
 * The policy the options ask for: the default with their edits applied in
 * command-line order (edits.h); SECCOMP_SYSCALL_ALLOW/DENY in the
 * environment only get a warning. 0, or a cj_exit status with E set.
 */
int cj_policy_from_opts(struct cj_policy *p, const struct cj_opts *o,
			const struct cj_msgs *msgs, struct cj_err *e);

/* The --help text. */
extern const char cj_usage[];

/* Sizes ("512M", "1G", "unlimited") and durations ("10s", "2m", "500ms"). */
int cj_parse_size(const char *s, int64_t *out);
int cj_parse_duration_ms(const char *s, int64_t *out);

/* The user the program runs as, resolved before the jail starts. */
struct cj_user {
	uid_t uid;
	gid_t gid;
	char name[64];
	char home[256];
	char shell[256];
};

/*
 * Resolve SPEC (a name or a numeric uid) from the passwd file at PASSWD
 * (the jail's /etc/passwd). A numeric uid without an entry runs with
 * gid == uid. Returns 0, -ENOENT when the name is unknown, -EINVAL for a
 * malformed spec.
 */
int cj_user_lookup_file(const char *spec, const char *passwd,
			struct cj_user *u);
/* The same on an open passwd stream (NULL: no passwd file). */
int cj_user_lookup_stream(const char *spec, FILE *f, struct cj_user *u);

/*
 * May U enter (search) a directory of MODE owned by OWNER:GROUP? The
 * permission bits alone, as the kernel checks them for a process without
 * capabilities (the jail's program holds none, uid 0 included): owner
 * bits, else group bits, else other bits.
 */
bool cj_user_may_enter(const struct cj_user *u, mode_t mode, uid_t owner,
		       gid_t group);

/*
 * The program's environment: PATH, HOME, USER, LOGNAME, SHELL of USER, TERM
 * if TERM is given, then EXTRA (KEY=VALUE; a later key replaces an earlier
 * one). Returns a NULL-terminated heap array (cj_env_free), or NULL.
 */
char **cj_env_build(const struct cj_user *u, const char *term,
		    const char *const *extra, size_t nextra);
void cj_env_free(char **env);

/* The namespaces whose settings a step changes (the jail's own only). */
enum cj_ns {
	CJ_NS_NET, /* ping_group_range, the loopback interface (-n) */
	CJ_NS_UTS, /* the host name */
	CJ_NS_COUNT
};

/* A namespace's identity: device and inode of /proc/PID/ns/NAME. */
struct cj_ns_id {
	dev_t dev;
	ino_t ino;
};

/*
 * Everything the jail needs, checked and resolved before fork, and owned by
 * the plan: nothing in the jail reads the options. Strings point into the
 * caller's argv, which outlives the plan.
 */
struct cj_plan {
	char **argv;	  /* the program and its arguments, NULL-terminated */
	const char *prog; /* basename of the program, for messages */
	char root[4096];  /* canonical path */
	bool host_root;	  /* no -r: the host's root, read-only */
	const char *dir;  /* inside the jail */
	const char *hostname;
	struct cj_user user;
	char **envp;
	struct cj_limits limits; /* defaults applied */
	bool new_netns;		 /* -n: own network namespace, loopback only */
	int landlock_abi;	 /* the kernel's Landlock ABI, 0: none */
	/* capejail's own namespaces: a step that finds itself in one stops */
	struct cj_ns_id host_ns[CJ_NS_COUNT];
	struct cj_bpf bpf;	 /* empty with -I */
	bool bpf_owned;		 /* false: the precompiled default */
	bool notify;		 /* report blocked syscalls by name */
	bool steps;		 /* -v: the jail reports every step done */
	struct cj_policy policy; /* a copy, to explain a blocked syscall */
};

/*
 * Returns 0, or a cj_exit status with E set; warnings and -v notes go to
 * MSGS. PRECOMPILED, when not NULL, is POLICY already compiled in notify
 * mode (the build-time default filter); otherwise the filter is compiled
 * now.
 */
int cj_plan_build(struct cj_plan *plan, const struct cj_opts *o,
		  const struct cj_policy *policy,
		  const struct cj_bpf *precompiled, const struct cj_msgs *msgs,
		  struct cj_err *e);
void cj_plan_free(struct cj_plan *plan);

/*
 * The jail's steps, from the first set-up step to execve, in the order they
 * run (steps.c: the table says which process runs each one).
 */
enum cj_step {
	/* The jail's init (PID 1), before it starts the program: */
	CJ_STEP_TIE,	    /* tie the jail to the supervisor */
	CJ_STEP_NET,	    /* -n: loopback, ping sockets */
	CJ_STEP_MOUNTS,	    /* the file system view, pivot_root */
	CJ_STEP_HOSTNAME,   /* the jail's host name */
	CJ_STEP_CHDIR,	    /* the working directory */
	CJ_STEP_RLIMITS,    /* resource limits */
	CJ_STEP_WAIT,	    /* until the supervisor placed the cgroup */
	CJ_STEP_CREDS,	    /* the user, no capabilities, no_new_privs */
	CJ_STEP_RETIE,	    /* the credential change cleared PDEATHSIG */
	CJ_STEP_UNDUMPABLE, /* the program may not read the init */
	CJ_STEP_SIGNALS,    /* the init's signal forwarding */
	CJ_STEP_SPAWN,	    /* start the program */
	/* The program, before execve: */
	CJ_STEP_PDEATHSIG, /* dies with the init */
	CJ_STEP_SESSION,   /* no controlling terminal */
	CJ_STEP_ENV,	   /* the built environment */
	CJ_STEP_LANDLOCK,  /* abstract sockets and signals scoped */
	CJ_STEP_SECCOMP,   /* the filter, the listener handed out */
	CJ_STEP_FDS,	   /* inherited descriptors closed */
	CJ_STEP_EXEC,	   /* execve */
	CJ_STEP_COUNT
};

/* What people are told the step was, e.g. "set up mounts". */
const char *cj_step_name(enum cj_step step);

/* What happened to the jail. */
struct cj_result {
	int wait_status; /* of the program, as waitpid */
	bool have_status;
	/* a set-up step failed before exec */
	bool setup_failed;
	enum cj_step step;
	int setup_errno;
	int setup_code; /* capejail's exit status for it */
	char detail[256];
	/* a blocked syscall was reported */
	bool blocked;
	int sys_nr;
	uint64_t sys_args[6];
	pid_t sys_pid_host, sys_pid_jail;
	char sys_comm[32];
	bool time_limit;    /* killed at --time-limit */
	bool grace_expired; /* killed: no exit within the grace period */
	int limit_hit;	    /* which limit ended it, see limits.h */
	int forwarded_signal;
};

/*
 * Run the plan. Returns 0 with RES filled, or a cj_exit status with E set.
 * Warnings the jail sends while it sets up go to MSGS as they arrive.
 */
int cj_run(const struct cj_plan *plan, const struct cj_msgs *msgs,
	   struct cj_result *res, struct cj_err *e);

/* How the caller prints a line of the report (main: log.h). */
enum cj_line_kind {
	CJ_LINE_PLAIN, /* "capejail: ...", always: how the program ended */
	CJ_LINE_ERROR, /* "capejail: error: ..." */
	CJ_LINE_WARN,  /* "capejail: warning: ..." */
	CJ_LINE_HINT,  /* "capejail: hint: ...", after an error */
	CJ_LINE_INFO,  /* "capejail: ...", unless --quiet */
	CJ_LINE_NOTE,  /* "capejail: ...", only with --verbose */
};

#define CJ_REPORT_LINES 4

/* How the jail ended, in words, and capejail's exit status. */
struct cj_report {
	int status;
	size_t nlines;
	struct cj_report_line {
		enum cj_line_kind kind;
		char text[1024];
	} lines[CJ_REPORT_LINES];
};

/* Fill REP from RES; returns REP->status. Never prints. */
int cj_result_describe(const struct cj_plan *plan, const struct cj_result *res,
		       struct cj_report *rep);

#endif
