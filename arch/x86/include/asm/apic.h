/* SPDX-License-Identifier: MIT */
/*
 * The local APIC: each CPU's own interrupt controller, a 4 KiB page of
 * 32-bit registers at 0xFEE00000 (or where the MADT says), mapped
 * uncached at the FIX_APIC_BASE fixmap slot (arch/x86/kernel/apic.c).
 * Every CPU sees its own APIC at the same address.
 */
#ifndef _ASM_X86_APIC_H
#define _ASM_X86_APIC_H

#include <kernel/cpumask.h>
#include <kernel/types.h>

/* Register offsets (Intel SDM vol. 3, table 10-1). */
#define APIC_ID		0x20		/* bits 24-31: this CPU's APIC ID */
#define APIC_LVR	0x30		/* bits 0-7 version, 16-23 max LVT entry */
#define APIC_TASKPRI	0x80		/* task priority: 0 accepts every vector */
#define APIC_EOI	0xb0		/* end of interrupt: write 0 */
#define APIC_SPIV	0xf0		/* spurious vector (bits 0-7), bit 8 software enable */
#define APIC_ISR	0x100		/* in service, 8 registers of 32 vectors */
#define APIC_ESR	0x280		/* error status */
#define APIC_ICR	0x300		/* interrupt command, low half: writing it sends */
#define APIC_ICR2	0x310		/* interrupt command, high half: destination */
#define APIC_LVTT	0x320		/* LVT timer */
#define APIC_LVTTHMR	0x330		/* LVT thermal sensor (LVT entry 5) */
#define APIC_LVTPC	0x340		/* LVT performance counter (LVT entry 4) */
#define APIC_LVT0	0x350		/* LVT LINT0: the 8259As' INTR in virtual wire mode */
#define APIC_LVT1	0x360		/* LVT LINT1: NMI */
#define APIC_LVTERR	0x370		/* LVT error */
#define APIC_TMICT	0x380		/* timer initial count */
#define APIC_TMCCT	0x390		/* timer current count */
#define APIC_TDCR	0x3e0		/* timer divide configuration */

#define APIC_SPIV_APIC_ENABLED	0x100
#define APIC_LVT_MASKED		0x10000
#define APIC_LVT_TIMER_PERIODIC	0x20000
#define APIC_TDR_DIV_16		0x3
#define APIC_DM_FIXED		0x00000
#define APIC_DM_NMI		0x00400
#define APIC_DM_EXTINT		0x00700
#define APIC_DEST_SELF		0x40000	/* ICR shorthand: this CPU, ICR2 not used */

/* APIC_ICR bits */
#define APIC_DM_INIT		0x00500
#define APIC_DM_STARTUP		0x00600	/* low 8 bits: the start page (vector) */
#define APIC_ICR_BUSY		0x01000	/* delivery status: the IPI is not sent yet */
#define APIC_INT_ASSERT		0x04000
#define APIC_INT_LEVELTRIG	0x08000
#define SET_APIC_DEST_FIELD(x)	((u32)(x) << 24)

/* APIC IDs above this need x2APIC mode, which this kernel does not use. */
#define MAX_XAPIC_ID	0xfe

/**
 * lapic_init - map the boot CPU's local APIC at @phys and read its ID
 * and version, printing them.
 * Context: boot, after paging_init().
 * Return: 0, or -1 (one line said why) without an APIC.
 */
int lapic_init(u32 phys);

/* apic_read / apic_write - a local APIC register. Context: lapic_init() done. */
u32 apic_read(u32 reg);
void apic_write(u32 reg, u32 val);

/* read_apic_id - this CPU's APIC ID (APIC_ID bits 24-31). */
u32 read_apic_id(void);

/**
 * apic_send_ipi - send the interprocessor interrupt @icr (APIC_ICR's low
 * half: delivery mode, level, vector) to APIC ID @apicid and wait, at
 * most 10 ms, until the APIC says it is sent.
 * Return: 0, or -1 if the APIC still showed it busy.
 */
int apic_send_ipi(u32 apicid, u32 icr);

/*
 * The rest is issue 16's step 2 (arch/x86/kernel/apic.c, apic_timer.c,
 * io_apic.c). With more than one CPU possible the machine runs in "APIC
 * mode": the legacy IRQs come through the I/O APIC, and each CPU's tick
 * is its local APIC timer (the PIT only calibrates it). With one CPU (or
 * none has an APIC, or nosmp) the 8259As and the PIT stay, as before.
 */

/* True once apic_intr_mode_init() switched the machine to APIC mode. */
extern bool apic_mode;

/*
 * apic_intr_mode_init - the boot CPU's switch to APIC mode: its local APIC
 * set up, its timer calibrated against the PIT and started at HZ, the
 * I/O APIC routing IRQs 0-15 to CPU 0 at vectors 0x20-0x2f, the 8259As
 * masked. Return: 0, or -errno (one line printed, 8259A mode kept).
 * Context: boot CPU, interrupts on, before the other CPUs are started.
 */
int apic_intr_mode_init(void);

/*
 * setup_secondary_APIC - an AP's own local APIC (enabled, spurious and
 * error vectors) and its timer at the boot CPU's calibrated rate.
 * Context: that AP, interrupts off, in start_secondary().
 */
void setup_secondary_APIC(void);

/* Send @vector to every CPU of @mask (not this one), fixed delivery. Context: any. */
void apic_send_IPI_mask(cpumask_t mask, unsigned int vector);

/* apic_send_IPI_self - @vector to this CPU (ICR shorthand "self"). Context: APIC mode, any. */
void apic_send_IPI_self(unsigned int vector);

/*
 * setup_local_APIC - the calling CPU's local APIC for APIC mode: TPR 0,
 * software-enabled with SPURIOUS_APIC_VECTOR, errors at ERROR_APIC_VECTOR,
 * LINT0 masked (the 8259As are masked), LINT1 NMI on CPU 0 (masked on the
 * others, as Linux), the timer, thermal and performance LVTs masked.
 * Context: that CPU, interrupts off.
 */
void setup_local_APIC(void);

/* The counters /proc/interrupts shows (apic.c, apic_timer.c). Context: any. */
unsigned long apic_timer_irqs(unsigned int cpu);	/* LOC: local timer interrupts */
unsigned long apic_spurious_irqs(unsigned int cpu);	/* SPU's share: the spurious vector */
unsigned long apic_error_count(void);			/* ERR's share: APIC error interrupts */

/*
 * The local APIC timer (apic_timer.c). apic_timer_calibrate() measures the
 * timer's counts per tick (1/HZ) against PIT channel 2 and prints them;
 * apic_timer_start() runs this CPU's timer periodically at that count on
 * LOCAL_TIMER_VECTOR. Context: interrupts off; calibrate on CPU 0 first.
 * Return (calibrate): 0, or -1 (one line said why).
 */
int apic_timer_calibrate(void);
void apic_timer_start(void);
/* The calibrated count per tick (0 before apic_timer_calibrate()). */
extern u32 lapic_timer_period;

/* apic_eoi - acknowledge the interrupt being handled. Context: a system vector's or I/O APIC line's handler. */
void apic_eoi(void);

#endif
