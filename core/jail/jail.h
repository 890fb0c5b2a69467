/* SPDX-License-Identifier: MIT */
/*
 * Internal interface between the supervisor (outside) and the jail's init
 * and program (inside), and the step table both sides read. Not part of
 * the public API.
 */
#ifndef CAPEJAIL_JAIL_H
#define CAPEJAIL_JAIL_H

#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <stddef.h>
#include <sys/types.h>

#include "capejail.h"
#include "compiler.h"

/* File descriptors the jail's init holds, at fixed numbers. */
enum {
	CJ_FD_STATUS = 3, /* write end of the status pipe */
	CJ_FD_LIFELINE =
	    4,		  /* read end: "go", "mapped", EOF = supervisor gone */
	CJ_FD_NOTIFY = 5, /* socket carrying the seccomp listener fd out */
	CJ_FD_FIRST_FREE = 6,
};

/* Messages on the status pipe (each one atomic: smaller than PIPE_BUF). */
enum cj_msg_type {
	CJ_MSG_SETUP_ERROR = 1, /* a step failed; the program never ran */
	CJ_MSG_EXIT = 2,    /* the program ended; status is its wait status */
	CJ_MSG_WARNING = 3, /* set-up goes on, weaker than asked: say so */
	CJ_MSG_USERNS = 4,  /* the init entered its user namespace: map it */
	CJ_MSG_STEP = 5,    /* -v: a step done; step, detail (may be empty) */
};

/* The supervisor's bytes on the lifeline pipe, in this order. */
#define CJ_LIFELINE_GO	   'g' /* the cgroup is in place */
#define CJ_LIFELINE_MAPPED 'm' /* uid_map and gid_map are written */

/* What a CJ_MSG_WARNING is about (status.c holds the words). */
enum cj_warning {
	CJ_WARN_CHROOT, /* no pivot_root here: chroot instead */
	CJ_WARN_COUNT
};

struct cj_msg {
	int type;	   /* enum cj_msg_type */
	int step;	   /* SETUP_ERROR, STEP: enum cj_step */
	int warning;	   /* WARNING: enum cj_warning */
	int err;	   /* SETUP_ERROR: errno */
	int code;	   /* SETUP_ERROR: capejail's exit status */
	int status;	   /* EXIT: wait status */
	int64_t cpu_ms;	   /* EXIT: the program's own CPU time, -1 unknown */
	int64_t maxrss_kb; /* EXIT: its peak RSS (and its reaped children's) */
	char detail[256];  /* SETUP_ERROR, STEP: the object, e.g. a path */
};

/* Inside the jail: sent by the init or the program, never after exec. */
CJ_NORETURN void cj_status_fail(enum cj_step step, int err, int code,
				const char *detail);
void cj_status_exit(int wait_status, int64_t cpu_ms, int64_t maxrss_kb);
void cj_status_warn(enum cj_warning w);
/* The init is in its new user namespace and waits for its maps. */
void cj_status_userns(void);
void cj_status_step(enum cj_step step, const char *detail);
/* In the supervisor: the words for a warning from the jail. */
const char *cj_warning_text(int w);

/* What the steps share inside the jail. */
struct cj_jail {
	const struct cj_plan *plan;
	int host_proc; /* the host's /proc (O_PATH), until the program runs */
	sigset_t sigs; /* the init's forwarded signals and SIGCHLD */
	int sfd;       /* their signalfd */
	pid_t prog;    /* the program, once started */
	int fail_code; /* a step's own exit status for its failure, 0: row's */
};

/* Which process runs a step. */
enum cj_runner {
	CJ_BY_INIT,    /* the jail's init (PID 1), before it spawns */
	CJ_BY_PROGRAM, /* the program, before execve */
};

/* A step: 0, or -errno with the object named in DETAIL. */
typedef int cj_step_fn(struct cj_jail *j, char *detail, size_t len);
/*
 * In a step (or a helper with its DETAIL and LEN): name WHAT and return
 * -errno, EPERM when a check failed without one.
 */
#define CJ_STEP_FAIL(what)                           \
	do {                                         \
		int e_ = errno ? errno : EPERM;      \
		snprintf(detail, len, "%s", (what)); \
		return -e_;                          \
	} while (0)

/*
 * Run BY's rows of the step table (steps.c) in order. The first that fails is
 * reported on the status pipe and the process exits with the row's status.
 */
void cj_steps_run(struct cj_jail *j, enum cj_runner by);
/*
 * Test builds (`make knockout`): is layer NAME knocked out by
 * CJ_KNOCKOUT_LAYER (comma-separated: pid, ipc, uts and net, the
 * namespaces; cgroup, the jail's cgroup and its limits; timer, the time
 * limit; broker, the --share-net broker's rules and --connect's and the
 * grants' single read of the address or path (read again before acting);
 * grant_beneath, grant_flags and grant_landlock, the grants' resolution
 * beneath the granted directory, their flags check and their Landlock
 * rules; callerfds, the init's
 * closing of the caller's descriptors; dumpable, the init left dumpable
 * as fs.suid_dumpable=1 leaves it; restore, the caller's terminal state
 * put back at exit)? Always false otherwise.
 */
bool cj_layer_knocked_out(const char *name);
/* The CLONE_NEW* flags of the namespaces knocked out. */
int cj_knockout_ns(void);

/* Does the jail have a PID namespace of its own (its init ends it all)? */
static inline bool cj_own_pidns(const struct cj_plan *plan)
{
	return !plan->filter_only && !(plan->ns_knocked_out & CLONE_NEWPID);
}

/* The words for a step done, for -v: "set up mounts (init)". */
const char *cj_step_runner(enum cj_step step);

/* The supervisor's listener (notify.c): received once, -1 on failure. */
int cj_notify_recv_listener(int sock);
/*
 * Read one notification; the first blocked syscall goes into RES. Returns
 * false when the broker answered it (--share-net: bind, listen) and the
 * jail goes on; true when the jail must be killed.
 */
bool cj_notify_read(int listener, const struct cj_plan *plan,
		    struct cj_result *res);

/*
 * The rule that blocked syscall NR (its name into NAME): the argument
 * rule's rationale when the policy has conditions on it (*ARGRULE), else
 * the table row's.
 */
const char *cj_blocked_rule(const struct cj_plan *plan, int nr, char *name,
			    size_t len, bool *argrule);

/* In the child, before anything else. Never returns. */
CJ_NORETURN void cj_child_main(const struct cj_plan *plan);

/*
 * The identity of the caller's namespace NS, read through PROC, a /proc
 * directory fd that shows the caller. 0 or -errno.
 */
int cj_ns_read(int proc, enum cj_ns ns, struct cj_ns_id *out);
/*
 * Before a step changes a per-namespace setting: 0 when the caller's NS
 * namespace is not capejail's own (the plan's), else -errno with DETAIL.
 */
int cj_ns_prove_own(const struct cj_jail *j, enum cj_ns ns, char *detail,
		    size_t len);

/*
 * In the supervisor, on CJ_MSG_USERNS: write "J H 1" to the uid_map and
 * gid_map of INIT (J the jail's ids, H the host's). 0, or -errno with the
 * file in DETAIL.
 */
int cj_userns_map(pid_t init, const struct cj_user *u, char *detail,
		  size_t len);

/* CLONE_NEWNET when the plan gives the jail its own network, else 0. */
int cj_net_clone_flags(const struct cj_plan *plan);
/* Landlock ABI version, 0 without Landlock; asked once, by the plan. */
int cj_landlock_abi(void);

/* --grant-read, --grant-write (grants.c): open the grants, in the host's
 * view; then make the broker's judge and send opens to the supervisor. */
int cj_grants_open(struct cj_plan *plan, const struct cj_opts *o,
		   const struct cj_msgs *msgs, struct cj_err *e);
int cj_grants_policy(struct cj_plan *plan, const struct cj_bpf *policy_bpf,
		     struct cj_err *e);
void cj_grants_close(struct cj_plan *plan);
/* What the jail's /proc/1/cmdline and comm say (init.c). */
#define CJ_INIT_NAME "init"

/* The first ABI that scopes abstract unix sockets and signals (6.12). */
#define CJ_LANDLOCK_ABI_SCOPE 6
/* The first ABI with network rules: TCP bind and connect (6.7). */
#define CJ_LANDLOCK_ABI_NET 4
/* ... and file system rules that allow reparenting (REFER): grants */
#define CJ_LANDLOCK_ABI_FS 2

/*
 * The root and the binds, prepared by the plan before the jail starts
 * (rootfs.c, binds.c, rootfile.c, trust.c) and attached by the mount step
 * (mount.c, layer.c).
 */
/* Attributes of every writable mount capejail makes (one place). */
unsigned cj_writable_attrs(const struct cj_plan *plan);
/* A detached copy of DIRFD/PATH ("" for DIRFD) with ATTRS: fd or -errno. */
int cj_clone_tree(int dirfd, const char *path, bool recursive, unsigned attrs);
/* Open and check ROOT (NULL: the host's); CJ_EX_* with E set. */
int cj_root_open(struct cj_plan *plan, const char *root, bool accept,
		 const struct cj_msgs *msgs, struct cj_err *e);
/* The detached trees the jail's root is made of. */
int cj_root_trees(struct cj_plan *plan, const struct cj_msgs *msgs,
		  struct cj_err *e);
void cj_root_free(struct cj_plan *plan);
int cj_binds_open(struct cj_plan *plan, const struct cj_opts *o,
		  const struct cj_msgs *msgs, struct cj_err *e);
/* After the identity: idmap each --bind to SRC's owner (binds.c). */
int cj_binds_idmap(struct cj_plan *plan, const struct cj_msgs *msgs,
		   struct cj_err *e);
void cj_binds_free(struct cj_plan *plan);
/* Move the plan's descriptors to CJ_FD_FIRST_FREE and up. 0 or -errno. */
int cj_plan_fds_raise(struct cj_plan *plan);
/* The plan's open descriptors, sorted, in a heap array. 0 or -ENOMEM. */
int cj_plan_fds(const struct cj_plan *plan, int **out, size_t *n);
/*
 * trust.c: pure rules. WHY gets the reason when false. CALLER: the
 * rootless caller's uid, whose directories are trusted too; 0 as root.
 */
bool cj_dir_trusted(const struct stat *st, const struct stat *next,
		    uid_t caller, char *why, size_t len);
/* Rootless: ROOT opened again in capejail's own mount namespace. */
int cj_root_reopen(struct cj_plan *plan, struct cj_err *e);
bool cj_dir_enterable(const struct stat *st, uid_t uid, gid_t gid);

/* The largest passwd file capejail reads from a root. */
#define CJ_ROOT_FILE_MAX (1 << 20)
/*
 * PATH beneath ROOTFD, safely (rootfile.c): 0 with a NUL-ended heap copy,
 * or -errno (-ENOENT: absent) with WHY set for the unsafe cases.
 */
int cj_root_file_read(int rootfd, const char *path, char **out, size_t *len,
		      char *why, size_t whylen);

/*
 * The steps, each in the file of its layer: cj_FILE_WHAT is in FILE.c
 * (steps.c holds their order).
 */
cj_step_fn cj_lifeline_tie, cj_lifeline_wait, cj_lifeline_pdeathsig;
cj_step_fn cj_net_setup;
cj_step_fn cj_mount_setup, cj_mount_chdir;
cj_step_fn cj_uts_hostname;
cj_step_fn cj_rlimit_apply;
cj_step_fn cj_userns_enter;
cj_step_fn cj_creds_drop;
cj_step_fn cj_init_undumpable, cj_init_signals, cj_init_spawn;
cj_step_fn cj_initname_set;
/* The memory map fields of /proc/self/stat TEXT into MAP (initname.c). */
struct prctl_mm_map;
int cj_initname_parse_stat(const char *text, struct prctl_mm_map *map);
cj_step_fn cj_procmask_apply;
cj_step_fn cj_cgroupns_enter;
cj_step_fn cj_nocode_memfd;
/*
 * --no-new-code's filter rules (nocode.c): execveat on a descriptor fails;
 * ROOTLESS, memfd_create without MFD_NOEXEC_SEAL fails too.
 */
int cj_nocode_policy(struct cj_policy *p, bool rootless);
cj_step_fn cj_program_session, cj_program_exec;
cj_step_fn cj_env_install;
cj_step_fn cj_landlock_scope;
cj_step_fn cj_seccomp_load;
cj_step_fn cj_fds_close;
cj_step_fn cj_verify_program;

/* Uid 0 gains nothing at exec; uid changes clear capabilities (creds.c). */
#define CJ_SECUREBITS                                                  \
	(SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |                        \
	 SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_NO_CAP_AMBIENT_RAISE | \
	 SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED)
/*
 * Is the process what creds.c made it: U's ids only, no groups, every
 * capability set empty, CJ_SECUREBITS, no_new_privs? 0 or -errno with
 * DETAIL naming the check (verify.c).
 */
int cj_verify_creds(const struct cj_plan *plan, char *detail, size_t len);
/* 0 if the process is not dumpable, else -EPERM (verify.c). */
int cj_verify_undumpable(void);

#endif
