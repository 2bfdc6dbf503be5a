#!/bin/sh
# test_scenarios.sh - every scenario under scenarios/ (files named
# *.scenario.yaml) through `cfn-dryrun scenario --expect`: each must meet
# its expect: block exactly.  Every scenario folder must tell its story in a
# README.md and hold a failing and a fixed variant: two scenario files, or
# one whose variants: run the same stacks against several states.
. "$TOP_SRCDIR/tests/lib.sh"
n=0
for d in "$TOP_SRCDIR"/scenarios/*/; do
	name=$(basename "$d")
	[ "$name" = getting-started ] && continue
	[ -f "$d/README.md" ] || fail "scenarios/$name has no README.md"
	set -- "$d"*.scenario.yaml
	[ -f "$1" ] || fail "scenarios/$name has no *.scenario.yaml"
	# a failing and a fixed variant: two files, or one file with variants:
	[ $# -ge 2 ] || grep -q '^variants:' "$1" ||
		fail "scenarios/$name needs a failing and a fixed variant"
	for f in "$@"; do
		n=$((n + 1))
		run "$CFN_DRYRUN" scenario "$f" --expect --format json
		expect_status 0
		"$JGET" "$OUT" stacks.0.verdict >/dev/null || fail "$f: no JSON report"
	done
done
[ "$n" -gt 0 ] || fail "no scenarios found"
echo "scenarios: $n files meet their expectations"
done_testing
