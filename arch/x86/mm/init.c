// SPDX-License-Identifier: MIT
#include <asm/fixmap.h>

void *high_memory;
