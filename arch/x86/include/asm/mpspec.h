/* SPDX-License-Identifier: MIT */
/*
 * The machine's processors and I/O APICs as the firmware describes them:
 * filled from the ACPI MADT (arch/x86/kernel/acpi.c) or, without ACPI,
 * the Intel MP table (mpparse.c); read by smpboot.c, which decides what
 * to start. arch/x86/kernel/mpconfig.c keeps it.
 */
#ifndef _ASM_X86_MPSPEC_H
#define _ASM_X86_MPSPEC_H

#include <kernel/config.h>
#include <kernel/types.h>

#define MAX_IO_APICS	8
#define NR_LEGACY_IRQS	16

/* Where the configuration came from, for the log. */
enum smp_config_source {
	SMP_CONFIG_NONE,
	SMP_CONFIG_ACPI,	/* the MADT ("APIC" table) */
	SMP_CONFIG_MPTABLE,	/* the MP specification's "_MP_" / "PCMP" */
};

struct mpc_ioapic_info {
	u8 id;
	u32 addr;		/* register window, physical */
	u32 gsi_base;		/* first global system interrupt it serves */
};

/* A legacy IRQ the firmware routes to another GSI or with other flags. */
struct mp_irq_override {
	bool valid;
	u32 gsi;
	u16 flags;		/* ACPI MPS INTI flags: polarity bits 0-1, trigger 2-3 */
};

struct smp_config {
	enum smp_config_source source;
	u32 lapic_addr;			/* the local APICs' register window */
	unsigned int nr_lapics;		/* enabled processors kept (<= NR_CPUS) */
	u32 lapic_ids[NR_CPUS];		/* their APIC IDs, in firmware order */
	unsigned int disabled_cpus;	/* listed but not enabled */
	unsigned int ignored_cpus;	/* enabled, past NR_CPUS */
	unsigned int nr_ioapics;
	struct mpc_ioapic_info ioapics[MAX_IO_APICS];
	struct mp_irq_override irq_override[NR_LEGACY_IRQS];
};
extern struct smp_config smp_config;

#define APIC_DEFAULT_PHYS_BASE	0xfee00000U

/* mp_register_lapic - one processor entry of the MADT or MP table. */
void mp_register_lapic(u32 apic_id, bool enabled);
/* mp_register_ioapic - one I/O APIC entry. */
void mp_register_ioapic(u8 id, u32 addr, u32 gsi_base);
/* mp_register_override - legacy @irq reaches @gsi with @flags. */
void mp_register_override(u8 irq, u32 gsi, u16 flags);
/* mp_config_reset - forget what a table began to describe (it turned out broken). */
void mp_config_reset(void);

/**
 * acpi_parse_madt - check the MADT at @phys (signature, length, checksum,
 * every entry's length), then print and register its entries.
 * Return: 0, or -1 after one line saying what is wrong (nothing registered).
 */
int acpi_parse_madt(u64 phys);
/* acpi_boot_init - find the MADT and register what it lists. Return: true if used. */
bool acpi_boot_init(void);
/* mptable_init - find the MP table and register what it lists. Return: true if used. */
bool mptable_init(void);

#endif
