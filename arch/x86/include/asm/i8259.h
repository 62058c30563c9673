/* SPDX-License-Identifier: MIT */
/*
 * The two 8259A programmable interrupt controllers of the PC: ports,
 * commands, and the chip operations arch/x86/kernel/i8259.c implements.
 */
#ifndef _ASM_X86_I8259_H
#define _ASM_X86_I8259_H

#include <kernel/types.h>

#define PIC_MASTER_CMD		0x20
#define PIC_MASTER_IMR		0x21
#define PIC_SLAVE_CMD		0xa0
#define PIC_SLAVE_IMR		0xa1
#define PIC_CASCADE_IR		2	/* the slave's output enters the master here */

#define PIC_EOI			0x20	/* OCW2: non-specific end of interrupt */
#define PIC_READ_IRR		0x0a	/* OCW3: next read of CMD gives the IRR */
#define PIC_READ_ISR		0x0b	/* OCW3: next read of CMD gives the ISR */

/*
 * An interrupt controller as do_IRQ() and request_irq() see it: the
 * 8259A pair here, or the I/O APIC (asm/io_apic.h) in APIC mode.
 */
struct irq_chip {
	const char *name;		/* "XT-PIC", shown by show_interrupts() */
	void (*irq_mask)(unsigned int irq);
	void (*irq_unmask)(unsigned int irq);
	void (*irq_eoi)(unsigned int irq);
	/* optional: @irq's input pin (/proc/interrupts' "2-edge"), or -1; *level its trigger */
	int (*irq_hwirq)(unsigned int irq, bool *level);
};
extern struct irq_chip i8259A_chip;

/*
 * What the ISR says about an interrupt on line 7 or 15. When a device
 * drops its request between the PIC's INTR and the CPU's acknowledge,
 * the PIC has nothing to give and answers with its lowest-priority
 * vector (IR7) without setting the line's in-service bit: the ISR bit
 * tells a real IRQ 7 from a spurious one.
 */
enum i8259_verdict {
	I8259_REAL,		/* handle it, then EOI */
	I8259_SPURIOUS,		/* IRQ 7 with ISR bit 7 clear: count it, no EOI */
	I8259_SPURIOUS_SLAVE,	/* IRQ 15 likewise on the slave: EOI the master only
				   (its cascade line 2 did go in service) */
};

/* Classify @irq given @isr, the in-service register of the PIC owning it. */
enum i8259_verdict i8259A_classify(unsigned int irq, u8 isr);

/* Read the in-service register of the master (0) or slave (1) PIC. */
u8 i8259A_read_isr(int slave);

/* Program both PICs: IRQ 0-15 at vectors @vector..@vector+15, all masked. */
void init_8259A(u8 vector);

/* mask_8259A - both PICs' every line masked (APIC mode: the I/O APIC has them). Context: any. */
void mask_8259A(void);

#endif
