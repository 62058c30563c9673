/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_REBOOT_H
#define _ASM_X86_REBOOT_H

#include <kernel/compiler.h>

/*
 * How the kernel ends a QEMU run: a write to the isa-debug-exit device
 * (port 0xf4) makes QEMU exit with status (value << 1) | 1.
 *   KERNEL_EXIT_SUCCESS 0x10 -> QEMU exits 33
 *   KERNEL_EXIT_FAILURE 0x11 -> QEMU exits 35
 * Without that device (real hardware) the kernel powers off through ACPI
 * if QEMU's PM port answers, else halts.
 */
#define QEMU_EXIT_PORT		0xf4
enum kernel_exit { KERNEL_EXIT_SUCCESS = 0x10, KERNEL_EXIT_FAILURE = 0x11 };

__noreturn void machine_exit(enum kernel_exit status);

#endif
