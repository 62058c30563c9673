// SPDX-License-Identifier: MIT
/*
 * The console: the first serial port (COM1, I/O port 0x3F8), 115200 baud,
 * 8 data bits, no parity, 1 stop bit. console_write_raw() sends bytes as
 * given (the one place they reach the UART; the terminal's output after
 * its OPOST modes, drivers/tty/); console_write(), printk's, is it with
 * "\n" sent as "\r\n".
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
 */
#include <asm/io.h>
#include <asm/serial.h>
#include <asm/setup.h>
#include <kernel/printk.h>

void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);	/* no interrupts yet */
	outb(COM1 + UART_LCR, 0x80);	/* DLAB on: set the baud divisor */
	outb(COM1 + UART_DATA, 1);	/* 115200 / 1 */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x03);	/* 8N1, DLAB off */
	/*
	 * The receive FIFO stays as the firmware left it, never cleared:
	 * turning it on (or clearing it) would throw away a byte typed before
	 * boot. Off (the reset state), one byte waits in RBR and QEMU holds
	 * the rest; on (a boot loader's doing), its trigger becomes 1 byte.
	 */
	if ((inb(COM1 + UART_IIR) & UART_IIR_FIFO) == UART_IIR_FIFO)
		outb(COM1 + UART_FCR, UART_FCR_ENABLE);
	outb(COM1 + UART_MCR, UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2);
}

static void serial_putc(char c)
{
	int spins = 100000;

	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	outb(COM1 + UART_DATA, c);
}

void console_write_raw(const char *s, size_t n)
{
	for (; n; n--, s++)
		serial_putc(*s);
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
