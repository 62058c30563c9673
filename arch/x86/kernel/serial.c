// SPDX-License-Identifier: MIT
/*
 * The console: the first serial port (COM1, I/O port 0x3F8), 115200 baud,
 * 8 data bits, no parity, 1 stop bit. "\n" becomes "\r\n".
 *
 * Sending is polled: printk waits for the transmit register to empty, so
 * it works from any context, interrupts on or off, from boot's first line.
 *
 * Receiving is interrupt driven (after serial_rx_init()): the UART raises
 * IRQ 4 as soon as one byte is waiting (FIFO trigger level 1), and
 * serial_rx_interrupt() moves every waiting byte into rx_ring, a 64-byte
 * ring (head written only by the handler, tail only by serial_rx_read(),
 * which reads with interrupts off; a byte that finds the ring full is
 * dropped and counted in serial_rx_overruns). On a PC the UART's
 * interrupt reaches the PIC only while MCR's OUT2 is set.
 *
 * Where it differs from Linux (drivers/tty/serial/8250/): no tty layer,
 * no flow control, no transmit interrupt; the ring is what the 8250
 * driver's flip buffer would feed.
 */
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/serial.h>
#include <asm/setup.h>
#include <kernel/interrupt.h>
#include <kernel/printk.h>

void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);	/* no interrupts yet */
	outb(COM1 + UART_LCR, 0x80);	/* DLAB on: set the baud divisor */
	outb(COM1 + UART_DATA, 1);	/* 115200 / 1 */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x03);	/* 8N1, DLAB off */
	outb(COM1 + UART_FCR, 0x07);	/* FIFOs on and cleared, receive trigger at 1 byte */
	outb(COM1 + UART_MCR, UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2);
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

static char rx_ring[SERIAL_RX_RING];
static unsigned int rx_head, rx_tail;	/* free-running; index & (SIZE - 1) */
unsigned long serial_rx_overruns;

static irqreturn_t serial_rx_interrupt(int irq, void *dev_id)
{
	irqreturn_t ret = IRQ_NONE;

	(void)irq;
	(void)dev_id;
	while (inb(COM1 + UART_LSR) & UART_LSR_DR) {
		char c = (char)inb(COM1 + UART_DATA);

		if (rx_head - rx_tail < SERIAL_RX_RING)
			rx_ring[rx_head++ & (SERIAL_RX_RING - 1)] = c;
		else
			serial_rx_overruns++;
		ret = IRQ_HANDLED;
	}
	return ret;
}

size_t serial_rx_read(char *buf, size_t n)
{
	unsigned long flags;
	size_t done = 0;

	local_irq_save(flags);
	while (done < n && rx_tail != rx_head)
		buf[done++] = rx_ring[rx_tail++ & (SERIAL_RX_RING - 1)];
	local_irq_restore(flags);
	return done;
}

void serial_rx_init(void)
{
	if (request_irq(COM1_IRQ, serial_rx_interrupt, 0, "serial", NULL)) {
		pr_err("serial: cannot register IRQ %d: no input\n", COM1_IRQ);
		return;
	}
	while (inb(COM1 + UART_LSR) & UART_LSR_DR)	/* what arrived before */
		(void)inb(COM1 + UART_DATA);
	outb(COM1 + UART_IER, UART_IER_RDI);
}
