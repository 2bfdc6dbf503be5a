/*
 * fuzz.h - what every fuzz harness defines: libFuzzer's entry points.
 * Built with clang's -fsanitize=fuzzer by make fuzz; built with
 * fuzz_main.c instead (a plain driver that replays files) by make check,
 * so the harnesses and their regression inputs run in every build.
 */
#ifndef CFN_FUZZ_H
#define CFN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Runs one input: data (borrowed) of size bytes.  Returns 0 (libFuzzer's
 * contract); a crash, a sanitizer report or a leak is the finding. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional one-time setup (the check harness opens the models here);
 * argc and argv are borrowed.  Returns 0. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif
