#!/bin/sh
# test_corpus.sh - every template of the shared corpus (../shared/corpus, or
# $CFN_CORPUS; see find_shared in lib.sh) through `check --format json`: no crash, a JSON report with a
# verdict for every usable template (exit 0, 1 or 3), and exit 2 only for the
# templates listed in corpus-rejected.txt, with the reason listed there.
. "$TOP_SRCDIR/tests/lib.sh"
CORPUS="${CFN_CORPUS:-$(find_shared)/corpus}"
REJECTED="$TOP_SRCDIR/tests/cli/corpus-rejected.txt"
if [ ! -d "$CORPUS" ]; then
	echo "skip: no corpus at $CORPUS (set CFN_CORPUS)"
	exit 77
fi

n=0; n_ok=0; n_fail=0; n_uncertain=0; n_rejected=0
list="$TMP/templates"
(cd "$CORPUS" && find . -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | sed 's|^\./||' | LC_ALL=C sort) >"$list"
while IFS= read -r rel; do
	n=$((n + 1))
	run "$CFN_DRYRUN" check "$CORPUS/$rel" --format json
	expected=$(awk -F '\t' -v f="$rel" '$1 == f { print $2 }' "$REJECTED")
	case "$status" in
	0|1|3)
		[ -z "$expected" ] || fail "$rel: listed as rejected but exit $status"
		[ -z "$err" ] || fail "$rel: exit $status with diagnostics"
		verdict=$("$JGET" "$OUT" stacks.0.verdict) || fail "$rel: no verdict in the JSON report"
		case "$status:$verdict" in
		0:ok) n_ok=$((n_ok + 1)) ;;
		1:fail) n_fail=$((n_fail + 1)) ;;
		3:uncertain) n_uncertain=$((n_uncertain + 1)) ;;
		*) fail "$rel: exit $status but verdict $verdict" ;;
		esac
		;;
	2)
		[ -n "$expected" ] || fail "$rel: rejected (exit 2) but not listed in corpus-rejected.txt"
		expect_err_contains "error: $expected"
		n_rejected=$((n_rejected + 1))
		;;
	*)
		fail "$rel: exit status $status (crash or timeout)"
		;;
	esac
done <"$list"
listed=$(grep -vc '^#' "$REJECTED")
[ "$listed" -eq "$n_rejected" ] || fail "$listed templates listed as rejected, $n_rejected rejected"
echo "corpus: $n templates: $n_ok ok, $n_fail fail, $n_uncertain uncertain, $n_rejected rejected as input"
[ "$n" -gt 200 ] || fail "only $n templates found in $CORPUS"
done_testing
