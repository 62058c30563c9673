// SPDX-License-Identifier: MIT
/*
 * How this works: COM1's receive side, on IRQ 4, feeding the console
 * terminal (tty_receive_buf(), drivers/tty/).
 *
 * serial_rx_init() puts serial_rx_interrupt() on IRQ 4, registers
 * serial_rx_unthrottle() with the tty and enables the UART's
 * received-data interrupt (IER bit 0). The UART raises the line as soon
 * as a byte is waiting (in RBR, or in a receive FIFO whose trigger
 * serial_init() set to one byte); rx_drain() hands every waiting byte
 * (while LSR says data ready) to the tty, one at a time. Reading RBR
 * until nothing is waiting is also what clears the UART's request, as
 * the edge-triggered PIC needs before the next byte can raise it again.
 * Bytes that arrived before serial_rx_init() wait in the UART (and in
 * QEMU, which sends no more while RBR or the FIFO is full) and are the
 * first ones drained: nothing typed from power-on is lost, because
 * serial_init() never clears the FIFO (nor turns it on, which clears it).
 *
 * Flow control, so that nothing is ever dropped: a UART byte can only be
 * read out, not peeked at, so a byte the tty refuses (its input queue is
 * full) is kept in rx_held and the received-data interrupt is masked
 * (IER = 0): the rest stays in the UART, and a full UART makes QEMU hold
 * what follows. When a reader has made room the tty calls
 * serial_rx_unthrottle(), which unmasks the interrupt and drains again,
 * rx_held first. Between the tty's refusal and the mask a reader might
 * make room and find nothing to unthrottle yet; so after masking,
 * rx_drain() offers the byte once more before giving up.
 *
 *   tty full:  offer c -> refused -> rx_held = c, IER = 0, offer again
 *   read():    room -> serial_rx_unthrottle(): IER = RDI, rx_drain()
 *
 * Everything here runs with interrupts off (the handler; the other entry
 * points turn them off), on the one CPU, so the state needs no lock;
 * rx_draining keeps a drain from re-entering itself through a tty that
 * calls serial_rx_unthrottle() from inside tty_receive_buf().
 *
 * The irq suite's loopback case takes the bytes for itself with
 * serial_rx_set_sink() while it sends in loopback mode.
 *
 * Where it differs from Linux (drivers/tty/serial/8250/): no flip buffer
 * or tty_port; one byte at a time straight into the line discipline;
 * throttling masks the interrupt instead of dropping RTS (QEMU's
 * backend and the UART do the holding); the FIFO is used only if the
 * boot loader left it on (Linux's 8250 turns it on and clears it); no
 * transmit interrupt (sending stays polled, so printk works in any
 * context).
 */
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/serial.h>
#include <kernel/interrupt.h>
#include <kernel/atomic.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/tty.h>

/*
 * The port's state (below) and its IER/RBR accesses are under rx_lock,
 * irqsave: the interrupt arrives on the CPU the I/O APIC routes COM1 to,
 * while a reader on any CPU may unthrottle. The tty's receive path may
 * call ->unthrottle from inside our own drain (a ^C flushed the buffer):
 * rx_drain_cpu says "this CPU is draining", and that call is skipped as
 * before (the drain goes on delivering), instead of taking rx_lock twice.
 */
static DEFINE_SPINLOCK(rx_lock);
static int rx_held = -1;		/* a byte read out that the tty refused; -1: none */
static bool rx_throttled;		/* IER masked until serial_rx_unthrottle() */
static int rx_drain_cpu = -1;		/* in rx_drain() on this CPU: do not re-enter */
static bool rx_present;			/* serial_rx_init() found a UART */
static void (*rx_sink)(unsigned char c);	/* the irq test's taker, or NULL: the tty */
unsigned long serial_rx_overruns;

/*
 * Data ready? With no UART at COM1 the bus reads 0xff, whose DR bit is set
 * forever: that is "nothing", or every drain loop below would never end.
 */
static bool rx_data_ready(void)
{
	u8 lsr = inb(COM1 + UART_LSR);

	if (lsr == 0xff)
		return false;
	if (lsr & UART_LSR_OE)
		counter_inc_atomic(&serial_rx_overruns);	/* RBR/FIFO was full: should never happen */
	return lsr & UART_LSR_DR;
}

static bool rx_deliver(unsigned char c)
{
	if (rx_sink) {
		rx_sink(c);
		return true;
	}
	return tty_receive_buf(&c, 1) == 1;
}

/* UART -> tty until nothing waits or the tty is full. Context: rx_lock held. */
static bool rx_drain(void)
{
	unsigned int budget = 1024;	/* a stuck DR bit cannot hold us here forever */
	bool moved = false;

	lockdep_assert_held(&rx_lock);
	WRITE_ONCE(rx_drain_cpu, (int)smp_processor_id());
	for (;;) {
		if (rx_held < 0) {
			if (!budget-- || !rx_data_ready())
				break;
			rx_held = inb(COM1 + UART_DATA);
		}
		if (!rx_deliver((unsigned char)rx_held)) {
			outb(COM1 + UART_IER, 0);	/* throttle: the rest waits in the UART */
			rx_throttled = true;
			if (!rx_deliver((unsigned char)rx_held))
				break;			/* still full: the reader will unthrottle */
			rx_throttled = false;		/* room was made meanwhile */
			outb(COM1 + UART_IER, UART_IER_RDI);
		}
		rx_held = -1;
		moved = true;
	}
	WRITE_ONCE(rx_drain_cpu, -1);
	return moved;
}

static irqreturn_t serial_rx_interrupt(int irq, void *dev_id)
{
	bool moved;

	(void)irq;
	(void)dev_id;
	if (READ_ONCE(rx_drain_cpu) == (int)smp_processor_id())
		return IRQ_NONE;		/* cannot happen (interrupts off in the drain) */
	spin_lock(&rx_lock);
	moved = rx_drain();
	spin_unlock(&rx_lock);
	return moved ? IRQ_HANDLED : IRQ_NONE;
}

/* The tty has room again. Context: any (the tty calls it without its lock). */
static void serial_rx_unthrottle(void)
{
	unsigned long flags;

	local_irq_save(flags);
	if (READ_ONCE(rx_drain_cpu) == (int)smp_processor_id()) {
		local_irq_restore(flags);	/* from inside our own drain: it goes on */
		return;
	}
	spin_lock(&rx_lock);
	if (rx_throttled) {
		rx_throttled = false;
		outb(COM1 + UART_IER, UART_IER_RDI);
		rx_drain();			/* rx_held first; may throttle again */
	}
	spin_unlock_irqrestore(&rx_lock, flags);
}

void serial_rx_set_sink(void (*sink)(unsigned char c))
{
	unsigned long flags;

	if (!rx_present)
		return;
	spin_lock_irqsave(&rx_lock, flags);
	rx_sink = sink;
	rx_throttled = false;			/* a sink takes everything; the tty re-throttles */
	outb(COM1 + UART_IER, UART_IER_RDI);
	rx_drain();
	spin_unlock_irqrestore(&rx_lock, flags);
}

void serial_rx_init(void)
{
	unsigned long flags;

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
	rx_present = true;
	tty_set_unthrottle(serial_rx_unthrottle);
	spin_lock_irqsave(&rx_lock, flags);
	outb(COM1 + UART_IER, UART_IER_RDI);
	rx_drain();			/* what arrived before: kept, the tty's first input */
	spin_unlock_irqrestore(&rx_lock, flags);
}
