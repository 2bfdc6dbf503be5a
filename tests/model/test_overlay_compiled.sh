#!/bin/sh
# test_overlay_compiled.sh - models/compiled/overlay.dat: tools/overlaygen
# recompiles the overlay YAML to exactly the shipped file (run make when
# this fails), refuses a typo with its position, and cfn-dryrun reads the
# YAML itself when a file no longer matches its compiled form.
set -u
GEN="$TOP_BUILDDIR/tools/overlaygen"
DRYRUN="$TOP_BUILDDIR/cfn-dryrun"
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
n_fail=0
fail() { echo "FAIL: $*"; n_fail=$((n_fail + 1)); }
ok() { echo "ok: $*"; }

# 1. The shipped compiled form is the YAML's.
if "$GEN" "$TMP/overlay.dat" "$TOP_SRCDIR"/models/overlay/*.yaml 2>"$TMP/err"; then
	if cmp -s "$TMP/overlay.dat" "$TOP_SRCDIR/models/compiled/overlay.dat"; then
		ok "models/compiled/overlay.dat matches models/overlay/*.yaml"
	else
		fail "models/compiled/overlay.dat and models/overlay/*.yaml disagree (run make)"
	fi
else
	fail "overlaygen failed: $(cat "$TMP/err")"
fi

# 2. A typo fails the compilation with its position; nothing is written.
cp -r "$TOP_SRCDIR/models" "$TMP/models"
chmod -R u+w "$TMP/models"
sed '0,/^    name:/s//    nmae:/' "$TOP_SRCDIR/models/overlay/aws-sqs.yaml" \
	>"$TMP/models/overlay/aws-sqs.yaml"
"$GEN" "$TMP/typo.dat" "$TMP"/models/overlay/*.yaml 2>"$TMP/err"
status=$?
if [ "$status" -eq 1 ] && [ ! -e "$TMP/typo.dat" ] &&
	grep -qF "models/overlay/aws-sqs.yaml:4:5: error: AWS::SQS::Queue: unknown key 'nmae'" "$TMP/err"; then
	ok "typo refused with its position"
else
	fail "typo: exit $status, stderr: $(cat "$TMP/err")"
fi

# 3. cfn-dryrun with that YAML and the old compiled form: the YAML is read
#    (the same error as without a compiled form), never the stale facts.
# expect_error NAME MESSAGE: cfn-dryrun on t.yaml with $TMP/models exits 2
# saying MESSAGE.
expect_error() {
	CFN_DRYRUN_MODELS="$TMP/models" "$DRYRUN" check "$TMP/t.yaml" >/dev/null 2>"$TMP/err"
	status=$?
	if [ "$status" -eq 2 ] && grep -qF "$2" "$TMP/err"; then
		ok "$1"
	else
		fail "$1: exit $status, stderr: $(cat "$TMP/err")"
	fi
}
printf 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n' >"$TMP/t.yaml"
expect_error "stale compiled form ignored" \
	"$TMP/models/overlay/aws-sqs.yaml:4:5: error: AWS::SQS::Queue: unknown key 'nmae'"

# 4. An edited message is used at once, compiled form or not.
cp "$TOP_SRCDIR/models/overlay/aws-sqs.yaml" "$TMP/models/overlay/aws-sqs.yaml"
sed 's|^    ref: "https://sqs\.|    ref: "https://edited-sqs.|' "$TOP_SRCDIR/models/overlay/aws-sqs.yaml" \
	>"$TMP/models/overlay/aws-sqs.yaml"
printf 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\nOutputs:\n  U:\n    Value: !Ref Q\n' >"$TMP/t2.yaml"
out=$(CFN_DRYRUN_MODELS="$TMP/models" "$DRYRUN" check "$TMP/t2.yaml" --format json 2>&1)
case "$out" in
*'"https://edited-sqs.us-east-1.amazonaws.com/123456789012/'*) ok "edited YAML read" ;;
*) fail "edited YAML not read: $out" ;;
esac

# 5. A damaged compiled file with a current YAML: an error, exit 2.
cp "$TOP_SRCDIR/models/overlay/aws-sqs.yaml" "$TMP/models/overlay/aws-sqs.yaml"
sed 's/^\(T\tAWS::SQS::Queue\t[0-9]*\t\)m/\1x/' \
	"$TOP_SRCDIR/models/compiled/overlay.dat" >"$TMP/models/compiled/overlay.dat"
expect_error "damaged compiled form reported" \
	"error: $TMP/models/compiled/overlay.dat: the records of aws-sqs are damaged (run make, or delete the file)"

# 6. Without a compiled form the YAML is read: the same report.
rm -r "$TMP/models/compiled"
a=$(CFN_DRYRUN_MODELS="$TMP/models" "$DRYRUN" check "$TMP/t2.yaml" --format json 2>&1)
b=$(CFN_DRYRUN_MODELS="$TOP_SRCDIR/models" "$DRYRUN" check "$TMP/t2.yaml" --format json 2>&1)
[ -n "$a" ] && [ "$a" = "$b" ] && ok "no compiled form: same report" ||
	fail "no compiled form: reports differ"

[ "$n_fail" -eq 0 ] || exit 1
echo "all ok"
