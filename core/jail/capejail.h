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
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <termios.h>

#include "edits.h"
#include "err.h"
#include "envvar.h"
#include "exit.h"
#include "filter.h"
#include "eval.h"
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

/* How the jail's root is made (mountspec.h, mount.c). */
enum cj_root_mode {
	CJ_ROOT_READONLY, /* default: capejail's layer over ROOT, read-only */
	CJ_ROOT_OVERLAY,  /* --overlay: writes go to a tmpfs, then vanish */
	CJ_ROOT_WRITABLE, /* --writable-root: ROOT bound read-write */
};

/* --bind, --ro-bind, --tmpfs: one mount the user asked for. */
enum cj_mount_kind { CJ_MNT_BIND, CJ_MNT_RO_BIND, CJ_MNT_TMPFS };

/* Pointers into the option's argument: SRC and DEST are not NUL-ended. */
struct cj_mount_spec {
	enum cj_mount_kind kind;
	const char *src; /* binds: the host path as given */
	size_t src_len;
	const char *dest; /* inside the jail; NULL for a bind: SRC's path */
	size_t dest_len;
	int64_t size; /* tmpfs: bytes, CJ_LIMIT_DEFAULT: --tmp-size */
};

#define CJ_MAX_MOUNTS 32
/* At most this many --allow-bind ports. */
#define CJ_MAX_BIND 16
/* At most this many --connect addresses. */
#define CJ_MAX_CONNECT 16

/* A --connect HOST:PORT: an address of the host's the jail may reach. */
struct cj_connect {
	int family; /* AF_INET or AF_INET6 */
	uint16_t port;
	unsigned char addr[16]; /* network order; 4 bytes for AF_INET */
	char spec[64];		/* as given, for messages */
};

#define CJ_MAX_GRANTS	  16
#define CJ_GRANT_PATH_MAX 1024

/* A --grant-read or --grant-write PATH: a host file or tree the jail may
 * open by that path, through the supervisor (grant_rules.c, broker_open.c).
 */
struct cj_grant {
	bool write;		      /* --grant-write */
	char path[CJ_GRANT_PATH_MAX]; /* absolute, canonical, not "/" */
};

/*
 * ARG as a grant of WRITE access into G: an absolute path without "//",
 * "." or ".." components or a trailing "/", not "/" itself. Pure. 0, or
 * CJ_EX_USAGE with a message in ERR.
 */
int cj_grant_parse(const char *arg, bool write, struct cj_grant *g, char *err,
		   size_t errlen);
/*
 * Which grant of G (N of them) PATH (as a program gave it, absolute)
 * falls under, with "//" and "/./" collapsed: its index, with the rest
 * beneath the grant in REST ("" for the grant itself; ".." stays in it,
 * for the kernel's RESOLVE_BENEATH to refuse), or -1 when none (a
 * relative path never matches). -ENAMETOOLONG when REST is too small.
 * The longest grant wins. Pure.
 */
int cj_grant_match(const struct cj_grant *g, size_t n, const char *path,
		   char *rest, size_t restlen);
/*
 * May an open with FLAGS (open(2)'s) be made under a grant of WRITE
 * access? 0; -EACCES for write access, O_CREAT, O_TRUNC or O_APPEND on
 * a read grant; -ENOENT for O_PATH, O_TMPFILE and O_DIRECTORY anywhere
 * (no descriptor of a host directory, or of no file, enters the jail: as
 * if there were none). Pure.
 */
int cj_grant_flags_verdict(bool write, uint64_t flags);

/*
 * Parse SPEC, "A.B.C.D:PORT", "[IPV6]:PORT" or "localhost:PORT" (the
 * IPv4 loopback), into C. Pure. 0, or CJ_EX_USAGE with a message in ERR.
 */
int cj_connect_parse(const char *spec, struct cj_connect *c, char *err,
		     size_t errlen);
/*
 * Is ADDR (LEN bytes, a sockaddr as a program gave it to connect) one of
 * LIST's N addresses? Pure.
 */
/* "127.0.0.1:8080", "[::1]:80" of ADDR (LEN bytes) into BUF. Pure. */
const char *cj_connect_text(const struct sockaddr_storage *addr, size_t len,
			    char *buf, size_t buflen);
bool cj_connect_listed(const struct cj_connect *list, size_t n,
		       const void *addr, size_t len);

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
	enum cj_root_mode root_mode;
	bool untrusted_root; /* --untrusted-root */
	bool subids; /* --subids: rootless, subordinate ids (rootless.h) */
	struct cj_mount_spec mounts[CJ_MAX_MOUNTS]; /* command-line order */
	size_t nmounts;
	bool no_network; /* -n: accepted, changes nothing (the default) */
	bool share_net;	 /* --share-net: the host's network */
	/* --allow-bind, distinct ports */
	uint16_t allow_bind[CJ_MAX_BIND];
	size_t nbind;
	/* --connect: the host's addresses the jail may reach */
	struct cj_connect connect[CJ_MAX_CONNECT];
	size_t nconnect;
	bool insecure;	  /* -I */
	bool audit;	  /* --audit: blocked calls recorded, allowed */
	bool filter_only; /* --filter-only: no jail, the filter alone */
	bool no_new_code; /* --no-new-code */
	int status_fd;	  /* --status-fd; -1: none */
	int discover_fd;  /* --discover-fd; -1: none */
	/* --grant-read, --grant-write: in command-line order */
	struct cj_grant grants[CJ_MAX_GRANTS];
	size_t ngrants;
	const char *broker_log;	 /* --broker-log FILE; NULL: none */
	const char *status_file; /* --status-file; NULL: none */
	bool pty;		 /* --pty */
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
 * "SRC[:DEST]" (binds) or "DEST[:SIZE]" (tmpfs) into M. Pure. 0, or
 * CJ_EX_USAGE with a message in ERR.
 */
int cj_mount_spec_parse(enum cj_mount_kind kind, const char *arg,
			struct cj_mount_spec *m, char *err, size_t errlen);
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
	uid_t uid; /* in the jail (its own user namespace) */
	gid_t gid;
	/* on the host: the jail's own id (idrange.h), set by the plan */
	uid_t host_uid;
	gid_t host_gid;
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
/*
 * --filter-only's environment: the caller's (the first of a repeated key),
 * then EXTRA. A heap array (cj_env_free), or NULL.
 */
char **cj_env_inherit(const char *const *extra, size_t nextra);
void cj_env_free(char **env);

/* The namespaces whose settings a step changes (the jail's own only). */
enum cj_ns {
	CJ_NS_NET,  /* ping_group_range, the loopback interface (default) */
	CJ_NS_UTS,  /* the host name */
	CJ_NS_USER, /* the jail's ids (checked by the credentials step) */
	CJ_NS_PID,  /* vm.memfd_noexec (--no-new-code) */
	CJ_NS_COUNT
};

/* A namespace's identity: device and inode of /proc/PID/ns/NAME. */
struct cj_ns_id {
	dev_t dev;
	ino_t ino;
};

/* A top-level entry of ROOT in capejail's read-only layer (rootfs.c). */
struct cj_root_entry {
	char name[256];
	int tree;   /* detached read-only copy of it; -1: a symlink */
	bool dir;   /* else a file (a mount point of the same type) */
	char *link; /* a symlink's target (heap), recreated as a symlink */
};

/* A --bind/--ro-bind/--tmpfs, opened and checked (binds.c). */
struct cj_bind {
	enum cj_mount_kind kind;
	char src[4096];	    /* binds: the host path, for messages */
	char dest[4096];    /* inside the jail */
	int tree;	    /* binds: detached copy of SRC; tmpfs: -1 */
	struct stat src_st; /* binds: SRC's owner and type (fstat) */
	int64_t size;	    /* tmpfs: bytes */
};

/* A grant opened before the jail, in the host's view (grants.c). */
struct cj_grant_open {
	struct cj_grant g;
	int dirfd;	/* O_PATH: the directory, or a granted file's parent */
	char name[256]; /* a granted file: its name in DIRFD; "": a directory */
	dev_t dev;	/* a granted file: which file it was */
	ino_t ino;
};

/* What the broker did, in the status object (the first CJ_BROKER_MAX). */
#define CJ_BROKER_MAX 32
struct cj_broker_entry {
	char op[16];	/* "open", "connect" */
	char what[256]; /* the path, or the address */
	uint64_t flags; /* open's */
	int result;	/* >= 0 the jail's descriptor; < 0 -errno */
	pid_t pid_host;
};

/*
 * Everything the jail needs, checked and resolved before fork, and owned by
 * the plan: nothing in the jail reads the options. Strings point into the
 * caller's argv, which outlives the plan.
 */
struct cj_plan {
	char **argv;	  /* the program and its arguments, NULL-terminated */
	const char *prog; /* basename of the program, for messages */
	char root[4096];  /* canonical path, for messages only */
	bool host_root;	  /* no -r: the host's root, read-only */
	enum cj_root_mode root_mode;
	int root_fd;   /* ROOT, opened once (O_PATH); every use goes by it */
	int root_tree; /* overlay, writable: detached copy of ROOT, else -1 */
	struct cj_root_entry *entries; /* read-only: ROOT's top level */
	size_t nentries;
	struct cj_bind *binds; /* in command-line order */
	size_t nbinds;
	bool filter_only; /* --filter-only: no jail steps, no cgroup */
	/*
	 * Rootless (rootless.h): capejail is in its own outer user namespace
	 * where the caller's ids are 0; CALLER_UID/GID are the caller's ids
	 * on the host (0 as root). The jail's user is the caller there.
	 */
	bool rootless;
	uid_t caller_uid;
	gid_t caller_gid;
	/* rootless: the gid an unmapped group shows as (kernel.overflowgid) */
	gid_t overflow_gid;
	/*
	 * rootless --subids: the jail's ids in the outer namespace (1 up; 0:
	 * the caller's) and on the host; without, setgroups is denied there
	 */
	uint32_t subid;
	uid_t subid_host_uid;
	gid_t subid_host_gid;
	bool setgroups_denied;
	const char *dir; /* inside the jail */
	const char *hostname;
	struct cj_user user;
	char **envp;
	struct cj_limits limits; /* defaults applied */
	/* own network namespace, loopback only (no --share-net) */
	bool new_netns;
	/* test builds only: the CLONE_NEW* flags knocked out (steps.c) */
	int ns_knocked_out;
	/* --share-net: the ports it may bind besides 0 (--allow-bind) */
	uint16_t allow_bind[CJ_MAX_BIND];
	size_t nbind;
	/* --connect: the host's addresses the broker connects to (own netns) */
	struct cj_connect connect[CJ_MAX_CONNECT];
	size_t nconnect;
	/* --no-new-code: writable mounts noexec, root read-only, memfd and
	 * execveat on a descriptor refused (nocode.c) */
	bool no_new_code;
	int landlock_abi; /* the kernel's Landlock ABI, 0: none */
	bool pty;	  /* --pty: a terminal of its own, relayed */
	/* --audit: a call the filter blocks is recorded and let through */
	bool audit;
	/*
	 * --discover-fd: the filter sends every call the policy refuses
	 * (killed or answered with an errno) to the supervisor, which writes
	 * it to this descriptor and lets it through; 0: none (the option
	 * takes 3 or more)
	 */
	int discover_fd;
	/*
	 * --grant-read, --grant-write: opened before the jail; the policy
	 * as the options made it, for the broker to judge an open first
	 * (the filter sends every open to the supervisor then)
	 */
	struct cj_grant_open grants[CJ_MAX_GRANTS];
	size_t ngrants;
	struct cj_policy grant_policy;
	struct cj_eval grant_eval;
	bool grant_eval_ready;
	/* Landlock's file system rules for the grants (landlock.c); decided
	 * by the plan (a knock-out build's environment is gone by then) */
	bool grant_landlock;
	int broker_log; /* --broker-log, appended to; -1: none */
	/* capejail's own namespaces: a step that finds itself in one stops */
	struct cj_ns_id host_ns[CJ_NS_COUNT];
	struct cj_bpf bpf;	 /* empty with -I */
	bool bpf_owned;		 /* false: none (-I) */
	bool notify;		 /* report blocked syscalls by name */
	bool steps;		 /* -v: the jail reports every step done */
	struct cj_policy policy; /* a copy, to explain a blocked syscall */
	/* the flock on the host id's lock file (idrange.h): held until freed */
	int id_lock;
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
	CJ_STEP_NET,	    /* own network: loopback, ping sockets */
	CJ_STEP_MOUNTS,	    /* the file system view, pivot_root */
	CJ_STEP_PROCMASK,   /* /proc and /sys: host leaks masked */
	CJ_STEP_INITNAME,   /* /proc/1/cmdline: not capejail's argv */
	CJ_STEP_NOCODE,	    /* --no-new-code: vm.memfd_noexec = 2 */
	CJ_STEP_HOSTNAME,   /* the jail's host name */
	CJ_STEP_CHDIR,	    /* the working directory */
	CJ_STEP_RLIMITS,    /* resource limits */
	CJ_STEP_WAIT,	    /* until the supervisor placed the cgroup */
	CJ_STEP_CGROUPNS,   /* own cgroup namespace: no host path */
	CJ_STEP_USERNS,	    /* the jail's user namespace, ids mapped */
	CJ_STEP_CREDS,	    /* the user, no capabilities, no_new_privs */
	CJ_STEP_RETIE,	    /* the credential change cleared PDEATHSIG */
	CJ_STEP_UNDUMPABLE, /* the program may not read the init */
	CJ_STEP_SIGNALS,    /* the init's signal forwarding */
	CJ_STEP_SPAWN,	    /* start the program */
	/* The program, before execve: */
	CJ_STEP_PDEATHSIG, /* dies with the init */
	CJ_STEP_SESSION,   /* no controlling terminal */
	CJ_STEP_ENV,	   /* the built environment */
	CJ_STEP_LANDLOCK,  /* abstract sockets, signals, --share-net binds */
	CJ_STEP_VERIFY,	   /* what the steps set, checked */
	CJ_STEP_SECCOMP,   /* the filter, the listener handed out */
	CJ_STEP_FDS,	   /* inherited descriptors closed */
	CJ_STEP_EXEC,	   /* execve */
	CJ_STEP_COUNT
};

/* What people are told the step was, e.g. "set up mounts". */
const char *cj_step_name(enum cj_step step);
/*
 * The exec step's detail for a script whose "#!" interpreter is missing:
 * "PATH" CJ_EXEC_INTERP "INTERPRETER".
 */
#define CJ_EXEC_INTERP ": its interpreter "

/* --audit: at most this many distinct syscalls are listed. */
#define CJ_AUDIT_MAX 32

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
	/* measured, -1 when unknown */
	int64_t prog_cpu_ms; /* the program's own CPU time when it ended */
	int64_t duration_ms; /* from the jail's start to its end */
	int64_t peak_memory; /* bytes: the cgroup's peak, else max RSS */
	/* --audit: each syscall the policy would have killed on, in order */
	struct cj_audit_entry {
		int nr;
		unsigned long count;
		pid_t pid_jail;	  /* of the first call */
		char comm[32];	  /* of the first call */
		uint64_t args[6]; /* of the first call */
	} audit[CJ_AUDIT_MAX];
	size_t naudit;
	unsigned long audit_more; /* calls of further syscalls, not listed */
	/* --grant-*, --connect: what the broker did, in order */
	struct cj_broker_entry broker[CJ_BROKER_MAX];
	size_t nbroker;
	unsigned long broker_more; /* actions past the CJ_BROKER_MAX listed */
};

/* How the jail ended, as one kind: the text report and the status fd agree. */
enum cj_ending_kind {
	CJ_END_EXITED,	     /* the program exited with a code */
	CJ_END_SIGNALED,     /* killed by a signal no limit explains */
	CJ_END_BLOCKED,	     /* a seccomp notification: the call never ran */
	CJ_END_TIME_LIMIT,   /* --time-limit expired */
	CJ_END_MEMORY_LIMIT, /* the cgroup's OOM killer ended it */
	CJ_END_PIDS_LIMIT,   /* a fork failed at --pids and it then failed */
	CJ_END_CPU_LIMIT,    /* RLIMIT_CPU, its CPU time shows it */
	CJ_END_SETUP_FAILED, /* a set-up step failed: it never ran */
	CJ_END_NO_STATUS,    /* the jail ended without the program's status */
	CJ_END_COUNT
};

struct cj_ending {
	enum cj_ending_kind kind;
	int status;	  /* capejail's exit status */
	bool have_wait;	  /* WAIT below is the program's wait status */
	int wait;	  /* as waitpid */
	bool self_raised; /* SIGXCPU/SIGSYS that no limit or filter sent */
	bool maybe_fsize; /* SIGXFSZ with a file size limit: either one */
};

/* Pure: the ending of RES under PLAN. */
void cj_ending_of(const struct cj_plan *plan, const struct cj_result *res,
		  struct cj_ending *end);
/* "exited", "blocked_syscall", ... (docs/status.schema.json). */
const char *cj_ending_name(enum cj_ending_kind kind);

/*
 * The status fd's JSON object for how the jail ended, one line with a
 * trailing newline, into BUF. 0, or -1 when BUF is too small.
 */
int cj_status_json(const struct cj_plan *plan, const struct cj_result *res,
		   char *buf, size_t len);
/* The object for a failure before the jail ran (bad root, no root...). */
int cj_status_json_error(int status, const char *message, char *buf,
			 size_t len);

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

#define CJ_REPORT_LINES 10

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

/* The caller's stdin, stdout and stderr, which the program shares. */
#define CJ_CALLER_FDS 3
/* How long the report and the status object may wait for a full pipe. */
#define CJ_STATUS_TIMEOUT_MS 5000

struct cj_caller {
	int flags[CJ_CALLER_FDS]; /* F_GETFL, -1: closed */
	bool tty[CJ_CALLER_FDS];
	struct termios tio[CJ_CALLER_FDS];
	int excl[CJ_CALLER_FDS]; /* TIOCGEXCL, -1: unknown */
};

/* Before the jail starts: the flags and terminal state of fds 0 to 2. */
void cj_caller_save(struct cj_caller *c);
/* After it ended: put them back as they were. */
void cj_caller_restore(const struct cj_caller *c);
/*
 * Write BUF to FD through a file description of capejail's own where FD is
 * a pipe or terminal, waiting at most TIMEOUT_MS for room. 0 or -errno.
 */
int cj_caller_write(int fd, const char *buf, size_t len, int timeout_ms);

/*
 * The status fd the options name (--status-fd, --status-file), checked or
 * opened, close-on-exec; -1 when none. 0 or CJ_EX_CANTCREAT with E set.
 */
int cj_statusfd_open(const struct cj_opts *o, int *fd, struct cj_err *e);
/* Write JSON there (nothing when FD is -1). 0 or -errno. */
int cj_statusfd_write(int fd, const char *json);
/*
 * FD, given to option OPT, is open for writing: made close-on-exec. 0, or
 * CJ_EX_CANTCREAT with E set.
 */
int cj_outfd_check(int fd, const char *opt, struct cj_err *e);

#endif
