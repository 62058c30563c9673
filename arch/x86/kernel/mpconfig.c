// SPDX-License-Identifier: MIT
/*
 * The SMP configuration the firmware tables describe (asm/mpspec.h): the
 * processors' local APIC IDs, the I/O APICs and the legacy interrupt
 * overrides, written by the table parsers (acpi.c for the MADT,
 * mpparse.c for the MP table) and read by smpboot.c. Keeping it in a file
 * of its own keeps the dependencies one-way: the parsers call in here,
 * smpboot.c calls the parsers and reads the result.
 *
 * At most NR_CPUS enabled processors are kept, in the tables' order
 * (the boot CPU is usually first, but smpboot.c finds it by its APIC ID,
 * not its place); more are counted and reported, as Linux's "NR_CPUS
 * limit reached" line does. A disabled entry is a processor slot for
 * hot-plug: counted, never started. An I/O APIC needs a page-aligned,
 * non-zero address and is kept once; an override with a reserved
 * polarity or trigger, or a second one for the same ISA IRQ, is named and
 * ignored (APIC mode, io_apic.c, routes by what is kept).
 */
#include <asm/mpspec.h>
#include <kernel/printk.h>
#include <kernel/string.h>

struct smp_config smp_config = { .lapic_addr = APIC_DEFAULT_PHYS_BASE };

void mp_config_reset(void)
{
	memset(&smp_config, 0, sizeof(smp_config));
	smp_config.lapic_addr = APIC_DEFAULT_PHYS_BASE;
}

void mp_register_lapic(u32 apic_id, bool enabled)
{
	struct smp_config *c = &smp_config;

	if (!enabled) {
		c->disabled_cpus++;
		return;
	}
	for (unsigned int i = 0; i < c->nr_lapics; i++) {
		if (c->lapic_ids[i] == apic_id) {
			pr_warn("APIC: processor with APIC ID 0x%02x listed twice: the second ignored\n",
				apic_id);
			return;
		}
	}
	if (c->nr_lapics == NR_CPUS) {
		pr_warn("APIC: NR_CPUS/possible_cpus limit of %u reached. Processor %u/0x%x ignored.\n",
			NR_CPUS, c->nr_lapics + c->ignored_cpus, apic_id);
		c->ignored_cpus++;
		return;
	}
	c->lapic_ids[c->nr_lapics++] = apic_id;
}

void mp_register_ioapic(u8 id, u32 addr, u32 gsi_base)
{
	struct smp_config *c = &smp_config;

	if (!addr || (addr & 0xfff)) {
		pr_warn("IOAPIC: id %u at 0x%08x: not a usable (non-zero, page-aligned) address: ignored\n", id, addr);
		return;
	}
	for (unsigned int i = 0; i < c->nr_ioapics; i++) {
		if (c->ioapics[i].addr == addr) {
			pr_warn("IOAPIC: the I/O APIC at 0x%08x listed twice: the second ignored\n", addr);
			return;
		}
	}
	if (c->nr_ioapics == MAX_IO_APICS) {
		pr_warn("IOAPIC: more than %u I/O APICs: id %u at 0x%08x ignored\n",
			MAX_IO_APICS, id, addr);
		return;
	}
	c->ioapics[c->nr_ioapics++] = (struct mpc_ioapic_info){ id, addr, gsi_base };
}

/*
 * MPS INTI flags: polarity bits 0-1 and trigger bits 2-3, each 0 (as the
 * bus), 1 (high / edge), 3 (low / level); 2 is reserved.
 */
void mp_register_override(u8 irq, u32 gsi, u16 flags)
{
	if (irq >= NR_LEGACY_IRQS)
		return;		/* not an ISA IRQ: nothing here routes it */
	if ((flags & 3) == 2 || ((flags >> 2) & 3) == 2) {
		pr_warn("IOAPIC: ISA IRQ %u override with reserved polarity or trigger (flags 0x%x): "
			"ignored\n", irq, flags);
		return;
	}
	if (smp_config.irq_override[irq].valid) {
		pr_warn("IOAPIC: ISA IRQ %u overridden twice: the second (GSI %u) ignored\n", irq, gsi);
		return;
	}
	smp_config.irq_override[irq] = (struct mp_irq_override){ true, gsi, flags };
}
