#!/bin/sh
# test_color.sh - the text report is coloured only on a terminal (run under
# script(1) to get one), never when NO_COLOR is set to a non-empty value,
# never in a pipe or an --output file; --quiet prints the summary alone.
# Skipped (77) when script(1) is missing.
: "${CFN_DRYRUN:?run through make check}"
: "${TOP_SRCDIR:?run through make check}"
command -v script >/dev/null 2>&1 || { echo "SKIP: script(1) is not installed"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cfn-color.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TOP_SRCDIR" || exit 1
T=tests/golden/templates/broken.yaml
ESC=$(printf '\033')
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { echo "FAIL: $*"; failed=$((failed + 1)); }
has_esc() { grep -q "$ESC" "$1"; }

env -u NO_COLOR script -qec "$CFN_DRYRUN check $T --format text" /dev/null >"$TMP/tty" 2>&1
has_esc "$TMP/tty" && ok || ko "no colour on a terminal"
grep -q "${ESC}\[31merror${ESC}\[0m: Template format error" "$TMP/tty" && ok || ko "the error is not red"
NO_COLOR=1 script -qec "$CFN_DRYRUN check $T --format text" /dev/null >"$TMP/nocolor" 2>&1
has_esc "$TMP/nocolor" && ko "colour despite NO_COLOR=1" || ok
NO_COLOR= script -qec "$CFN_DRYRUN check $T --format text" /dev/null >"$TMP/empty" 2>&1
has_esc "$TMP/empty" && ok || ko "an empty NO_COLOR turned colour off"
env -u NO_COLOR "$CFN_DRYRUN" check $T --format text >"$TMP/pipe" 2>&1
has_esc "$TMP/pipe" && ko "colour in a pipe" || ok
env -u NO_COLOR script -qec "$CFN_DRYRUN check $T --format text --output $TMP/file.txt" /dev/null >/dev/null 2>&1
has_esc "$TMP/file.txt" && ko "colour in an --output file" || ok
status=0
"$CFN_DRYRUN" check $T --format text --quiet >"$TMP/quiet" || status=$?
[ "$status" -eq 1 ] && [ "$(cat "$TMP/quiet")" = "0 would fail, 3 blocked, 0 would create, 0 uncertain" ] && ok ||
	ko "--quiet printed: $(cat "$TMP/quiet") (exit $status)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
