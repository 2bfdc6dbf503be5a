# tests/lib.sh - shared helpers for the shell tests (sourced, not run).
# Each test runs commands with `run`, then asserts on $status, $out ($OUT
# file) and $err with the expect_* functions; the first failed assertion
# ends the test with status 1.  Exit 77 means "skipped" to automake.

: "${CFN_DRYRUN:?run through make check}"
: "${TOP_SRCDIR:?run through make check}"
JGET="${TOP_BUILDDIR}/tests/tools/jget"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cfn-dryrun-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
OUT="$TMP/out"
ERR="$TMP/err"
n_checks=0

# The shared folder (corpus, schemas) beside the checkout, when there is one;
# distcheck builds inside the checkout, so ask git where the checkout is.
find_shared() {
	for d in "${CFN_SHARED:-}" "$TOP_SRCDIR/../shared" \
		"$(git -C "$TOP_SRCDIR" rev-parse --show-toplevel 2>/dev/null)/../shared"; do
		[ -n "$d" ] && [ -d "$d/corpus" ] && { echo "$d"; return 0; }
	done
	return 1
}

fail() {
	echo "FAIL: $*" >&2
	echo "--- command: $last_cmd" >&2
	echo "--- stdout (first 40 lines):" >&2
	head -n 40 "$OUT" >&2
	echo "--- stderr:" >&2
	head -n 20 "$ERR" >&2
	exit 1
}

# run CMD...: runs a command, keeping stdout in $OUT, stderr in $ERR and the
# exit status in $status.  Stops a command that runs past 60 s.
run() {
	last_cmd="$*"
	status=0
	timeout 60 "$@" >"$OUT" 2>"$ERR" || status=$?
	out=$(cat "$OUT")
	err=$(cat "$ERR")
}

expect_status() {
	n_checks=$((n_checks + 1))
	[ "$status" -eq "$1" ] || fail "exit status $status, expected $1"
}

expect_out() {
	n_checks=$((n_checks + 1))
	[ "$out" = "$1" ] || fail "stdout differs; expected:
$1"
}

expect_err() {
	n_checks=$((n_checks + 1))
	[ "$err" = "$1" ] || fail "stderr differs; expected:
$1"
}

expect_out_contains() {
	n_checks=$((n_checks + 1))
	case "$out" in *"$1"*) ;; *) fail "stdout lacks: $1" ;; esac
}

expect_err_contains() {
	n_checks=$((n_checks + 1))
	case "$err" in *"$1"*) ;; *) fail "stderr lacks: $1" ;; esac
}

# expect_json PATH VALUE: the JSON on stdout has VALUE at PATH (see jget).
expect_json() {
	n_checks=$((n_checks + 1))
	got=$("$JGET" "$OUT" "$1") || fail "no $1 in the JSON output"
	[ "$got" = "$2" ] || fail "$1 is '$got', expected '$2'"
}

done_testing() {
	echo "ok: $n_checks checks"
	exit 0
}
