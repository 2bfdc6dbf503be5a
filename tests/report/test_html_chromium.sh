#!/bin/sh
# test_html_chromium.sh - the HTML report in a real browser: headless
# Chromium (Debian's chromium) parses the pages, and the DOM it builds holds
# every resource with its status, the findings with their fixes, the blocked
# chains and the SVG timeline, and nothing from the input became markup;
# screenshots on a wide and a phone-sized window are not blank and show the
# failing resource's colour.  Skipped (exit 77) when Chromium or the PNG
# checker (needs zlib) is missing; tools/install-deps installs Chromium
# when it can.
: "${CFN_DRYRUN:?run through make check}"
: "${TOP_SRCDIR:?run through make check}"
: "${TOP_BUILDDIR:?run through make check}"
RENDER="$TOP_BUILDDIR/tests/tools/render-fixture"
PNGCHECK="$TOP_BUILDDIR/tests/tools/pngcheck"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "SKIP: chromium is not installed (apt-get install chromium; tools/install-deps tries)"
	exit 77
fi
if [ ! -x "$PNGCHECK" ]; then
	echo "SKIP: tests/tools/pngcheck was not built (configure found no zlib: apt-get install zlib1g-dev)"
	exit 77
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cfn-html.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TOP_SRCDIR" || exit 1
passed=0 failed=0
profile=0

browser() { # browser ARGS...: one headless Chromium run with a fresh profile
	profile=$((profile + 1))
	timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$TMP/profile$profile" \
		"$@" 2>>"$TMP/chromium.log"
}

ok() { passed=$((passed + 1)); }
ko() { echo "FAIL: $*"; failed=$((failed + 1)); }

# dom_has FILE TEXT...: the DOM Chromium built holds every TEXT.
dom_has() {
	dom=$1
	shift
	for want in "$@"; do
		if grep -qF -- "$want" "$dom"; then ok; else ko "$(basename "$dom") lacks: $want"; fi
	done
}

"$RENDER" mixed html >"$TMP/mixed.html"
"$RENDER" hostile html >"$TMP/hostile.html"
"$CFN_DRYRUN" check tests/golden/templates/broken.yaml --format html --output "$TMP/broken.html"
for page in mixed hostile broken; do
	browser --dump-dom "file://$TMP/$page.html" >"$TMP/$page.dom"
	[ -s "$TMP/$page.dom" ] && ok || ko "Chromium dumped no DOM for $page.html"
done

dom_has "$TMP/mixed.dom" \
	'<p class="summary" id="summary">1 would fail, 2 blocked, 5 would create, 2 uncertain, 1 skipped</p>' \
	'<li class="res fail" id="s1-r1" data-status="fail" data-logical-id="DataKey">' \
	'data-status="blocked" data-logical-id="Table">' \
	'data-status="blocked" data-logical-id="Function">' \
	'data-status="uncertain" data-logical-id="Service">' \
	'data-status="create" data-logical-id="LogsBucket">' \
	'data-status="skipped" data-logical-id="DevOnlyQueue">' \
	'data-status="create" data-logical-id="Vpc">' \
	'data-status="uncertain" data-logical-id="Alarm">' \
	'<div class="fix"><b>Fix:</b> add a statement that allows kms:PutKeyPolicy to the deploying role</div>' \
	'Blocked by <a href="#s1-r1">DataKey</a>' \
	'<section class="stack nested" id="s2" data-verdict="ok">' \
	'<path class="edge chain"' \
	'<span class="unknown">unknown: DataKey would not be created</span>'
rects=$(grep -o '<rect' "$TMP/mixed.dom" | wc -l)
[ "$rects" -eq 11 ] && ok || ko "the timelines hold $rects boxes, expected 11 (one per resource)"
dom_has "$TMP/broken.dom" \
	'data-status="blocked" data-logical-id="Bucket">' \
	'data-status="blocked" data-logical-id="Topic">' \
	'data-status="blocked" data-logical-id="Subscription">' \
	'Not attempted: the stack fails before any resource.' \
	'<span class="code">CD1010</span>'
if grep -q '<script' "$TMP/hostile.dom"; then ko "input text became a <script> element"; else ok; fi
dom_has "$TMP/hostile.dom" '&lt;script&gt;alert('"'"'x'"'"')&lt;/script&gt;'

# Screenshots: not blank, and the failing resource's red is on screen.
for size in 1280,1400 390,1400; do
	browser --window-size=$size --screenshot="$TMP/shot.png" "file://$TMP/mixed.html" >/dev/null
	if [ ! -s "$TMP/shot.png" ]; then
		ko "no screenshot at $size"
		continue
	fi
	"$PNGCHECK" "$TMP/shot.png" f4a6a6 >"$TMP/png.txt" || { ko "unreadable screenshot at $size"; continue; }
	w=$(sed -n 's/^width=\([0-9]*\) height=\([0-9]*\) nonwhite=\([0-9]*\)$/\1/p' "$TMP/png.txt")
	h=$(sed -n 's/^width=\([0-9]*\) height=\([0-9]*\) nonwhite=\([0-9]*\)$/\2/p' "$TMP/png.txt")
	nonwhite=$(sed -n 's/^.*nonwhite=\([0-9]*\)$/\1/p' "$TMP/png.txt")
	red=$(sed -n 's/^f4a6a6=\([0-9]*\)$/\1/p' "$TMP/png.txt")
	# at least 5% of the pixels drawn, and a failing box (160 x 26 px) visible
	if [ "$nonwhite" -gt $((w * h / 20)) ] && [ "$red" -gt 1000 ]; then
		ok
	else
		ko "screenshot at $size looks blank: $(tr '\n' ' ' <"$TMP/png.txt")"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
