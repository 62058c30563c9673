// SPDX-License-Identifier: MIT
/*
 * How this works: the boot CPU's local APIC, enough to start the others.
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
 * Here the APIC is used for one thing: sending INIT and STARTUP
 * interprocessor interrupts through the ICR (interrupt command
 * register). The high half holds the destination APIC ID in bits
 * 24-31; writing the low half (delivery mode, level, vector) sends the
 * IPI, and its delivery-status bit stays 1 until the APIC has sent it.
 *
 *   INIT:     ICR2 = id << 24, ICR = 0x0000c500 (level, assert, INIT)
 *   STARTUP:  ICR2 = id << 24, ICR = 0x00000600 | page (start at page << 12)
 *
 * The APIC is not software-enabled here (the spurious-vector register is
 * left as the BIOS left it): interrupts still arrive through the 8259As
 * in virtual-wire mode, as before, and IPIs can be sent all the same.
 *
 * Where it differs from Linux: Linux maps the APIC the same way
 * (set_fixmap_nocache(FIX_APIC_BASE, ...)), but then sets it up fully
 * (LVTs, the spurious vector, the APIC timer) and switches to
 * symmetric I/O mode; that is the rest of issue 16. No x2APIC.
 */
#include <asm/apic.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <kernel/delay.h>
#include <kernel/printk.h>

static bool lapic_mapped;

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
