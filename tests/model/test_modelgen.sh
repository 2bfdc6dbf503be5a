#!/bin/sh
# test_modelgen.sh - tools/modelgen: a few real schemas (and a synthetic one)
# in, the exact model out; unusable schemas refused with their position; and,
# when the registry schemas are at hand ($SCHEMAS or ../shared/cfn-schemas),
# every type of their index generates and the committed models/ matches.
set -u
GEN="$TOP_BUILDDIR/tools/modelgen"
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
n_fail=0
fail() { echo "FAIL: $*"; n_fail=$((n_fail + 1)); }
ok() { echo "ok: $*"; }

# 1. The fixtures: exact output.
mkdir "$TMP/out"
if "$GEN" "$TOP_SRCDIR/tests/model/schemas" "$TMP/out" >"$TMP/stdout" 2>"$TMP/stderr"; then
	for f in types.jsonl types.idx; do
		if cmp -s "$TMP/out/$f" "$TOP_SRCDIR/tests/model/models/generated/$f"; then
			ok "fixtures: $f as expected"
		else
			fail "fixtures: $f differs from tests/model/models/generated/$f"
			diff "$TMP/out/$f" "$TOP_SRCDIR/tests/model/models/generated/$f" | head -5
		fi
	done
	grep -q "^modelgen: 8 types, 23602 bytes of models in " "$TMP/stdout" ||
		fail "fixtures: summary line: $(cat "$TMP/stdout")"
	[ ! -s "$TMP/stderr" ] || fail "fixtures: unexpected stderr: $(cat "$TMP/stderr")"
	[ ! -e "$TMP/out/types.jsonl.tmp" ] || fail "fixtures: temporary file left behind"
else
	fail "fixtures: modelgen failed: $(cat "$TMP/stderr")"
fi

# 2. Unusable input: an error with the file and position, exit 1, nothing written.
expect_error() { # name, expected stderr substring
	mkdir -p "$TMP/o-$1"
	"$GEN" "$TMP/$1" "$TMP/o-$1" >/dev/null 2>"$TMP/err-$1"
	status=$?
	if [ "$status" -eq 1 ] && grep -qF -- "$2" "$TMP/err-$1" && [ ! -e "$TMP/o-$1/types.idx" ]; then
		ok "$1: refused"
	else
		fail "$1: exit $status, stderr: $(cat "$TMP/err-$1")"
	fi
}
mkdir -p "$TMP/notype/us-east-1" "$TMP/badjson/us-east-1" "$TMP/nofile/us-east-1" "$TMP/noindex"
echo '{"X::Y::Z": "z.json"}' >"$TMP/notype/us-east-1.index.json"
echo '{"properties": {}}' >"$TMP/notype/us-east-1/z.json"
expect_error notype "notype/us-east-1/z.json:1:1: error: not a resource schema: no typeName"
echo '{"X::Y::Z": "z.json"}' >"$TMP/badjson/us-east-1.index.json"
printf '{"typeName": "X::Y::Z",\n "properties": {,}}\n' >"$TMP/badjson/us-east-1/z.json"
expect_error badjson "badjson/us-east-1/z.json:2:17: error:"
echo '{"X::Y::Z": "missing.json"}' >"$TMP/nofile/us-east-1.index.json"
expect_error nofile "nofile/us-east-1/missing.json: error: cannot open"
expect_error noindex "noindex/us-east-1.index.json: error: cannot open"
"$GEN" >/dev/null 2>"$TMP/usage"
[ $? -eq 2 ] && grep -q '^usage: modelgen' "$TMP/usage" && ok "usage" || fail "usage"

# 3. The whole registry set, when available.
SCHEMA_DIR="${SCHEMAS:-$TOP_SRCDIR/../shared/cfn-schemas}"
if [ -f "$SCHEMA_DIR/us-east-1.index.json" ]; then
	mkdir "$TMP/real"
	if "$GEN" "$SCHEMA_DIR" "$TMP/real" >"$TMP/real.out" 2>"$TMP/real.err"; then
		types=$(grep -c . "$SCHEMA_DIR/us-east-1.index.json")
		lines=$(wc -l <"$TMP/real/types.jsonl")
		# index lines minus the braces and the excluded Module type
		[ "$lines" -eq $((types - 3)) ] && ok "every type of the index generates ($lines)" ||
			fail "$lines models for $types index lines"
		for f in types.jsonl types.idx; do
			cmp -s "$TMP/real/$f" "$TOP_SRCDIR/models/generated/$f" &&
				ok "models/generated/$f is up to date" ||
				fail "models/generated/$f is stale: run make models"
		done
	else
		fail "registry schemas: $(head -3 "$TMP/real.err")"
	fi
else
	echo "skip: no registry schemas at $SCHEMA_DIR (set SCHEMAS)"
fi
[ "$n_fail" -eq 0 ] || exit 1
