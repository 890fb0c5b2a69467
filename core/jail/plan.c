/* SPDX-License-Identifier: MIT */
/*
 * opts + policy + host checks -> an immutable plan. Everything that can
 * fail for a reason the user can fix fails here, before any namespace or
 * privilege change, with a message and a distinct exit status.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "default_filter.h"
#include "jail.h"
#include "cgroup.h"
#include "idmap.h"
#include "idrange.h"
#include "rootless.h"
#include "selfpath.h"
#include "kernfile.h"

/* The default user when the root's passwd has no "nobody". */
#define NOBODY_UID "65534"

/* The jail's /etc/passwd, read safely (rootfile.c); NULL when absent. */
static int open_passwd(struct cj_plan *plan, FILE **f, char **buf,
		       struct cj_err *e)
{
	const char *shown = plan->host_root ? "" : plan->root;
	char why[96] = "";
	size_t len;
	int rc = cj_root_file_read(plan->root_fd, "/etc/passwd", buf, &len, why,
				   sizeof(why));

	*f = NULL;
	if (rc == -ENOENT)
		return 0;
	if (rc) {
		cj_err_set(e, 0, "%s/etc/passwd %s", shown,
			   why[0] ? why : strerror(-rc));
		cj_err_hint(e, "the root's /etc/passwd must be a regular file "
			       "of at most 1 MiB inside the root");
		return CJ_EX_NOROOT;
	}
	*f = fmemopen(*buf, len ? len : 1, "r");
	if (!*f)
		return cj_err_set(e, CJ_EX_SOFTWARE, "read %s/etc/passwd: %s",
				  shown, strerror(errno));
	return 0;
}

static int resolve_user(struct cj_plan *plan, const char *spec,
			struct cj_err *e)
{
	char *buf = NULL;
	FILE *f;
	int rc = open_passwd(plan, &f, &buf, e);

	if (rc)
		return rc;
	rc = cj_user_lookup_stream(spec ? spec : "nobody", f, &plan->user);
	if (rc == -ENOENT && !spec) {
		if (f)
			rewind(f);
		rc = cj_user_lookup_stream(NOBODY_UID, f, &plan->user);
	}
	if (f)
		fclose(f);
	free(buf);
	if (rc == -EINVAL)
		return cj_err_set(e, CJ_EX_NOUSER,
				  "user '%s': not a user name or uid", spec);
	if (rc) {
		cj_err_set(e, 0, "unknown user '%s' in %s/etc/passwd", spec,
			   plan->host_root ? "" : plan->root);
		cj_err_hint(e,
			    "add the user to the jail's /etc/passwd, or give "
			    "a numeric uid");
		return CJ_EX_NOUSER;
	}
	return 0;
}

/*
 * The jail's own host ids (idrange.h): locked for as long as the plan
 * lives, which is the supervisor's lifetime.
 */
static int plan_identity(struct cj_plan *plan, const struct cj_msgs *msgs,
			 struct cj_err *e)
{
	uint32_t id;
	int rc;

	if (plan->rootless && plan->subid) {
		/* --subids: a caller's subordinate id, no other jail's */
		plan->user.host_uid = (uid_t)plan->subid;
		plan->user.host_gid = (gid_t)plan->subid;
		cj_msgs_note(msgs,
			     "user %s (uid %u, gid %u in the jail) is your "
			     "subordinate uid %u, gid %u on the host "
			     "(--subids): no other jail's",
			     plan->user.name, (unsigned)plan->user.uid,
			     (unsigned)plan->user.gid,
			     (unsigned)plan->subid_host_uid,
			     (unsigned)plan->subid_host_gid);
		return 0;
	}
	if (plan->rootless) {
		/* The outer namespace's 0: the caller, nothing else. */
		plan->user.host_uid = 0;
		plan->user.host_gid = 0;
		cj_msgs_note(msgs,
			     "user %s (uid %u, gid %u in the jail) is you "
			     "(uid %u, gid %u) on the host: rootless, the "
			     "jail has no ids of its own",
			     plan->user.name, (unsigned)plan->user.uid,
			     (unsigned)plan->user.gid,
			     (unsigned)plan->caller_uid,
			     (unsigned)plan->caller_gid);
		return 0;
	}
	rc = cj_id_acquire(getpid(), &id, &plan->id_lock, e);
	if (rc)
		return rc;
	plan->user.host_uid = (uid_t)id;
	plan->user.host_gid = (gid_t)id;
	cj_msgs_note(msgs,
		     "user %s (uid %u, gid %u in the jail) is uid and "
		     "gid %u on the host",
		     plan->user.name, (unsigned)plan->user.uid,
		     (unsigned)plan->user.gid, (unsigned)id);
	if (plan->user.uid == 0)
		cj_msgs_warn(msgs,
			     "running as uid 0 of the jail's own user "
			     "namespace: not root on the host (there it is "
			     "uid %u, no account) and without capabilities; "
			     "files it creates are owned by %u on the host; "
			     "prefer an unprivileged -u USER",
			     (unsigned)id, (unsigned)id);
	return 0;
}

/* Is PATH (inside the jail) where capejail mounts a file system of its own? */
static bool under(const char *path, const char *top)
{
	size_t n = strlen(top);

	return n > 1 && strncmp(path, top, n) == 0 &&
	       (path[n] == '\0' || path[n] == '/');
}

static bool on_own_mount(const struct cj_plan *plan, const char *path)
{
	static const char *const own[] = { "/tmp", "/dev", "/proc",
					   "/var/tmp" };

	if (plan->root_mode == CJ_ROOT_WRITABLE)
		return under(path, "/tmp") || under(path, "/dev") ||
		       under(path, "/proc");
	for (size_t i = 0; i < CJ_ARRAY_SIZE(own); i++)
		if (under(path, own[i]))
			return true;
	for (size_t i = 0; i < plan->nbinds; i++)
		if (under(path, plan->binds[i].dest))
			return true;
	return under(path, plan->user.home);
}

static int not_enterable(const struct cj_plan *plan, const char *what,
			 const char *path, const struct stat *st,
			 struct cj_err *e)
{
	cj_err_set(e, 0,
		   "%s '%s' (owner %u, group %u, mode %04o) cannot be entered "
		   "by the jail's user '%s' (uid %u, gid %u)",
		   what, path, (unsigned)st->st_uid, (unsigned)st->st_gid,
		   (unsigned)(st->st_mode & 07777), plan->user.name,
		   (unsigned)plan->user.uid, (unsigned)plan->user.gid);
	if (what[0] == 'r') {
		cj_err_hint(e, "chmod o+x it, or run as its owner with -u");
		return CJ_EX_NOROOT;
	}
	cj_err_hint(e, "pick a directory that user can enter with -d (e.g. "
		       "/tmp), run as its owner with -u, or chmod o+x it");
	return CJ_EX_NODIR;
}

/*
 * Can the jail's user enter the root, and is DIR a directory inside it
 * that the user can enter (resolving symlinks in the jail)? A DIR on one
 * of capejail's own mounts is checked when the jail changes to it.
 */
static int check_dir(struct cj_plan *plan, struct cj_err *e)
{
	struct open_how how = {
		.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	/*
	 * whose files the jail's user owns: rootless, the caller's (0 here)
	 * or, with --subids, those of its subordinate id
	 */
	uid_t uid = plan->rootless ? (uid_t)plan->subid : plan->user.uid;
	gid_t gid = plan->rootless ? (gid_t)plan->subid : plan->user.gid;
	struct stat st;
	int fd;

	if (!plan->host_root && !fstat(plan->root_fd, &st) &&
	    !cj_dir_enterable(&st, uid, gid))
		return not_enterable(plan, "root directory", plan->root, &st,
				     e);
	if (on_own_mount(plan, plan->dir))
		return 0;
	fd = (int)syscall(SYS_openat2, plan->root_fd, plan->dir, &how,
			  sizeof(how));
	if (fd < 0) {
		cj_err_set(e, 0, "working directory '%s' inside '%s': %s",
			   plan->dir, plan->root, strerror(errno));
		cj_err_hint(e, "-d takes a directory that exists inside the "
			       "jail's root");
		return CJ_EX_NODIR;
	}
	if (!fstat(fd, &st) && !cj_dir_enterable(&st, uid, gid)) {
		close(fd);
		return not_enterable(plan, "working directory", plan->dir, &st,
				     e);
	}
	close(fd);
	return 0;
}

static bool handover_allowed(const struct cj_policy *p)
{
	int row = cj_table_index("sendmsg");

	return row >= 0 && p->rows[row].action == CJ_ACT_ALLOW &&
	       !cj_policy_has_conds(p, row);
}

/* The program, and the strings of the options the jail needs. */
static void plan_program(struct cj_plan *plan, const struct cj_opts *o)
{
	const char *slash = strrchr(o->argv[0], '/');

	plan->argv = o->argv;
	plan->prog = slash ? slash + 1 : o->argv[0];
	plan->dir = o->dir ? o->dir : "/";
	plan->hostname = o->hostname ? o->hostname : "capejail";
	plan->root_mode = o->root_mode;
	plan->root_fd = plan->root_tree = -1;
	plan->no_new_code = o->no_new_code;
	plan->pty = o->pty;
	plan->audit = o->audit;
	plan->discover_fd = o->discover_fd > 0 ? o->discover_fd : 0;
	plan->nconnect = o->nconnect;
	memcpy(plan->connect, o->connect, sizeof(plan->connect));
	plan->steps = o->verbose;
}

/*
 * The jail's own network namespace unless --share-net; then the ports it
 * may bind, and what holds the rest (a warning unless -q, notes with -v).
 */
static void plan_network(struct cj_plan *plan, const struct cj_opts *o,
			 const struct cj_msgs *msgs)
{
	plan->new_netns = !o->share_net;
	if (!o->share_net)
		return;
	plan->nbind = o->nbind;
	memcpy(plan->allow_bind, o->allow_bind, sizeof(plan->allow_bind));
	if (!o->quiet)
		cj_msgs_warn(msgs,
			     "--share-net: the jail shares the host's network "
			     "and reaches its loopback services; it cannot "
			     "bind the host's ports%s",
			     o->nbind ? " but those --allow-bind names" : "");
}

/* Is PATH a directory inside the root (resolved as the jail will)? */
static bool in_root_dir(const struct cj_plan *plan, const char *path)
{
	struct open_how how = {
		.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int fd =
	    (int)syscall(SYS_openat2, plan->root_fd, path, &how, sizeof(how));

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* -v: where the jail can write (layer.c makes the same choices). */
static void note_writable(const struct cj_plan *plan,
			  const struct cj_msgs *msgs)
{
	const char *home = plan->user.home;
	char top[256];

	if (plan->root_mode == CJ_ROOT_WRITABLE)
		return;
	if (!in_root_dir(plan, "/var/tmp"))
		cj_msgs_note(msgs, "root: no /var/tmp directory in the root: "
				   "no tmpfs there");
	snprintf(top, sizeof(top), "%s", home);
	if (strchr(top + 1, '/'))
		*strchr(top + 1, '/') = '\0';
	if (!strcmp(home, "/"))
		cj_msgs_note(msgs, "home: '/': no home tmpfs");
	else if (in_root_dir(plan, home) || plan->root_mode == CJ_ROOT_OVERLAY)
		cj_msgs_note(msgs, "home: tmpfs at %s", home);
	else if (!in_root_dir(plan, top))
		cj_msgs_note(msgs,
			     "home: tmpfs at %s, made in capejail's "
			     "layer (%s is not in the root)",
			     home, top);
	else
		cj_msgs_note(msgs,
			     "home: %s is not in the root and %s is the "
			     "root's own: no home tmpfs",
			     home, top);
}

/*
 * The root's files owned by the jail user's ids (root's, with -u 0) are
 * the jail's own, as the image intends: the read-only entries and the
 * overlay's lower layer are idmapped "J -> H". Nothing is written on the
 * host through them (read-only; copy-ups land in the overlay's tmpfs).
 * --writable-root is not mapped: the jail writes there as H, where the
 * modes let it. A read-only entry on a file system without idmapped
 * mounts stays unmapped (its files then belong to no one in the jail);
 * the overlay's lower layer must be mapped.
 */
static int root_idmap(struct cj_plan *plan, const struct cj_msgs *msgs,
		      struct cj_err *e)
{
	struct cj_err ignored;
	int ns, rc = 0;

	if (plan->root_mode == CJ_ROOT_WRITABLE)
		return 0;
	if (plan->rootless && plan->subid) {
		cj_msgs_note(msgs, "root: not idmapped (rootless: idmapped "
				   "mounts need root); none of its files are "
				   "the jail user's (--subids): their modes "
				   "decide");
		return 0;
	}
	if (plan->rootless) {
		cj_msgs_note(msgs,
			     "root: not idmapped (rootless: idmapped "
			     "mounts need root); the root's files of "
			     "uid %u are the jail user's",
			     (unsigned)plan->caller_uid);
		return 0;
	}
	ns = cj_idmap_userns_fd(plan->user.uid, plan->user.gid,
				plan->user.host_uid, plan->user.host_gid, e);
	if (ns < 0)
		return CJ_EX_OSERR;
	if (plan->root_mode == CJ_ROOT_OVERLAY)
		rc = cj_idmap_apply(plan->root_tree, ns, plan->root, e);
	for (size_t i = 0; i < plan->nentries; i++)
		if (plan->entries[i].tree >= 0 &&
		    cj_idmap_apply(plan->entries[i].tree, ns,
				   plan->entries[i].name, &ignored))
			cj_msgs_note(msgs, "root: /%s not idmapped: %s",
				     plan->entries[i].name, ignored.msg);
	close(ns);
	if (!rc)
		cj_msgs_note(msgs,
			     "root: its files of uid %u gid %u are the jail "
			     "user's",
			     (unsigned)plan->user.uid,
			     (unsigned)plan->user.gid);
	return rc;
}

/* The root's mode: which, a warning for --writable-root, the trees. */
static int plan_root(struct cj_plan *plan, const struct cj_opts *o,
		     const struct cj_msgs *msgs, struct cj_err *e)
{
	static const char *const mode[] = {
		[CJ_ROOT_READONLY] = "read-only, writable tmpfs at /tmp, "
				     "/dev/shm, /var/tmp and the home",
		[CJ_ROOT_OVERLAY] = "overlay: writes go to a bounded tmpfs and "
				    "vanish with the jail",
		[CJ_ROOT_WRITABLE] = "read-write (--writable-root)",
	};
	int rc;

	if (plan->root_mode == CJ_ROOT_WRITABLE && plan->host_root)
		return cj_err_set(e, CJ_EX_USAGE,
				  "--writable-root needs -r DIR: the host's "
				  "root is never writable");
	/* The root jail's own host id reads only what others may. */
	if (plan->rootless && !plan->subid && plan->host_root && !o->quiet)
		cj_msgs_warn(msgs, "rootless without -r: the jail sees the "
				   "host's files as you, and reads what you "
				   "may read (your home among them); give it "
				   "a root of its own with -r DIR");
	if (plan->root_mode == CJ_ROOT_WRITABLE && !o->quiet)
		cj_msgs_warn(msgs,
			     "--writable-root: the jail writes to '%s' on the "
			     "host; its writes persist and are shared between "
			     "runs",
			     plan->root);
	cj_msgs_note(msgs, "root: %s: %s", plan->root, mode[plan->root_mode]);
	note_writable(plan, msgs);
	rc = cj_root_trees(plan, msgs, e);
	return rc ? rc : root_idmap(plan, msgs, e);
}

/*
 * Root of the initial user namespace builds the jail directly; anyone
 * else rootless (rootless.h), root of a user namespace too. A
 * setuid or setgid capejail is refused: it would build a root jail with
 * the caller's --bind paths, which the caller may not be allowed to read.
 */
static int check_caller(struct cj_plan *plan, const struct cj_msgs *msgs,
			struct cj_err *e)
{
	int64_t overflow;

	if (getuid() != geteuid() || getgid() != getegid()) {
		cj_err_set(e, 0,
			   "capejail is installed setuid or setgid (uid %u, "
			   "euid %u): it is not made for that",
			   (unsigned)getuid(), (unsigned)geteuid());
		cj_err_hint(e, "remove the bit (chmod u-s,g-s); ordinary users "
			       "run capejail rootless, without it");
		return CJ_EX_NOPERM;
	}
	plan->rootless = cj_rootless_needed();
	if (!plan->rootless)
		return 0;
	plan->caller_uid = getuid();
	plan->caller_gid = getgid();
	overflow = cj_read_number("/proc/sys/kernel/overflowgid");
	plan->overflow_gid = overflow < 0 ? 65534 : (gid_t)overflow;
	cj_msgs_note(msgs,
		     "rootless: capejail runs as uid %u, in a user namespace "
		     "of its own (docs/rootless.md)",
		     (unsigned)plan->caller_uid);
	return 0;
}

/*
 * Rootless, once ROOT is open and checked in the host's view: enter the
 * outer user namespace and open ROOT again there.
 */
static int enter_rootless(struct cj_plan *plan, bool subids,
			  const struct cj_msgs *msgs, struct cj_err *e)
{
	struct cj_rootless_ids ids = { .uid = plan->caller_uid,
				       .gid = plan->caller_gid };
	uint32_t slot = 0;
	int rc = subids ? cj_subid_acquire(&ids, &slot, &plan->id_lock, e) : 0;

	if (!rc)
		rc = cj_rootless_enter(&ids, e);
	if (!rc)
		rc = cj_root_reopen(plan, e);
	if (rc)
		return rc;
	plan->subid = slot;
	plan->subid_host_uid = (uid_t)(ids.su.start + slot - 1);
	plan->subid_host_gid = (gid_t)(ids.sg.start + slot - 1);
	plan->setgroups_denied = !subids;
	if (plan->setgroups_denied && getgroups(0, NULL) > 0)
		cj_msgs_note(msgs,
			     "rootless: your %d supplementary groups stay with "
			     "the jail, shown as gid %u (setgroups needs root "
			     "or --subids): what they may read, the jail may "
			     "read",
			     getgroups(0, NULL), (unsigned)plan->overflow_gid);
	return 0;
}

/* capejail's own namespaces, which no step of the jail may change. */
static int plan_namespaces(struct cj_plan *plan, struct cj_err *e)
{
	int proc = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC), rc = 0;

	for (int ns = 0; ns < CJ_NS_COUNT && !rc && proc >= 0; ns++)
		rc = cj_ns_read(proc, (enum cj_ns)ns, &plan->host_ns[ns]);
	if (proc < 0)
		rc = -errno;
	else
		close(proc);
	if (!rc)
		return 0;
	cj_err_set(e, 0, "read capejail's namespaces in /proc/self/ns: %s",
		   strerror(-rc));
	cj_err_hint(e, "capejail needs /proc mounted");
	return CJ_EX_OSERR;
}

/* Asked once, here: the program's Landlock step uses the answer. */
static void plan_landlock(struct cj_plan *plan, const struct cj_msgs *msgs)
{
	plan->landlock_abi = cj_landlock_abi();
	if (plan->landlock_abi >= CJ_LANDLOCK_ABI_SCOPE)
		cj_msgs_note(msgs,
			     "landlock: abstract unix sockets and signals "
			     "scoped to the jail (ABI %d)",
			     plan->landlock_abi);
	else
		cj_msgs_note(msgs,
			     "landlock: scoping unavailable (kernel older than "
			     "6.12): under --share-net the jail can connect to "
			     "the host's abstract unix sockets");
	if (plan->new_netns)
		return;
	if (plan->landlock_abi >= CJ_LANDLOCK_ABI_NET)
		cj_msgs_note(msgs,
			     "landlock: TCP bind limited to the --allow-bind "
			     "ports (ABI %d)",
			     plan->landlock_abi);
	else
		cj_msgs_note(msgs,
			     "landlock: network rules unavailable (kernel "
			     "older than 6.7): TCP binds are held by the "
			     "supervisor alone");
}

/* The environment and the plan's own copy of the policy. */
static int plan_copies(struct cj_plan *plan, const struct cj_opts *o,
		       const struct cj_policy *policy, struct cj_err *e)
{
	plan->envp = cj_env_build(&plan->user, getenv("TERM"), o->env, o->nenv);
	if (!plan->envp)
		return cj_err_set(e, CJ_EX_SOFTWARE,
				  "build the environment: out of memory");
	if (cj_policy_copy(&plan->policy, policy))
		return cj_err_set(e, CJ_EX_SOFTWARE,
				  "copy the policy: out of memory");
	return 0;
}

/* The kernel loads at most BPF_MAXINSNS instructions (a 16-bit count). */
static int check_filter_size(const struct cj_bpf *bpf, struct cj_err *e)
{
	if (bpf->len <= BPF_MAXINSNS)
		return 0;
	cj_err_set(e, 0,
		   "the seccomp filter is too long: %zu BPF instructions, the "
		   "kernel loads at most %d",
		   bpf->len, BPF_MAXINSNS);
	cj_err_hint(e, "the policy's argument conditions make the filter; "
		       "fewer of them, or fewer values in each, make it "
		       "shorter");
	return CJ_EX_PROFILE;
}

/*
 * The filter: none with -I, the build-time one for the default policy,
 * else compiled now.
 */
static int plan_filter(struct cj_plan *plan, const struct cj_opts *o,
		       const struct cj_bpf *precompiled,
		       const struct cj_msgs *msgs, struct cj_err *e)
{
	int rc;

	if (o->insecure) {
		/*
		 * Asked for twice (-I with -q, as discover runs the jail
		 * under strace): the user knows, say nothing.
		 */
		if (!o->quiet)
			cj_msgs_warn(msgs,
				     "-I/--insecure: NO seccomp filter is "
				     "loaded; the program may make any "
				     "syscall. Never use this in "
				     "production.");
		return 0;
	}
	/*
	 * The program hands the notification listener to us with sendmsg
	 * after its filter is loaded: a policy that does not allow sendmsg
	 * would block that hand-over forever. Keep the policy as written and
	 * kill without naming the syscall instead.
	 */
	plan->notify = handover_allowed(&plan->policy);
	if (plan->nconnect && !plan->notify) {
		cj_err_set(e, 0,
			   "--connect: the policy does not allow sendmsg, with "
			   "which the program hands capejail the filter's "
			   "listener: every connect would kill the jail");
		cj_err_hint(e,
			    "allow sendmsg in the profile, or drop --connect");
		return CJ_EX_PROFILE;
	}
	if (plan->nconnect)
		for (size_t i = 0; i < plan->nconnect; i++)
			cj_msgs_note(msgs,
				     "--connect %s: a TCP connect() to it is "
				     "made by the supervisor from the host's "
				     "network",
				     plan->connect[i].spec);
	if (plan->audit && !plan->notify) {
		cj_err_set(e, 0,
			   "--audit: the policy does not allow sendmsg, with "
			   "which the program hands capejail the filter's "
			   "listener: nothing could be recorded");
		cj_err_hint(e, "allow sendmsg in the profile, or drop --audit");
		return CJ_EX_PROFILE;
	}
	if (plan->audit && !o->quiet)
		cj_msgs_warn(
		    msgs,
		    "--audit: a call the policy blocks is recorded "
		    "and ALLOWED (listed at the end): the filter "
		    "protects nothing but foreign ABIs; %s. For "
		    "trying a program before enforcing, never for "
		    "untrusted code.",
		    plan->filter_only
			? "with --filter-only nothing else is "
			  "enforced but no_new_privs, Landlock scoping "
			  "and rlimits"
			: "every other layer holds");
	if (!plan->notify)
		cj_msgs_warn(
		    msgs,
		    "the policy does not allow sendmsg, which capejail needs "
		    "to learn which syscall was blocked: a blocked syscall "
		    "kills the program without being named%s",
		    plan->new_netns ? ""
				    : ", and under --share-net bind and listen "
				      "kill instead of being decided");
	else if (!plan->new_netns)
		cj_msgs_note(msgs,
			     "--share-net: the supervisor decides bind and "
			     "listen (TCP/UDP: port 0 and --allow-bind ports "
			     "only; unix sockets: refused); not enforceable: "
			     "the abstract name the kernel picks itself when "
			     "an unbound unix socket sends with SO_PASSCRED "
			     "(random, so nothing is squatted)");
	/* with the precompiled grant filter, the policy is the default */
	rc = cj_grants_policy(plan, precompiled ? &cj_default_filter : NULL, e);
	if (rc)
		return rc;
	plan->bpf_owned = true;
	rc = precompiled ? cj_bpf_copy(&plan->bpf, precompiled)
	     : plan->discover_fd > 0
		 ? cj_filter_build_mode(&plan->policy, CJ_NOTIFY_ALL, 2,
					&plan->bpf)
		 : cj_filter_build(&plan->policy, plan->notify, &plan->bpf);
	if (rc)
		return cj_err_set(e, CJ_EX_SOFTWARE,
				  "build the seccomp filter: %s",
				  strerror(-rc));
	/* The uid and gid calls are allowed with the jail's own ids only. */
	cj_bpf_bind_ids(&plan->bpf, plan->user.uid, plan->user.gid);
	cj_msgs_note(msgs, "seccomp filter: %s%zu BPF instructions",
		     precompiled ? "the precompiled default, " : "",
		     plan->bpf.len);
	return check_filter_size(&plan->bpf, e);
}

/*
 * --filter-only: the caller's own ids, file system, working directory and
 * environment (with -e added); only the limits that are rlimits, and none
 * of the jail's defaults but core dumps off (cli.c refused the rest).
 */
static int plan_filter_only(struct cj_plan *plan, const struct cj_opts *o,
			    const struct cj_policy *policy,
			    const struct cj_bpf *precompiled,
			    const struct cj_msgs *msgs, struct cj_err *e)
{
	struct cj_limits *l = &plan->limits;
	int rc;

	plan->filter_only = true;
	plan->dir = o->dir ? o->dir : ".";
	snprintf(plan->root, sizeof(plan->root), "/");
	plan->user.uid = getuid();
	plan->user.gid = getgid();
	*l = o->limits;
	l->cgroup = 0;
	l->memory = l->pids = l->tmp_size = CJ_LIMIT_NONE;
	if (l->fsize == CJ_LIMIT_DEFAULT)
		l->fsize = CJ_LIMIT_NONE;
	if (l->nofile == CJ_LIMIT_DEFAULT)
		l->nofile = CJ_LIMIT_NONE;
	cj_limits_resolve(l);
	l->tmp_size = CJ_LIMIT_NONE; /* no tmpfs of its own */
	cj_msgs_note(msgs, "--filter-only: no namespaces, no root change, no "
			   "cgroup, no change of user: no_new_privs and the "
			   "seccomp filter, Landlock scoping and rlimits");
	cj_limits_describe(l, msgs);
	plan_landlock(plan, msgs);
	plan->envp = cj_env_inherit(o->env, o->nenv);
	if (!plan->envp)
		return cj_err_set(e, CJ_EX_SOFTWARE,
				  "build the environment: out of memory");
	if (cj_policy_copy(&plan->policy, policy))
		return cj_err_set(e, CJ_EX_SOFTWARE,
				  "copy the policy: out of memory");
	rc = plan_filter(plan, o, precompiled, msgs, e);
	if (rc)
		cj_plan_free(plan);
	return rc;
}

int cj_plan_build(struct cj_plan *plan, const struct cj_opts *o,
		  const struct cj_policy *policy,
		  const struct cj_bpf *precompiled, const struct cj_msgs *msgs,
		  struct cj_err *e)
{
	int rc;

	memset(plan, 0, sizeof(*plan));
	plan->id_lock = -1;
	plan->broker_log = -1;
	plan_program(plan, o);
	if (o->filter_only)
		return plan_filter_only(plan, o, policy, precompiled, msgs, e);
	plan_network(plan, o, msgs);
	rc = check_caller(plan, msgs, e);
	if (!rc) /* in the host's view, before any namespace */
		rc = cj_grants_open(plan, o, msgs, e);
	if (!rc)
		rc = plan_namespaces(plan, e);
	if (!rc)
		rc = cj_root_open(plan, o->root, o->untrusted_root, msgs, e);
	if (!rc && plan->rootless)
		rc = enter_rootless(plan, o->subids, msgs, e);
	else if (!rc && o->subids)
		cj_msgs_note(msgs, "--subids: as root the jail has a host id "
				   "of its own anyway");
	if (!rc)
		rc = resolve_user(plan, o->user, e);
	plan->limits = o->limits;
	plan->limits.cgroup = plan->rootless ? 0 : cj_cgroup_detect();
	cj_limits_resolve(&plan->limits);
	if (!rc)
		rc = cj_binds_open(plan, o, msgs, e);
	if (!rc)
		rc = check_dir(plan, e);
	plan->ns_knocked_out = cj_knockout_ns();
	if (!rc)
		rc = plan_identity(plan, msgs, e);
	if (!rc)
		rc = cj_binds_idmap(plan, msgs, e);
	if (!rc)
		rc = plan_root(plan, o, msgs, e);
	if (!rc && cj_plan_fds_raise(plan))
		rc = cj_err_set(e, CJ_EX_OSERR, "move descriptors: %s",
				strerror(errno));
	if (rc) {
		cj_plan_free(plan);
		return rc;
	}
	cj_limits_describe(&plan->limits, msgs);
	plan_landlock(plan, msgs);
	if (plan->rootless && plan->no_new_code)
		cj_msgs_note(msgs,
			     "--no-new-code (rootless): vm.memfd_noexec "
			     "needs host root; the filter refuses "
			     "memfd_create without MFD_NOEXEC_SEAL instead");
	rc = plan_copies(plan, o, policy, e);
	if (!rc)
		rc = plan_filter(plan, o, precompiled, msgs, e);
	if (rc)
		cj_plan_free(plan);
	return rc;
}

void cj_plan_free(struct cj_plan *plan)
{
	cj_binds_free(plan);
	cj_root_free(plan);
	if (plan->id_lock >= 0)
		close(plan->id_lock); /* the host id is free again */
	plan->id_lock = -1;
	cj_env_free(plan->envp);
	plan->envp = NULL;
	if (plan->bpf_owned)
		cj_bpf_free(&plan->bpf);
	plan->bpf_owned = false;
	cj_policy_free(&plan->policy);
	cj_grants_close(plan);
}
