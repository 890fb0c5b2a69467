#!/bin/sh
# SPDX-License-Identifier: MIT
#
# ci/rootless-user.sh: print "UID GID" of the unprivileged account that the
# rootless test runs start capejail as (setpriv --reuid UID --regid GID
# --clear-groups), creating it first when it is missing. Run as root (CI
# is). The account is nobody's: no password, no login shell, no home, no
# supplementary groups. Its name: $CJ_ROOTLESS_USER, default capejail-rl.
set -eu

user=${CJ_ROOTLESS_USER:-capejail-rl}
if ! id -u "$user" >/dev/null 2>&1; then
	# two test runs at once: one creates, the other waits and reuses
	exec 9>/run/capejail-rootless-user.lock
	flock 9
	id -u "$user" >/dev/null 2>&1 ||
		useradd --no-create-home --home-dir /nonexistent \
			--shell /usr/sbin/nologin --user-group "$user" >&2 || {
			echo "capejail: rootless tests: error: cannot create the account '$user' (useradd failed): run as root" >&2
			exit 2
		}
fi
echo "$(id -u "$user") $(id -g "$user")"
