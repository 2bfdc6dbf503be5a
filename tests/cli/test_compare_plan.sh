#!/bin/sh
# test_compare_plan.sh - compare (exit 0 same verdicts, 1 verdicts differ,
# 2 input error), plan (the checklist, check's exit codes, scenarios) and
# scenario variants (expect per variant), with their messages.
. "$TOP_SRCDIR/tests/lib.sh"
S="$TMP/s"
mkdir "$S"
cat >"$S/app.yaml" <<'YAML'
Parameters:
  DbPassword:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /app/db/password
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111111111111:role/lambda-exec
      Code: {S3Bucket: code-111111111111, S3Key: app.zip}
      Environment: {Variables: {PASSWORD: !Ref DbPassword}}
YAML
cat >"$S/empty.yaml" <<'YAML'
account: "111111111111"
region: us-east-1
accounts:
  "111111111111": {}
YAML
cat >"$S/ready.yaml" <<'YAML'
account: "111111111111"
region: us-east-1
accounts:
  "111111111111":
    global:
      AWS::IAM::Role:
        lambda-exec: {}
    regions:
      us-east-1:
        AWS::S3::Bucket:
          code-111111111111:
            Objects: {app.zip: {}}
        AWS::SSM::Parameter:
          /app/db/password: {Type: String, Value: s3cret}
YAML
cp "$S/ready.yaml" "$S/ready-too.yaml"

# ---- compare ----
run "$CFN_DRYRUN" compare "$S/app.yaml" --state "$S/empty.yaml" --state "$S/ready.yaml" --format json
expect_status 1
expect_json comparison.variants.0 "$S/empty.yaml"
expect_json comparison.verdicts_differ true
expect_json comparison.differences.0.logical_id null
expect_json comparison.differences.0.sides.0.outcome fail
expect_json comparison.differences.0.sides.0.reason "Unable to fetch parameters [/app/db/password] from parameter store for this account. [CD2006]"
expect_json comparison.differences.0.sides.1.outcome ok
expect_json comparison.differences.1.logical_id Fn
expect_json comparison.differences.1.sides.0.reason "the stack fails first"
expect_json stacks.0.variant "$S/empty.yaml"
expect_json stacks.1.variant "$S/ready.yaml"

run "$CFN_DRYRUN" compare "$S/app.yaml" --state "$S/empty.yaml" --state "$S/ready.yaml" --format text
expect_status 1
expect_out_contains "  stack app [$S/empty.yaml] (111111111111 us-east-1): fail  (0 would fail, 1 blocked, 0 would create, 0 uncertain)"
expect_out_contains "    $S/empty.yaml  blocked   the stack fails first"
expect_out_contains "differences (2):
  app  (stack)"
case "$out" in *"the verdicts differ") ;; *) fail "text does not end with the verdict line" ;; esac

run "$CFN_DRYRUN" compare "$S/app.yaml" --state "$S/ready.yaml" --state "$S/ready-too.yaml" --format text --quiet
expect_status 0
expect_out "no differences"

run "$CFN_DRYRUN" compare "$S/app.yaml" --state "$S/ready.yaml" --format text
expect_status 2
expect_out ""
expect_err "cfn-dryrun: error: compare needs two --state files (got 1)"
run "$CFN_DRYRUN" compare "$S/app.yaml" --state "$S/ready.yaml" --state "$S/ready.yaml"
expect_status 2
expect_err "cfn-dryrun: error: compare needs two different state files"
run "$CFN_DRYRUN" compare "$S/app.yaml" --state "$S/ready.yaml" --state "$S/nowhere.yaml"
expect_status 2
expect_out ""
expect_err "$S/nowhere.yaml: error: cannot open: No such file or directory"
run "$CFN_DRYRUN" check "$S/app.yaml" --state "$S/ready.yaml" --state "$S/empty.yaml"
expect_status 2
expect_err "cfn-dryrun: error: --state is given 2 times; only compare takes two"

# ---- plan TEMPLATE ----
run "$CFN_DRYRUN" plan "$S/app.yaml" --state "$S/empty.yaml" --format json
expect_status 1 # check's code: against the state as it is, the stack fails
expect_json plans.0.variant null
expect_json plans.0.steps.0.text "In 111111111111 us-east-1, put SSM parameter /app/db/password."
expect_json plans.0.steps.0.needed_by.0 DbPassword
expect_json plans.0.steps.1.text "In 111111111111 (account-wide), create IAM role lambda-exec (arn:aws:iam::111111111111:role/lambda-exec)."
expect_json plans.0.steps.2.text "In 111111111111 us-east-1, create S3 bucket code-111111111111."
expect_json plans.0.steps.3.text "In 111111111111 us-east-1, upload app.zip to S3 bucket code-111111111111."
expect_json plans.0.steps.3.why "needed by Fn of stack app: CloudFormation looks it up when it creates the resource, so it must be in place before step 5 deploys app; it goes into the bucket of step 3."
expect_json plans.0.steps.4.kind deploy
expect_json plans.0.steps.4.text "Deploy stack app in 111111111111 us-east-1 ($S/app.yaml)."
expect_json plans.0.steps.4.why "steps 1-4 put in place what it needs."
expect_json plans.0.after.app ok
expect_json plans.0.rounds 4 # the stack fails first, then the bucket, then its object; a last run finds nothing new

run "$CFN_DRYRUN" plan "$S/app.yaml" --state "$S/empty.yaml" --format text
expect_status 1
expect_out_contains "checklist, in order:
  1. In 111111111111 us-east-1, put SSM parameter /app/db/password."
expect_out_contains "after the checklist: app ok (4 simulation rounds)"

run "$CFN_DRYRUN" plan "$S/app.yaml" --state "$S/ready.yaml" --format json
expect_status 0
expect_json plans.0.steps.0.kind deploy
expect_json plans.0.steps.0.why null

# A nested template never uploaded: the step names the local file next to
# the parent, and once uploaded the nested stack is simulated too (its own
# prerequisite, an SSM parameter, shows in the next round).
mkdir "$S/nested"
cat >"$S/nested/parent.yaml" <<'YAML'
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://tpl-111111111111.s3.us-east-1.amazonaws.com/stacks/network.yaml
YAML
cat >"$S/nested/network.yaml" <<'YAML'
Parameters:
  Cidr: {Type: AWS::SSM::Parameter::Value<String>, Default: /net/cidr}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: !Ref Cidr}
YAML
printf 'account: "111111111111"\nregion: us-east-1\naccounts:\n  "111111111111":\n    regions:\n      us-east-1:\n        AWS::S3::Bucket: {tpl-111111111111: {}}\n' >"$S/nested/state.yaml"
run "$CFN_DRYRUN" plan "$S/nested/parent.yaml" --state "$S/nested/state.yaml" --format json
expect_status 1
expect_json plans.0.steps.0.text "In 111111111111 us-east-1, upload stacks/network.yaml (the local file $S/nested/network.yaml) to S3 bucket tpl-111111111111."
expect_json plans.0.steps.0.properties.File "$S/nested/network.yaml"
expect_json plans.0.steps.1.text "In 111111111111 us-east-1, put SSM parameter /net/cidr."
expect_json plans.0.steps.1.needed_by.0 "Cidr (stack parent-Network-GT7FW754IY88)"
expect_json plans.0.steps.2.kind deploy

run "$CFN_DRYRUN" plan
expect_status 2
expect_err "cfn-dryrun: error: plan: missing TEMPLATE or SCENARIO argument"

# ---- scenario variants ----
cat >"$S/variants.scenario.yaml" <<'YAML'
variants:
  empty: empty.yaml
  ready: ready.yaml
stacks:
  - {name: app, template: app.yaml}
expect:
  empty: {app: {verdict: fail, resources: {Fn: blocked}}}
  ready: {app: {verdict: fail}}
YAML
run "$CFN_DRYRUN" scenario "$S/variants.scenario.yaml" --expect --format json
expect_status 1
expect_err "$S/variants.scenario.yaml:8:26: error: stack app (variant ready): expected verdict fail, predicted ok
cfn-dryrun: 1 expectation not met"
expect_json comparison.variants.1 ready
expect_json stacks.1.variant ready
run "$CFN_DRYRUN" scenario "$S/variants.scenario.yaml" --format json
expect_status 1 # a variant fails
run "$CFN_DRYRUN" plan "$S/variants.scenario.yaml" --format json
expect_status 1
expect_json plans.0.variant empty
expect_json plans.0.after.app ok
expect_json plans.1.variant ready
expect_json plans.1.steps.0.kind deploy
run "$CFN_DRYRUN" plan "$S/variants.scenario.yaml" --region us-west-2
expect_status 2
expect_err "cfn-dryrun: error: the plan of a scenario takes the state, accounts, regions, parameters and capabilities from the scenario file"

printf 'state: empty.yaml\nvariants: {a: empty.yaml}\nstacks:\n  - {name: app, template: app.yaml}\n' >"$S/both.scenario.yaml"
run "$CFN_DRYRUN" scenario "$S/both.scenario.yaml"
expect_status 2
expect_out ""
expect_err "$S/both.scenario.yaml:2:11: error: a scenario gives either state: or variants:, not both (each variant names its own state)"

done_testing
