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

#include "jail.h"
#include "cgroup.h"
#include "selfpath.h"

/* The default user when the root's passwd has no "nobody". */
#define NOBODY_UID "65534"

static int check_root(struct cj_plan *plan, const char *root, struct cj_err *e)
{
	struct stat st;

	if (!root) {
		plan->host_root = true;
		snprintf(plan->root, sizeof(plan->root), "/");
		return 0;
	}
	if (!realpath(root, plan->root)) {
		char mkroot[CJ_CMD_LEN];

		cj_err_set(e, 0, "root directory '%s': %s", root,
			   strerror(errno));
		cj_err_hint(
		    e, "build one (as root) with: %s %s",
		    cj_command("capejail-mkroot", mkroot, sizeof(mkroot)),
		    root);
		return CJ_EX_NOROOT;
	}
	if (stat(plan->root, &st) || !S_ISDIR(st.st_mode)) {
		cj_err_set(e, 0, "root directory '%s' is not a directory",
			   root);
		cj_err_hint(
		    e, "-r takes the directory that becomes / in the jail");
		return CJ_EX_NOROOT;
	}
	return 0;
}

/* ROOT/PATH, resolving symlinks as the jail will (never out of the root). */
static FILE *open_in_root(const char *root, const char *path)
{
	struct open_how how = {
		.flags = O_RDONLY | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC), fd;
	FILE *f;

	if (rootfd < 0)
		return NULL;
	fd = (int)syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
	close(rootfd);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, "re");
	if (!f)
		close(fd);
	return f;
}

static int resolve_user(struct cj_plan *plan, const char *spec,
			const struct cj_msgs *msgs, struct cj_err *e)
{
	FILE *f = open_in_root(plan->root, "/etc/passwd");
	int rc;

	rc = cj_user_lookup_stream(spec ? spec : "nobody", f, &plan->user);
	if (rc == -ENOENT && !spec) {
		if (f)
			rewind(f);
		rc = cj_user_lookup_stream(NOBODY_UID, f, &plan->user);
	}
	if (f)
		fclose(f);
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
	if (plan->user.uid == 0)
		cj_msgs_warn(msgs,
			     "running as uid 0 inside the jail (still without "
			     "capabilities); prefer an unprivileged -u USER");
	return 0;
}

/* Is DIR a directory inside the root, resolving symlinks in the jail? */
/*
 * Every directory on the way to the working directory (below the root)
 * must be searchable by the jail's user, or every command in the jail
 * fails with "Permission denied". ROOTFD: the root. 0 or CJ_EX_NODIR.
 */
static int check_dir_access(const struct cj_plan *plan, int rootfd,
			    struct cj_err *e)
{
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	char prefix[PATH_MAX];
	const char *p = plan->dir;
	struct stat st;

	while (*p) {
		size_t skip = strspn(p, "/"), len;
		int fd;

		p += skip;
		if (!*p)
			break;
		p += strcspn(p, "/");
		len = (size_t)(p - plan->dir);
		snprintf(prefix, sizeof(prefix), "%.*s", (int)len, plan->dir);
		fd = (int)syscall(SYS_openat2, rootfd, prefix, &how,
				  sizeof(how));
		if (fd < 0)
			return 0; /* openat2 missing: the jail will say */
		if (fstat(fd, &st)) {
			close(fd);
			return 0;
		}
		close(fd);
		if (S_ISDIR(st.st_mode) &&
		    !cj_user_may_enter(&plan->user, st.st_mode, st.st_uid,
				       st.st_gid)) {
			cj_err_set(e, 0,
				   "working directory '%s': user '%s' (uid "
				   "%u) cannot enter '%s' in the jail's root "
				   "(mode %04o, owner %u:%u)",
				   plan->dir, plan->user.name,
				   (unsigned)plan->user.uid, prefix,
				   (unsigned)(st.st_mode & 07777),
				   (unsigned)st.st_uid, (unsigned)st.st_gid);
			cj_err_hint(e,
				    "pick a directory that user can enter "
				    "with -d (e.g. /tmp), run as its owner "
				    "with -u, or make '%s%s' searchable "
				    "(chmod o+x)",
				    strcmp(plan->root, "/") ? plan->root : "",
				    prefix);
			return CJ_EX_NODIR;
		}
	}
	return 0;
}

static int check_dir(struct cj_plan *plan, struct cj_err *e)
{
	struct open_how how = {
		.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int rootfd = open(plan->root, O_PATH | O_DIRECTORY | O_CLOEXEC), fd;
	int rc = 0;

	if (rootfd < 0)
		return cj_err_set(e, CJ_EX_NOROOT, "root directory '%s': %s",
				  plan->root, strerror(errno));
	fd = (int)syscall(SYS_openat2, rootfd, plan->dir, &how, sizeof(how));
	if (fd < 0 && errno != ENOSYS) {
		cj_err_set(e, 0, "working directory '%s' inside '%s': %s",
			   plan->dir, plan->root, strerror(errno));
		cj_err_hint(e, "-d takes a directory that exists inside the "
			       "jail's root");
		close(rootfd);
		return CJ_EX_NODIR;
	}
	if (fd >= 0) {
		close(fd);
		rc = check_dir_access(plan, rootfd, e);
	}
	close(rootfd);
	return rc;
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
	plan->new_netns = o->no_network;
	plan->steps = o->verbose;
}

static int check_euid(struct cj_err *e)
{
	if (geteuid() == 0)
		return 0;
	cj_err_set(e, 0,
		   "capejail must run as root: it creates namespaces and "
		   "switches the root directory (euid is %u)",
		   (unsigned)geteuid());
	cj_err_hint(e, "run it with sudo; a rootless mode does not exist yet");
	return CJ_EX_NOPERM;
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
			     "6.12): without -n the jail can reach the host's "
			     "abstract unix sockets");
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
static int plan_filter(struct cj_plan *plan, bool insecure,
		       const struct cj_bpf *precompiled,
		       const struct cj_msgs *msgs, struct cj_err *e)
{
	int rc;

	if (insecure) {
		cj_msgs_warn(
		    msgs,
		    "-I/--insecure: NO seccomp filter is loaded; the program "
		    "may make any syscall. Never use this in production.");
		return 0;
	}
	/*
	 * The program hands the notification listener to us with sendmsg
	 * after its filter is loaded: a policy that does not allow sendmsg
	 * would block that hand-over forever. Keep the policy as written and
	 * kill without naming the syscall instead.
	 */
	plan->notify = handover_allowed(&plan->policy);
	if (!plan->notify)
		cj_msgs_warn(
		    msgs,
		    "the policy does not allow sendmsg, which capejail needs "
		    "to learn which syscall was blocked: a blocked syscall "
		    "kills the program without being named");
	if (precompiled) {
		plan->bpf = *precompiled;
		cj_msgs_note(msgs,
			     "seccomp filter: the precompiled default, %zu BPF "
			     "instructions",
			     plan->bpf.len);
		return check_filter_size(&plan->bpf, e);
	}
	plan->bpf_owned = true;
	rc = cj_filter_build(&plan->policy, plan->notify, &plan->bpf);
	if (rc)
		return cj_err_set(e, CJ_EX_SOFTWARE,
				  "build the seccomp filter: %s",
				  strerror(-rc));
	cj_msgs_note(msgs, "seccomp filter: %zu BPF instructions",
		     plan->bpf.len);
	return check_filter_size(&plan->bpf, e);
}

int cj_plan_build(struct cj_plan *plan, const struct cj_opts *o,
		  const struct cj_policy *policy,
		  const struct cj_bpf *precompiled, const struct cj_msgs *msgs,
		  struct cj_err *e)
{
	int rc;

	memset(plan, 0, sizeof(*plan));
	plan_program(plan, o);
	rc = check_euid(e);
	if (!rc)
		rc = check_root(plan, o->root, e);
	if (!rc)
		rc = resolve_user(plan, o->user, msgs, e);
	if (!rc)
		rc = check_dir(plan, e);
	if (!rc)
		rc = plan_namespaces(plan, e);
	if (rc)
		return rc;
	plan->limits = o->limits;
	plan->limits.cgroup = cj_cgroup_detect();
	cj_limits_resolve(&plan->limits);
	cj_limits_describe(&plan->limits, msgs);
	plan_landlock(plan, msgs);
	rc = plan_copies(plan, o, policy, e);
	if (!rc)
		rc = plan_filter(plan, o->insecure, precompiled, msgs, e);
	if (rc)
		cj_plan_free(plan);
	return rc;
}

void cj_plan_free(struct cj_plan *plan)
{
	cj_env_free(plan->envp);
	plan->envp = NULL;
	if (plan->bpf_owned)
		cj_bpf_free(&plan->bpf);
	plan->bpf_owned = false;
	cj_policy_free(&plan->policy);
}
