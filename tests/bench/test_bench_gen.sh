#!/bin/sh
# test_bench_gen.sh - the benchmark's generated inputs mean what the bench
# says they mean (no timing here): a template of N resources has N, and
# against its state only the designed failures happen: every seventh
# function's code is missing (CD4002), every eleventh bucket name is taken
# (CD4001), and what uses those buckets is blocked.  The nested tree has
# 1 + 20 stacks and its root is created.
. "$TOP_SRCDIR/tests/lib.sh"
GEN="$TOP_BUILDDIR/bench/gen"

# The counts the design implies for units 0..N/10-1 (see bench/gen.c).
expected() {
	awk -v n="$1" 'BEGIN {
		units = int((n + 9) / 10); fail = 0; blocked = 0
		for (k = 0; k < units; k++) {
			if (k % 7 == 6) fail++                   # Fn k: NoSuchKey
			if (k % 11 == 10) {                      # Bucket k: name taken
				fail++
				blocked += 2                         # Role k, Fn k
				if (k + 1 < units) blocked++         # Fn k+1 reads Bucket k
			}
		}
		printf "%d would fail, %d blocked, %d would create, 0 uncertain\n", fail, blocked, n - fail - blocked
	}'
}

for n in 10 100 500; do
	"$GEN" template $n >"$TMP/t$n.yaml" && "$GEN" state $n >"$TMP/s$n.yaml" || fail "gen $n"
	run "$CFN_DRYRUN" check "$TMP/t$n.yaml" --state "$TMP/s$n.yaml" --capabilities CAPABILITY_IAM \
		--format text --quiet
	[ $n -eq 10 ] && expect_status 0 || expect_status 1
	expect_out "$(expected $n)"
done
run "$CFN_DRYRUN" check "$TMP/t100.yaml" --state "$TMP/s100.yaml" --capabilities CAPABILITY_IAM --format text
expect_out_contains "would fail (1):
  Fn6  AWS::Lambda::Function  wave 3
$TMP/t100.yaml:580:24: error: Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist. [CD4002]"

"$GEN" nested "$TMP/nested" || fail "gen nested"
n_files=$(find "$TMP/nested" -name '*.yaml' | wc -l)
n_checks=$((n_checks + 1))
[ "$n_files" -eq 22 ] || fail "gen nested wrote $n_files files, expected 21 templates and a state"
run "$CFN_DRYRUN" check "$TMP/nested/root.yaml" --state "$TMP/nested/state.yaml" \
	--capabilities CAPABILITY_IAM --format json
expect_status 0
expect_json stacks.0.verdict ok

done_testing
