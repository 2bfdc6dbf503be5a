#!/bin/sh
# test_docs.sh - the man page, the bash completion and the --help text
# agree: every command and option that --help lists, every format of the
# report table and every finding code of src/engine/codes.def is in the man
# page, and every command, option and format is offered by the completion
# (run in bash); the man page renders without warnings when groff is there.
: "${CFN_DRYRUN:?run through make check}"
: "${TOP_SRCDIR:?run through make check}"
MAN="${TOP_BUILDDIR:-.}/cfn-dryrun.1" # built from doc/cfn-dryrun.1.in and codes.def
COMPLETION="$TOP_SRCDIR/contrib/cfn-dryrun.bash-completion"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cfn-docs.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { echo "FAIL: $*"; failed=$((failed + 1)); }

"$CFN_DRYRUN" --help >"$TMP/help" || { echo "FAIL: --help"; exit 1; }
# the man page's text, with roff's \- turned into -
sed 's/\\-/-/g' "$MAN" >"$TMP/man"
commands=$(sed -n 's/^  cfn-dryrun \([a-z][a-z-]*\) .*/\1/p' "$TMP/help")
options=$(grep -o -- '--[a-z][a-z-]*' "$TMP/help" | sort -u | grep -v -e '^--help$' -e '^--version$')
formats=$(sed -n 's/^  --format F *report format: //p' "$TMP/help" | tr -d ',')
codes=$(sed -n 's/^CODE([A-Z_]*, *"\(CD[0-9]*\)".*/\1/p' "$TOP_SRCDIR/src/engine/codes.def")
[ -n "$commands" ] && [ -n "$options" ] && [ -n "$formats" ] && [ -n "$codes" ] ||
	{ echo "FAIL: could not read the commands, options, formats or codes"; exit 1; }

for c in $commands; do
	grep -q "^\.B $c\( \|$\)" "$TMP/man" && ok || ko "man page has no COMMANDS entry for $c"
	grep -q "commands=\".*\<$c\>" "$COMPLETION" && ok || ko "completion does not offer command $c"
done
for o in $options; do
	grep -q "^\.B[I]* $o\( \|$\)" "$TMP/man" && ok || ko "man page does not document $o"
	grep -q -- "$o\>" "$COMPLETION" && ok || ko "completion does not offer $o"
done
for f in $formats; do
	grep -q "^\.B $f$" "$TMP/man" && ok || ko "man page FORMATS lacks $f"
	grep -q "formats=\".*\<$f\>" "$COMPLETION" && ok || ko "completion does not offer format $f"
done
for code in $codes; do
	grep -q "^\.B $code$" "$TMP/man" && ok || ko "man page FINDING CODES lacks $code"
done
for status in 0 1 2 3; do
	grep -q "^\.B $status$" "$TMP/man" && ok || ko "man page EXIT STATUS lacks $status"
done

# The completion, run by bash.
if command -v bash >/dev/null 2>&1; then
	complete_words() { # complete_words WORD...: what the completion offers for the last word
		bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _cfn_dryrun;
			printf "%s\n" "${COMPREPLY[@]}"' sh "$COMPLETION" "$@" | sort | tr '\n' ' '
	}
	[ "$(complete_words cfn-dryrun ch)" = "check " ] && ok || ko "completing 'ch': $(complete_words cfn-dryrun ch)"
	[ "$(complete_words cfn-dryrun check t.yaml --format j)" = "json junit " ] && ok ||
		ko "completing --format j: $(complete_words cfn-dryrun check t.yaml --format j)"
	[ "$(complete_words cfn-dryrun state im)" = "import " ] && ok || ko "completing 'state im'"
	[ "$(complete_words cfn-dryrun check t.yaml --show)" = "--show-resolved " ] && ok ||
		ko "completing --show: $(complete_words cfn-dryrun check t.yaml --show)"
else
	echo "note: bash not installed; completion not run"
fi

if command -v groff >/dev/null 2>&1; then
	sed 's|@pkgdatadir[@]|/usr/share/cfn-dryrun|g' "$MAN" >"$TMP/cfn-dryrun.1"
	if groff -man -Tutf8 -ww -z "$TMP/cfn-dryrun.1" 2>"$TMP/groff.err" && [ ! -s "$TMP/groff.err" ]; then
		ok
	else
		ko "groff warns about the man page:"; head -10 "$TMP/groff.err"
	fi
else
	echo "note: groff not installed; man page rendering not checked"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
