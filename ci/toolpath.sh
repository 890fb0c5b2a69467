#!/usr/bin/env bash
# ci/toolpath.sh DIR: make DIR a PATH directory holding only the commands a
# fresh machine has after ci/deps.sh: those of Debian's minimal base
# (Priority: required, Essential, apt), of what a fresh build machine is
# assumed to have (build-essential, git, ca-certificates), and of every
# package ci/deps.sh installs, each with its dependencies. `make check`
# runs its suites with PATH=DIR, so a command that a target calls but
# deps.sh never installs fails here, on this machine, as it would on a
# fresh one — instead of passing because someone installed it by hand.
set -u
dir=${1:?usage: ci/toolpath.sh DIR}
cd "$(dirname "$0")/.."
# build-essential and what it depends on, named in case the meta-package is absent.
base=(apt build-essential libc6-dev gcc g++ make dpkg-dev git ca-certificates)
mapfile -t declared < <(ci/deps.sh --list)

# Installed packages and their dependencies, then the closure from the roots.
mapfile -t pkgs < <(
	dpkg-query -W -f='${db:Status-Abbrev}\t${Package}\t${Priority}\t${Essential}\t${Pre-Depends}, ${Depends}\n' |
	awk -F'\t' -v roots="${base[*]} ${declared[*]}" '
	$1 !~ /^ii/ { next }
	{
		installed[$2] = 1
		if ($3 == "required" || $4 == "yes") root[$2] = 1
		n = split($5, d, /[,|]/)
		for (i = 1; i <= n; i++) {
			gsub(/\(.*\)|:any|:native|[[:space:]]/, "", d[i])
			if (d[i] != "") deps[$2] = deps[$2] " " d[i]
		}
	}
	END {
		split(roots, r, " ")
		for (i in r) root[r[i]] = 1
		for (p in root) if (p in installed) { queue[++qn] = p; seen[p] = 1 }
		for (q = 1; q <= qn; q++) {
			m = split(deps[queue[q]], d, " ")
			for (i = 1; i <= m; i++)
				if ((d[i] in installed) && !(d[i] in seen)) { seen[d[i]] = 1; queue[++qn] = d[i] }
		}
		for (p in seen) print p
	}')
[ ${#pkgs[@]} -gt 0 ] || { echo "capejail: error: ci/toolpath.sh: no packages found (dpkg-query)" >&2; exit 70; }

# Every file those packages own under a bin directory, by real path.
allowed=$(dpkg-query -L "${pkgs[@]}" 2>/dev/null | grep -E '^/(usr/)?s?bin/[^/]+$' |
	xargs -r realpath -e -q 2>/dev/null | sort -u)

rm -rf -- "$dir" && mkdir -p -- "$dir" || exit 70
# Each command of the system's bin directories (the first of a name wins),
# with its real path, kept when the real path is one those packages own.
mapfile -t cands < <(find /usr/sbin /usr/bin /sbin /bin -maxdepth 1 ! -type d -perm /111 2>/dev/null)
n=0
while IFS=$'\t' read -r real f; do
	name=${f##*/}
	[ -e "$dir/$name" ] || [ -L "$dir/$name" ] && continue
	ln -s -- "$f" "$dir/$name" && n=$((n + 1))
done < <(paste <(readlink -f -- "${cands[@]}") <(printf '%s\n' "${cands[@]}") |
	awk -F'\t' 'NR == FNR { ok[$0] = 1; next } ($1 in ok)' <(printf '%s\n' "$allowed") -)
echo "capejail: tool PATH: $n commands from ${#pkgs[@]} packages (base, build-essential, git and ci/deps.sh) in $dir"
