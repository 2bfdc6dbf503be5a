#!/bin/sh
# tests/golden/run.sh - golden-file tests: runs every case under
# tests/golden/cases/ and compares what it prints with the files checked in.
#
# A case is a folder with:
#   cmd          one command line (words separated by spaces, no quoting);
#                the first word is cfn-dryrun or render-fixture (the test
#                tool that writes a hand-built result); {format} is replaced
#                by each format below.  Any command works: scenario goldens
#                are a cmd like "cfn-dryrun scenario scenarios/x/scenario.yaml
#                --format {format}".
#   status       the exit status every run must return
#   expected.F   the expected standard output for format F (one run per
#                file present; without {format} in cmd, only expected.out)
# Commands run from the source tree's top, so paths in outputs are stable.
#
# UPDATE_GOLDEN=1 (make update-golden) rewrites the expected files from the
# current outputs instead of comparing: read the diff before committing it.
: "${CFN_DRYRUN:?run through make check}"
: "${TOP_SRCDIR:?run through make check}"
: "${TOP_BUILDDIR:?run through make check}"
RENDER="$TOP_BUILDDIR/tests/tools/render-fixture"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cfn-golden.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TOP_SRCDIR" || exit 1
failed=0 checked=0 updated=0

for dir in tests/golden/cases/*/; do
	case=$(basename "$dir")
	[ -f "$dir/cmd" ] || { echo "FAIL: $case has no cmd file"; failed=$((failed + 1)); continue; }
	cmd=$(cat "$dir/cmd")
	want_status=$(cat "$dir/status" 2>/dev/null || echo 0)
	for expected in "$dir"/expected.*; do
		[ -e "$expected" ] || continue
		fmt=${expected##*.}
		line=$(printf '%s\n' "$cmd" | sed "s/{format}/$fmt/g")
		set -f
		# shellcheck disable=SC2086
		set -- $line
		set +f
		tool=$1
		shift
		case $tool in
		cfn-dryrun) tool=$CFN_DRYRUN ;;
		render-fixture) tool=$RENDER ;;
		*) echo "FAIL: $case: unknown program '$tool' in cmd"; failed=$((failed + 1)); continue ;;
		esac
		status=0
		NO_COLOR=1 "$tool" "$@" >"$TMP/out" 2>"$TMP/err" || status=$?
		if [ -n "${UPDATE_GOLDEN:-}" ]; then
			if ! cmp -s "$TMP/out" "$expected"; then
				cp "$TMP/out" "$expected"
				echo "updated $expected"
				updated=$((updated + 1))
			fi
			[ "$status" = "$want_status" ] || echo "NOTE: $case $fmt exits $status, status file says $want_status"
			continue
		fi
		checked=$((checked + 1))
		if [ "$status" != "$want_status" ]; then
			echo "FAIL: $case ($fmt): exit status $status, expected $want_status"
			head -5 "$TMP/err"
			failed=$((failed + 1))
		elif ! diff -u "$expected" "$TMP/out" >"$TMP/diff"; then
			echo "FAIL: $case ($fmt): output differs from $expected"
			head -40 "$TMP/diff"
			failed=$((failed + 1))
		fi
	done
done
if [ -n "${UPDATE_GOLDEN:-}" ]; then
	echo "update-golden: $updated file(s) rewritten; review them with git diff"
	exit 0
fi
[ "$checked" -gt 0 ] || { echo "FAIL: no golden case ran"; exit 1; }
echo "$((checked - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
