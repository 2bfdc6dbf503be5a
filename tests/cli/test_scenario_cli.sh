#!/bin/sh
# test_scenario_cli.sh - the scenario command itself: deployment order from
# the wiring, cycles, --expect mismatches, strict stack entries, ignored
# top-level keys, and its exit codes; a failed stack rolls back, export
# names already taken, a missing or unknown wired output.
. "$TOP_SRCDIR/tests/lib.sh"
S="$TMP/s"
mkdir "$S"
printf 'Resources:\n  Queue: {Type: AWS::SQS::Queue}\nOutputs:\n  QueueArn:\n    Value: x\n    Export: {Name: !Sub "${AWS::StackName}-QueueArn"}\n' >"$S/producer.yaml"
printf 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !ImportValue producer-QueueArn\n' >"$S/consumer.yaml"
printf 'Parameters:\n  In: {Type: String}\nResources:\n  Topic: {Type: AWS::SNS::Topic}\nOutputs:\n  Out: {Value: x}\n' >"$S/wired.yaml"

# The consumer is listed first but imports the producer's export: it is deployed second.
cat >"$S/order.scenario.yaml" <<'YAML'
name: order
notes: kept for the test's own use
stacks:
  - {name: consumer, template: consumer.yaml}
  - {name: producer, template: producer.yaml}
YAML
run "$CFN_DRYRUN" scenario "$S/order.scenario.yaml" --format json
expect_err "$S/order.scenario.yaml:2:1: warning: ignoring unknown top-level key \"notes\""
expect_json stacks.0.stack producer
expect_json stacks.1.stack consumer
expect_json stacks.1.stack_findings.0.code CD6001
expect_json stacks.1.stack_findings.0.message "stack consumer is listed first but needs export producer-QueueArn of producer"
expect_json stacks.1.stack_findings.0.line 5

# A cycle between stacks is an input error naming every stack in it.
cat >"$S/cycle.scenario.yaml" <<'YAML'
stacks:
  - {name: a, template: wired.yaml, parameters: {In: {from: b, output: Out}}}
  - {name: b, template: wired.yaml, parameters: {In: {from: a, output: Out}}}
  - {name: c, template: wired.yaml, parameters: {In: free}}
YAML
run "$CFN_DRYRUN" scenario "$S/cycle.scenario.yaml" --format json
expect_status 2
expect_out ""
expect_err "$S/cycle.scenario.yaml:2:54: error: stacks wired in a cycle: [a, b] (a needs output Out of b; b needs output Out of a)"

# Wiring from a stack that does not exist; strict stack entries.
cat >"$S/bad.scenario.yaml" <<'YAML'
stacks:
  - {name: a, template: wired.yaml, parameters: {In: {from: nowhere, output: Out}}}
  - {name: b, templat: wired.yaml}
  - {name: a, template: wired.yaml, parameters: {In: {from: a}}}
YAML
run "$CFN_DRYRUN" scenario "$S/bad.scenario.yaml"
expect_status 2
expect_err "$S/bad.scenario.yaml:3:15: error: unknown key \"templat\" in a stack entry (expected name, template, account, region, parameters or capabilities)
$S/bad.scenario.yaml:3:5: error: a stack entry needs a template
$S/bad.scenario.yaml:4:54: error: parameter In: expected a string or {from: STACK, output: NAME}
$S/bad.scenario.yaml:4:5: error: stack a is listed twice (stack names are unique in a scenario)"

# --expect: mismatches are listed, exit 1; met expectations exit 0 whatever the verdicts.
cat >"$S/expect.scenario.yaml" <<'YAML'
stacks:
  - {name: producer, template: producer.yaml}
expect:
  producer:
    verdict: fail
    resources: {Queue: fail, Ghost: create}
  nobody: {verdict: ok}
YAML
run "$CFN_DRYRUN" scenario "$S/expect.scenario.yaml" --expect --format json
expect_status 1
expect_err "$S/expect.scenario.yaml:5:14: error: stack producer: expected verdict fail, predicted ok
$S/expect.scenario.yaml:6:24: error: resource Queue of stack producer: expected fail, predicted create
$S/expect.scenario.yaml:6:30: error: stack producer has no resource Ghost
$S/expect.scenario.yaml:7:3: error: expect names stack nobody, which the scenario does not deploy
cfn-dryrun: 4 expectations not met"
expect_json stacks.0.verdict ok

# Without --expect the exit code follows the verdicts; options belong in the file.
run "$CFN_DRYRUN" scenario "$S/expect.scenario.yaml" --format json
expect_status 0
run "$CFN_DRYRUN" scenario "$S/expect.scenario.yaml" --region us-west-2
expect_status 2
expect_err "cfn-dryrun: error: scenario takes the state, accounts, regions, parameters and capabilities from the scenario file"

# A cycle names its stacks only, not one that merely waits for it.
cat >"$S/cycle2.scenario.yaml" <<'YAML'
stacks:
  - {name: waiter, template: wired.yaml, parameters: {In: {from: a, output: Out}}}
  - {name: a, template: wired.yaml, parameters: {In: {from: b, output: Out}}}
  - {name: b, template: wired.yaml, parameters: {In: {from: a, output: Out}}}
YAML
run "$CFN_DRYRUN" scenario "$S/cycle2.scenario.yaml"
expect_status 2
expect_err "$S/cycle2.scenario.yaml:3:54: error: stacks wired in a cycle: [a, b] (a needs output Out of b; b needs output Out of a)"

# Stack entries name real accounts and regions.
printf 'stacks:\n  - {name: a, template: wired.yaml, account: 1234, region: us-east}\n' >"$S/where.scenario.yaml"
run "$CFN_DRYRUN" scenario "$S/where.scenario.yaml"
expect_status 2
expect_err "$S/where.scenario.yaml:2:46: error: account 1234 is not a 12-digit account id (quote it: \"012345678901\")
$S/where.scenario.yaml:2:60: error: region us-east is not a region code such as us-east-1"

# A failed stack rolls back: what it created is gone for the stacks after
# it, except what DeletionPolicy: Retain keeps.
cat >"$S/rollback.yaml" <<'YAML'
Parameters:
  Policy: {Type: String}
Resources:
  Kept:
    Type: AWS::S3::Bucket
    Properties: {BucketName: rollback-kept-bucket}
  Broken:
    Type: AWS::Lambda::Function
    DependsOn: Kept
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Code: {ZipFile: 'def handler(e, c): pass'}
      Role: arn:aws:iam::123456789012:role/nowhere
  Gone:
    Type: AWS::SQS::Queue
    Properties: {QueueName: rollback-queue}
YAML
sed 's/    Properties: {BucketName: rollback-kept-bucket}/    DeletionPolicy: Retain\n    Properties: {BucketName: rollback-kept-bucket}/' "$S/rollback.yaml" >"$S/rollback-retain.yaml"
printf 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: rollback-kept-bucket}\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: rollback-queue}\n' >"$S/again.yaml"
for t in rollback rollback-retain; do
	cat >"$S/$t.scenario.yaml" <<YAML
stacks:
  - {name: first, template: $t.yaml, parameters: {Policy: x}}
  - {name: second, template: again.yaml}
YAML
done
run "$CFN_DRYRUN" scenario "$S/rollback.scenario.yaml" --format json
expect_status 1
expect_json stacks.0.verdict fail
expect_json stacks.0.resources.0.logical_id Gone
expect_json stacks.0.resources.0.status create
expect_json stacks.1.verdict ok
run "$CFN_DRYRUN" scenario "$S/rollback-retain.scenario.yaml" --format json
expect_status 1
expect_json stacks.1.verdict fail
expect_json stacks.1.resources.0.logical_id Bucket
expect_json stacks.1.resources.0.findings.0.message "rollback-kept-bucket already exists"
expect_json stacks.1.resources.1.status create

# Export names are unique per account and region, across stacks.
cat >"$S/exports.scenario.yaml" <<'YAML'
state: exports-state.yaml
stacks:
  - {name: producer, template: producer.yaml}
  - {name: copy, template: copy.yaml}
YAML
printf 'Resources:\n  Queue: {Type: AWS::SQS::Queue}\nOutputs:\n  Dup:\n    Value: y\n    Export: {Name: producer-QueueArn}\n  Old:\n    Value: z\n    Export: {Name: legacy-name}\n' >"$S/copy.yaml"
printf 'accounts:\n  "123456789012":\n    regions:\n      us-east-1:\n        exports: {legacy-name: x}\n' >"$S/exports-state.yaml"
run "$CFN_DRYRUN" scenario "$S/exports.scenario.yaml" --format json
expect_status 1
expect_json stacks.0.verdict ok
expect_json stacks.1.verdict fail
expect_json stacks.1.stack_findings.0.code CD6100
expect_json stacks.1.stack_findings.0.message "Export with name producer-QueueArn is already exported by stack producer."
expect_json stacks.1.stack_findings.0.line 6
expect_json stacks.1.stack_findings.1.message "Export with name legacy-name is already exported by another stack."
expect_json stacks.1.stack_findings.1.fix "give the export another name (export names are unique per account and region), or remove it from the stack that exports it first"

# A wired output the other stack lacks: one finding, not a second one for
# the parameter; an output known only after the create: not a failure.
cat >"$S/outputs.scenario.yaml" <<'YAML'
stacks:
  - {name: p, template: wired.yaml, parameters: {In: x}}
  - {name: c, template: wired.yaml, parameters: {In: {from: p, output: Nope}}}
YAML
run "$CFN_DRYRUN" scenario "$S/outputs.scenario.yaml" --format json
expect_status 1
expect_json stacks.1.stack_findings.0.code CD6003
"$JGET" "$OUT" stacks.1.stack_findings.1.code >/dev/null 2>&1 && fail "a second finding for the missing output"
printf 'Resources:\n  Q: {Type: AWS::SQS::Queue}\n  Inst:\n    Type: AWS::EC2::Instance\n    Properties: {ImageId: ami-12345678}\nOutputs:\n  Out: {Value: !GetAtt Inst.PublicIp}\n' >"$S/later.yaml"
printf 'accounts:\n  "123456789012":\n    regions:\n      us-east-1:\n        AWS::EC2::Image: {ami-12345678: {}}\n' >"$S/ami-state.yaml"
cat >"$S/later.scenario.yaml" <<'YAML'
state: ami-state.yaml
stacks:
  - {name: p, template: later.yaml}
  - {name: c, template: wired.yaml, parameters: {In: {from: p, output: Out}}}
YAML
run "$CFN_DRYRUN" scenario "$S/later.scenario.yaml" --format json
expect_status 0
expect_json stacks.1.verdict ok

# Expectations reach nested stacks as STACK/LOGICALID.
N="$TOP_SRCDIR/scenarios/nested-stack-outputs"
cat >"$TMP/nested.scenario.yaml" <<YAML
state: $N/state-fixed.yaml
stacks:
  - {name: app, template: $N/template.yaml}
expect:
  app/Network: {verdict: fail, resources: {Vpc: fail}}
  app/Nowhere: {verdict: ok}
YAML
run "$CFN_DRYRUN" scenario "$TMP/nested.scenario.yaml" --expect --format json
expect_status 1
expect_err "$TMP/nested.scenario.yaml:5:26: error: stack app/Network: expected verdict fail, predicted ok
$TMP/nested.scenario.yaml:5:49: error: resource Vpc of stack app-Network-DVT9XXU1ZEFC: expected fail, predicted create
$TMP/nested.scenario.yaml:6:3: error: expect names stack app/Nowhere, which the scenario does not deploy
cfn-dryrun: 3 expectations not met"

done_testing
