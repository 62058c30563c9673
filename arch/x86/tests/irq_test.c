// SPDX-License-Identifier: MIT
/*
 * KTAP suite "irq": the 8259As, do_IRQ, the tick and the HARDIRQ bits
 * (arch/x86/kernel/irq.c, i8259.c, i8253.c, serial_rx.c; kernel/hardirq.h).
 *
 * Kernel only: it needs the real CPU (IF, `int`, the PICs), so it is not
 * in tests/host's KTEST_SRCS. Interrupts are on when the suite starts
 * (start_kernel() enabled them before the demos).
 *
 * Handlers are probed two ways. A software `int $0x25` goes through the
 * IRQ 5 stub and do_IRQ like a device's interrupt, but the PIC never put
 * line 5 in service, so do_IRQ's EOI finds nothing to end; line 5 has no
 * device on QEMU's pc and isapc machines. The timer's chain is probed
 * with a second (shared) handler, which runs in a real interrupt, with
 * IRQ 0 in service on the master PIC.
 *
 * Time is judged in instructions, never in wall time: spin_insns(n)
 * runs exactly 2n instructions. Under QEMU -icount shift=0 a tick is
 * 10,000,000 instructions, so 15,000,000 turns (30 M instructions) span
 * three ticks at the same instructions on every run (matrix line
 * pc-128M-irq-icount); without -icount TCG takes well over 10 ms for
 * them, so ">= 1 tick" holds there too.
 *
 * In APIC mode (more than one CPU) the 8259A cases (the PIT's IRQ 0
 * chain, spurious IR7) are skipped: the tick is the local APIC timer and
 * the lines come through the I/O APIC (the apic suite, apic_test.c).
 */
#include <asm/apic.h>
#include <asm/i8253.h>
#include <asm/i8259.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/serial.h>
#include <kernel/errno.h>
#include <kernel/hardirq.h>
#include <kernel/interrupt.h>
#include <kernel/jiffies.h>
#include <kernel/ktest.h>
#include <kernel/preempt.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/tty.h>

#define TEST_IRQ	5		/* no device on it */
#define THREE_TICKS	15000000U	/* turns of spin_insns: 30 M instructions */

static noinline void spin_insns(u32 n)
{
	__asm__ __volatile__("1: dec %0\n\tjnz 1b" : "+r"(n) :: "cc");
}

struct irq_probe {
	volatile unsigned int calls;
	int preempt_count;
	bool in_irq, in_interrupt, in_atomic, irqs_off;
	/* nested spurious probe: master ISR around an `int $0x27` */
	bool nest_spurious;
	u8 isr_before, isr_after;
};

static irqreturn_t probe_handler(int irq, void *dev_id)
{
	struct irq_probe *p = dev_id;

	(void)irq;
	p->preempt_count = preempt_count();
	p->in_irq = in_irq();
	p->in_interrupt = in_interrupt();
	p->in_atomic = in_atomic();
	p->irqs_off = irqs_disabled();
	if (p->nest_spurious && !p->calls) {
		p->isr_before = i8259A_read_isr(0);
		__asm__ __volatile__("int $0x27" ::: "memory");
		p->isr_after = i8259A_read_isr(0);
	}
	p->calls++;
	return IRQ_HANDLED;
}

/* Wait (in instructions) until @p has been called, at most six ticks' worth. */
static void wait_for_call(struct irq_probe *p)
{
	for (int i = 0; i < 6 && !p->calls; i++)
		spin_insns(THREE_TICKS / 3);
}

/* Interrupts on: a busy loop of three ticks' instructions sees jiffies move. */
static void irq_jiffies_advance_with_interrupts_on(struct ktest *t)
{
	unsigned long start;

	KTEST_ASSERT_TRUE(t, !irqs_disabled());
	start = jiffies;
	spin_insns(THREE_TICKS);
	KTEST_EXPECT_GE(t, jiffies - start, 1);
}

/*
 * Interrupts off: the same loop sees no tick. The PIT kept pulsing; the
 * master PIC latched one request in its IRR (edge triggered: the others
 * are lost), delivered as soon as interrupts are on again.
 */
static void irq_jiffies_stand_still_with_interrupts_off(struct ktest *t)
{
	unsigned long flags, start, during;

	local_irq_save(flags);
	start = jiffies;
	spin_insns(THREE_TICKS);
	during = jiffies - start;
	local_irq_restore(flags);
	spin_insns(100);
	KTEST_EXPECT_EQ(t, during, 0);
	/* one pending tick, not three (2: the next one came within 200 instructions) */
	KTEST_EXPECT_GE(t, jiffies - start, 1);
	KTEST_EXPECT_LE(t, jiffies - start, 2);
}

/*
 * In a handler in_irq(), in_interrupt() and in_atomic() are true,
 * interrupts are off and preempt_count is one HARDIRQ_OFFSET up; outside
 * they are false, and the count comes back where it was.
 */
static void irq_handler_context_is_hardirq(struct ktest *t)
{
	struct irq_probe p = {};
	unsigned long count0 = kstat_irqs(TEST_IRQ);
	int pc0 = preempt_count();

	KTEST_ASSERT_EQ(t, request_irq(TEST_IRQ, probe_handler, 0, "ktest", &p), 0);
	KTEST_EXPECT_FALSE(t, in_irq());
	KTEST_EXPECT_FALSE(t, in_interrupt());
	__asm__ __volatile__("int $0x25" ::: "memory");	/* IRQ0_VECTOR + TEST_IRQ */
	free_irq(TEST_IRQ, &p);

	KTEST_EXPECT_EQ(t, p.calls, 1);
	KTEST_EXPECT_TRUE(t, p.in_irq);
	KTEST_EXPECT_TRUE(t, p.in_interrupt);
	KTEST_EXPECT_TRUE(t, p.in_atomic);
	KTEST_EXPECT_TRUE(t, p.irqs_off);
	KTEST_EXPECT_EQ(t, p.preempt_count, pc0 + HARDIRQ_OFFSET);
	KTEST_EXPECT_EQ(t, preempt_count(), pc0);
	KTEST_EXPECT_FALSE(t, in_irq());
	KTEST_EXPECT_FALSE(t, in_interrupt());
	KTEST_EXPECT_FALSE(t, irqs_disabled());
	KTEST_EXPECT_EQ(t, kstat_irqs(TEST_IRQ), count0 + 1);
}

/* A second handler on the timer line runs in a real tick, in hard-IRQ context. */
static void irq_timer_chain_runs_in_hardirq(struct ktest *t)
{
	struct irq_probe p = {};
	unsigned long ticks0 = kstat_irqs(0);
	int pc0 = preempt_count();

	if (apic_mode)
		ktest_skip(t, "APIC mode: the tick is the local APIC timer, IRQ 0 is masked "
			   "(the apic suite tests that timer)");
	KTEST_ASSERT_EQ(t, request_irq(0, probe_handler, IRQF_SHARED, "ktest", &p), 0);
	wait_for_call(&p);
	free_irq(0, &p);
	KTEST_ASSERT_GE(t, p.calls, 1);
	KTEST_EXPECT_TRUE(t, p.in_irq);
	KTEST_EXPECT_TRUE(t, p.irqs_off);
	KTEST_EXPECT_EQ(t, p.preempt_count, pc0 + HARDIRQ_OFFSET);
	KTEST_EXPECT_EQ(t, preempt_count(), pc0);
	KTEST_EXPECT_GT(t, kstat_irqs(0), ticks0);
}

/* A line that is not shared refuses a second handler; bad lines are refused. */
static void irq_request_irq_busy_and_invalid(struct ktest *t)
{
	struct irq_probe a = {}, b = {};

	KTEST_ASSERT_EQ(t, request_irq(TEST_IRQ, probe_handler, 0, "ktest-a", &a), 0);
	KTEST_EXPECT_EQ(t, request_irq(TEST_IRQ, probe_handler, IRQF_SHARED, "ktest-b", &b),
			-EBUSY);
	free_irq(TEST_IRQ, &a);
	KTEST_EXPECT_EQ(t, request_irq(NR_IRQS, probe_handler, 0, "ktest", &a), -EINVAL);
	KTEST_EXPECT_EQ(t, request_irq(TEST_IRQ, NULL, 0, "ktest", &a), -EINVAL);
}

/*
 * The ISR rule, on values: IRQ 7/15 is real only with ISR bit 7 set;
 * a spurious 7 gets no EOI, a spurious 15 an EOI to the master only.
 */
static void irq_i8259_classify_spurious(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, i8259A_classify(7, 0x80), I8259_REAL);
	KTEST_EXPECT_EQ(t, i8259A_classify(7, 0x00), I8259_SPURIOUS);
	KTEST_EXPECT_EQ(t, i8259A_classify(7, 0x01), I8259_SPURIOUS);	/* IRQ 0 in service */
	KTEST_EXPECT_EQ(t, i8259A_classify(15, 0x80), I8259_REAL);
	KTEST_EXPECT_EQ(t, i8259A_classify(15, 0x00), I8259_SPURIOUS_SLAVE);
	KTEST_EXPECT_EQ(t, i8259A_classify(0, 0x00), I8259_REAL);	/* never substituted */
	KTEST_EXPECT_EQ(t, i8259A_classify(3, 0x00), I8259_REAL);
}

/*
 * A spurious IRQ 7 while IRQ 0 is in service (from inside the timer's
 * chain): it is counted, not handled, and no EOI reaches the master:
 * IRQ 0's ISR bit is still set afterwards (a non-specific EOI would have
 * cleared it, the highest in service).
 */
static void irq_spurious_7_counted_no_eoi(struct ktest *t)
{
	struct irq_probe p = { .nest_spurious = true };
	unsigned long spurious0 = irq_spurious_count[0], count7 = kstat_irqs(7);

	if (apic_mode)
		ktest_skip(t, "APIC mode: IRQ 7 comes from the I/O APIC, which sends no spurious IR7");

	KTEST_ASSERT_EQ(t, request_irq(0, probe_handler, IRQF_SHARED, "ktest", &p), 0);
	wait_for_call(&p);
	free_irq(0, &p);
	KTEST_ASSERT_GE(t, p.calls, 1);
	KTEST_EXPECT_TRUE(t, p.isr_before & 0x01);
	KTEST_EXPECT_TRUE(t, p.isr_after & 0x01);
	KTEST_EXPECT_EQ(t, irq_spurious_count[0], spurious0 + 1);
	KTEST_EXPECT_EQ(t, kstat_irqs(7), count7);
}

/* A spurious IRQ 15 (nothing in service on the slave) is counted on its own. */
static void irq_spurious_15_counted(struct ktest *t)
{
	unsigned long spurious1 = irq_spurious_count[1], count15 = kstat_irqs(15);

	if (apic_mode)
		ktest_skip(t, "APIC mode: IRQ 15 comes from the I/O APIC, which sends no spurious IR7");

	__asm__ __volatile__("int $0x2f" ::: "memory");
	KTEST_EXPECT_EQ(t, irq_spurious_count[1], spurious1 + 1);
	KTEST_EXPECT_EQ(t, kstat_irqs(15), count15);
}

/*
 * COM1's receive path: in loopback mode (MCR bit 4) what the UART sends
 * it receives, and nothing goes out on the line, so no printk may run
 * until loopback is off again. The bytes must arrive through IRQ 4's
 * handler; serial_rx_set_sink() has it hand them to loopback_take()
 * instead of the console tty. Bytes typed before loopback was on arrive
 * first: they are passed on to the tty afterwards, so none is lost.
 */
static unsigned char loopback_got[64];
static unsigned int loopback_n;

static void loopback_take(unsigned char c)
{
	if (loopback_n < sizeof(loopback_got))
		loopback_got[loopback_n++] = c;
}

static void irq_serial_rx_loopback(struct ktest *t)
{
	static const char msg[] = "fen";
	const unsigned int len = sizeof(msg) - 1;
	unsigned long count0 = kstat_irqs(COM1_IRQ);
	unsigned char *tail;
	u8 mcr = inb(COM1 + UART_MCR);

	loopback_n = 0;
	serial_rx_set_sink(loopback_take);	/* also takes what was typed before */
	outb(COM1 + UART_MCR, mcr | UART_MCR_LOOP);
	for (unsigned int i = 0; i < len; i++) {
		while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
			;
		outb(COM1 + UART_DATA, (u8)msg[i]);
	}
	for (int spins = 0; spins < 1000; spins++) {
		spin_insns(1000);
		if (loopback_n >= len && !memcmp(loopback_got + loopback_n - len, msg, len))
			break;
	}
	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		;
	outb(COM1 + UART_MCR, mcr);
	serial_rx_set_sink(NULL);

	KTEST_ASSERT_GE(t, loopback_n, len);
	tail = loopback_got + loopback_n - len;
	if (loopback_n > len)				/* typed before: the tty's */
		tty_receive_buf(loopback_got, loopback_n - len);
	KTEST_EXPECT_EQ(t, tail[0], 'f');
	KTEST_EXPECT_EQ(t, tail[1], 'e');
	KTEST_EXPECT_EQ(t, tail[2], 'n');
	KTEST_EXPECT_GE(t, kstat_irqs(COM1_IRQ), count0 + 1);
}

/* spin_lock_irqsave turns interrupts off inside and restores them after. */
static void irq_spin_lock_irqsave_disables(struct ktest *t)
{
	DEFINE_SPINLOCK(lock);
	unsigned long flags, inner;
	bool off, still_off, nested_off;

	KTEST_ASSERT_TRUE(t, !irqs_disabled());
	spin_lock_irqsave(&lock, flags);
	off = irqs_disabled();
	local_irq_save(inner);
	local_irq_restore(inner);		/* nested: must not turn them on */
	nested_off = irqs_disabled();
	still_off = in_atomic();
	spin_unlock_irqrestore(&lock, flags);
	KTEST_EXPECT_TRUE(t, off);
	KTEST_EXPECT_TRUE(t, nested_off);
	KTEST_EXPECT_TRUE(t, still_off);
	KTEST_EXPECT_FALSE(t, irqs_disabled());
}

/*
 * Without a TSC (a 486) the clock keeps time between reads several ticks
 * apart: it counts whole periods in jiffies (time.c), so local_clock()
 * moves at least (ticks - 1) periods however rarely it is read. (Before,
 * the counter alone lost every period but the last.) Clock and ticks are
 * then the same device, so this holds whatever the host's load.
 */
static void irq_local_clock_keeps_time_between_reads(struct ktest *t)
{
	unsigned long j0, j1;
	u64 t0, t1;

	if (boot_cpu_data.has_tsc)
		ktest_skip(t, "the clock is the TSC: without -icount it need not agree with "
			   "the PIT's ticks under host load (the case is for the PIT clock)");
	if (timer_jitter_enabled())
		ktest_skip(t, "sched_jitter= makes ticks shorter than 10 ms");
	if (irqs_disabled())
		ktest_skip(t, "interrupts are off");
	j0 = jiffies;
	t0 = local_clock();
	while (jiffies - j0 < 5)
		cpu_relax();		/* no clock read meanwhile */
	t1 = local_clock();
	j1 = jiffies;
	ktest_log(t, "%lu ticks, %llu ns", j1 - j0, t1 - t0);
	KTEST_EXPECT_GE(t, t1 - t0, (u64)(j1 - j0 - 1) * (1000000000ULL / HZ) * 99 / 100);
}

static const struct ktest_case irq_cases[] = {
	KTEST_CASE(irq_jiffies_advance_with_interrupts_on),
	KTEST_CASE(irq_jiffies_stand_still_with_interrupts_off),
	KTEST_CASE(irq_local_clock_keeps_time_between_reads),
	KTEST_CASE(irq_handler_context_is_hardirq),
	KTEST_CASE(irq_timer_chain_runs_in_hardirq),
	KTEST_CASE(irq_request_irq_busy_and_invalid),
	KTEST_CASE(irq_i8259_classify_spurious),
	KTEST_CASE(irq_spurious_7_counted_no_eoi),
	KTEST_CASE(irq_spurious_15_counted),
	KTEST_CASE(irq_serial_rx_loopback),
	KTEST_CASE(irq_spin_lock_irqsave_disables),
	{}
};
KTEST_SUITE(irq) = { .name = "irq", .cases = irq_cases };
