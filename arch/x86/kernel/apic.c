// SPDX-License-Identifier: MIT
/*
 * How this works: each CPU's local APIC, from starting the others to
 * being the interrupt controller in APIC mode.
 *
 * Every x86 CPU since the Pentium (P54C) has a local APIC, reported by
 * CPUID.1:EDX bit 9 (0 on a 486, or when the BIOS disabled it in the
 * IA32_APIC_BASE MSR). Its registers are a page of physical address
 * space, normally 0xFEE00000 (the MADT or MP table may say another),
 * where each CPU finds its own APIC: the bus routes the access to the
 * CPU that made it. The page is mapped uncached (PCD|PWT) at the fixmap
 * slot FIX_APIC_BASE: a register read must reach the APIC each time,
 * and a write must not sit in a cache. Registers are 32 bits on
 * 16-byte boundaries, read and written with one aligned access.
 *
 * Interprocessor interrupts go through the ICR (interrupt command
 * register). The high half holds the destination APIC ID in bits
 * 24-31; writing the low half (delivery mode, level, vector) sends the
 * IPI, and its delivery-status bit stays 1 until the APIC has sent it.
 *
 *   INIT:     ICR2 = id << 24, ICR = 0x0000c500 (level, assert, INIT)
 *   STARTUP:  ICR2 = id << 24, ICR = 0x00000600 | page (start at page << 12)
 *   fixed:    ICR2 = id << 24, ICR = vector (apic_send_IPI_mask())
 *   self:     ICR = 0x00040000 | vector (the "self" shorthand, no ICR2)
 *
 * The pair ICR2, ICR is written with interrupts off: a handler that
 * sent an IPI in between would leave its destination in ICR2.
 *
 * With one CPU the APIC stays as the BIOS left it (virtual wire: the
 * 8259As' INTR passes through LINT0), used only to send INIT and STARTUP.
 * With more, apic_intr_mode_init() switches the boot CPU to APIC mode:
 *
 *   setup_IO_APIC()     IRQs 0-15 to CPU 0 at 0x20 + n (io_apic.c), masked
 *   mask_8259A()        both PICs masked (initialised by init_IRQ()), while
 *                       LINT0 still passes their output, so a request they
 *                       had raised is withdrawn; then the lines with
 *                       handlers unmasked at the I/O APIC
 *   setup_local_APIC()  TPR 0 (accept every vector), the spurious-vector
 *                       register's enable bit and SPURIOUS_APIC_VECTOR,
 *                       the error LVT at ERROR_APIC_VECTOR, LINT0 masked,
 *                       LINT1 NMI (CPU 0 only, as Linux)
 *   the timer check     IRQ 0 must tick through its I/O APIC pin
 *                       ("..TIMER: ... pin1=2"), else back to the 8259As
 *   apic_timer_*()      the local APIC timer calibrated and started
 *                       (apic_timer.c); PIT channel 0 stopped, IRQ 0 masked
 *
 * Each AP sets up its own APIC the same way in setup_secondary_APIC().
 * The error interrupt reads the error status (write ESR, then read: the
 * write latches the errors seen since the last one), counts it (ERR in
 * /proc/interrupts) and prints Linux's line; the spurious vector is
 * counted (SPU) and gets no EOI, as the SDM says.
 *
 * Where it differs from Linux: Linux maps the APIC the same way
 * (set_fixmap_nocache(FIX_APIC_BASE, ...)), but uses logical flat or
 * physical flat destinations chosen per machine, x2APIC where there is
 * one, and hands LINT0 ExtINT to the boot CPU in virtual-wire fallbacks
 * (its check_timer() tries several). Here destinations are physical APIC
 * IDs, no x2APIC, and a failed timer check means 8259A mode and one CPU.
 * `noapic` is Linux's option (no I/O APIC); here it also means one CPU,
 * since the other CPUs need APIC mode for their ticks.
 */
#include <asm/apic.h>
#include <asm/fixmap.h>
#include <asm/i8253.h>
#include <asm/i8259.h>
#include <asm/io_apic.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/mpspec.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <kernel/delay.h>
#include <kernel/errno.h>
#include <kernel/jiffies.h>
#include <kernel/params.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/report.h>

#define MSR_IA32_APICBASE	0x1b
#define APICBASE_ENABLE		(1u << 11)

static bool lapic_mapped;
bool apic_mode;
static bool noapic;

static DEFINE_PER_CPU(unsigned long, spurious_irqs);
static unsigned long apic_errors;

static volatile u32 *apic_reg(u32 reg)
{
	return (volatile u32 *)(fix_to_virt(FIX_APIC_BASE) + reg);
}

u32 apic_read(u32 reg)
{
	return *apic_reg(reg);
}

void apic_write(u32 reg, u32 val)
{
	*apic_reg(reg) = val;
}

u32 read_apic_id(void)
{
	return apic_read(APIC_ID) >> 24;
}

int lapic_init(u32 phys)
{
	u32 lvr;

	if (!boot_cpu_data.has_apic) {
		pr_info("APIC: this CPU has no local APIC (CPUID.1:EDX bit 9 clear, e.g. a 486): "
			"one CPU\n");
		return -1;
	}
	if (phys & ~PAGE_MASK) {
		pr_warn("APIC: the firmware puts the local APIC at 0x%08x, not on a page boundary: "
			"one CPU\n", phys);
		return -1;
	}
	/* the MSR exists from the P6 on (the Pentium's APIC base is fixed) */
	if (boot_cpu_data.family >= 6) {
		u64 msr = rdmsr(MSR_IA32_APICBASE);
		u32 base = (u32)msr & PAGE_MASK;

		if (base != phys || (msr >> 32))
			pr_warn("APIC: the firmware table says 0x%08x, IA32_APIC_BASE says 0x%llx: "
				"using the table's\n", phys, (unsigned long long)(msr & ~0xfffULL));
	}
	__set_fixmap(FIX_APIC_BASE, phys, pgprot_val(PAGE_KERNEL_NOCACHE));
	lapic_mapped = true;
	lvr = apic_read(APIC_LVR);
	pr_info("APIC: local APIC at 0x%08x (fixmap 0x%08lx, uncached): boot CPU APIC ID 0x%02x, "
		"version 0x%02x, %u LVT entries\n", phys, fix_to_virt(FIX_APIC_BASE), read_apic_id(),
		lvr & 0xff, ((lvr >> 16) & 0xff) + 1);
	return 0;
}

int apic_send_ipi(u32 apicid, u32 icr)
{
	unsigned int us;

	if (!lapic_mapped)
		return -1;
	apic_write(APIC_ICR2, SET_APIC_DEST_FIELD(apicid));
	apic_write(APIC_ICR, icr);
	for (us = 0; us < 10000; us += 10) {
		if (!(apic_read(APIC_ICR) & APIC_ICR_BUSY))
			return 0;
		udelay(10);
	}
	return -1;
}

void apic_eoi(void)
{
	if (lapic_mapped)
		apic_write(APIC_EOI, 0);
}

/* Wait (at most 10 ms) until the ICR has sent the last IPI. Return: 0, or -1. */
static int apic_wait_icr_idle(void)
{
	for (unsigned int us = 0; us < 10000; us += 10) {
		if (!(apic_read(APIC_ICR) & APIC_ICR_BUSY))
			return 0;
		udelay(10);
	}
	return -1;
}

void apic_send_IPI_mask(cpumask_t mask, unsigned int vector)
{
	unsigned int cpu, self = smp_processor_id();
	unsigned long flags;

	if (vector < FIRST_EXTERNAL_VECTOR || vector > 0xff) {
		report_misuse("IPI", "vector below 0x20");	/* the APIC refuses it: a send error */
		return;
	}
	for_each_cpu(cpu, mask) {
		if (cpu == self)
			continue;
		if (!cpu_online(cpu)) {
			/* a parked AP has no IDT: an interrupt would triple-fault it */
			report_misuse("IPI", "to a CPU that is not online");
			pr_err("  CPU %u, vector 0x%02x: not sent\n", cpu, vector);
			continue;
		}
		local_irq_save(flags);
		apic_wait_icr_idle();
		apic_write(APIC_ICR2, SET_APIC_DEST_FIELD(x86_cpu_to_apicid[cpu]));
		apic_write(APIC_ICR, APIC_DM_FIXED | vector);
		if (apic_wait_icr_idle())
			pr_err("APIC: IPI 0x%02x to CPU %u still not sent after 10 ms\n", vector, cpu);
		local_irq_restore(flags);
	}
}

void apic_send_IPI_self(unsigned int vector)
{
	unsigned long flags;

	if (!apic_mode || vector < FIRST_EXTERNAL_VECTOR || vector > 0xff) {
		report_misuse("IPI", "self-IPI outside APIC mode or below vector 0x20");
		return;
	}
	local_irq_save(flags);
	apic_wait_icr_idle();
	apic_write(APIC_ICR, APIC_DEST_SELF | APIC_DM_FIXED | vector);
	apic_wait_icr_idle();
	local_irq_restore(flags);
}

/* The number of LVT entries less one (APIC_LVR bits 16-23). */
static unsigned int lapic_maxlvt(void)
{
	return (apic_read(APIC_LVR) >> 16) & 0xff;
}

void setup_local_APIC(void)
{
	unsigned int maxlvt = lapic_maxlvt();

	apic_write(APIC_TASKPRI, apic_read(APIC_TASKPRI) & ~0xffu);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	if (maxlvt >= 4)
		apic_write(APIC_LVTPC, APIC_LVT_MASKED);
	if (maxlvt >= 5)
		apic_write(APIC_LVTTHMR, APIC_LVT_MASKED);
	apic_write(APIC_SPIV, (apic_read(APIC_SPIV) & ~0xffu) | APIC_SPIV_APIC_ENABLED |
		   SPURIOUS_APIC_VECTOR);
	/* the 8259As are masked in APIC mode: nothing arrives on LINT0 */
	apic_write(APIC_LVT0, APIC_DM_EXTINT | APIC_LVT_MASKED);
	apic_write(APIC_LVT1, APIC_DM_NMI | (smp_processor_id() ? APIC_LVT_MASKED : 0));
	apic_write(APIC_ESR, 0);		/* the errors of the BIOS's time: latched, dropped */
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
	apic_write(APIC_ESR, 0);
	(void)apic_read(APIC_ESR);
}

/* ERROR_APIC_VECTOR: what went wrong, counted and said in Linux's words. */
static void apic_error_interrupt(struct pt_regs *regs)
{
	u32 v0, v1;

	(void)regs;
	v0 = apic_read(APIC_ESR);
	apic_write(APIC_ESR, 0);		/* latch the errors since the last write */
	v1 = apic_read(APIC_ESR);
	apic_eoi();
	__atomic_fetch_add(&apic_errors, 1, __ATOMIC_RELAXED);
	pr_err("APIC error on CPU%d: %02x(%02x)\n", (int)smp_processor_id(), v0, v1);
}

/* SPURIOUS_APIC_VECTOR: the APIC had nothing to deliver after all. No EOI. */
static void apic_spurious_interrupt(struct pt_regs *regs)
{
	(void)regs;
	(*this_cpu_ptr(spurious_irqs))++;
}

unsigned long apic_spurious_irqs(unsigned int cpu)
{
	return cpu < NR_CPUS ? per_cpu(spurious_irqs, cpu) : 0;
}

unsigned long apic_error_count(void)
{
	return __atomic_load_n(&apic_errors, __ATOMIC_RELAXED);
}

/* noapic: Linux's option (no I/O APIC); here the 8259As stay, and so one CPU. */
static int parse_noapic(const char *val)
{
	if (val)
		return -1;
	noapic = true;
	return 0;
}
__setup_help("noapic", parse_noapic, "no value: the bare word noapic");

/* Give every routed ISA line to @chip (the I/O APIC's, or back to the 8259As'). */
static void switch_legacy_lines(struct irq_chip *chip)
{
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		struct io_apic_route r;

		io_apic_irq_route(irq, &r);
		if (r.apic >= 0)
			irq_set_chip(irq, chip);
	}
}

/*
 * Does IRQ 0 tick through the I/O APIC? Wait (interrupts on) for jiffies
 * to move twice, at most 500 ms by the clock: the PIT is still the tick.
 */
static bool timer_irq_works(void)
{
	unsigned long j0 = jiffies;
	u64 t0 = local_clock();

	while (local_clock() - t0 < 500000000ULL)
		if (jiffies - j0 >= 2)
			return true;
	return false;
}

/* Back to 8259A mode after a failure: the lines, LINT0 ExtINT (virtual wire). */
static void back_to_8259A(void)
{
	apic_write(APIC_LVT0, APIC_DM_EXTINT);
	switch_legacy_lines(&i8259A_chip);
	disable_IO_APIC();
}

int apic_intr_mode_init(void)
{
	unsigned long flags;
	struct io_apic_route r0;

	if (noapic) {
		pr_info("APIC: noapic on the command line: 8259A mode, and so one CPU\n");
		return -ENODEV;
	}
	if (!lapic_mapped || !boot_cpu_data.has_tsc) {
		pr_warn("APIC: %s: 8259A mode, one CPU\n", !lapic_mapped ? "no local APIC" :
			"no TSC for the clock once the PIT stops ticking");
		return -ENODEV;
	}
	pr_info("APIC: Switch to symmetric I/O mode setup\n");
	alloc_intr_gate(ERROR_APIC_VECTOR, apic_error_interrupt);
	alloc_intr_gate(SPURIOUS_APIC_VECTOR, apic_spurious_interrupt);

	local_irq_save(flags);
	if (setup_IO_APIC()) {
		local_irq_restore(flags);
		pr_warn("APIC: no I/O APIC to route the ISA IRQs: 8259A mode, one CPU\n");
		return -ENODEV;
	}
	pr_info("Enabling APIC mode:  Physflat.  Using %u I/O APICs\n", 1u);
	apic_mode = true;
	/*
	 * The 8259As first, while LINT0 still takes their output: a request
	 * they raised meanwhile is withdrawn through it. (QEMU, at least,
	 * passes the withdrawal only through an unmasked LINT0, and would
	 * later deliver a request nobody can answer.)
	 */
	mask_8259A();
	switch_legacy_lines(&ioapic_chip);
	setup_local_APIC();
	local_irq_restore(flags);

	io_apic_irq_route(0, &r0);
	if (r0.apic < 0 || !timer_irq_works()) {
		local_irq_save(flags);
		back_to_8259A();
		apic_mode = false;
		local_irq_restore(flags);
		pr_warn("..TIMER: IRQ 0 does not tick through the I/O APIC (pin %d): 8259A mode, "
			"one CPU\n", r0.apic < 0 ? -1 : (int)r0.pin);
		return -EIO;
	}
	pr_info("..TIMER: vector=0x%02x apic1=%d pin1=%u apic2=-1 pin2=-1\n", IRQ0_VECTOR, r0.apic,
		r0.pin);

	local_irq_save(flags);
	if (apic_timer_calibrate()) {
		back_to_8259A();
		apic_mode = false;
		local_irq_restore(flags);
		pr_warn("APIC: no local APIC timer: 8259A mode, one CPU\n");
		return -EIO;
	}
	/* the tick moves: IRQ 0 masked (its handler stays listed), the PIT stopped, the APIC timer on */
	ioapic_chip.irq_mask(0);
	pit_ch0_stop();
	apic_timer_start();
	local_irq_restore(flags);
	return 0;
}
