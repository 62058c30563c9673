/* SPDX-License-Identifier: MIT */
/*
 * The I/O APIC: the chip that turns device interrupt lines into messages
 * to the local APICs (arch/x86/kernel/io_apic.c). Two registers are
 * visible, an index (IOREGSEL, offset 0) and a data window (IOWIN, offset
 * 0x10): the index selects one 32-bit register behind the window.
 *
 *   0x00        ID (bits 24-27)
 *   0x01        version (bits 0-7), highest redirection entry (16-23)
 *   0x10 + 2n   redirection entry n, low half: vector, delivery, polarity,
 *               trigger, mask
 *   0x11 + 2n   its high half: destination APIC ID (bits 24-31)
 *
 * One entry per input pin ("GSI" = the I/O APIC's gsi_base + pin).
 */
#ifndef _ASM_X86_IO_APIC_H
#define _ASM_X86_IO_APIC_H

#include <kernel/types.h>

#define IO_APIC_REG_SELECT	0x00
#define IO_APIC_REG_WINDOW	0x10

#define IO_APIC_ID		0x00
#define IO_APIC_VERSION		0x01
#define IO_APIC_REDIR(pin)	(0x10 + 2 * (pin))

/* Redirection entry, low half. */
#define IO_APIC_DM_FIXED	(0u << 8)
#define IO_APIC_DEST_PHYSICAL	(0u << 11)
#define IO_APIC_POLARITY_LOW	(1u << 13)
#define IO_APIC_REMOTE_IRR	(1u << 14)
#define IO_APIC_TRIGGER_LEVEL	(1u << 15)
#define IO_APIC_MASKED		(1u << 16)

/* One ISA IRQ's route: which I/O APIC input, and how it is driven. */
struct io_apic_route {
	int apic;		/* index in smp_config.ioapics[], -1: not routed */
	unsigned int pin;	/* input pin of that I/O APIC */
	unsigned int gsi;
	bool level;		/* level triggered (else edge) */
	bool active_low;
};

/**
 * setup_IO_APIC - map the I/O APIC that serves GSI 0 (the ISA IRQs), print
 * it, and program IRQs 0-15 at vectors 0x20 + n to the boot CPU (masked;
 * request_irq() unmasks). The IRQ descriptors then use ioapic_chip.
 * Context: boot CPU, interrupts off, in apic_intr_mode_init().
 * Return: 0, or -1 (one line said why: no usable I/O APIC).
 */
int setup_IO_APIC(void);

/* disable_IO_APIC - every pin masked (the caller gives the lines back to the 8259As). Context: boot, interrupts off. */
void disable_IO_APIC(void);

/* io_apic_irq_route - @irq's route (route->apic -1 if the I/O APIC does not serve it). Context: any. */
void io_apic_irq_route(unsigned int irq, struct io_apic_route *route);

/* io_apic_read_entry - redirection entry @pin of I/O APIC @apic (low, high halves). Context: any. */
void io_apic_read_entry(int apic, unsigned int pin, u32 *lo, u32 *hi);

/* io_apic_expected_entry - what setup_IO_APIC() programmed for @irq (low half, mask bit clear). Context: any. */
u32 io_apic_expected_entry(unsigned int irq);

struct irq_chip;
extern struct irq_chip ioapic_chip;

#endif
