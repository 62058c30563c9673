// SPDX-License-Identifier: MIT
/*
 * libFuzzer entry: the fuzzer's bytes are the stress driver's operation
 * words (4 bytes each), with the full invariant check after every
 * operation. Each input ends by freeing everything it allocated, so the
 * next input starts from a machine with every managed page free.
 *
 *   make -C tests/host fuzz FUZZ_TIME=300
 */
#include <kernel/types.h>

#include "ht.h"
#include "stress.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	stress_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	for (size_t i = 0; i + 4 <= size; i += 4) {
		u32 r = data[i] | data[i + 1] << 8 | data[i + 2] << 16 | (u32)data[i + 3] << 24;

		if (stress_op(r) || stress_check())
			__builtin_trap();
	}
	if (stress_drain() || stress_check())
		__builtin_trap();
	return 0;
}

/* hostlib.c's runner is not linked in the fuzzer; nothing registers. */
void ht_register(struct ht_case *c)
{
	(void)c;
}
