// SPDX-License-Identifier: MIT
/*
 * How this works: hardware interrupts, from the vector to the handler.
 *
 * Data structures. One struct irq_desc per line (irq_desc[16]): the chip
 * that owns the line (the 8259A pair, asm/i8259.h; in APIC mode the I/O
 * APIC, asm/io_apic.h, for every line it routes), a count per CPU of the
 * times it fired (kstat_irqs() sums them), and a singly linked list of
 * struct irqaction, one per
 * request_irq() (handler, dev_id, name, flags). A line with no action
 * is masked at the PIC; the cascade line 2 holds no_action, so the slave
 * PIC's lines can get through.
 *
 * The path of one interrupt (the timer's, every 10 ms):
 *
 *   PIT raises IRQ 0 -> master PIC -> CPU, vector 0x20
 *   entry.asm irq0: push 0, push 0x20 -> irq_common: pusha, ds/es,
 *       a struct pt_regs like an exception's (asm/ptrace.h)
 *   do_IRQ(regs): irq = vector - 0x20
 *       irq_enter()                preempt_count += HARDIRQ_OFFSET
 *       8259A lines 7, 15: the ISR check (spurious: counted, no EOI, done)
 *       desc->count++, each action's handler(irq, dev_id)
 *       chip->irq_eoi(irq)         the PIC may raise this line again
 *       irq_exit()                 preempt_count -= HARDIRQ_OFFSET
 *   irq_common: pop ds/es, popa, iret (IF comes back on with EFLAGS)
 *
 * The IDT gates are interrupt gates, so IF is clear from the vector to
 * the iret: handlers never nest, and the HARDIRQ field of preempt_count
 * is 0 or 1. A software `int $0x20 + n` takes the same path without the
 * PIC having the line in service; the EOI do_IRQ sends then finds no
 * ISR bit to clear and does nothing (the self-tests rely on that, using
 * a line no device drives).
 *
 * Locks: each irq_desc has a spinlock over its action list and count.
 * do_IRQ holds it while the handlers run (interrupts are off there, so
 * it takes the lock word only, leaving preempt_count at HARDIRQ_OFFSET);
 * request_irq()/free_irq() take it irqsave, so a handler on another CPU
 * never sees a half-linked list, and free_irq() returns only once a
 * handler running elsewhere has finished (Linux's synchronize_irq()).
 *
 * Links both ways: request_irq() allocates (mm/), /proc/interrupts
 * (fs/proc/interrupts.c) reads the lines and, through
 * arch_show_interrupts(), the APIC's counters (apic.c, apic_timer.c),
 * while the APIC-mode switch hands the lines to the I/O APIC's chip here
 * (irq_set_chip()) and its handlers are system vectors given here
 * (alloc_intr_gate()). As in Linux, the IRQ layer, procfs and the
 * allocator call one another; tools/depcheck.allow lists the cycle.
 *
 * Where it differs from Linux: Linux splits this into the generic IRQ
 * layer (kernel/irq/: irq_desc, flow handlers such as handle_level_irq,
 * manage.c's request_irq) and the x86 entry (arch/x86/kernel/irq.c,
 * common_interrupt); with one flow for both chips, both fit here. Linux
 * runs softirqs on the way out (irq_exit); there is no softirq. Spurious
 * 8259A interrupts are counted in irq_spurious_count[] and, with the APIC
 * errors, make the ERR line (Linux's irq_err_count). The 16 ISA lines are
 * all there is: no irq domains, no affinity (every line goes to CPU 0).
 */
#include <asm/apic.h>
#include <asm/i8259.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <kernel/atomic.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/hardirq.h>
#include <kernel/interrupt.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/seq_file.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <mm/slab.h>

struct irqaction {
	irq_handler_t handler;
	void *dev_id;
	const char *name;
	unsigned long flags;
	struct irqaction *next;
};

struct irq_desc {
	spinlock_t lock;		/* action and count; irqsave */
	struct irq_chip *chip;
	struct irqaction *action;	/* NULL: no handler, line masked */
};

static struct irq_desc irq_desc[NR_IRQS] = {
	[0 ... NR_IRQS - 1] = { .lock = __SPIN_LOCK_UNLOCKED(irq_desc.lock) },
};
unsigned long irq_spurious_count[2];	/* [0]: IRQ 7, [1]: IRQ 15 */
/* Real interrupts (not spurious) per line, per CPU: Linux's kstat_irqs. */
static DEFINE_PER_CPU(unsigned long [NR_IRQS], irq_counts);

irqreturn_t no_action(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	return IRQ_NONE;
}

unsigned long kstat_irqs_cpu(unsigned int irq, unsigned int cpu)
{
	return irq < NR_IRQS && cpu < NR_CPUS ? per_cpu(irq_counts, cpu)[irq] : 0;
}

unsigned long kstat_irqs(unsigned int irq)
{
	unsigned long sum = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		sum += kstat_irqs_cpu(irq, cpu);
	return sum;
}

/* Run every handler on @desc's line. */
static void handle_irq_desc(unsigned int irq, struct irq_desc *desc)
{
	(*this_cpu_ptr(irq_counts))[irq]++;
	for (struct irqaction *a = desc->action; a; a = a->next)
		a->handler((int)irq, a->dev_id);
}

/*
 * Lines 7 and 15 only: is this interrupt real? For 15 the slave's ISR
 * decides; a spurious 15 still went in service on the master's cascade
 * line, which gets its EOI here.
 */
static bool irq_is_spurious(unsigned int irq)
{
	switch (i8259A_classify(irq, i8259A_read_isr(irq >= 8))) {
	case I8259_REAL:
		return false;
	case I8259_SPURIOUS_SLAVE:
		outb(PIC_MASTER_CMD, PIC_EOI);
		counter_inc_atomic(&irq_spurious_count[1]);
		return true;
	case I8259_SPURIOUS:
		counter_inc_atomic(&irq_spurious_count[0]);
		return true;
	}
	return false;
}

static sysvec_handler_t sysvec_table[NR_SYSTEM_VECTORS];
static DEFINE_PER_CPU(unsigned long, sysvec_unhandled);

void alloc_intr_gate(unsigned int vector, sysvec_handler_t fn)
{
	BUG_ON(vector < FIRST_SYSTEM_VECTOR || vector > 0xff || !fn);
	BUG_ON(sysvec_table[vector - FIRST_SYSTEM_VECTOR]);
	sysvec_table[vector - FIRST_SYSTEM_VECTOR] = fn;
}

unsigned long sysvec_unhandled_count(unsigned int cpu)
{
	return per_cpu(sysvec_unhandled, cpu);
}

/* A local APIC or IPI vector: its handler, or counted and acknowledged. */
static void do_sysvec(struct pt_regs *regs)
{
	sysvec_handler_t fn = sysvec_table[regs->vector - FIRST_SYSTEM_VECTOR];

	if (likely(fn)) {
		fn(regs);
		return;
	}
	(*this_cpu_ptr(sysvec_unhandled))++;
	if (regs->vector != SPURIOUS_APIC_VECTOR)
		apic_eoi();
}

void do_IRQ(struct pt_regs *regs)
{
	unsigned int irq = regs->vector - FIRST_EXTERNAL_VECTOR;
	struct irq_desc *desc;

	irq_enter();
	if (regs->vector >= FIRST_SYSTEM_VECTOR) {
		do_sysvec(regs);
		goto out;
	}
	desc = &irq_desc[irq];
	/* only an 8259A substitutes IR7 when it has nothing: the I/O APIC's lines are real */
	if (unlikely((irq & 7) == 7) && desc->chip == &i8259A_chip && irq_is_spurious(irq))
		goto out;
	do_raw_spin_lock(&desc->lock);	/* interrupts are off: preempt_count stays as Linux's */
	handle_irq_desc(irq, desc);
	do_raw_spin_unlock(&desc->lock);
	desc->chip->irq_eoi(irq);
out:
	irq_exit();
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id)
{
	struct irq_desc *desc;
	struct irqaction *new, **p;
	unsigned long iflags;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	desc = &irq_desc[irq];
	new = kmalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	*new = (struct irqaction){ handler, dev_id, name, flags, NULL };

	spin_lock_irqsave(&desc->lock, iflags);
	if (desc->action && !(desc->action->flags & flags & IRQF_SHARED)) {
		spin_unlock_irqrestore(&desc->lock, iflags);
		kfree(new);
		return -EBUSY;
	}
	for (p = &desc->action; *p; p = &(*p)->next)
		;
	*p = new;
	if (new == desc->action)
		desc->chip->irq_unmask(irq);
	spin_unlock_irqrestore(&desc->lock, iflags);
	return 0;
}

void free_irq(unsigned int irq, void *dev_id)
{
	struct irqaction *a = NULL, **p;
	unsigned long iflags;

	if (irq >= NR_IRQS)
		return;
	spin_lock_irqsave(&irq_desc[irq].lock, iflags);
	for (p = &irq_desc[irq].action; *p; p = &(*p)->next) {
		if ((*p)->dev_id == dev_id) {
			a = *p;
			*p = a->next;
			break;
		}
	}
	if (a && !irq_desc[irq].action)
		irq_desc[irq].chip->irq_mask(irq);
	spin_unlock_irqrestore(&irq_desc[irq].lock, iflags);
	if (!a)
		pr_warn("free_irq: IRQ %u has no handler with dev_id %p\n", irq, dev_id);
	kfree(a);
}

void irq_set_chip(unsigned int irq, struct irq_chip *chip)
{
	struct irq_desc *desc;
	unsigned long flags;

	if (irq >= NR_IRQS || !chip)
		return;
	desc = &irq_desc[irq];
	local_irq_save(flags);
	if (desc->chip != chip) {
		desc->chip->irq_mask(irq);
		desc->chip = chip;
		if (desc->action)
			chip->irq_unmask(irq);
		else
			chip->irq_mask(irq);
	}
	local_irq_restore(flags);
}

bool irq_line_describe(unsigned int irq, struct irq_line_info *info)
{
	struct irq_desc *desc;
	unsigned long flags;
	size_t n = 0;

	if (irq >= NR_IRQS)
		return false;
	desc = &irq_desc[irq];
	local_irq_save(flags);
	if (!desc->action) {
		local_irq_restore(flags);
		return false;
	}
	info->chip = desc->chip->name;
	info->level = false;
	info->hwirq = desc->chip->irq_hwirq ? desc->chip->irq_hwirq(irq, &info->level) : -1;
	info->names[0] = '\0';
	for (struct irqaction *a = desc->action; a && n < sizeof(info->names); a = a->next)
		n += snprintf(info->names + n, sizeof(info->names) - n, "%s%s",
			      a == desc->action ? "" : ", ", a->name);
	local_irq_restore(flags);
	return true;
}

static unsigned long ipi_received(unsigned int cpu, enum ipi_reason r)
{
	return per_cpu(ipi_stats, cpu).received[r];
}

/*
 * /proc/interrupts' lines after the IRQs, Linux 6.1's (arch_show_interrupts()):
 * NMI, LOC, SPU, RES, CAL, TLB per online CPU, then the ERR total.
 */
void arch_show_interrupts(struct seq_file *p, int prec)
{
	static const char *const what[] = {
		"Non-maskable interrupts", "Local timer interrupts", "Spurious interrupts",
		"Rescheduling interrupts", "Function call interrupts", "TLB shootdowns",
	};
	static const char *const tag[] = { "NMI", "LOC", "SPU", "RES", "CAL", "TLB" };
	unsigned int cpu;

	for (unsigned int i = 0; i < ARRAY_SIZE(tag); i++) {
		seq_printf(p, "%*s: ", prec, tag[i]);
		for_each_online_cpu(cpu) {
			unsigned long v = 0;

			switch (i) {
			case 0: v = 0; break;			/* no NMI is handled: one is a crash */
			case 1: v = apic_timer_irqs(cpu); break;
			case 2: v = sysvec_unhandled_count(cpu) + apic_spurious_irqs(cpu); break;
			case 3: v = ipi_received(cpu, IPI_RESCHEDULE); break;
			case 4: v = ipi_received(cpu, IPI_CALL_FUNCTION); break;
			case 5:
				for (int r = IPI_TLB_PKMAP; r <= IPI_TLB_MM; r++)
					v += ipi_received(cpu, (enum ipi_reason)r);
				break;
			}
			seq_printf(p, "%10lu ", v);
		}
		seq_printf(p, "  %s\n", what[i]);
	}
	seq_printf(p, "%*s: %10lu\n", prec, "ERR", irq_err_count());
}

unsigned long irq_err_count(void)
{
	return apic_error_count() + irq_spurious_count[0] + irq_spurious_count[1];
}

void init_IRQ(void)
{
	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		irq_desc[irq].chip = &i8259A_chip;
	init_8259A(FIRST_EXTERNAL_VECTOR);
	if (request_irq(PIC_CASCADE_IR, no_action, 0, "cascade", NULL))
		pr_err("init_IRQ: cannot register the cascade line\n");
}

/*
 * The boot log's table, one column per online CPU (one CPU: as before
 * APIC mode existed):
 *
 *              CPU0
 *     0:        123    XT-PIC  timer
 *     2:          0    XT-PIC  cascade
 *   ERR:          0    spurious 8259A interrupts (IRQ 7: 0, IRQ 15: 0)
 *
 * In APIC mode an I/O APIC line shows its pin and trigger ("IO-APIC
 * 2-edge  timer"), and LOC/SPU/ERR lines follow. /proc/interrupts has
 * the same numbers in Linux's layout (fs/proc/interrupts.c).
 */
void show_interrupts(void)
{
	struct irq_line_info info;
	char line[40 + 11 * NR_CPUS];
	unsigned int cpu;
	size_t n;

	pr_info("interrupts:\n");
	n = (size_t)snprintf(line, sizeof(line), "    ");
	for_each_online_cpu(cpu)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%7sCPU%u", "", cpu);
	pr_info("%s\n", line);
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		if (!irq_line_describe(irq, &info))
			continue;
		n = (size_t)snprintf(line, sizeof(line), "%3u:", irq);
		for_each_online_cpu(cpu)
			n += (size_t)snprintf(line + n, sizeof(line) - n, " %10lu",
					      kstat_irqs_cpu(irq, cpu));
		if (info.hwirq >= 0)
			pr_info("%s    %s %d-%s  %s\n", line, info.chip, info.hwirq,
				info.level ? "fasteoi" : "edge", info.names);
		else
			pr_info("%s    %s  %s\n", line, info.chip, info.names);
	}
	if (apic_mode) {
		n = (size_t)snprintf(line, sizeof(line), "LOC:");
		for_each_online_cpu(cpu)
			n += (size_t)snprintf(line + n, sizeof(line) - n, " %10lu", apic_timer_irqs(cpu));
		pr_info("%s    Local timer interrupts\n", line);
		n = (size_t)snprintf(line, sizeof(line), "SPU:");
		for_each_online_cpu(cpu)
			n += (size_t)snprintf(line + n, sizeof(line) - n, " %10lu",
					      sysvec_unhandled_count(cpu) + apic_spurious_irqs(cpu));
		pr_info("%s    Spurious interrupts\n", line);
		pr_info("ERR: %10lu    APIC errors %lu, spurious 8259A interrupts (IRQ 7: %lu, "
			"IRQ 15: %lu)\n", irq_err_count(), apic_error_count(), irq_spurious_count[0],
			irq_spurious_count[1]);
		return;
	}
	pr_info("ERR: %10lu    spurious 8259A interrupts (IRQ 7: %lu, IRQ 15: %lu)\n",
		irq_spurious_count[0] + irq_spurious_count[1],
		irq_spurious_count[0], irq_spurious_count[1]);
}
