/* SPDX-License-Identifier: MIT */
/* The --share-net broker's rules (broker_rules.c). Pure, no root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "broker.h"
#include "capejail.h"

static const uint16_t ports[] = { 8080, 53 };
static const struct cj_bind_ports allow = { ports, 2 };
static const struct cj_bind_ports none = { NULL, 0 };

static struct sockaddr_in in4(uint16_t port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };

	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static void test_bind_inet(void **state)
{
	struct sockaddr_in a = in4(8080);
	struct sockaddr_in6 b = { .sin6_family = AF_INET6 };

	(void)state;
	assert_int_equal(cj_broker_bind_verdict(AF_INET, &a, sizeof(a), &allow),
			 0);
	assert_int_equal(cj_broker_bind_verdict(AF_INET, &a, sizeof(a), &none),
			 -EACCES);
	a = in4(0); /* the kernel picks a free ephemeral port */
	assert_int_equal(cj_broker_bind_verdict(AF_INET, &a, sizeof(a), &none),
			 0);
	a = in4(8081);
	assert_int_equal(cj_broker_bind_verdict(AF_INET, &a, sizeof(a), &allow),
			 -EACCES);
	/* Too short for the family: what the kernel answers. */
	assert_int_equal(cj_broker_bind_verdict(AF_INET, &a, 4, &allow),
			 -EINVAL);
	b.sin6_port = htons(53);
	assert_int_equal(
	    cj_broker_bind_verdict(AF_INET6, &b, sizeof(b), &allow), 0);
	assert_int_equal(cj_broker_bind_verdict(AF_INET6, &b, 24, &allow), 0);
	assert_int_equal(cj_broker_bind_verdict(AF_INET6, &b, 23, &allow),
			 -EINVAL);
	b.sin6_port = htons(22);
	assert_int_equal(
	    cj_broker_bind_verdict(AF_INET6, &b, sizeof(b), &allow), -EACCES);
}

static void test_bind_unix(void **state)
{
	struct sockaddr_un u = { .sun_family = AF_UNIX };

	(void)state;
	memcpy(u.sun_path, "\0name", 5); /* abstract */
	assert_int_equal(cj_broker_bind_verdict(AF_UNIX, &u, sizeof(u), &allow),
			 -EACCES);
	assert_int_equal(
	    cj_broker_bind_verdict(AF_UNIX, &u, sizeof(sa_family_t), &allow),
	    -EACCES); /* autobind: an abstract name too */
	memcpy(u.sun_path, "/tmp/s", 7);
	assert_int_equal(cj_broker_bind_verdict(AF_UNIX, &u, sizeof(u), &allow),
			 -EACCES);
	assert_int_equal(
	    cj_broker_bind_verdict(AF_NETLINK, &u, sizeof(u), &allow), -EACCES);
}

static void test_listen(void **state)
{
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in a = in4(8080);

	(void)state;
	memcpy(&ss, &a, sizeof(a));
	assert_int_equal(cj_broker_listen_verdict(&ss, sizeof(a), &allow), 0);
	assert_int_equal(cj_broker_listen_verdict(&ss, sizeof(a), &none),
			 -EACCES);
	a = in4(0); /* unbound: listen would pick a port by itself */
	memcpy(&ss, &a, sizeof(a));
	assert_int_equal(cj_broker_listen_verdict(&ss, sizeof(a), &allow),
			 -EACCES);
	ss.ss_family = AF_UNIX;
	assert_int_equal(cj_broker_listen_verdict(&ss, sizeof(ss), &allow),
			 -EACCES);
}

/* --connect: the specs it takes, and which addresses are listed. */
static void test_connect(void **state)
{
	struct cj_connect c[3];
	struct sockaddr_in in = { .sin_family = AF_INET };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
	char err[256];

	(void)state;
	assert_int_equal(
	    cj_connect_parse("127.0.0.1:5432", &c[0], err, sizeof(err)), 0);
	assert_int_equal(c[0].family, AF_INET);
	assert_int_equal(c[0].port, 5432);
	assert_int_equal(cj_connect_parse("[::1]:80", &c[1], err, sizeof(err)),
			 0);
	assert_int_equal(c[1].family, AF_INET6);
	assert_int_equal(
	    cj_connect_parse("localhost:8080", &c[2], err, sizeof(err)), 0);
	assert_int_equal(c[2].family, AF_INET);
	for (const char *const *bad =
		 (const char *const[]){
		     "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536",
		     "127.0.0.1:-1", "127.0.0.1:+80", "127.0.0.1:80x",
		     "example.org:80", "::1:80", "[::1:80", ":80", NULL };
	     *bad; bad++)
		assert_int_equal(
		    cj_connect_parse(*bad, &c[0], err, sizeof(err)),
		    CJ_EX_USAGE);
	assert_int_equal(
	    cj_connect_parse("127.0.0.1:5432", &c[0], err, sizeof(err)), 0);
	in.sin_port = htons(5432);
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(cj_connect_listed(c, 3, &in, sizeof(in)));
	/* another port, another address, too short: not listed */
	in.sin_port = htons(5433);
	assert_false(cj_connect_listed(c, 3, &in, sizeof(in)));
	in.sin_port = htons(5432);
	in.sin_addr.s_addr = htonl(0x7f000002);
	assert_false(cj_connect_listed(c, 3, &in, sizeof(in)));
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_false(cj_connect_listed(c, 3, &in, sizeof(in) - 1));
	assert_false(cj_connect_listed(c, 3, &in, 1));
	in6.sin6_port = htons(80);
	in6.sin6_addr = in6addr_loopback;
	assert_true(cj_connect_listed(c, 3, &in6, sizeof(in6)));
	/* an IPv4 entry never matches an IPv6 address */
	in6.sin6_port = htons(5432);
	assert_false(cj_connect_listed(c, 3, &in6, sizeof(in6)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bind_inet),
		cmocka_unit_test(test_bind_unix),
		cmocka_unit_test(test_listen),
		cmocka_unit_test(test_connect),
	};

	return cmocka_run_group_tests_name("broker", tests, NULL, NULL);
}
