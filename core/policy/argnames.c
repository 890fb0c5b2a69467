/* SPDX-License-Identifier: MIT */
#include "argnames.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "compiler.h"

struct name {
	uint64_t v;
	const char *s;
};

#define N(v, s)      \
	{            \
		v, s \
	}

static const struct name families[] = {
	N(1, "AF_UNIX"),      N(2, "AF_INET"),	     N(4, "AF_IPX"),
	N(5, "AF_APPLETALK"), N(9, "AF_X25"),	     N(10, "AF_INET6"),
	N(15, "AF_KEY"),      N(16, "AF_NETLINK"),   N(17, "AF_PACKET"),
	N(29, "AF_CAN"),      N(31, "AF_BLUETOOTH"), N(38, "AF_ALG"),
	N(40, "AF_VSOCK"),    N(44, "AF_XDP"),
};

/* socket's type without SOCK_NONBLOCK and SOCK_CLOEXEC */
static const struct name sock_types[] = {
	N(1, "SOCK_STREAM"), N(2, "SOCK_DGRAM"),     N(3, "SOCK_RAW"),
	N(4, "SOCK_RDM"),    N(5, "SOCK_SEQPACKET"), N(10, "SOCK_PACKET"),
};

/* socket's protocol (0: the family's default) */
static const struct name protocols[] = {
	N(0, "0"),
	N(1, "IPPROTO_ICMP"),
	N(6, "IPPROTO_TCP"),
	N(17, "IPPROTO_UDP"),
	N(58, "IPPROTO_ICMPV6"),
	N(132, "IPPROTO_SCTP"),
	N(136, "IPPROTO_UDPLITE"),
	N(262, "IPPROTO_MPTCP"),
};

static const struct name prctl_opts[] = {
	N(1, "PR_SET_PDEATHSIG"),     N(3, "PR_GET_DUMPABLE"),
	N(4, "PR_SET_DUMPABLE"),      N(15, "PR_SET_NAME"),
	N(16, "PR_GET_NAME"),	      N(21, "PR_GET_SECCOMP"),
	N(22, "PR_SET_SECCOMP"),      N(38, "PR_SET_NO_NEW_PRIVS"),
	N(39, "PR_GET_NO_NEW_PRIVS"),
};

static const struct name mode_bits[] = {
	N(02000, "S_ISGID"),
	N(04000, "S_ISUID"),
	N(06000, "S_ISUID|S_ISGID"),
};

/* The mode argument's position in the calls that create or chmod files. */
static int mode_arg(const char *syscall)
{
	static const struct {
		const char *name;
		int arg;
	} calls[] = {
		{ "chmod", 1 },	    { "fchmod", 1 }, { "fchmodat", 2 },
		{ "fchmodat2", 2 }, { "creat", 1 },  { "open", 2 },
		{ "openat", 3 },
	};

	for (size_t i = 0; i < CJ_ARRAY_SIZE(calls); i++)
		if (strcmp(syscall, calls[i].name) == 0)
			return calls[i].arg;
	return -1;
}

static const struct name levels[] = {
	N(0, "SOL_IP"),	      N(1, "SOL_SOCKET"), N(6, "IPPROTO_TCP"),
	N(17, "SOL_UDP"),     N(41, "SOL_IPV6"),  N(255, "SOL_RAW"),
	N(263, "SOL_PACKET"),
};

static const struct name so_opts[] = {
	N(1, "SO_DEBUG"),	   N(2, "SO_REUSEADDR"),
	N(3, "SO_TYPE"),	   N(4, "SO_ERROR"),
	N(5, "SO_DONTROUTE"),	   N(6, "SO_BROADCAST"),
	N(7, "SO_SNDBUF"),	   N(8, "SO_RCVBUF"),
	N(9, "SO_KEEPALIVE"),	   N(10, "SO_OOBINLINE"),
	N(12, "SO_PRIORITY"),	   N(13, "SO_LINGER"),
	N(15, "SO_REUSEPORT"),	   N(20, "SO_RCVTIMEO"),
	N(21, "SO_SNDTIMEO"),	   N(25, "SO_BINDTODEVICE"),
	N(26, "SO_ATTACH_FILTER"), N(29, "SO_TIMESTAMP"),
	N(32, "SO_SNDBUFFORCE"),   N(33, "SO_RCVBUFFORCE"),
	N(36, "SO_MARK"),	   N(50, "SO_ATTACH_BPF"),
};

static const struct name ip_opts[] = {
	N(1, "IP_TOS"),	     N(2, "IP_TTL"),	       N(3, "IP_HDRINCL"),
	N(4, "IP_OPTIONS"),  N(6, "IP_RECVOPTS"),      N(7, "IP_RETOPTS"),
	N(8, "IP_PKTINFO"),  N(10, "IP_MTU_DISCOVER"), N(11, "IP_RECVERR"),
	N(12, "IP_RECVTTL"), N(19, "IP_TRANSPARENT"),
};

static const struct name tcp_opts[] = {
	N(1, "TCP_NODELAY"),	 N(2, "TCP_MAXSEG"),	N(3, "TCP_CORK"),
	N(4, "TCP_KEEPIDLE"),	 N(5, "TCP_KEEPINTVL"), N(6, "TCP_KEEPCNT"),
	N(13, "TCP_CONGESTION"), N(31, "TCP_ULP"),
};

static const struct name ipv6_opts[] = {
	N(25, "IPV6_RECVERR"),
	N(26, "IPV6_V6ONLY"),
};

static const struct name raw_opts[] = {
	N(1, "ICMP_FILTER"),
};

static const struct name ioctls[] = {
	N(0x5401, "TCGETS"),	 N(0x5402, "TCSETS"),	N(0x540f, "TIOCGPGRP"),
	N(0x5410, "TIOCSPGRP"),	 N(0x5412, "TIOCSTI"),	N(0x5413, "TIOCGWINSZ"),
	N(0x5414, "TIOCSWINSZ"), N(0x541b, "FIONREAD"), N(0x541c, "TIOCLINUX"),
	N(0x5421, "FIONBIO"),	 N(0x5423, "TIOCSETD"), N(0x5424, "TIOCGETD"),
};

static const struct name file_types[] = {
	N(0, "0"),
	N(0010000, "S_IFIFO"),
	N(0020000, "S_IFCHR"),
	N(0060000, "S_IFBLK"),
	N(0100000, "S_IFREG"),
	N(0140000, "S_IFSOCK"),
};

static const struct name personas[] = {
	N(0x0, "PER_LINUX"),
	N(0x8, "PER_LINUX32"),
	N(0x20000, "UNAME26"),
	N(0x20008, "UNAME26|PER_LINUX32"),
	N(0xffffffffu, "0xffffffff (query)"),
};

static const struct name clone_flags[] = {
	N(0x00000100, "CLONE_VM"),
	N(0x00000200, "CLONE_FS"),
	N(0x00000400, "CLONE_FILES"),
	N(0x00000800, "CLONE_SIGHAND"),
	N(0x00001000, "CLONE_PIDFD"),
	N(0x00002000, "CLONE_PTRACE"),
	N(0x00004000, "CLONE_VFORK"),
	N(0x00008000, "CLONE_PARENT"),
	N(0x00010000, "CLONE_THREAD"),
	N(0x00020000, "CLONE_NEWNS"),
	N(0x00040000, "CLONE_SYSVSEM"),
	N(0x00080000, "CLONE_SETTLS"),
	N(0x00100000, "CLONE_PARENT_SETTID"),
	N(0x00200000, "CLONE_CHILD_CLEARTID"),
	N(0x00800000, "CLONE_UNTRACED"),
	N(0x01000000, "CLONE_CHILD_SETTID"),
	N(0x02000000, "CLONE_NEWCGROUP"),
	N(0x04000000, "CLONE_NEWUTS"),
	N(0x08000000, "CLONE_NEWIPC"),
	N(0x10000000, "CLONE_NEWUSER"),
	N(0x20000000, "CLONE_NEWPID"),
	N(0x40000000, "CLONE_NEWNET"),
	N(0x80000000, "CLONE_IO"),
	N(0x00000080, "CLONE_NEWTIME"),
};

static const char *find(const struct name *t, size_t n, uint64_t v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].v == v)
			return t[i].s;
	return NULL;
}

#define FIND(t, v) find(t, CJ_ARRAY_SIZE(t), v)

/* setsockopt's option names for LEVEL. */
static const char *sockopt(uint64_t level, uint64_t v)
{
	switch (level) {
	case 0:
		return FIND(ip_opts, v);
	case 1:
		return FIND(so_opts, v);
	case 6:
		return FIND(tcp_opts, v);
	case 41:
		return FIND(ipv6_opts, v);
	case 255:
		return FIND(raw_opts, v);
	}
	return NULL;
}

const char *cj_arg_name(const char *syscall, unsigned arg, uint64_t v,
			uint64_t level)
{
	uint32_t lo = (uint32_t)v;

	if (strcmp(syscall, "socket") == 0 ||
	    strcmp(syscall, "socketpair") == 0)
		return arg == 0	  ? FIND(families, lo)
		       : arg == 1 ? FIND(sock_types, lo & 0xfu)
		       : arg == 2 ? FIND(protocols, lo)
				  : NULL;
	if (strcmp(syscall, "setsockopt") == 0 ||
	    strcmp(syscall, "getsockopt") == 0) {
		if (arg == 1)
			return FIND(levels, lo);
		return arg == 2 ? sockopt(level & 0xffffffffu, lo) : NULL;
	}
	if (strcmp(syscall, "ioctl") == 0)
		return arg == 1 ? FIND(ioctls, lo) : NULL;
	if (strcmp(syscall, "mknod") == 0 || strcmp(syscall, "mknodat") == 0)
		return arg == (syscall[5] == 'a' ? 2u : 1u)
			   ? FIND(file_types, lo & 0170000u)
			   : NULL;
	if (mode_arg(syscall) >= 0)
		return (int)arg == mode_arg(syscall)
			   ? FIND(mode_bits, lo & 06000u)
			   : NULL;
	if (strcmp(syscall, "prctl") == 0)
		return arg == 0 ? FIND(prctl_opts, lo) : NULL;
	if (strcmp(syscall, "personality") == 0)
		return arg == 0 ? FIND(personas, lo) : NULL;
	return NULL;
}

const char *cj_clone_flags_text(uint64_t flags, char *buf, size_t len)
{
	size_t pos = 0;
	uint64_t rest = flags;
	int n;

	buf[0] = '\0';
	for (size_t i = 0; i < CJ_ARRAY_SIZE(clone_flags); i++) {
		if (!(rest & clone_flags[i].v))
			continue;
		rest &= ~clone_flags[i].v;
		n = snprintf(buf + pos, len - pos, "%s%s", pos ? "|" : "",
			     clone_flags[i].s);
		if (n < 0 || (size_t)n >= len - pos)
			return buf;
		pos += (size_t)n;
	}
	if (rest || !pos)
		snprintf(buf + pos, len - pos, "%s0x%llx", pos ? "|" : "",
			 (unsigned long long)rest);
	return buf;
}

const char *cj_args_decode(const char *syscall, const uint64_t *args,
			   size_t nargs, char *buf, size_t len)
{
	size_t pos = 0;
	bool clone = strcmp(syscall, "clone") == 0;
	char flags[256];
	int n;

	if (nargs > 6)
		nargs = 6;
	n = snprintf(buf, len, "(");
	pos = n > 0 ? (size_t)n : 0;
	for (size_t i = 0; i < nargs && pos < len; i++) {
		const char *s =
		    clone && i == 0
			? cj_clone_flags_text(args[0], flags, sizeof(flags))
			: cj_arg_name(syscall, (unsigned)i, args[i],
				      i ? args[1] : 0);

		if (s)
			n = snprintf(buf + pos, len - pos, "%s%s",
				     i ? ", " : "", s);
		else
			n = snprintf(buf + pos, len - pos,
				     args[i] < 256 ? "%s%llu" : "%s0x%llx",
				     i ? ", " : "",
				     (unsigned long long)args[i]);
		if (n < 0)
			break;
		pos += (size_t)n;
	}
	if (pos < len)
		snprintf(buf + pos, len - pos, ")");
	return buf;
}
