#!/bin/sh
# test_scenario_cli.sh - the scenario command itself: deployment order from
# the wiring, cycles, --expect mismatches, strict stack entries, ignored
# top-level keys, and its exit codes.
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

done_testing
