#!/bin/sh
# test_models.sh - the command line and the resource models: where the
# models are found (--models first, $CFN_DRYRUN_MODELS, next to the
# executable), exit statuses, and findings about types and attributes.
set -u
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
n_fail=0
fail() { echo "FAIL: $*"; n_fail=$((n_fail + 1)); }
ok() { echo "ok: $*"; }
# run EXPECTED_STATUS ARGS...: runs cfn-dryrun, output in $TMP/out and $TMP/err.
run() {
	want=$1
	shift
	"$CFN_DRYRUN" "$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "cfn-dryrun $*: exit $got, expected $want; stderr: $(cat "$TMP/err")"
}
contains() { # FILE TEXT
	grep -qF -- "$2" "$1" && ok "$(basename "$1") has: $2" || fail "$(basename "$1") lacks: $2"
}

cat >"$TMP/types.yaml" <<'YAML'
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Vault:
    Type: AWS::Backup::BackupVaultz
Outputs:
  Url:
    Value: !GetAtt Queue.Url
YAML
cat >"$TMP/fixed.yaml" <<'YAML'
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: {DelaySeconds: 5}
Outputs:
  Url:
    Value: !GetAtt Queue.QueueUrl
YAML
cat >"$TMP/props.yaml" <<'YAML'
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: {DelaySeconds: 5000, Tags: {a: b}}
YAML

run 1 check "$TMP/types.yaml" --format text
contains "$TMP/out" "error: Template format error: Unrecognized resource types: [AWS::Backup::BackupVaultz] [CD1100]"
contains "$TMP/out" "error: Template error: resource Queue does not support attribute type Url in Fn::GetAtt [CD1101]"
contains "$TMP/out" "fix: use one of the attributes of AWS::SQS::Queue: QueueUrl, Arn"
run 0 check "$TMP/fixed.yaml" --format text
run 1 check "$TMP/props.yaml" --format text
contains "$TMP/out" "props.yaml:4:32: error: Properties validation failed for resource Queue with message: #/DelaySeconds: failed validation constraint for keyword [maximum] [CD3006]"
contains "$TMP/out" "props.yaml:4:44: error: Properties validation failed for resource Queue with message: #/Tags: expected type: JSONArray, found: JSONObject [CD3002]"

# --models: an extra directory searched first (here, overlays only).
run 0 check "$TMP/fixed.yaml" --models "$TOP_SRCDIR/tests/model/extra"
run 2 check "$TMP/fixed.yaml" --models "$TMP/nowhere"
contains "$TMP/err" "error: $TMP/nowhere: model directory not found"
run 2 check "$TMP/fixed.yaml" --models "$TOP_SRCDIR/tests/model/bad"
contains "$TMP/err" "tests/model/bad/overlay/aws-sqs.yaml:4:1: error: unknown key 'typos' (types, rules)"
[ ! -s "$TMP/out" ] && ok "no report on an input error" || fail "a report was printed on exit 2"

# scenario takes --models too; the state's types and property names are
# checked against the models.
run 0 scenario "$TOP_SRCDIR/scenarios/exists-ec2-key-pair/fixed.scenario.yaml" --expect \
	--models "$TOP_SRCDIR/tests/model/extra"
mkdir "$TMP/sc"
cp "$TOP_SRCDIR/scenarios/exists-ec2-key-pair/fixed.scenario.yaml" \
	"$TOP_SRCDIR/scenarios/exists-ec2-key-pair/template.yaml" "$TMP/sc/"
sed 's/{Name: al2023}/{Name: al2023, Arch: x86_64}/' \
	"$TOP_SRCDIR/scenarios/exists-ec2-key-pair/state-fixed.yaml" >"$TMP/sc/state-fixed.yaml"
run 2 scenario "$TMP/sc/fixed.scenario.yaml"
contains "$TMP/err" "sc/state-fixed.yaml:10:49: error: AWS::EC2::Image has no property \"Arch\""

# The model index (generated/types.idx): "TYPE<TAB>OFFSET<TAB>LENGTH" lines.
# Usual lines are read in one pass; anything else is judged as always.
line=$(grep '^{"t":"AWS::S3::Bucket"' "$TOP_SRCDIR/models/generated/types.jsonl")
len=$(printf '%s\n' "$line" | wc -c | tr -d ' ')
printf 'Resources:\n  B: {Type: AWS::S3::Bucket}\n' >"$TMP/idx.yaml"
# index_case STATUS MESSAGE-OR-EMPTY BODY: BODY (printf format, after the
# header line) as the index of a one-type model directory.
index_case() {
	rm -rf "$TMP/mi" && mkdir -p "$TMP/mi/generated"
	printf '%s\n' "$line" >"$TMP/mi/generated/types.jsonl"
	# shellcheck disable=SC2059
	printf "#cfn-dryrun-models 1 region=us-east-1 types=1\n$3" "$len" >"$TMP/mi/generated/types.idx"
	run "$1" check "$TMP/idx.yaml" --models "$TMP/mi"
	if [ -n "$2" ]; then contains "$TMP/err" "$2"; fi
}
I=mi/generated/types.idx
index_case 0 "" 'AWS::S3::Bucket\t0\t%s\n'
index_case 0 "" 'AWS::S3::Bucket\t0\t%s'                              # no last newline
index_case 0 "" 'AWS::S3::Bucket\t00000000000000000000\t%s\n'          # 20 digits: strtoull's
index_case 0 "" 'AWS::S3::Bucket\t-0\t%s\n'
index_case 2 "$I:3:1: error: expected TYPE, OFFSET and LENGTH separated by tabs" \
	'AWS::S3::Bucket\t0\t%s\nBad line\n'
index_case 2 "$I:2:1: error: expected TYPE, OFFSET and LENGTH separated by tabs" \
	'A\nAWS::S3::Bucket\t0\t%s\n'                                 # the tab is on the next line
index_case 2 "$I:2:1: error: expected TYPE, OFFSET and LENGTH separated by tabs" \
	'\tAWS::S3::Bucket\t0\t%s\n'
index_case 2 "$I:2:17: error: bad offset or length" 'AWS::S3::Bucket\t1x\t%s\n'
index_case 2 "$I:2:17: error: bad offset or length" 'AWS::S3::Bucket\t0\t0\n%.0s'
index_case 2 "$I:2:17: error: bad offset or length" 'AWS::S3::Bucket\t0\t%s\r\n'
index_case 2 "$I:2:17: error: bad offset or length" 'AWS::S3::Bucket\t0\t%s\t\n'
index_case 2 "$I:2:17: error: bad offset or length" 'AWS::S3::Bucket\t0\t99999999999\n%.0s'
index_case 2 "$I:2:17: error: bad offset or length" 'AWS::S3::Bucket\t\t%s\n'
index_case 2 "$I:2:17: error: bad offset or length" 'AWS::S3::Bucket\t0\t\n%.0s'

# $CFN_DRYRUN_MODELS names the models; unset, they are found next to the
# executable (an in-tree build or a build directory inside the tree).
CFN_DRYRUN_MODELS="$TMP/nowhere" run 2 check "$TMP/fixed.yaml"
contains "$TMP/err" "error: $TMP/nowhere: model directory not found"
if [ -f "$TOP_BUILDDIR/models/generated/types.idx" ] || [ -f "$TOP_BUILDDIR/../models/generated/types.idx" ]; then
	(unset CFN_DRYRUN_MODELS; run 1 check "$TMP/types.yaml" --format text; exit $n_fail) || n_fail=$((n_fail + 1))
else
	echo "skip: no models/ next to $CFN_DRYRUN (an out-of-tree build)"
fi
[ "$n_fail" -eq 0 ] || exit 1
