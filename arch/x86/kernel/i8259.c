// SPDX-License-Identifier: MIT
/*
 * How this works: the 8259A interrupt controllers (the "XT-PIC").
 *
 * A PC has two 8259As. The master takes IRQ 0-7 and signals the CPU;
 * the slave takes IRQ 8-15 and feeds its output into the master's line 2
 * (the cascade). Each has three 8-bit registers, one bit per line:
 *
 *   IMR  mask: 1 = the line is ignored (read and written at CMD+1)
 *   IRR  requested: the device raised the line, not yet given to the CPU
 *   ISR  in service: given to the CPU, not yet acknowledged with an EOI
 *
 * A request moves IRR -> ISR when the CPU acknowledges it, and the PIC
 * then raises nothing of equal or lower priority until the handler
 * sends an EOI (end of interrupt), which clears the highest ISR bit.
 * A line behind the slave is in service on both chips (its own bit on
 * the slave, bit 2 on the master), so it needs an EOI to each.
 *
 * init_8259A() sends the four initialization words to each chip: ICW1
 * (edge triggered, cascade, ICW4 follows), ICW2 (the vector of line 0:
 * 0x20 for the master, 0x28 for the slave, instead of the BIOS's 0x08,
 * where the CPU's exceptions 8-15 are), ICW3 (the master has a slave on
 * line 2; the slave's identity is 2), ICW4 (8086 mode, normal EOI). Then
 * every line is masked but the cascade; request_irq() unmasks a line
 * when it gets its first handler.
 *
 * Spurious interrupts. If a request goes away between the PIC raising
 * INTR and the CPU's acknowledge, the PIC still answers with a vector:
 * its line 7's, with no ISR bit set. So an IRQ 7 (or 15, on the slave)
 * is real only if ISR bit 7 is set; a spurious one gets no EOI (an EOI
 * would end some other line's service), except that a spurious IRQ 15
 * went through the master's cascade line and the master needs its EOI.
 * i8259A_classify() is that rule, on an ISR value, so a test can give
 * it any value.
 *
 * Where it differs from Linux (arch/x86/kernel/i8259.c): Linux masks
 * and acknowledges the line before the handler runs (mask_and_ack) and
 * unmasks it after; here the handler runs with interrupts off and the
 * EOI follows it, so the line stays in service (and the PIC holds off
 * lower-priority lines) until the handler is done. Linux also keeps a
 * cached copy of the masks and a lock around the ports for SMP; one
 * CPU with interrupts off needs neither. Linux prints the first
 * spurious IRQ 7; here they are only counted (show_interrupts()).
 */
#include <asm/i8259.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <kernel/spinlock.h>

/*
 * The two chips' registers: a mask's read-modify-write of the IMR, and
 * the OCW3-then-read of the ISR, are one CPU's at a time (Linux's
 * i8259A_lock), irqsave, since do_IRQ reads the ISR and any CPU may mask
 * or unmask a line (request_irq(), free_irq()).
 */
static DEFINE_SPINLOCK(i8259A_lock);

#define ICW1_INIT	0x11	/* initialization, edge triggered, cascade, ICW4 follows */
#define ICW4_8086	0x01

/*
 * Port 0x80 is the POST diagnostic port: a write to it takes about a
 * microsecond on the ISA bus, the pause old 8259As need between
 * initialization words.
 */
static inline void io_delay(void)
{
	outb(0x80, 0);
}

static u16 pic_port_imr(unsigned int irq)
{
	return irq < 8 ? PIC_MASTER_IMR : PIC_SLAVE_IMR;
}

static void i8259A_mask(unsigned int irq)
{
	u16 port = pic_port_imr(irq);
	unsigned long flags;

	spin_lock_irqsave(&i8259A_lock, flags);
	outb(port, inb(port) | (u8)(1U << (irq & 7)));
	spin_unlock_irqrestore(&i8259A_lock, flags);
}

static void i8259A_unmask(unsigned int irq)
{
	u16 port = pic_port_imr(irq);
	unsigned long flags;

	spin_lock_irqsave(&i8259A_lock, flags);
	outb(port, inb(port) & (u8)~(1U << (irq & 7)));
	spin_unlock_irqrestore(&i8259A_lock, flags);
}

/* A line behind the slave is in service on both chips: EOI both. */
static void i8259A_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC_SLAVE_CMD, PIC_EOI);
	outb(PIC_MASTER_CMD, PIC_EOI);
}

struct irq_chip i8259A_chip = {
	.name = "XT-PIC",
	.irq_mask = i8259A_mask,
	.irq_unmask = i8259A_unmask,
	.irq_eoi = i8259A_eoi,
};

u8 i8259A_read_isr(int slave)
{
	u16 cmd = slave ? PIC_SLAVE_CMD : PIC_MASTER_CMD;
	unsigned long flags;
	u8 isr;

	/* OCW3 then the read: an IRQ between them could switch the chip back */
	spin_lock_irqsave(&i8259A_lock, flags);
	outb(cmd, PIC_READ_ISR);
	isr = inb(cmd);
	outb(cmd, PIC_READ_IRR);	/* leave the chip reading the IRR, its default */
	spin_unlock_irqrestore(&i8259A_lock, flags);
	return isr;
}

/*
 * IRQ 7 with isr 0x80: real. IRQ 7 with isr 0x00 (or 0x01: line 0 in
 * service, interrupted by nothing): spurious. Lines other than 7 and 15
 * cannot be spurious: the PIC never substitutes them.
 */
enum i8259_verdict i8259A_classify(unsigned int irq, u8 isr)
{
	if ((irq & 7) != 7 || (isr & 0x80))
		return I8259_REAL;
	return irq == 7 ? I8259_SPURIOUS : I8259_SPURIOUS_SLAVE;
}

void init_8259A(u8 vector)
{
	unsigned long flags;

	spin_lock_irqsave(&i8259A_lock, flags);
	outb(PIC_MASTER_IMR, 0xff);		/* mask everything while programming */
	outb(PIC_SLAVE_IMR, 0xff);

	outb(PIC_MASTER_CMD, ICW1_INIT);	io_delay();
	outb(PIC_MASTER_IMR, vector);		io_delay();	/* ICW2: IRQ 0-7 */
	outb(PIC_MASTER_IMR, 1U << PIC_CASCADE_IR); io_delay();	/* ICW3: slave on line 2 */
	outb(PIC_MASTER_IMR, ICW4_8086);	io_delay();

	outb(PIC_SLAVE_CMD, ICW1_INIT);		io_delay();
	outb(PIC_SLAVE_IMR, vector + 8);	io_delay();	/* ICW2: IRQ 8-15 */
	outb(PIC_SLAVE_IMR, PIC_CASCADE_IR);	io_delay();	/* ICW3: my identity */
	outb(PIC_SLAVE_IMR, ICW4_8086);		io_delay();

	outb(PIC_MASTER_IMR, (u8)~(1U << PIC_CASCADE_IR));	/* only the cascade open */
	outb(PIC_SLAVE_IMR, 0xff);
	spin_unlock_irqrestore(&i8259A_lock, flags);
}

void mask_8259A(void)
{
	unsigned long flags;

	local_irq_save(flags);
	outb(PIC_MASTER_IMR, 0xff);
	outb(PIC_SLAVE_IMR, 0xff);
	local_irq_restore(flags);
}
