#!/bin/sh
# test_resolve_corpus.sh - check --format json --show-resolved over every
# template of the shared corpus: no crash, no internal error, exit 0, 1 or
# 3, and the report parses as JSON.  Exit 2 is accepted only for the
# templates that use Rain's preprocessor tags (!Rain::Embed...), which are
# not CloudFormation and which CloudFormation rejects too.
# Skipped (77) when the corpus is not beside the sources (make distcheck).
: "${CFN_DRYRUN:?run through make check}"
: "${TOP_SRCDIR:?run through make check}"
corpus="$TOP_SRCDIR/../shared/corpus"
[ -d "$corpus" ] || { echo "SKIP: no corpus at $corpus"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfn-corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if command -v python3 >/dev/null 2>&1; then have_python=1; else have_python=0; fi

n=0 failed=0 rain=0
for f in $(find "$corpus" -name '*.yaml' -o -name '*.yml' -o -name '*.json' | sort); do
	n=$((n + 1))
	status=0
	timeout 60 "$CFN_DRYRUN" check --format json --show-resolved "$f" >"$tmp/out" 2>"$tmp/err" || status=$?
	case $status in
	0|1|3) ;;
	2)	if grep -q 'error: unknown tag !Rain::' "$tmp/err"; then
			rain=$((rain + 1)); continue
		fi
		echo "FAIL: $f: exit 2: $(head -n 1 "$tmp/err")"; failed=$((failed + 1)); continue ;;
	*)	echo "FAIL: $f: exit $status"; head -n 5 "$tmp/err"; failed=$((failed + 1)); continue ;;
	esac
	if grep -qi 'internal error\|runtime error\|AddressSanitizer' "$tmp/err"; then
		echo "FAIL: $f: $(head -n 1 "$tmp/err")"; failed=$((failed + 1)); continue
	fi
	if [ $have_python = 1 ]; then
		python3 -m json.tool "$tmp/out" >/dev/null 2>&1 || { echo "FAIL: $f: the report is not JSON"; failed=$((failed + 1)); }
	elif [ "$(head -c 1 "$tmp/out")" != "{" ] || [ "$(tail -n 1 "$tmp/out")" != "}" ]; then
		echo "FAIL: $f: the report is not a JSON object"; failed=$((failed + 1))
	fi
done
[ $n -gt 0 ] || { echo "FAIL: no template found in $corpus"; exit 1; }
echo "corpus: $n templates, $rain with Rain tags (exit 2)"
echo "$((n - failed)) passed, $failed failed"
[ $failed -eq 0 ]
