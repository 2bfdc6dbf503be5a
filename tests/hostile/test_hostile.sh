#!/bin/sh
# test_hostile.sh - hostile templates: each gets its exact error and exit 2
# (or, where CloudFormation itself would answer, the exact prediction), in
# bounded time (10 s) and memory (1 GiB of address space... plus what the
# sanitizers need).
. "$TOP_SRCDIR/tests/lib.sh"
H="$TMP/h"
mkdir "$H"

# Bounded memory, except under AddressSanitizer (it reserves huge shadow maps).
limit_memory() {
	case "${ASAN_OPTIONS:-}" in *detect_leaks*) ;; *) ulimit -v 1048576 2>/dev/null || true ;; esac
}

hostile() {
	( limit_memory; exec timeout 10 "$CFN_DRYRUN" check "$@" --format json ) >"$OUT" 2>"$ERR"
	status=$?
	last_cmd="check $*"
	out=$(cat "$OUT")
	err=$(cat "$ERR")
}

# An alias bomb: nine levels of ten aliases each (10^9 nodes if expanded).
# l1..l3 copy 12,330 nodes; each *l3 on line 9 adds 11,111: the eighth is past the budget.
{
	echo "Resources:"
	echo "  A:"
	echo "    Type: AWS::SNS::Topic"
	echo "    Metadata:"
	echo "      l0: &l0 [x, x, x, x, x, x, x, x, x, x]"
	i=1
	while [ $i -le 9 ]; do
		p=$((i - 1))
		echo "      l$i: &l$i [*l$p, *l$p, *l$p, *l$p, *l$p, *l$p, *l$p, *l$p, *l$p, *l$p]"
		i=$((i + 1))
	done
} >"$H/bomb.yaml"
hostile "$H/bomb.yaml"
expect_status 2
expect_err "$H/bomb.yaml:9:51: error: YAML aliases expand past 100000 nodes (alias bomb?)"

# 10,000-deep nesting (YAML flow, JSON) and 1,000-deep block YAML.
awk 'BEGIN { printf "Resources: "; for (i = 0; i < 10000; i++) printf "["; print "" }' >"$H/deep.yaml"
hostile "$H/deep.yaml"
expect_status 2
expect_err "$H/deep.yaml:1:211: error: nesting deeper than 200 levels"
awk 'BEGIN { for (i = 0; i < 1000; i++) { for (k = 0; k < i; k++) printf " "; print "a:" } }' >"$H/deep-block.yaml"
hostile "$H/deep-block.yaml"
expect_status 2
expect_err "$H/deep-block.yaml:201:201: error: nesting deeper than 200 levels"
awk 'BEGIN { printf "{\"Resources\": "; for (i = 0; i < 10000; i++) printf "{\"a\": "; print "" }' >"$H/deep.json"
hostile "$H/deep.json"
expect_status 2
expect_err "$H/deep.json:1:1209: error: nesting deeper than 200 levels"

# A NUL byte, invalid UTF-8, a truncated file.
printf 'Resources:\n  A:\n    Type: AWS::SNS::\000Topic\n' >"$H/nul.yaml"
hostile "$H/nul.yaml"
expect_status 2
expect_err "$H/nul.yaml:3:21: error: NUL byte in input (binary file?)"
printf 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: caf\351}\n' >"$H/latin1.yaml"
hostile "$H/latin1.yaml"
expect_status 2
expect_err "$H/latin1.yaml:4:32: error: invalid UTF-8 byte 0xE9"
printf '{"Resources": {"A": {"Type": "AWS::SNS::To' >"$H/truncated.json"
hostile "$H/truncated.json"
expect_status 2
expect_err "$H/truncated.json:1:30: error: unterminated string"
printf 'Resources:\n  A:\n    Type: "AWS::SNS::Topic\n' >"$H/truncated.yaml"
hostile "$H/truncated.yaml"
expect_status 2
expect_err "$H/truncated.yaml:4:1: error: found unexpected end of stream while scanning a quoted scalar (line 3, column 11)"

# Not a template at all; an empty file; a directory; an unreadable file.
printf 'services:\n  web: {image: nginx}\n' >"$H/compose.yaml"
hostile "$H/compose.yaml"
expect_status 2
expect_err "$H/compose.yaml:1:1: error: not a CloudFormation template: no Resources, AWSTemplateFormatVersion or other template section"
: >"$H/empty.yaml"
hostile "$H/empty.yaml"
expect_status 2
expect_err "$H/empty.yaml:1:1: error: not a CloudFormation template: the top level is a null, not a map of sections"
hostile "$H"
expect_status 2
expect_err "$H: error: is a directory, not a file"
if [ "$(id -u)" -ne 0 ]; then
	printf 'Resources: {}\n' >"$H/secret.yaml"
	chmod 000 "$H/secret.yaml"
	hostile "$H/secret.yaml"
	expect_status 2
	expect_err "$H/secret.yaml: error: cannot open: Permission denied"
fi

# A file over the input limit is refused before it is read (sparse: no disk used).
truncate -s 100M "$H/huge.yaml"
hostile "$H/huge.yaml"
expect_status 2
expect_err "$H/huge.yaml: error: file is 104857600 bytes; the limit is 16777216 bytes"

# A huge scalar (8 MiB) is fine as input; CloudFormation refuses a template over 1 MB.
{
	printf 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Metadata:\n      Blob: '
	head -c 8388608 /dev/zero | tr '\0' 'x'
	printf '\n'
} >"$H/blob.yaml"
hostile "$H/blob.yaml"
expect_status 1
expect_json stacks.0.stack_findings.0.code CD1006
expect_json stacks.0.stack_findings.0.message "Template may not exceed 1048576 bytes in size."

# Nested stacks that include themselves: directly, and through two others
# (a -> b -> c -> a).  Each is caught where the chain closes, at once.
N="$H/nested"
mkdir "$N"
url=https://tpl.s3.amazonaws.com
for t in self a b c; do
	case $t in self) next=self ;; a) next=b ;; b) next=c ;; c) next=a ;; esac
	printf 'Resources:\n  Inc:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: %s/%s.yaml}\n' \
		"$url" "$next" >"$N/$t.yaml"
done
{
	printf 'accounts:\n  "123456789012":\n    regions:\n      us-east-1:\n        AWS::S3::Bucket:\n'
	printf '          tpl:\n            Objects:\n'
	for t in self a b c; do printf '              %s.yaml: {File: %s.yaml}\n' $t $t; done
} >"$N/state.yaml"
hostile "$N/self.yaml" --state "$N/state.yaml"
expect_status 1
expect_json stacks.0.resources.0.findings.0.code CD5005
expect_json stacks.0.resources.0.findings.0.message "Nested stack Inc includes its own template ($(cd "$N" && pwd -P)/self.yaml -> s3://tpl/self.yaml): CloudFormation would create nested stacks until the account's stack quota stops it (LimitExceededException: Limit for stack has been exceeded)"
hostile "$N/a.yaml" --state "$N/state.yaml"
expect_status 1
expect_json stacks.0.nested.0.nested.0.resources.0.findings.0.message "Nested stack Inc includes its own template ($(cd "$N" && pwd -P)/a.yaml -> s3://tpl/b.yaml -> s3://tpl/c.yaml -> s3://tpl/a.yaml): CloudFormation would create nested stacks until the account's stack quota stops it (LimitExceededException: Limit for stack has been exceeded)"
expect_json stacks.0.resources.0.findings.0.code CD5003

# A fan-out bomb without any cycle: ten templates, each nesting the next ten
# times (10^10 stacks if all were run).  The budget of nested stacks ends it.
F="$H/fanout"
mkdir "$F"
i=0
while [ $i -lt 10 ]; do
	{
		echo "Resources:"
		k=0
		while [ $k -lt 10 ]; do
			printf '  S%d:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: %s/l%d.yaml}\n' \
				$k "$url" $((i + 1))
			k=$((k + 1))
		done
	} >"$F/l$i.yaml"
	i=$((i + 1))
done
printf 'Resources:\n  T: {Type: AWS::SNS::Topic}\n' >"$F/l10.yaml"
{
	printf 'accounts:\n  "123456789012":\n    regions:\n      us-east-1:\n        AWS::S3::Bucket:\n'
	printf '          tpl:\n            Objects:\n'
	i=1
	while [ $i -le 10 ]; do printf '              l%d.yaml: {File: l%d.yaml}\n' $i $i; i=$((i + 1)); done
} >"$F/state.yaml"
hostile "$F/l0.yaml" --state "$F/state.yaml"
expect_status 3
expect_json stacks.0.resources.1.logical_id S1
expect_json stacks.0.resources.1.findings.0.message "Nested stack S1 is not simulated: 200 nested stacks were already simulated under this stack, the most cfn-dryrun simulates"

done_testing
