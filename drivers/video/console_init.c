// SPDX-License-Identifier: MIT
/*
 * console_init(): once the command line is parsed, the console's outputs
 * become what `console=` asked for, among those serial_init() found, and
 * one line says where the console is. A file of its own because it
 * prints: serial.c and vgacon.c, which printk calls, must not call
 * printk (arch/x86/kernel/serial.c explains the outputs).
 *
 * Where it differs from Linux: Linux says it per console as each one
 * registers ("Console: colour VGA+ 80x25" from the VT layer, "printk:
 * console [ttyS0] enabled"); here one line says where the console is.
 */
#include <asm/serial.h>
#include <kernel/printk.h>
#include <kernel/vgacon.h>

static const char *outputs_name(unsigned int o)
{
	switch (o & (CON_SERIAL | CON_VGA)) {
	case CON_SERIAL | CON_VGA:
		return "COM1 (ttyS0) and the VGA text screen (tty0)";
	case CON_SERIAL:
		return "COM1 (ttyS0)";
	case CON_VGA:
		return "the VGA text screen (tty0)";
	}
	return "nowhere";
}

void console_init(void)
{
	unsigned int want = console_requested ? console_requested : console_present;
	unsigned int use = want & console_present;

	if (!use)
		use = console_present;		/* never silence the console */
	/* said where both outputs still listen, so it is seen either way */
	if (console_requested && use != console_requested)
		pr_warn("console: asked for %s, but only %s is there\n",
			outputs_name(console_requested), outputs_name(console_present));
	pr_info("console: %s%s%s\n", outputs_name(use),
		console_present & CON_SERIAL ? "" : " (no UART at 0x3f8)",
		console_present & CON_VGA ? "" : " (no VGA colour text screen)");
	console_outputs = use;
}
