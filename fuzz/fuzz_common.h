/*
 * fuzz_common.h — what the fuzz harnesses share: a scratch folder for
 * the input (the readers take paths), writing bytes to a file in it, and
 * a diagnostics check.  Each harness defines LLVMFuzzerTestOneInput;
 * replay.c runs one on saved inputs without libFuzzer (the regression
 * tests of the default build).
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include "assess.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A folder of this process's own, made on first use (under /dev/shm
 * when it exists), removed at exit. */
const char *fuzz_dir(void);
/* Writes data to DIR/name and returns the path (static storage, one per
 * name slot: valid until the next call with the same name). */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size);
/* Removes DIR/name if it exists. */
void fuzz_remove(const char *name);
/* Checks what every diagnostic list must satisfy: an error count that
 * matches, every message non-empty and formattable.  Aborts otherwise. */
void fuzz_check_diags(const assess_diags *d);

#endif
