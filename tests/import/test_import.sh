#!/bin/sh
# test_import.sh - cfn-dryrun state import: the AWS CLI documentation's
# example outputs become the state file checked in next to this script
# (read it: every resource is where its ARN, owner or file name says);
# --output writes the same file; defaults come from the only account and
# region the ARNs show; every bad folder or file is an input error (exit 2)
# that names the file, with LINE:COLUMN where the problem has a place.
: "${CFN_DRYRUN:?run through make check}"
: "${TOP_SRCDIR:?run through make check}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cfn-import.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TOP_SRCDIR/tests/import" || exit 1
passed=0 failed=0

# expect NAME STATUS PATTERN-IN-OUTPUT COMMAND...: runs cfn-dryrun with the
# arguments; stdout and stderr go to one log that must hold the pattern.
expect() {
	name=$1 want=$2 pattern=$3
	shift 3
	status=0
	"$CFN_DRYRUN" "$@" >"$TMP/out" 2>"$TMP/err" || status=$?
	if [ "$status" != "$want" ]; then
		echo "FAIL: $name: exit $status, expected $want"; head -5 "$TMP/err"
		failed=$((failed + 1))
	elif [ -n "$pattern" ] && ! grep -qF -- "$pattern" "$TMP/out" "$TMP/err"; then
		echo "FAIL: $name: output lacks: $pattern"; head -5 "$TMP/err"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
}

# bad DIR FILE CONTENT: a one-file folder for an error case.
bad() {
	rm -rf "$TMP/$1" && mkdir -p "$TMP/$1" && printf '%s' "$3" >"$TMP/$1/$2"
}

expect "docs examples" 0 'account: "111122223333"' \
	state import --from docs-examples --account 111122223333 --region us-east-1
if diff -u expected-docs-examples.yaml "$TMP/out" >"$TMP/diff"; then
	passed=$((passed + 1))
else
	echo "FAIL: the imported state differs from expected-docs-examples.yaml"; head -40 "$TMP/diff"
	failed=$((failed + 1))
fi
expect "--output" 0 "" state import --from docs-examples --account 111122223333 \
	--region us-east-1 --output "$TMP/state.yaml"
if cmp -s expected-docs-examples.yaml "$TMP/state.yaml" && [ ! -s "$TMP/out" ]; then
	passed=$((passed + 1))
else
	echo "FAIL: --output did not write the same state"; failed=$((failed + 1))
fi

# Defaults from the ARNs: one account and one region in them.
mkdir -p "$TMP/one" && cp docs-examples/secretsmanager-list-secrets.json \
	docs-examples/cloudformation-list-exports.json docs-examples/s3api-list-buckets.json "$TMP/one"
expect "account and region from the ARNs" 0 "amzn-s3-demo-bucket1: {}" state import --from "$TMP/one"
grep -q '^account: "123456789012"$' "$TMP/out" && grep -q '^region: us-west-2$' "$TMP/out" \
	&& passed=$((passed + 1)) || { echo "FAIL: defaults not taken from the ARNs"; failed=$((failed + 1)); }

# Where an output does not say, the file name or the options must.
mkdir -p "$TMP/vpc" && cp docs-examples/ec2-describe-key-pairs.us-east-1.json \
	"$TMP/vpc/ec2-describe-key-pairs.json"
expect "no region anywhere" 2 \
	"ec2-describe-key-pairs.json: the output does not say which region it was taken in: give --region R, or name the file ec2-describe-key-pairs.REGION.json" \
	state import --from "$TMP/vpc" --account 111122223333
cp "$TMP/vpc/ec2-describe-key-pairs.json" "$TMP/vpc/ec2-describe-key-pairs.eu-west-1.json"
rm "$TMP/vpc/ec2-describe-key-pairs.json"
expect "region from the file name" 0 "eu-west-1:" state import --from "$TMP/vpc" --account 111122223333

# Errors name the file.
bad unknown s3-ls.json '{}'
expect "unrecognised file" 2 "s3-ls.json: unrecognised file: the files are named after the AWS CLI command whose output they hold: account-list-regions.json, s3api-list-buckets.json" \
	state import --from "$TMP/unknown" --account 111122223333 --region us-east-1
bad malformed s3api-list-buckets.json '{"Buckets": [ {"Name": "a"}, ]}'
expect "malformed JSON" 2 "malformed/s3api-list-buckets.json:1:" \
	state import --from "$TMP/malformed" --account 111122223333 --region us-east-1
bad shape s3api-list-buckets.json '{"Repositories": []}'
expect "wrong command output" 2 "shape/s3api-list-buckets.json:1:1: error: expected the output of \`aws s3api list-buckets\`: it has no \"Buckets\"" \
	state import --from "$TMP/shape" --account 111122223333 --region us-east-1
bad item ssm-describe-parameters.json '{"Parameters": [{"Type": "String"}]}'
expect "missing field" 2 "item/ssm-describe-parameters.json:1:17: error: missing \"Name\"" \
	state import --from "$TMP/item" --account 111122223333 --region us-east-1
bad nobucket s3api-list-objects-v2.json '{"Contents": []}'
expect "per-bucket file without the bucket" 2 "name the file s3api-list-objects-v2.BUCKET.json after the bucket it lists" \
	state import --from "$TMP/nobucket" --account 111122223333 --region us-east-1
bad qualifier ec2-describe-vpcs.prod.json '{"Vpcs": []}'
expect "bad qualifier" 2 "'prod' in the file name is neither an account id nor a region code" \
	state import --from "$TMP/qualifier" --account 111122223333 --region us-east-1
bad versioning s3api-get-bucket-versioning.b1.json '{"Status": "On"}'
expect "bad versioning status" 2 "versioning/s3api-get-bucket-versioning.b1.json:1:12: error: \"Status\" should be \"Enabled\" or \"Suspended\"" \
	state import --from "$TMP/versioning" --account 111122223333 --region us-east-1
mkdir -p "$TMP/empty"
expect "empty folder" 2 "no AWS CLI output files in this folder" state import --from "$TMP/empty"
expect "missing folder" 2 "--from $TMP/none: No such file or directory" state import --from "$TMP/none"
expect "--from is required" 2 "state import: --from DIR is required" state import
expect "unknown subcommand" 2 "state: unknown subcommand 'export' (expected: import)" state export --from x
expect "--from elsewhere" 2 "--from is only for state import" check x.yaml --from y
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
