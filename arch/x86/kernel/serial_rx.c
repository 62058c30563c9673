// SPDX-License-Identifier: MIT
/*
 * How this works: COM1's receive side, on IRQ 4.
 *
 * serial_rx_init() puts serial_rx_interrupt() on IRQ 4 and enables the
 * UART's received-data interrupt (IER bit 0). With the receive FIFO's
 * trigger at one byte (serial_init()), the UART raises the line as soon
 * as a byte is waiting; the handler moves every waiting byte (while LSR
 * says data ready) into rx_ring, a 64-byte ring. Reading RBR until the
 * FIFO is empty is also what clears the UART's request, as the edge
 * triggered PIC needs before the next byte can raise it again.
 *
 * The ring: rx_head and rx_tail count bytes since boot and are masked to
 * index it (64 is a power of two, so the wrap of the counters is
 * harmless). Only the handler writes rx_head; only serial_rx_read()
 * writes rx_tail, with interrupts off around it, so the two never race
 * on one CPU. A byte that finds the ring full is dropped and counted in
 * serial_rx_overruns. Nothing reads the ring yet but the irq suite's
 * loopback case; the shell issue's input will.
 *
 * Where it differs from Linux (drivers/tty/serial/8250/): no tty layer,
 * no flow control, no transmit interrupt (sending stays polled, so
 * printk works in any context); the ring is what the 8250 driver's flip
 * buffer would feed.
 */
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/serial.h>
#include <kernel/fs.h>
#include <kernel/interrupt.h>
#include <kernel/printk.h>

static char rx_ring[SERIAL_RX_RING];
static unsigned int rx_head, rx_tail;	/* free-running; index & (SIZE - 1) */
unsigned long serial_rx_overruns;

/*
 * Data ready? With no UART at COM1 the bus reads 0xff, whose DR bit is set
 * forever: that is "nothing", or every drain loop below would never end.
 */
static bool rx_data_ready(void)
{
	u8 lsr = inb(COM1 + UART_LSR);

	return lsr != 0xff && (lsr & UART_LSR_DR);
}

static irqreturn_t serial_rx_interrupt(int irq, void *dev_id)
{
	irqreturn_t ret = IRQ_NONE;
	unsigned int budget = 4 * SERIAL_RX_RING;	/* a stuck DR bit cannot hold us here */

	(void)irq;
	(void)dev_id;
	while (budget-- && rx_data_ready()) {
		char c = (char)inb(COM1 + UART_DATA);

		if (rx_head - rx_tail < SERIAL_RX_RING)
			rx_ring[rx_head++ & (SERIAL_RX_RING - 1)] = c;
		else
			serial_rx_overruns++;
		ret = IRQ_HANDLED;
	}
	if (ret == IRQ_HANDLED)
		tty_rx_notify();	/* console readers (fs/char_dev.c) */
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
	unsigned int budget = 4 * SERIAL_RX_RING;

	/* The scratch register keeps what is written to it only if a UART is there. */
	outb(COM1 + UART_SCR, 0x5a);
	if (inb(COM1 + UART_SCR) != 0x5a || inb(COM1 + UART_LSR) == 0xff) {
		pr_info("serial: no UART at %#x: no serial input\n", COM1);
		return;
	}
	if (request_irq(COM1_IRQ, serial_rx_interrupt, 0, "serial", NULL)) {
		pr_err("serial: cannot register IRQ %d: no input\n", COM1_IRQ);
		return;
	}
	while (budget-- && rx_data_ready())		/* what arrived before */
		(void)inb(COM1 + UART_DATA);
	outb(COM1 + UART_IER, UART_IER_RDI);
}
