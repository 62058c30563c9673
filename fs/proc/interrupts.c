// SPDX-License-Identifier: MIT
/*
 * How this works: /proc/interrupts, in Linux 6.1's layout
 * (kernel/irq/proc.c show_interrupts(), arch/x86/kernel/irq.c
 * arch_show_interrupts()):
 *
 *              CPU0       CPU1
 *     0:         46          0   IO-APIC   2-edge      timer
 *     2:          0          0    XT-PIC              cascade
 *     4:         31          0   IO-APIC   4-edge      serial
 *   NMI:          0          0   Non-maskable interrupts
 *   LOC:        812        809   Local timer interrupts
 *   ...
 *   ERR:          0
 *
 * A header of one "CPU%-8d" column per online CPU after prec + 8
 * blanks (prec = 3: the width of the IRQ numbers), then each line with a
 * handler: its number, "%10u " per online CPU, the chip's name in 8
 * columns, the chip's input pin and the flow ("edge", or "fasteoi" for a
 * level-triggered line, as Linux names its handlers), the handlers'
 * names; then the architecture's counters (irq.c).
 *
 * Where it differs from Linux: only the 16 ISA lines exist; the 8259A
 * lines show no pin (Linux's XT-PIC lines show their IRQ and "XT"), and
 * of Linux's counter lines only those this kernel has are shown.
 */
#include <kernel/cpumask.h>
#include <kernel/interrupt.h>
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>

#define NR_IRQ_LINES	16
#define IRQ_PREC	3

int interrupts_proc_show(struct seq_file *p, void *v)
{
	struct irq_line_info info;
	unsigned int cpu;

	(void)v;
	seq_printf(p, "%*s", IRQ_PREC + 8, "");
	for_each_online_cpu(cpu)
		seq_printf(p, "CPU%-8u", cpu);
	seq_putc(p, '\n');
	for (unsigned int irq = 0; irq < NR_IRQ_LINES; irq++) {
		if (!irq_line_describe(irq, &info))
			continue;
		seq_printf(p, "%*u: ", IRQ_PREC, irq);
		for_each_online_cpu(cpu)
			seq_printf(p, "%10lu ", kstat_irqs_cpu(irq, cpu));
		seq_printf(p, " %8s", info.chip);
		if (info.hwirq >= 0)
			seq_printf(p, " %*d-%-8s", IRQ_PREC, info.hwirq, info.level ? "fasteoi" : "edge");
		else
			seq_printf(p, " %*s %-8s", IRQ_PREC, "", "");
		seq_printf(p, "  %s\n", info.names);
	}
	arch_show_interrupts(p, IRQ_PREC);
	return 0;
}
