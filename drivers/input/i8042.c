// SPDX-License-Identifier: MIT
/*
 * How this works: the PS/2 keyboard behind the i8042 controller.
 *
 * The i8042 (on today's boards, a part of the chipset or an emulation
 * of one that the firmware keeps up for USB keyboards) sits between the
 * CPU and the keyboard: two ports, 0x60 data and 0x64 status (read) /
 * command (write). Status bit 0 (output buffer full) says a byte waits
 * at 0x60; bit 5 says it came from the second, mouse, port; bit 1 (input
 * buffer full) says the controller has not yet taken the last byte we
 * wrote. With its "configuration byte" bit 0 set, a byte from the
 * keyboard also raises IRQ 1; bit 6 makes it translate the keyboard's
 * scancode set 2 into set 1, which atkbd.c understands.
 *
 * i8042_init(): an absent controller floats the bus, so the status port
 * reads 0xff: one line, and no keyboard. Otherwise drain what is waiting
 * (keys pressed during boot), read the configuration byte (command
 * 0x20), set IRQ 1 and translation on and the keyboard's clock on (command 0x60 writes it back),
 * and put i8042_interrupt() on IRQ 1. Every wait for the controller is
 * bounded, so a broken one costs a line, not a hang.
 *
 * The interrupt: while the status port says a byte waits, read it; a
 * mouse byte is dropped, a keyboard byte goes through kbd_translate(),
 * and what it makes goes to the console tty with tty_receive_key(). The
 * keyboard cannot be told to wait as a UART's FIFO can, so when the tty's
 * queue is full (nobody reads) the key is lost: all of its bytes, never
 * part of an escape sequence (ESC [ without its A), counted in
 * kbd_dropped. A refused key does not throttle the tty, whose unthrottle
 * callback is the UART's.
 *
 * Where it differs from Linux: Linux's i8042 driver (drivers/input/serio/)
 * probes much more carefully (self-test command 0xAA, the AUX port, ACPI
 * and PnP tables, quirks for machines with broken controllers), turns
 * translation off and lets atkbd reset the keyboard and read set 2;
 * both then feed the input layer, not a tty. Here the BIOS's setup
 * (keyboard enabled, set 1 by translation) is kept, as it is on every
 * PC and in QEMU.
 */
#include <asm/io.h>
#include <kernel/interrupt.h>
#include <kernel/keyboard.h>
#include <kernel/printk.h>
#include <kernel/tty.h>

#define I8042_DATA		0x60
#define I8042_STATUS		0x64	/* read */
#define I8042_COMMAND		0x64	/* write */
#define I8042_STR_OBF		0x01	/* a byte waits at the data port */
#define I8042_STR_IBF		0x02	/* the controller has not taken our byte yet */
#define I8042_STR_AUXDATA	0x20	/* ... and it came from the mouse port */
#define I8042_CMD_CTL_RCTR	0x20	/* read the configuration byte */
#define I8042_CMD_CTL_WCTR	0x60	/* write it */
#define I8042_CMD_WRITE_KBD_OBUF 0xD2	/* the next data byte "came from the keyboard" */
#define I8042_CTR_KBDINT	0x01	/* keyboard bytes raise IRQ 1 */
#define I8042_CTR_KBDDIS	0x10	/* keyboard clock off */
#define I8042_CTR_XLATE		0x40	/* set 2 -> set 1 */
#define I8042_KBD_IRQ		1
#define I8042_SPINS		100000	/* status reads before giving up */
#define I8042_BUDGET		32	/* bytes drained per interrupt, at most */

static struct kbd_state kbd;
unsigned long kbd_dropped, i8042_scancodes;
bool i8042_present;

static bool wait_write(void)
{
	for (int i = 0; i < I8042_SPINS; i++)
		if (!(inb(I8042_STATUS) & I8042_STR_IBF))
			return true;
	return false;
}

static bool wait_read(void)
{
	for (int i = 0; i < I8042_SPINS; i++)
		if (inb(I8042_STATUS) & I8042_STR_OBF)
			return true;
	return false;
}

static irqreturn_t i8042_interrupt(int irq, void *dev_id)
{
	irqreturn_t ret = IRQ_NONE;
	unsigned int budget = I8042_BUDGET;
	char out[KBD_MAX_BYTES];
	u8 status;

	(void)irq;
	(void)dev_id;
	while (budget-- && ((status = inb(I8042_STATUS)) & I8042_STR_OBF) && status != 0xff) {
		u8 code = inb(I8042_DATA);
		unsigned int n;

		ret = IRQ_HANDLED;
		i8042_scancodes++;
		if (status & I8042_STR_AUXDATA)
			continue;		/* the mouse's: nobody listens */
		n = kbd_translate(&kbd, code, out);
		if (n && !tty_receive_key((const unsigned char *)out, n))
			kbd_dropped += n;	/* the whole key: never half an escape sequence */
	}
	return ret;
}

void i8042_init(void)
{
	unsigned int budget = 64;
	u8 ctr;

	if (inb(I8042_STATUS) == 0xff) {
		pr_info("i8042: no PS/2 controller (status port 0x64 reads 0xff): no keyboard input\n");
		return;
	}
	while (budget-- && (inb(I8042_STATUS) & I8042_STR_OBF))
		(void)inb(I8042_DATA);		/* what was typed during boot */
	if (!wait_write())
		goto dead;
	outb(I8042_COMMAND, I8042_CMD_CTL_RCTR);
	if (!wait_read())
		goto dead;
	ctr = inb(I8042_DATA);
	ctr = (ctr & ~I8042_CTR_KBDDIS) | I8042_CTR_KBDINT | I8042_CTR_XLATE;
	if (!wait_write())
		goto dead;
	outb(I8042_COMMAND, I8042_CMD_CTL_WCTR);
	if (!wait_write())
		goto dead;
	outb(I8042_DATA, ctr);
	if (request_irq(I8042_KBD_IRQ, i8042_interrupt, 0, "i8042", NULL)) {
		pr_err("i8042: cannot register IRQ %d: no keyboard input\n", I8042_KBD_IRQ);
		return;
	}
	i8042_present = true;
	pr_info("i8042: PS/2 keyboard on IRQ %d (scancode set 1, US layout)\n", I8042_KBD_IRQ);
	return;
dead:
	pr_info("i8042: the controller does not answer: no keyboard input\n");
}

bool i8042_inject(u8 code)
{
	if (!i8042_present || !wait_write())
		return false;
	outb(I8042_COMMAND, I8042_CMD_WRITE_KBD_OBUF);
	if (!wait_write())
		return false;
	outb(I8042_DATA, code);
	return true;
}
