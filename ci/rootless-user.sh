#!/bin/sh
# SPDX-License-Identifier: MIT
#
# ci/rootless-user.sh: print "UID GID" of the unprivileged account that the
# rootless test runs start capejail as (setpriv --reuid UID --regid GID
# --clear-groups), creating it first when it is missing. Run as root (CI
# is). The account is nobody's: no password, no login shell, no home, no
# supplementary groups; it has subordinate ids (/etc/subuid, /etc/subgid)
# for --subids. Its name: $CJ_ROOTLESS_USER, default capejail-rl.
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
# Subordinate ids for --subids (useradd gives them where /etc/subuid is
# set up; otherwise a free range of 65536 above every existing one).
for f in /etc/subuid /etc/subgid; do
	grep -q "^$user:" "$f" 2>/dev/null && continue
	exec 9>/run/capejail-rootless-user.lock
	flock 9
	grep -q "^$user:" "$f" 2>/dev/null && continue
	next=$(awk -F: 'BEGIN { m = 100000 } NF == 3 && $2 + $3 > m { m = $2 + $3 } END { print m }' \
		/etc/subuid /etc/subgid 2>/dev/null)
	echo "$user:$next:65536" >>"$f" || {
		echo "capejail: rootless tests: error: cannot add a range for '$user' to $f" >&2
		exit 2
	}
done
echo "$(id -u "$user") $(id -g "$user")"
