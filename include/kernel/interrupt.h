/* SPDX-License-Identifier: MIT */
/*
 * Interrupt handlers: how a driver asks for an IRQ line.
 *
 *   static irqreturn_t serial_rx_interrupt(int irq, void *dev_id)
 *   {
 *           ... read the device, clear its request ...
 *           return IRQ_HANDLED;
 *   }
 *   request_irq(4, serial_rx_interrupt, 0, "serial", NULL);
 *
 * The handler runs in hard-IRQ context (in_irq() is true), with
 * interrupts off, on the interrupted code's stack. It must not sleep;
 * it may allocate with GFP_ATOMIC (alloc_pages, kmalloc,
 * kmem_cache_alloc: the per-CPU page lists and slab CPU lists are
 * touched with interrupts off, mm/pcp.c and mm/slab.c; GFP_KERNEL here
 * is reported by might_sleep() once boot is over); it must not take kmap_lock or
 * vmap_area_lock (plain spin_lock: an interrupt arriving while its
 * holder runs would find it taken), so no kmap() and no vmalloc().
 * kmap_local_page() is fine: its slots are a stack that the handler
 * leaves as it found it.
 *
 * The lines, their counts and the chip are kept by kernel/irq.c; the
 * x86 entry (do_IRQ) is arch/x86/kernel/irq.c.
 */
#ifndef _KERNEL_INTERRUPT_H
#define _KERNEL_INTERRUPT_H

#include <kernel/types.h>

typedef enum irqreturn {
	IRQ_NONE = 0,		/* not my device's interrupt */
	IRQ_HANDLED = 1,	/* my device asked, and it has been served */
} irqreturn_t;

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

#define IRQF_SHARED	0x00000080	/* other handlers may be on this line too */

/**
 * request_irq - add @handler to IRQ line @irq and unmask the line.
 * @irq: 0-15 on the PC's two 8259A PICs
 * @handler: called with @irq and @dev_id each time the line fires
 * @flags: 0, or IRQF_SHARED (every handler on the line must say so)
 * @name: shown by show_interrupts()
 * @dev_id: passed to @handler; identifies the handler for free_irq()
 * Context: process context (it allocates with GFP_KERNEL).
 * Return: 0, -EINVAL (bad line, no handler), -EBUSY (line taken and
 * not shared), -ENOMEM.
 */
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id);

/**
 * free_irq - remove the handler that request_irq(@irq, ..., @dev_id) added;
 * the last one off masks the line.
 * Context: process context.
 */
void free_irq(unsigned int irq, void *dev_id);

/* A handler that does nothing (the cascade line of the slave PIC). */
irqreturn_t no_action(int irq, void *dev_id);

/* kstat_irqs - how many times line @irq fired (spurious ones not counted), all CPUs. */
unsigned long kstat_irqs(unsigned int irq);

/* kstat_irqs_cpu - the same, on @cpu only. Context: any. */
unsigned long kstat_irqs_cpu(unsigned int irq, unsigned int cpu);

/* One line with a handler, as /proc/interrupts shows it. */
struct irq_line_info {
	const char *chip;	/* "XT-PIC", "IO-APIC" */
	int hwirq;		/* the chip's input pin, or -1 (the 8259As': not shown) */
	bool level;		/* level triggered ("fasteoi"), else edge */
	char names[64];		/* the handlers' names, ", " between */
};

/* irq_line_describe - fill @info for @irq. Return: false if it has no handler. Context: any. */
bool irq_line_describe(unsigned int irq, struct irq_line_info *info);

/* irq_err_count - Linux's ERR: APIC errors and spurious 8259A interrupts. Context: any. */
unsigned long irq_err_count(void);

struct seq_file;
/* arch_show_interrupts - /proc/interrupts' lines after the IRQs (NMI, LOC, ..., ERR). */
void arch_show_interrupts(struct seq_file *p, int prec);

/*
 * show_interrupts - print the /proc/interrupts-like table: per line with
 * a handler its count, chip and handler names, then the spurious count.
 */
void show_interrupts(void);

#endif
