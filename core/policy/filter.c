/* SPDX-License-Identifier: MIT */
/*
 * Policy -> libseccomp context -> BPF program. With sysnr.c, the only code
 * that includes <seccomp.h>.
 *
 * Layout: one filter for the native ABI. Every row gets its verdict (rows
 * with argument conditions get only their conditional rules); numbers below
 * CJ_NR_LIMIT that libseccomp does not know get the policy's `unknown`
 * verdict (ENOSYS by default: newer syscalls degrade gracefully); anything
 * else, including an unmatched condition, gets the fallback (kill).
 * Foreign ABIs (i386 via int 0x80, x32) hit the bad-arch action: kill.
 * Allowed rows carry no conditions, so the kernel's action cache answers
 * them without running the filter.
 */
#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "filter.h"
#include "cond.h"

static uint32_t scmp_action(struct cj_verdict v, enum cj_kill_mode kill)
{
	switch (v.action) {
	case CJ_ACT_ALLOW:
		return SCMP_ACT_ALLOW;
	case CJ_ACT_ERRNO:
		return kill == CJ_NOTIFY_ALL ? SCMP_ACT_NOTIFY
					     : SCMP_ACT_ERRNO((uint16_t)v.err);
	case CJ_ACT_KILL:
		return kill == CJ_KILL_NOTIFY || kill == CJ_NOTIFY_ALL
			   ? SCMP_ACT_NOTIFY
		       : kill == CJ_KILL_TRAP ? SCMP_ACT_TRAP
					      : SCMP_ACT_KILL_PROCESS;
	}
	return SCMP_ACT_KILL_PROCESS;
}

static enum scmp_compare scmp_op(enum cj_cmp op)
{
	switch (op) {
	case CJ_CMP_EQ:
		return SCMP_CMP_EQ;
	case CJ_CMP_NE:
		return SCMP_CMP_NE;
	case CJ_CMP_LT:
		return SCMP_CMP_LT;
	case CJ_CMP_LE:
		return SCMP_CMP_LE;
	case CJ_CMP_GT:
		return SCMP_CMP_GT;
	case CJ_CMP_GE:
		return SCMP_CMP_GE;
	case CJ_CMP_MASKED_EQ:
		return SCMP_CMP_MASKED_EQ;
	}
	return _SCMP_CMP_MIN;
}

static int add_cond(scmp_filter_ctx ctx, int nr, const struct cj_cond *c,
		    enum cj_kill_mode kill, uint32_t fallback)
{
	uint32_t action =
	    scmp_action((struct cj_verdict){ c->action, c->err }, kill);
	struct scmp_arg_cmp cmp[CJ_MAX_CMP];

	if (action == fallback)
		return 0; /* CJ_NOTIFY_ALL: libseccomp refuses it (EACCES) */
	for (unsigned i = 0; i < c->ncmp; i++)
		cmp[i] = (struct scmp_arg_cmp){
			.arg = c->cmp[i].arg,
			.op = scmp_op(c->cmp[i].op),
			.datum_a = c->cmp[i].a,
			.datum_b = c->cmp[i].b,
		};
	return seccomp_rule_add_exact_array(ctx, action, nr, c->ncmp, cmp);
}

static int add_rules(scmp_filter_ctx ctx, const struct cj_policy *p,
		     enum cj_kill_mode kill)
{
	size_t n;
	const struct cj_syscall *t = cj_table(&n);
	uint32_t fallback = scmp_action(p->fallback, kill);
	int rc;

	for (size_t i = 0; i < p->nrows; i++) {
		int nr = cj_sysnr(t[i].name);
		bool conds = false;

		if (nr < 0)
			continue; /* unit-tested: the table matches libseccomp
				   */
		for (size_t j = 0; j < p->nconds; j++) {
			if (p->conds[j].row != (int)i)
				continue;
			conds = true;
			rc = add_cond(ctx, nr, &p->conds[j], kill, fallback);
			if (rc)
				return rc;
		}
		if (conds || cj_verdict_same(p->rows[i], p->fallback) ||
		    scmp_action(p->rows[i], kill) == fallback)
			continue;
		rc = seccomp_rule_add_exact(ctx, scmp_action(p->rows[i], kill),
					    nr, 0);
		if (rc)
			return rc;
	}
	if (cj_verdict_same(p->unknown, p->fallback) ||
	    scmp_action(p->unknown, kill) == fallback)
		return 0;
	for (int nr = 0; nr < CJ_NR_LIMIT; nr++) {
		char *name =
		    seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		if (name) {
			free(name);
			continue;
		}
		rc = seccomp_rule_add_exact(ctx, scmp_action(p->unknown, kill),
					    nr, 0);
		if (rc)
			return rc;
	}
	return 0;
}

/* Read the exported program back from a memfd. */
static int export_bpf(scmp_filter_ctx ctx, struct cj_bpf *out)
{
	int fd = memfd_create("capejail-bpf", MFD_CLOEXEC), rc;
	off_t size;
	void *buf;

	if (fd < 0)
		return -errno;
	rc = seccomp_export_bpf(ctx, fd);
	if (rc)
		goto out;
	size = lseek(fd, 0, SEEK_END);
	if (size <= 0 || size % 8 || lseek(fd, 0, SEEK_SET) != 0) {
		rc = -EIO;
		goto out;
	}
	buf = malloc((size_t)size);
	if (!buf) {
		rc = -ENOMEM;
		goto out;
	}
	if (read(fd, buf, (size_t)size) != size) {
		free(buf);
		rc = -EIO;
		goto out;
	}
	out->insns = buf;
	out->len = (size_t)size / 8;
out:
	close(fd);
	return rc;
}

int cj_filter_build(const struct cj_policy *policy, bool notify,
		    struct cj_bpf *out)
{
	return cj_filter_build_level(policy, notify, 2, out);
}

int cj_filter_build_level(const struct cj_policy *policy, bool notify,
			  int optimize, struct cj_bpf *out)
{
	return cj_filter_build_mode(
	    policy, notify ? CJ_KILL_NOTIFY : CJ_KILL_PROCESS, optimize, out);
}

int cj_filter_build_mode(const struct cj_policy *policy, enum cj_kill_mode kill,
			 int optimize, struct cj_bpf *out)
{
	scmp_filter_ctx ctx;
	char why[256];
	int rc, row;

	memset(out, 0, sizeof(*out));
	/* libseccomp 2.5 never returns on some rule pairs: refuse them. */
	if (cj_policy_check_rules(policy, &row, why, sizeof(why)))
		return -EINVAL;
	ctx = seccomp_init(scmp_action(policy->fallback, kill));
	if (!ctx)
		return -ENOMEM;
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
			      SCMP_ACT_KILL_PROCESS);
	if (!rc)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE,
				      (uint32_t)optimize);
	/* capejail sets no_new_privs itself, in its fixed order. */
	if (!rc)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (!rc)
		rc = add_rules(ctx, policy, kill);
	if (!rc)
		rc = export_bpf(ctx, out);
	seccomp_release(ctx);
	return rc;
}

void cj_bpf_free(struct cj_bpf *bpf)
{
	free(bpf->insns);
	memset(bpf, 0, sizeof(*bpf));
}
