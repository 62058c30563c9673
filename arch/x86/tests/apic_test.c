// SPDX-License-Identifier: MIT
/*
 * KTAP suite "apic": APIC mode (arch/x86/kernel/apic.c, apic_timer.c,
 * io_apic.c, the /proc/interrupts lines of irq.c and fs/proc/interrupts.c).
 *
 * Kernel only, and only in APIC mode (more than one CPU possible: the
 * matrix's smp lines): with one CPU, or noapic, every case skips, since
 * the 8259As and the PIT are the machine (the irq suite tests them).
 *
 * What is checked, and how without wall time:
 *  - the I/O APIC's redirection entries read back as setup_IO_APIC()
 *    wrote them (vector 0x20 + n, CPU 0's APIC ID, the overrides' trigger
 *    and polarity; masked exactly when the line has no handler);
 *  - the local APIC timer is the tick: programmed periodic on
 *    LOCAL_TIMER_VECTOR at the calibrated count, and CPU 0's local timer
 *    interrupts (LOC) move one for one with jiffies;
 *  - a self-IPI (the ICR's "self" shorthand) on a test vector is held
 *    while interrupts are off and delivered exactly once when they come
 *    on; an IPI "to every CPU but this one" with no other CPU online sends
 *    nothing;
 *  - no APIC error was counted, and the error status reads 0.
 */
#include <asm/apic.h>
#include <asm/i8253.h>
#include <asm/io_apic.h>
#include <asm/irq.h>
#include <asm/irq_vectors.h>
#include <asm/irqflags.h>
#include <asm/mpspec.h>
#include <asm/smp.h>
#include <kernel/cpumask.h>
#include <kernel/interrupt.h>
#include <kernel/jiffies.h>
#include <kernel/ktest.h>
#include <kernel/percpu.h>
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/string.h>

/* A system vector nobody else uses (asm/irq_vectors.h leaves 0xed-0xfa free). */
#define APIC_TEST_VECTOR	0xf0
#define THREE_TICKS		15000000U	/* turns of spin_insns: 30 M instructions */

static noinline void spin_insns(u32 n)
{
	__asm__ __volatile__("1: dec %0\n\tjnz 1b" : "+r"(n) :: "cc");
}

/* Is @needle in the NUL-terminated @hay? (kernel/string.h has no strstr) */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return true;
	return false;
}

static void apic_suite_init(struct ktest *t)
{
	if (!apic_mode)
		ktest_skip(t, "not in APIC mode (one CPU, no APIC, or noapic): the irq suite "
			   "tests the 8259As");
}

/* Each routed ISA IRQ's entry: vector, trigger, polarity, destination; masked iff no handler. */
static void apic_ioapic_entries_read_back(struct ktest *t)
{
	struct irq_line_info info;
	unsigned int routed = 0;

	for (unsigned int irq = 0; irq < NR_LEGACY_IRQS; irq++) {
		struct io_apic_route r;
		u32 lo, hi, want;

		io_apic_irq_route(irq, &r);
		if (r.apic < 0)
			continue;
		routed++;
		io_apic_read_entry(r.apic, r.pin, &lo, &hi);
		want = io_apic_expected_entry(irq);
		/* delivery status (bit 12) and remote IRR (14) are the chip's, not ours */
		KTEST_EXPECT_EQ(t, lo & ~(IO_APIC_MASKED | IO_APIC_REMOTE_IRR | (1u << 12)), want);
		KTEST_EXPECT_EQ(t, lo & 0xff, FIRST_EXTERNAL_VECTOR + irq);
		KTEST_EXPECT_EQ(t, hi >> 24, x86_cpu_to_apicid[0]);
		KTEST_EXPECT_EQ(t, !!(lo & IO_APIC_MASKED), irq == 0 || !irq_line_describe(irq, &info));
		if (irq_line_describe(irq, &info))
			KTEST_EXPECT_STREQ(t, info.chip, "IO-APIC");
	}
	KTEST_EXPECT_GE(t, routed, 15);		/* all but the cascade */
	if (smp_config.irq_override[0].valid && smp_config.irq_override[0].gsi == 2) {
		struct io_apic_route r0, r2;

		io_apic_irq_route(0, &r0);
		io_apic_irq_route(2, &r2);
		KTEST_EXPECT_EQ(t, r0.pin, 2);		/* the override: IRQ 0 on GSI 2 */
		KTEST_EXPECT_EQ(t, r2.apic, -1);	/* and so the cascade has no pin */
	}
}

/* The timer: periodic at the calibrated count on LOCAL_TIMER_VECTOR, CPU 0's LOC one per jiffy. */
static void apic_timer_ticks_at_hz(struct ktest *t)
{
	unsigned long flags, j0, l0, j1, l1, irq0 = kstat_irqs(0);
	u32 lvtt = apic_read(APIC_LVTT);

	KTEST_EXPECT_EQ(t, lvtt & 0xff, LOCAL_TIMER_VECTOR);
	KTEST_EXPECT_TRUE(t, lvtt & APIC_LVT_TIMER_PERIODIC);
	KTEST_EXPECT_FALSE(t, lvtt & APIC_LVT_MASKED);
	KTEST_EXPECT_EQ(t, apic_read(APIC_TDCR) & 0xb, APIC_TDR_DIV_16);
	KTEST_EXPECT_GT(t, lapic_timer_period, 0);
	if (!timer_jitter_enabled())
		KTEST_EXPECT_EQ(t, apic_read(APIC_TMICT), lapic_timer_period);
	KTEST_EXPECT_LE(t, apic_read(APIC_TMCCT), apic_read(APIC_TMICT));

	local_irq_save(flags);
	j0 = jiffies;
	l0 = apic_timer_irqs(0);
	local_irq_restore(flags);
	spin_insns(THREE_TICKS);
	local_irq_save(flags);
	j1 = jiffies;
	l1 = apic_timer_irqs(0);
	local_irq_restore(flags);
	ktest_log(t, "%lu jiffies, %lu local timer interrupts, %u counts per tick", j1 - j0, l1 - l0,
		  lapic_timer_period);
	KTEST_EXPECT_GE(t, j1 - j0, 1);
	KTEST_EXPECT_EQ(t, l1 - l0, j1 - j0);
	KTEST_EXPECT_EQ(t, kstat_irqs(0), irq0);	/* the PIT's IRQ 0 is masked: not the tick */
}

static volatile unsigned int test_vector_calls;

static void apic_test_vector_handler(struct pt_regs *regs)
{
	(void)regs;
	test_vector_calls++;
	apic_eoi();
}

/* A self-IPI waits for IF and arrives once; a mask of only this CPU sends nothing. */
static void apic_self_ipi_delivered_once(struct ktest *t)
{
	static bool registered;
	unsigned long flags, unhandled0 = sysvec_unhandled_count(0);
	unsigned int during;

	if (!registered) {
		alloc_intr_gate(APIC_TEST_VECTOR, apic_test_vector_handler);
		registered = true;
	}
	test_vector_calls = 0;
	local_irq_save(flags);
	apic_send_IPI_self(APIC_TEST_VECTOR);
	spin_insns(1000);
	during = test_vector_calls;
	local_irq_restore(flags);
	spin_insns(1000);
	KTEST_EXPECT_EQ(t, during, 0);
	KTEST_EXPECT_EQ(t, test_vector_calls, 1);

	apic_send_IPI_mask(cpumask_of(smp_processor_id()), APIC_TEST_VECTOR);
	spin_insns(100000);
	KTEST_EXPECT_EQ(t, test_vector_calls, 1);
	KTEST_EXPECT_EQ(t, sysvec_unhandled_count(0), unhandled0);
}

/* No APIC error so far, and none latched now. */
static void apic_no_errors(struct ktest *t)
{
	apic_write(APIC_ESR, 0);
	KTEST_EXPECT_EQ(t, apic_read(APIC_ESR), 0);
	KTEST_EXPECT_EQ(t, apic_error_count(), 0);
	KTEST_EXPECT_EQ(t, apic_read(APIC_SPIV) & (APIC_SPIV_APIC_ENABLED | 0xff),
			APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
	KTEST_EXPECT_EQ(t, apic_read(APIC_LVTERR) & (APIC_LVT_MASKED | 0xff), ERROR_APIC_VECTOR);
}

/* /proc/interrupts: the header, IRQ 0 on pin 2 of the I/O APIC, the LOC and ERR lines. */
static void apic_proc_interrupts_lines(struct ktest *t)
{
	struct seq_file m = { 0 };

	KTEST_ASSERT_EQ(t, seq_file_generate(&m, interrupts_proc_show, NULL), 0);
	m.buf[m.count ? m.count - 1 : 0] = '\0';
	KTEST_EXPECT_TRUE(t, !strncmp(m.buf, "           CPU0       ", 22));
	KTEST_EXPECT_TRUE(t, contains(m.buf, "   IO-APIC   2-edge      timer\n"));
	KTEST_EXPECT_TRUE(t, contains(m.buf, "XT-PIC"));		/* the cascade stays the 8259As' */
	KTEST_EXPECT_TRUE(t, contains(m.buf, "  Local timer interrupts\n"));
	KTEST_EXPECT_TRUE(t, contains(m.buf, "\nERR:          0"));
	seq_file_free(&m);
}

static const struct ktest_case apic_cases[] = {
	KTEST_CASE(apic_ioapic_entries_read_back),
	KTEST_CASE(apic_timer_ticks_at_hz),
	KTEST_CASE(apic_self_ipi_delivered_once),
	KTEST_CASE(apic_no_errors),
	KTEST_CASE(apic_proc_interrupts_lines),
	{}
};
KTEST_SUITE(apic) = { .name = "apic", .cases = apic_cases, .init = apic_suite_init };
