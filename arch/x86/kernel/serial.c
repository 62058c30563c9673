// SPDX-License-Identifier: MIT
/*
 * How this works: the console. The first serial port (COM1, I/O port
 * 0x3F8), 115200 baud, 8 data bits, no parity, 1 stop bit, and, when
 * there is one, the VGA text screen (drivers/video/vgacon.c), which
 * shows the same bytes.
 * console_write_raw() sends bytes as given (the one place they reach the
 * UART and the screen; the terminal's output after its OPOST modes,
 * drivers/tty/); console_write(), printk's, is it with "\n" sent as
 * "\r\n". Both screen and UART see a terminal's bytes: "\r" returns, "\n"
 * moves down.
 *
 * Sending is polled: printk waits for the transmit register to empty, so
 * it works from any context, interrupts on or off, from boot's first line.
 *
 * Receiving is interrupt driven, in serial_rx.c (a file of its own so
 * that the console, which printk calls, depends on nothing that calls
 * printk). serial_init() prepares it: a receive FIFO, if a boot loader
 * turned one on, triggers at one byte (and is never cleared: bytes typed
 * before boot are kept), and OUT2, without which a PC's UART interrupt
 * never reaches the PIC.
 *
 * The outputs. serial_init() probes both before the first printk: the
 * UART's scratch register keeps a byte only if a UART is there (an
 * absent one reads 0xff everywhere), and vgacon_init() checks the BIOS's
 * video mode and that video memory and the CRTC keep what is written.
 * console_outputs starts as everything found, so the first boot lines
 * are on the screen too; once the command line is parsed console_init()
 * (drivers/video/console_init.c) narrows it to what `console=` names:
 *
 *   console=ttyS0          COM1 only
 *   console=tty0           the VGA screen only (tty1 is taken as tty0)
 *   console=ttyS0 console=tty0, or none at all: both (what is present)
 *
 * A request for an output that is not there falls back to what is, so
 * the console is never silenced by a typo or a missing card.
 *
 * Where it differs from Linux: Linux registers each console driver
 * (struct console) with printk, keeps a log buffer that a console
 * registered later replays, and makes the last console= the one behind
 * /dev/console; here both outputs are fixed, there is no buffer (every
 * byte leaves before printk returns), and /dev/console goes wherever
 * printk goes. ttyS0's options (",115200n8") are accepted and ignored.
 */
#include <asm/io.h>
#include <asm/serial.h>
#include <asm/setup.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/vgacon.h>

unsigned int console_outputs, console_present, console_requested;

static bool uart_present(void)
{
	outb(COM1 + UART_SCR, 0x5a);
	if (inb(COM1 + UART_SCR) != 0x5a)
		return false;
	outb(COM1 + UART_SCR, 0xa5);
	return inb(COM1 + UART_SCR) == 0xa5 && inb(COM1 + UART_LSR) != 0xff;
}

void serial_init(void)
{
	if (uart_present()) {
		console_present |= CON_SERIAL;
		outb(COM1 + UART_IER, 0x00);	/* no interrupts yet */
		outb(COM1 + UART_LCR, 0x80);	/* DLAB on: set the baud divisor */
		outb(COM1 + UART_DATA, 1);	/* 115200 / 1 */
		outb(COM1 + UART_IER, 0);
		outb(COM1 + UART_LCR, 0x03);	/* 8N1, DLAB off */
		/*
		 * The receive FIFO stays as the firmware left it, never cleared:
		 * turning it on (or clearing it) would throw away a byte typed
		 * before boot. Off (the reset state), one byte waits in RBR and
		 * QEMU holds the rest; on (a boot loader's doing), its trigger
		 * becomes 1 byte.
		 */
		if ((inb(COM1 + UART_IIR) & UART_IIR_FIFO) == UART_IIR_FIFO)
			outb(COM1 + UART_FCR, UART_FCR_ENABLE);
		outb(COM1 + UART_MCR, UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2);
	}
	if (vgacon_init())
		console_present |= CON_VGA;
	console_outputs = console_present;
}

static void serial_putc(char c)
{
	int spins = 100000;

	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	outb(COM1 + UART_DATA, c);
}

/* One writer at a time, whichever CPU: the printk CPU lock (it nests inside printk). */
void console_write_raw(const char *s, size_t n)
{
	unsigned long flags;
	bool owned = printk_cpu_sync_get(&flags);

	if (console_outputs & CON_SERIAL)
		for (const char *p = s; p < s + n; p++)
			serial_putc(*p);
	if (console_outputs & CON_VGA)
		vgacon_write(s, n);
	printk_cpu_sync_put(owned, flags);
}

void console_write(const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\n')
			continue;
		console_write_raw(s + start, i - start);
		console_write_raw("\r\n", 2);
		start = i + 1;
	}
	console_write_raw(s + start, n - start);
}

/*
 * console=NAME: ttyS0 (COM1; ",options" after it ignored), tty0 or tty1
 * (the VGA screen). Each console= adds one; console_init() applies them.
 */
static int parse_console(const char *val)
{
	if (!val)
		return -1;
	if (!strncmp(val, "ttyS0", 5) && (val[5] == '\0' || val[5] == ','))
		console_requested |= CON_SERIAL;
	else if (!strcmp(val, "tty0") || !strcmp(val, "tty1") || !strcmp(val, "tty"))
		console_requested |= CON_VGA;
	else
		return -1;
	return 0;
}
__setup_help("console", parse_console, "ttyS0 (COM1) or tty0 (the VGA screen)");
