#!/bin/sh
# test_cli.sh - the command line: help, version, option errors (exit 2 with
# GNU-style messages), exit codes 0/1/3 on templates, JSON and DOT output,
# atomic --output.
. "$TOP_SRCDIR/tests/lib.sh"
T="$TOP_SRCDIR/tests/cli/templates"
EXAMPLE="$TOP_SRCDIR/scenarios/getting-started/template.yaml"

run "$CFN_DRYRUN" --version
expect_status 0
expect_out "cfn-dryrun 0.1.0"

run "$CFN_DRYRUN" --help
expect_status 0
expect_out_contains "cfn-dryrun check TEMPLATE [options]"
expect_out_contains "--format F            report format: text, json, sarif, junit, markdown, dot, html"

run "$CFN_DRYRUN" help codes
expect_status 0
expect_out_contains "CD1012  error    circular-dependency          Resources that depend on each other in a cycle."
expect_out_contains "CD4001  error    name-exists"

run "$CFN_DRYRUN" help graph
expect_status 0
expect_out_contains "cfn-dryrun graph TEMPLATE [options]"

run "$CFN_DRYRUN"
expect_status 2

run "$CFN_DRYRUN" launch x.yaml
expect_status 2
expect_err_contains "cfn-dryrun: error: unknown command 'launch'"

run "$CFN_DRYRUN" check
expect_status 2
expect_err "cfn-dryrun: error: check: missing TEMPLATE argument"

run "$CFN_DRYRUN" check "$EXAMPLE" --frobnicate
expect_status 2
expect_err "cfn-dryrun: error: unknown option '--frobnicate' (see cfn-dryrun help check)"

run "$CFN_DRYRUN" check "$EXAMPLE" --format xml
expect_status 2
expect_err "cfn-dryrun: error: --format: unknown format 'xml' (expected one of: text, json, sarif, junit, markdown, dot, html)"

run "$CFN_DRYRUN" check "$EXAMPLE" --account 12345 --region Mars --date 2026-02-30 --capabilities CAPABILITY_FOO
expect_status 2
expect_err "cfn-dryrun: error: --capabilities: unknown capability 'CAPABILITY_FOO' (expected CAPABILITY_IAM, CAPABILITY_NAMED_IAM or CAPABILITY_AUTO_EXPAND)
cfn-dryrun: error: --account: '12345' is not a 12-digit account id
cfn-dryrun: error: --region: 'Mars' is not a region code such as us-east-1
cfn-dryrun: error: --date: '2026-02-30' is not a date YYYY-MM-DD"

run "$CFN_DRYRUN" check "$EXAMPLE" --param NoEquals
expect_status 2
expect_err "cfn-dryrun: error: --param: expected KEY=VALUE, got 'NoEquals'"

run "$CFN_DRYRUN" check "$EXAMPLE" --params "$T/params.json"
expect_status 2
expect_err "$T/params.json:2:50: error: unknown key \"Extra\" in a parameter entry"

run "$CFN_DRYRUN" check "$TMP/missing.yaml"
expect_status 2
expect_err "$TMP/missing.yaml: error: cannot open: No such file or directory"

# A clean template: exit 0, every resource created, in wave order.
run "$CFN_DRYRUN" check "$EXAMPLE" --format json --stack-name web --account 111111111111 --region eu-west-1
expect_status 0
expect_json stacks.0.stack web
expect_json stacks.0.account 111111111111
expect_json stacks.0.region eu-west-1
expect_json stacks.0.verdict ok
expect_json stacks.0.resources.length 4
expect_json stacks.0.resources.0.logical_id LogsBucket
expect_json stacks.0.resources.1.logical_id Queue
expect_json stacks.0.resources.2.logical_id Topic
expect_json stacks.0.resources.2.wave 1
expect_json stacks.0.resources.3.logical_id Alarm
expect_json stacks.0.resources.3.wave 2
expect_json stacks.0.resources.3.depends_on '["Topic","LogsBucket"]'
expect_json stacks.0.resources.3.status create
expect_json stacks.0.resources.3.physical_id web-Alarm-BV6WK00325DO

# The default stack name comes from the file name.
run "$CFN_DRYRUN" check "$EXAMPLE" --format json
expect_json stacks.0.stack template

# A cycle: stack finding naming every member, every resource blocked.
run "$CFN_DRYRUN" check "$T/cycle.yaml" --format json
expect_status 1
expect_json stacks.0.verdict fail
expect_json stacks.0.stack_findings.length 1
expect_json stacks.0.stack_findings.0.code CD1012
expect_json stacks.0.stack_findings.0.message "Circular dependency between resources: [ScaleUp, ScaleDown]"
expect_json stacks.0.stack_findings.0.line 5
expect_json stacks.0.stack_findings.0.column 3
expect_json stacks.0.resources.0.status blocked
expect_json stacks.0.resources.0.blocked_by '[]'
expect_json stacks.0.resources.3.status blocked

# An unresolved Ref in a JSON template, with its position.
run "$CFN_DRYRUN" check "$T/unresolved.json" --format json
expect_status 1
expect_json stacks.0.stack_findings.0.message "Template format error: Unresolved resource dependencies [VpcID] in the Resources block of the template"
expect_json stacks.0.stack_findings.0.file "$T/unresolved.json"
expect_json stacks.0.stack_findings.0.line 5
expect_json stacks.0.stack_findings.0.column 37
expect_json stacks.0.stack_findings.0.path Resources/Topic/Properties/DisplayName

# Text format: FILE:LINE:COLUMN: prefixes and the summary line.
run "$CFN_DRYRUN" check "$T/unresolved.json" --format text
expect_status 1
expect_out_contains "$T/unresolved.json:5:37: error: Template format error: Unresolved resource dependencies [VpcID] in the Resources block of the template [CD1010]"
expect_out_contains "0 would fail, 2 blocked, 0 would create, 0 uncertain"

# YAML aliases: CloudFormation refuses them (a prediction, not an input error).
run "$CFN_DRYRUN" check "$T/alias.yaml" --format json
expect_status 1
expect_json stacks.0.stack_findings.0.code CD1009
expect_json stacks.0.stack_findings.0.message "Template error: YAML aliases are not allowed in CloudFormation templates."
expect_json stacks.0.stack_findings.0.line 8

# A transform cfn-dryrun does not expand: uncertain (exit 3), names it may declare are warnings.
run "$CFN_DRYRUN" check "$T/sam.yaml" --format json --capabilities CAPABILITY_AUTO_EXPAND
expect_status 3
expect_json stacks.0.verdict uncertain
expect_json stacks.0.stack_findings.0.code CD1090
expect_json stacks.0.stack_findings.1.code CD1011
expect_json stacks.0.stack_findings.1.severity warning

# ... and a transform needs CAPABILITY_AUTO_EXPAND.
run "$CFN_DRYRUN" check "$T/sam.yaml" --format json
expect_status 1
expect_json stacks.0.stack_findings.2.code CD2011
expect_json stacks.0.stack_findings.2.message "Requires capabilities : [CAPABILITY_AUTO_EXPAND]"
expect_json stacks.0.stack_findings.2.fix "acknowledge them: --capabilities CAPABILITY_AUTO_EXPAND (aws cloudformation deploy --capabilities ...)"
expect_json stacks.0.capabilities '["CAPABILITY_AUTO_EXPAND"]'

# graph prints DOT by default, with waves as ranks.
run "$CFN_DRYRUN" graph "$EXAMPLE"
expect_status 0
expect_out_contains 'digraph cfn_dryrun {'
expect_out_contains '{ rank=same; "template/LogsBucket"; "template/Queue"; }'
expect_out_contains '"template/Topic" -> "template/Alarm";'

# --output writes the report to a file (and nothing to stdout).
run "$CFN_DRYRUN" check "$EXAMPLE" --format json --output "$TMP/report.json"
expect_status 0
expect_out ""
[ "$("$JGET" "$TMP/report.json" stacks.0.verdict)" = ok ] || fail "--output file content"
ls "$TMP" | grep -q 'report.json.tmp' && fail "temporary file left behind"

run "$CFN_DRYRUN" check "$EXAMPLE" --format json --output "$TMP/no/such/dir/r.json"
expect_status 2
expect_err_contains "--output $TMP/no/such/dir/r.json: cannot create a temporary file: No such file or directory"

done_testing
