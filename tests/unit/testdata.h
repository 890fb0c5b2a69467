/* SPDX-License-Identifier: MIT */
/*
 * Real-world seccomp profiles the unit tests read but the repository does
 * not carry. Each lookup returns a readable path, or NULL after printing
 * why the caller's test is skipped (the caller then calls skip()).
 *
 *   Docker's default profile: ../shared/testdata (or $CAPEJAIL_TESTDATA),
 *   present beside the project's own checkout, absent in a plain clone.
 *   The containers/podman default profile: build/testdata (ci/testdata.sh,
 *   run by `make check`, extracts it from Debian's
 *   golang-github-containers-common), or $CAPEJAIL_CONTAINERS_PROFILE.
 */
#ifndef CAPEJAIL_TEST_TESTDATA_H
#define CAPEJAIL_TEST_TESTDATA_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static inline const char *td_found(const char *path, const char *what,
				   const char *hint)
{
	if (access(path, R_OK) == 0)
		return path;
	printf("SKIP %s: %s is not readable (%s)\n", what, path, hint);
	return NULL;
}

static inline const char *td_docker_profile(void)
{
	static char path[1024];
	const char *dir = getenv("CAPEJAIL_TESTDATA");

	snprintf(path, sizeof(path), "%s/docker-default-seccomp.json",
		 dir ? dir : "../shared/testdata");
	return td_found(path, "Docker's default profile",
			"a clone without ../shared beside it; set "
			"CAPEJAIL_TESTDATA to test it");
}

static inline const char *td_containers_profile(void)
{
	const char *path = getenv("CAPEJAIL_CONTAINERS_PROFILE");

	return td_found(path ? path : "build/testdata/containers-seccomp.json",
			"the containers/podman default profile",
			"run ci/testdata.sh, as make check does");
}

#endif
