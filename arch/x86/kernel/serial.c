// SPDX-License-Identifier: MIT
/*
 * The console: the first serial port (COM1, I/O port 0x3F8), 115200 baud,
 * 8 data bits, no parity, 1 stop bit, polled. "\n" becomes "\r\n".
 */
#include <asm/io.h>
#include <asm/setup.h>
#include <kernel/printk.h>

#define COM1		0x3F8
#define UART_DATA	0	/* DLAB=0: data; DLAB=1: divisor low */
#define UART_IER	1	/* DLAB=1: divisor high */
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_LSR_THRE	0x20	/* transmit holding register empty */

void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);	/* no interrupts */
	outb(COM1 + UART_LCR, 0x80);	/* DLAB on: set the baud divisor */
	outb(COM1 + UART_DATA, 1);	/* 115200 / 1 */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x03);	/* 8N1, DLAB off */
	outb(COM1 + UART_FCR, 0xC7);	/* FIFOs on and cleared */
	outb(COM1 + UART_MCR, 0x03);	/* DTR, RTS */
}

static void serial_putc(char c)
{
	int spins = 100000;

	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	outb(COM1 + UART_DATA, c);
}

void console_write(const char *s, size_t n)
{
	for (; n; n--, s++) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s);
	}
}
