// SPDX-License-Identifier: MIT
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/reboot.h>

void machine_exit(enum kernel_exit status)
{
	local_irq_disable();
	outl(QEMU_EXIT_PORT, status);
	/*
	 * No isa-debug-exit: ACPI S5 (SLP_EN, SLP_TYP 0) through the PM1a
	 * control port of QEMU's PIIX4 and ICH9 (0x604) or Bochs' (0xB004);
	 * boot/head.asm's refusals do the same. Then halt, never spin.
	 */
	outw(0x604, 0x2000);
	outw(0xB004, 0x2000);
	halt_forever();
}
