#!/bin/sh
# test_fuzz_replay.sh - every fuzz harness, built with the plain replay
# driver (fuzz/fuzz_main.c), runs its seed inputs and the inputs of past
# findings (fuzz/regressions/HARNESS) without a crash, a sanitizer report
# or a leak (in the sanitizer build), each in bounded time.
. "$TOP_SRCDIR/tests/lib.sh"

for h in template state sub dynref check; do
	seeds="$TOP_SRCDIR/fuzz/seeds/$h"
	regressions="$TOP_SRCDIR/fuzz/regressions/$h"
	n_seeds=$(find "$seeds" -type f ! -name '.*' | wc -l)
	n_regressions=$(find "$regressions" -type f ! -name '.*' | wc -l)
	run "$TOP_BUILDDIR/fuzz/fuzz_$h" "$seeds" "$regressions"
	expect_status 0
	expect_out "$TOP_BUILDDIR/fuzz/fuzz_$h: $((n_seeds + n_regressions)) inputs ran"
	[ "$n_seeds" -gt 0 ] || fail "no seed inputs for $h"
done

done_testing
