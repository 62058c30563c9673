// SPDX-License-Identifier: MIT
/*
 * How this works: the I/O APIC routing the ISA IRQs in APIC mode.
 *
 * With more than one CPU the 8259As cannot be the interrupt controller:
 * they deliver to one CPU's INTR pin through its local APIC's LINT0
 * (virtual wire), and they know nothing of EOI messages or of other
 * CPUs. The I/O APIC does: each of its input pins (24 on QEMU's pc and
 * q35) has a 64-bit redirection entry saying which vector to send to
 * which local APIC, edge or level, active high or low, masked or not.
 *
 * The ISA IRQs reach the pins "identity mapped" (IRQ n on pin n), except
 * where the firmware says otherwise: the MADT's interrupt source
 * overrides (or, with acpi=off, the MP table's I/O interrupt entries,
 * mpparse.c) are in smp_config.irq_override[]. On QEMU, as on most PCs,
 * the PIT's IRQ 0 is wired to pin 2 (the 8259A's output sits on pin 0),
 * so IRQ 2, the 8259As' cascade, has no pin:
 *
 *   IRQ 0 -> GSI 2   (override: "bus_irq 0 global_irq 2")
 *   IRQ 1 -> GSI 1, IRQ 3 -> GSI 3, ... IRQ 15 -> GSI 15
 *   IRQ 2 -> none    (GSI 2 is IRQ 0's)
 *
 * Every routed IRQ n gets vector 0x20 + n, the vector the 8259As gave it,
 * so do_IRQ(), request_irq() and every driver are unchanged; fixed
 * delivery, physical destination = CPU 0's APIC ID. Entries start
 * masked; ioapic_chip's mask/unmask (request_irq(), free_irq()) flip bit
 * 16 of one entry, and the end of interrupt is the local APIC's
 * (apic_eoi()): for a level-triggered entry the local APIC broadcasts the
 * EOI to the I/O APIC, which then clears the entry's remote IRR.
 *
 * The registers are reached through an index and a window (asm/io_apic.h):
 * write the register number at offset 0, then read or write offset 0x10.
 * The pair must not be split by another access, so each is made under
 * ioapic_lock with interrupts off. The register page is mapped uncached at
 * the fixmap slot FIX_IO_APIC_BASE_0.
 *
 * Only the I/O APIC whose GSIs start at 0 (the one with the ISA IRQs) is
 * mapped and programmed; others are named and left alone.
 *
 * Where it differs from Linux: Linux programs every I/O APIC, hands out
 * vectors from 0x30 up dynamically and moves interrupts between CPUs
 * (affinity, irqbalance); its IRQ 0 check (check_timer()) tries pin 0 and
 * ExtINT fallbacks when the timer does not tick through the override.
 * Here the ISA IRQs keep 0x20-0x2f, all go to CPU 0, and a timer that
 * does not tick through its pin makes apic_intr_mode_init() go back to
 * the 8259As.
 */
#include <asm/apic.h>
#include <asm/fixmap.h>
#include <asm/i8259.h>
#include <asm/io_apic.h>
#include <asm/irq.h>
#include <asm/mpspec.h>
#include <asm/pgtable.h>
#include <asm/smp.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>

static DEFINE_SPINLOCK(ioapic_lock);
static int ioapic_idx = -1;		/* the I/O APIC in use (smp_config.ioapics[]), or -1 */
static unsigned int ioapic_nr_pins;
static struct io_apic_route routes[NR_LEGACY_IRQS];

static volatile u32 *ioapic_base(void)
{
	return (volatile u32 *)fix_to_virt(FIX_IO_APIC_BASE_0);
}

static u32 __io_apic_read(u32 reg)
{
	volatile u32 *base = ioapic_base();

	base[IO_APIC_REG_SELECT / 4] = reg;
	return base[IO_APIC_REG_WINDOW / 4];
}

static void __io_apic_write(u32 reg, u32 val)
{
	volatile u32 *base = ioapic_base();

	base[IO_APIC_REG_SELECT / 4] = reg;
	base[IO_APIC_REG_WINDOW / 4] = val;
}

static u32 io_apic_read(u32 reg)
{
	unsigned long flags;
	u32 v;

	spin_lock_irqsave(&ioapic_lock, flags);
	v = __io_apic_read(reg);
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return v;
}

/* Write an entry masked-first: the high half (destination) is never live half-written. */
static void io_apic_write_entry(unsigned int pin, u32 lo, u32 hi)
{
	unsigned long flags;

	spin_lock_irqsave(&ioapic_lock, flags);
	__io_apic_write(IO_APIC_REDIR(pin), IO_APIC_MASKED);
	__io_apic_write(IO_APIC_REDIR(pin) + 1, hi);
	__io_apic_write(IO_APIC_REDIR(pin), lo);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

void io_apic_read_entry(int apic, unsigned int pin, u32 *lo, u32 *hi)
{
	unsigned long flags;

	*lo = *hi = 0;
	if (apic != ioapic_idx || apic < 0 || pin >= ioapic_nr_pins)
		return;
	spin_lock_irqsave(&ioapic_lock, flags);
	*lo = __io_apic_read(IO_APIC_REDIR(pin));
	*hi = __io_apic_read(IO_APIC_REDIR(pin) + 1);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

/*
 * ISA IRQ @irq's GSI and flags: its override, else GSI @irq with the ISA
 * bus's defaults (edge, active high), unless another IRQ was moved onto
 * that GSI (IRQ 2 when IRQ 0 is on GSI 2): then none (false).
 */
static bool isa_irq_gsi(unsigned int irq, u32 *gsi, u16 *flags)
{
	const struct mp_irq_override *o = smp_config.irq_override;

	*gsi = o[irq].valid ? o[irq].gsi : irq;
	*flags = o[irq].valid ? o[irq].flags : 0;
	if (*gsi != irq)
		return true;
	/* IRQ n on GSI n loses that GSI to another IRQ moved onto it */
	for (unsigned int other = 0; other < NR_LEGACY_IRQS; other++)
		if (other != irq && o[other].valid && o[other].gsi == irq)
			return false;
	return true;
}

void io_apic_irq_route(unsigned int irq, struct io_apic_route *route)
{
	if (irq >= NR_LEGACY_IRQS || ioapic_idx < 0) {
		*route = (struct io_apic_route){ .apic = -1 };
		return;
	}
	*route = routes[irq];
}

u32 io_apic_expected_entry(unsigned int irq)
{
	const struct io_apic_route *r = &routes[irq];

	return (FIRST_EXTERNAL_VECTOR + irq) | IO_APIC_DM_FIXED | IO_APIC_DEST_PHYSICAL |
	       (r->level ? IO_APIC_TRIGGER_LEVEL : 0) | (r->active_low ? IO_APIC_POLARITY_LOW : 0);
}

/* Compute routes[]: which pin each ISA IRQ reaches, edge or level, high or low. */
static void route_isa_irqs(u32 gsi_base)
{
	for (unsigned int irq = 0; irq < NR_LEGACY_IRQS; irq++) {
		struct io_apic_route *r = &routes[irq];
		u32 gsi;
		u16 flags;

		*r = (struct io_apic_route){ .apic = -1 };
		if (!isa_irq_gsi(irq, &gsi, &flags) || gsi < gsi_base ||
		    gsi - gsi_base >= ioapic_nr_pins)
			continue;
		/* MPS INTI flags: polarity 0 = as the bus (ISA: high), 3 = low; trigger 0 = edge, 3 = level */
		*r = (struct io_apic_route){
			.apic = ioapic_idx, .pin = gsi - gsi_base, .gsi = gsi,
			.level = ((flags >> 2) & 3) == 3, .active_low = (flags & 3) == 3,
		};
	}
}

static int ioapic_pin_of(unsigned int irq)
{
	return irq < NR_LEGACY_IRQS && routes[irq].apic >= 0 ? (int)routes[irq].pin : -1;
}

static void ioapic_set_mask(unsigned int irq, bool masked)
{
	int pin = ioapic_pin_of(irq);
	unsigned long flags;
	u32 lo;

	if (pin < 0)
		return;
	spin_lock_irqsave(&ioapic_lock, flags);
	lo = __io_apic_read(IO_APIC_REDIR(pin));
	lo = masked ? lo | IO_APIC_MASKED : lo & ~IO_APIC_MASKED;
	__io_apic_write(IO_APIC_REDIR(pin), lo);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

static void ioapic_mask(unsigned int irq)
{
	ioapic_set_mask(irq, true);
}

static void ioapic_unmask(unsigned int irq)
{
	ioapic_set_mask(irq, false);
}

static void ioapic_eoi(unsigned int irq)
{
	(void)irq;
	apic_eoi();
}

static int ioapic_hwirq(unsigned int irq, bool *level)
{
	int pin = ioapic_pin_of(irq);

	*level = pin >= 0 && routes[irq].level;
	return pin;
}

struct irq_chip ioapic_chip = {
	.name = "IO-APIC",
	.irq_mask = ioapic_mask,
	.irq_unmask = ioapic_unmask,
	.irq_eoi = ioapic_eoi,
	.irq_hwirq = ioapic_hwirq,
};

int setup_IO_APIC(void)
{
	const struct mpc_ioapic_info *io = NULL;
	u32 ver, dest = SET_APIC_DEST_FIELD(x86_cpu_to_apicid[0]);

	for (unsigned int i = 0; i < smp_config.nr_ioapics; i++) {
		const struct mpc_ioapic_info *a = &smp_config.ioapics[i];

		if (a->gsi_base == 0 && !io) {
			io = a;
			ioapic_idx = (int)i;
		} else {
			pr_info("IOAPIC[%u]: apic_id %u at 0x%08x, GSI %u-: not used (only the ISA IRQs "
				"are routed)\n", i, a->id, a->addr, a->gsi_base);
		}
	}
	if (!io) {
		pr_warn("IOAPIC: the firmware lists no I/O APIC serving GSI 0 (the ISA IRQs)\n");
		return -1;
	}
	if (io->addr & ~PAGE_MASK) {
		pr_warn("IOAPIC: I/O APIC %u at 0x%08x is not on a page boundary\n", io->id, io->addr);
		ioapic_idx = -1;
		return -1;
	}
	__set_fixmap(FIX_IO_APIC_BASE_0, io->addr, pgprot_val(PAGE_KERNEL_NOCACHE));
	ver = io_apic_read(IO_APIC_VERSION);
	if (ver == 0xffffffff) {
		pr_warn("IOAPIC: nothing answers at 0x%08x (reads all ones)\n", io->addr);
		clear_fixmap(FIX_IO_APIC_BASE_0);
		ioapic_idx = -1;
		return -1;
	}
	ioapic_nr_pins = ((ver >> 16) & 0xff) + 1;
	pr_info("IOAPIC[%d]: apic_id %u, version %u, address 0x%x, GSI %u-%u\n", ioapic_idx, io->id,
		ver & 0xff, io->addr, io->gsi_base, io->gsi_base + ioapic_nr_pins - 1);

	for (unsigned int pin = 0; pin < ioapic_nr_pins; pin++)
		io_apic_write_entry(pin, IO_APIC_MASKED, 0);
	route_isa_irqs(io->gsi_base);
	for (unsigned int irq = 0; irq < NR_LEGACY_IRQS; irq++)
		if (routes[irq].apic >= 0)
			io_apic_write_entry(routes[irq].pin, io_apic_expected_entry(irq) | IO_APIC_MASKED,
					    dest);
	return 0;
}

void disable_IO_APIC(void)
{
	if (ioapic_idx < 0)
		return;
	for (unsigned int pin = 0; pin < ioapic_nr_pins; pin++)
		io_apic_write_entry(pin, IO_APIC_MASKED, 0);
	ioapic_idx = -1;
}
