#!/bin/sh
# test_schemas.sh - real outputs against their schemas, offline: the JSON
# report against schemas/report.schema.json and SARIF against the official
# SARIF 2.1.0 schema (tests/schemas), for templates run through the CLI and
# for the hand-built results (every field of the engine's result); then
# tampered documents, to show each validation can fail; the extensions
# (compare, scenario variants, plans) too; JUnit output is
# checked to be well-formed XML when xmllint is installed.
: "${CFN_DRYRUN:?run through make check}"
: "${TOP_SRCDIR:?run through make check}"
: "${TOP_BUILDDIR:?run through make check}"
VALIDATE="$TOP_BUILDDIR/tests/tools/validate-json"
RENDER="$TOP_BUILDDIR/tests/tools/render-fixture"
REPORT_SCHEMA="$TOP_SRCDIR/schemas/report.schema.json"
SARIF_SCHEMA="$TOP_SRCDIR/tests/schemas/sarif-schema-2.1.0.json"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cfn-schemas.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TOP_SRCDIR" || exit 1
passed=0 failed=0

check() { # check NAME EXPECTED-STATUS COMMAND...
	name=$1 want=$2
	shift 2
	status=0
	"$@" >"$TMP/log" 2>&1 || status=$?
	if [ "$status" = "$want" ]; then
		passed=$((passed + 1))
	else
		echo "FAIL: $name: exit $status, expected $want"
		head -20 "$TMP/log"
		failed=$((failed + 1))
	fi
}

templates="scenarios/getting-started/template.yaml tests/golden/templates/broken.yaml
tests/golden/templates/serverless.yaml"
n=0
for t in $templates; do
	n=$((n + 1))
	"$CFN_DRYRUN" check "$t" --format json >"$TMP/cli$n.json"
	"$CFN_DRYRUN" check "$t" --format json --show-resolved >"$TMP/cli$n-resolved.json"
	"$CFN_DRYRUN" check "$t" --format sarif >"$TMP/cli$n.sarif"
	"$CFN_DRYRUN" check "$t" --format junit >"$TMP/cli$n.junit"
done
# the extensions: a comparison of variants, plans (with a blocked step and
# unfixed failures), a prerequisite found by property
CASE=scenarios/cross-account-pipeline/pipeline.scenario.yaml
"$CFN_DRYRUN" scenario "$CASE" --format json >"$TMP/cli-variants.json"
"$CFN_DRYRUN" plan "$CASE" --format json >"$TMP/cli-plan-variants.json"
"$CFN_DRYRUN" plan scenarios/exists-cloudfront-certificate-region/fail.scenario.yaml --format json \
	>"$TMP/cli-plan-blocked.json"
"$CFN_DRYRUN" compare scenarios/exists-lambda-code-object/template.yaml \
	--state scenarios/exists-lambda-code-object/state.yaml \
	--state scenarios/exists-lambda-code-object/state-fixed.yaml --format json >"$TMP/cli-compare.json"
for f in mixed hostile empty; do
	"$RENDER" $f json >"$TMP/fx-$f.json"
	"$RENDER" $f sarif >"$TMP/fx-$f.sarif"
	"$RENDER" $f junit >"$TMP/fx-$f.junit"
done
for j in "$TMP"/*.json; do
	check "$(basename "$j") against report.schema.json" 0 "$VALIDATE" "$REPORT_SCHEMA" "$j"
done
for s in "$TMP"/*.sarif; do
	check "$(basename "$s") against sarif-schema-2.1.0.json" 0 "$VALIDATE" "$SARIF_SCHEMA" "$s"
done

# Each validation can fail: tampered copies must be rejected.
sed 's/"status": "fail"/"status": "maybe"/' "$TMP/fx-mixed.json" >"$TMP/bad-status.json"
check "an unknown status is rejected" 1 "$VALIDATE" "$REPORT_SCHEMA" "$TMP/bad-status.json"
sed 's/"code": "CD1013"/"code": "X13"/' "$TMP/fx-mixed.json" >"$TMP/bad-code.json"
check "a malformed code is rejected" 1 "$VALIDATE" "$REPORT_SCHEMA" "$TMP/bad-code.json"
sed 's/"wave": 1,/"wave": -1,/' "$TMP/fx-mixed.json" >"$TMP/bad-wave.json"
check "a negative wave is rejected" 1 "$VALIDATE" "$REPORT_SCHEMA" "$TMP/bad-wave.json"
sed 's/"$unknown": "DataKey would not be created"/"$unknown": 3/' "$TMP/fx-mixed.json" >"$TMP/bad-unknown.json"
check "an unknown without a reason is rejected" 1 "$VALIDATE" "$REPORT_SCHEMA" "$TMP/bad-unknown.json"
sed 's/"outcome": "fail"/"outcome": "broken"/' "$TMP/cli-compare.json" >"$TMP/bad-outcome.json"
check "an unknown comparison outcome is rejected" 1 "$VALIDATE" "$REPORT_SCHEMA" "$TMP/bad-outcome.json"
sed 's/"kind": "deploy"/"kind": "later"/' "$TMP/cli-plan-blocked.json" >"$TMP/bad-step.json"
check "an unknown step kind is rejected" 1 "$VALIDATE" "$REPORT_SCHEMA" "$TMP/bad-step.json"
sed 's/"rounds": 2/"rounds": 0/' "$TMP/cli-plan-blocked.json" >"$TMP/bad-rounds.json"
check "a plan of no round is rejected" 1 "$VALIDATE" "$REPORT_SCHEMA" "$TMP/bad-rounds.json"
sed 's/"level": "error"/"level": "fatal"/' "$TMP/fx-mixed.sarif" >"$TMP/bad-level.sarif"
check "a SARIF level outside the enum is rejected" 1 "$VALIDATE" "$SARIF_SCHEMA" "$TMP/bad-level.sarif"
sed 's/"startLine": 14/"startLine": 0/' "$TMP/fx-mixed.sarif" >"$TMP/bad-line.sarif"
check "a SARIF startLine of 0 is rejected" 1 "$VALIDATE" "$SARIF_SCHEMA" "$TMP/bad-line.sarif"
sed 's/"ruleId"/"ruleID"/' "$TMP/fx-mixed.sarif" >"$TMP/bad-key.sarif"
check "a misspelt SARIF property is rejected" 1 "$VALIDATE" "$SARIF_SCHEMA" "$TMP/bad-key.sarif"

if command -v xmllint >/dev/null 2>&1; then
	for x in "$TMP"/*.junit; do
		check "$(basename "$x") is well-formed XML" 0 xmllint --noout "$x"
	done
else
	echo "note: xmllint not installed; JUnit well-formedness not checked"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
