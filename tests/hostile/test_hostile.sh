#!/bin/sh
# test_hostile.sh - hostile templates and state files: each gets its exact
# error and exit 2 (or, where CloudFormation itself would answer, the exact
# prediction), in bounded time (10 s; 60 s for the two heavy cases) and
# memory (1 GiB of address space; 2 GiB for the heavy cases; not limited
# under AddressSanitizer, which reserves huge shadow maps).
. "$TOP_SRCDIR/tests/lib.sh"
H="$TMP/h"
mkdir "$H"

# Bounded memory, except under AddressSanitizer (it reserves huge shadow maps).
limit_memory() {
	case "${ASAN_OPTIONS:-}" in *detect_leaks*) ;; *) ulimit -v "$memory_kb" 2>/dev/null || true ;; esac
}
memory_kb=1048576

seconds=10 # per run; the heavy cases below allow more
hostile() {
	( limit_memory; exec timeout "$seconds" "$CFN_DRYRUN" check "$@" --format json ) >"$OUT" 2>"$ERR"
	status=$?
	last_cmd="check $*"
	out=$(cat "$OUT")
	err=$(cat "$ERR")
}

# bomb_lines PREFIX: an alias bomb, nine levels of ten aliases each (10^9
# nodes if expanded), one level a line: PREFIX "      l" gives map entries
# ("l3: &l3 [...]"), "  -" list items ("- &l3 [...]").
bomb_lines() {
	i=0
	while [ $i -le 9 ]; do
		p=$((i - 1))
		items="*l$p, *l$p, *l$p, *l$p, *l$p, *l$p, *l$p, *l$p, *l$p, *l$p"
		[ $i -eq 0 ] && items="x, x, x, x, x, x, x, x, x, x"
		case "$1" in *-) echo "$1 &l$i [$items]" ;; *) echo "$1$i: &l$i [$items]" ;; esac
		i=$((i + 1))
	done
}

# In a template: l1..l3 copy 12,330 nodes; each *l3 on line 9 adds 11,111:
# the eighth is past the budget.
{
	echo "Resources:"
	echo "  A:"
	echo "    Type: AWS::SNS::Topic"
	echo "    Metadata:"
	bomb_lines "      l"
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
# Unreadable: as root, permissions do not stop reads, so drop to nobody.
printf 'Resources: {}\n' >"$H/secret.yaml"
chmod 000 "$H/secret.yaml"
as_user=
if [ "$(id -u)" -eq 0 ]; then
	chmod 711 "$TMP" "$H"
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups --"
	$as_user "$CFN_DRYRUN" --version >/dev/null 2>&1 || as_user=unusable
fi
if [ "$as_user" = unusable ]; then
	echo "note: the unreadable-file cases need setpriv and a tool that nobody may run: not run"
else
	( limit_memory; exec timeout 10 $as_user "$CFN_DRYRUN" check "$H/secret.yaml" ) >"$OUT" 2>"$ERR"
	status=$? last_cmd="check secret.yaml (unreadable)" err=$(cat "$ERR")
	expect_status 2
	expect_err "$H/secret.yaml: error: cannot open: Permission denied"
	printf 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n' >"$H/ok.yaml"
	( limit_memory; exec timeout 10 $as_user "$CFN_DRYRUN" check "$H/ok.yaml" --state "$H/secret.yaml" ) >"$OUT" 2>"$ERR"
	status=$? last_cmd="check ok.yaml --state secret.yaml (unreadable)" err=$(cat "$ERR")
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

# ---- The same attacks through the state file (--state) ----
printf 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n' >"$H/ok.yaml"
{
	echo "account: \"123456789012\""
	echo "s3_names_taken:"
	bomb_lines "  -"
} >"$H/bomb-state.yaml"
hostile "$H/ok.yaml" --state "$H/bomb-state.yaml"
expect_status 2
expect_err "$H/bomb-state.yaml:7:45: error: YAML aliases expand past 100000 nodes (alias bomb?)"
awk 'BEGIN { printf "accounts: "; for (i = 0; i < 10000; i++) printf "{\"a\": "; print "" }' >"$H/deep-state.yaml"
hostile "$H/ok.yaml" --state "$H/deep-state.yaml"
expect_status 2
expect_err "$H/deep-state.yaml:1:1205: error: nesting deeper than 200 levels"
printf 'account: "123456789012"\nregion: us-east-1\000\n' >"$H/nul-state.yaml"
hostile "$H/ok.yaml" --state "$H/nul-state.yaml"
expect_status 2
expect_err "$H/nul-state.yaml:2:18: error: NUL byte in input (binary file?)"
printf 'account: "123456789012"\ns3_names_taken: [caf\351]\n' >"$H/latin1-state.yaml"
hostile "$H/ok.yaml" --state "$H/latin1-state.yaml"
expect_status 2
expect_err "$H/latin1-state.yaml:2:21: error: invalid UTF-8 byte 0xE9"
# State files may be larger than templates (256 MiB), but not without end.
truncate -s 300M "$H/huge-state.yaml"
hostile "$H/ok.yaml" --state "$H/huge-state.yaml"
expect_status 2
expect_err "$H/huge-state.yaml: error: file is 314572800 bytes; the limit is 268435456 bytes"
# 100 MB of zeros is read (within the limit) and refused at its first byte.
truncate -s 100M "$H/zeros-state.yaml"
hostile "$H/ok.yaml" --state "$H/zeros-state.yaml"
expect_status 2
expect_err "$H/zeros-state.yaml:1:1: error: NUL byte in input (binary file?)"
# A huge scalar (8 MiB) in a state file is fine.
{
	printf 'accounts:\n  "123456789012":\n    regions:\n      us-east-1:\n'
	printf '        AWS::SSM::Parameter:\n          /big: {Type: String, Value: '
	head -c 8388608 /dev/zero | tr '\0' 'x'
	printf '}\n'
} >"$H/blob-state.yaml"
hostile "$H/ok.yaml" --state "$H/blob-state.yaml"
expect_status 0
expect_json stacks.0.verdict ok

# ---- File: objects that leave the state file's folder (the CLI's error) ----
mkdir "$H/st"
printf 'Resources: {}\n' >"$H/outside.yaml"
ln -s "$H/outside.yaml" "$H/st/link.yaml"
file_state() {
	printf 'account: "123456789012"\naccounts:\n  "123456789012":\n    regions:\n      us-east-1:\n'
	printf '        AWS::S3::Bucket:\n          b-123456789012:\n            Objects:\n'
	printf '              x.yaml: {File: %s}\n' "$1"
}
file_state ../outside.yaml >"$H/st/up.yaml"
hostile "$H/ok.yaml" --state "$H/st/up.yaml"
expect_status 2
expect_err "$H/st/up.yaml:9:30: error: File ../outside.yaml leaves the state file's folder (--allow-outside lifts this)"
file_state link.yaml >"$H/st/symlink.yaml"
hostile "$H/ok.yaml" --state "$H/st/symlink.yaml"
expect_status 2
expect_err "$H/st/symlink.yaml:9:30: error: File link.yaml follows a symlink out of the state file's folder (--allow-outside lifts this)"
file_state "$H/outside.yaml" >"$H/st/absolute.yaml"
hostile "$H/ok.yaml" --state "$H/st/absolute.yaml"
expect_status 2
expect_err "$H/st/absolute.yaml:9:30: error: File $H/outside.yaml: absolute paths are not allowed (the file must be inside the state file's folder; --allow-outside lifts this)"
hostile "$H/ok.yaml" --state "$H/st/symlink.yaml" --allow-outside
expect_status 0
expect_json stacks.0.verdict ok
hostile "$H/ok.yaml" --state "$H/st/up.yaml" --allow-outside
expect_status 0

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

# ---- Size: a node budget bounds memory whatever the bytes ----
# The heavy cases take about 1 GB and seconds; under the sanitizers (three
# times the memory, ten times the time) they run in the plain build only.
case "${ASAN_OPTIONS:-}" in
*detect_leaks*) echo "note: the 8-million-node and million-resource cases run in the plain build only" ;;
*)
	seconds=60 memory_kb=2097152
	# 8,000,001 values in a 16 MB JSON template (under the 16 MiB limit).
	awk 'BEGIN { printf "{\"Resources\": {\"A\": {\"Type\": \"AWS::SNS::Topic\", \"Metadata\": [0"; for (i = 1; i < 7999999; i++) printf ",0"; print "]}}}" }' >"$H/many.json"
	hostile "$H/many.json"
	expect_status 2
	expect_err "$H/many.json:1:16000044: error: more than 8000000 keys and values in one file"
	# The same in YAML, in a state file (the budget counts keys too).
	awk 'BEGIN { printf "s3_names_taken: [a"; for (i = 1; i < 7999999; i++) printf ",a"; print "]" }' >"$H/many-state.yaml"
	hostile "$H/ok.yaml" --state "$H/many-state.yaml"
	expect_status 2
	expect_err "$H/many-state.yaml:1:16000012: error: more than 8000000 keys and values in one file"
	rm -f "$H/many-state.yaml"
	# A million resources in a state file (6 million keys and values): a
	# correct prediction, in bounded time and memory (2 GiB of address space).
	awk 'BEGIN { print "account: \"123456789012\"\nregion: us-east-1\naccounts:\n  \"123456789012\":\n    regions:\n      us-east-1:\n        AWS::SSM::Parameter:"; for (i = 0; i < 1000000; i++) printf "          /bench/p%d: {Type: String, Value: v%d}\n", i, i }' >"$H/million.yaml"
	printf 'Resources:\n  Taken:\n    Type: AWS::SSM::Parameter\n    Properties: {Name: /bench/p999999, Type: String, Value: x}\n  Free:\n    Type: AWS::SSM::Parameter\n    Properties: {Name: /bench/new, Type: String, Value: x}\n' >"$H/params.yaml"
	hostile "$H/params.yaml" --state "$H/million.yaml"
	expect_status 1
	expect_json stacks.0.resources.0.logical_id Free
	expect_json stacks.0.resources.0.status create
	expect_json stacks.0.resources.1.logical_id Taken
	expect_json stacks.0.resources.1.status fail
	expect_json stacks.0.resources.1.findings.0.code CD4001
	rm -f "$H/many.json" "$H/million.yaml"
	;;
esac

done_testing
