#!/usr/bin/env bash
# Runs every native Go fuzz target of the module (every `func FuzzX(f
# *testing.F)` in a *_test.go file), one after another, each for the given
# time (default 10s; any -fuzztime value: 30s, 10m, 5000x).
#
#   scripts/fuzz.sh            # 10s per target (CI)
#   scripts/fuzz.sh 10m        # a local campaign
#   FUZZ_MATCH=YAML scripts/fuzz.sh 1m   # only targets whose name matches
#
# FUZZ_PARALLEL sets the number of fuzzing workers (default: go's, one per
# CPU). A failing target stops the script after the others have run; the
# crasher is written under the package's testdata/fuzz/<Target>/ by go test
# and is to be committed as a seed once fixed. A summary line per target
# reports its executions.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${1:-10s}
match=${FUZZ_MATCH:-}
parallel=()
if [ -n "${FUZZ_PARALLEL:-}" ]; then
	parallel=(-parallel "$FUZZ_PARALLEL")
fi

# "dir name" for each target, sorted, from tracked and untracked test files.
targets=$(grep -rEo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*\(' . |
	grep -v '/testdata/' |
	sed -E 's|^\./(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\(|\1 \2|; s|^\./[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\(|. \1|' |
	sort -u)
if [ -z "$targets" ]; then
	echo "no fuzz targets found" >&2
	exit 1
fi

failed=0
summary=()
while read -r dir name; do
	if [ -n "$match" ] && [[ $name != *$match* ]]; then
		continue
	fi
	echo "== $name (./$dir, $fuzztime)"
	log=$(mktemp)
	start=$(date +%s)
	if go test "./$dir" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "${parallel[@]}" 2>&1 | tee "$log"; then
		status=ok
	elif grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log"; then
		# The time ran out with no input failing: go test was still
		# gathering the seed corpus's baseline coverage, or a worker did
		# not answer when the time was up (both seen on a busy 2-core
		# machine; FuzzJSON stalled this way at 6 s). Once more, with a
		# minute.
		echo "== $name: the time ran out with no failing input; again with 1m"
		if go test "./$dir" -run '^$' -fuzz "^${name}\$" -fuzztime 1m "${parallel[@]}" 2>&1 | tee "$log"; then
			status=ok
		else
			status=FAIL
			failed=1
		fi
	else
		status=FAIL
		failed=1
	fi
	execs=$(grep -Eo 'execs: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
	summary+=("$(printf '%-24s %-10s %4s  execs=%s  seconds=%s' "$name" "./$dir" "$status" "${execs:-?}" "$(($(date +%s) - start))")")
	rm -f "$log"
done <<<"$targets"

echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
exit $failed
