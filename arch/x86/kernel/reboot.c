// SPDX-License-Identifier: MIT
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/reboot.h>

void machine_exit(enum kernel_exit status)
{
	local_irq_disable();
	outl(QEMU_EXIT_PORT, status);
	/* No isa-debug-exit: ACPI S5 through QEMU's PIIX4/ICH9 PM1a control. */
	outw(0x604, 0x2000);
	outw(0xB004, 0x2000);
	halt_forever();
}
