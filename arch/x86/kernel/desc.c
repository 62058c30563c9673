// SPDX-License-Identifier: MIT
/*
 * The GDT and the IDT.
 *
 * The GDT is flat: a null descriptor, then kernel code and data segments
 * with base 0 and limit 4 GiB, so segmentation adds nothing and every
 * address is a plain linear address translated by paging alone.
 *
 * The IDT has the 32 CPU exception vectors, each an interrupt gate to a
 * stub in entry.asm (interrupt gates clear IF, so handlers run with
 * interrupts off), and the 16 IRQ vectors 0x20-0x2f of the 8259As
 * (asm/irq.h), interrupt gates to entry.asm's IRQ stubs. The other
 * vectors are not present: an `int` to one is a general protection
 * fault, reported.
 */
#include <asm/desc.h>
#include <asm/irq.h>
#include <kernel/types.h>
#include <kernel/compiler.h>

struct desc_ptr {
	u16 size;
	u32 address;
} __packed;

/*
 * Segment descriptor: base 0, limit 0xFFFFF pages, G=1, D=1.
 * 0x9A: present, ring 0, code, readable. 0x92: present, ring 0, data, writable.
 */
static const u64 gdt[] __aligned(8) = {
	0,
	0x00CF9A000000FFFFULL,	/* __KERNEL_CS */
	0x00CF92000000FFFFULL,	/* __KERNEL_DS */
};

struct gate {
	u16 offset_low, selector;
	u8 zero, type_attr;
	u16 offset_high;
} __packed;

static struct gate idt[256] __aligned(8);
extern const u32 exception_stubs[32];

void gdt_init(void)
{
	struct desc_ptr p = { sizeof(gdt) - 1, (u32)gdt };

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"ljmp %1, $1f\n"
		"1:\n\t"
		"movw %w2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"movw %%ax, %%fs\n\t"
		"movw %%ax, %%gs"
		:: "m"(p), "i"(__KERNEL_CS), "i"(__KERNEL_DS) : "eax", "memory");
}

static void set_intr_gate(unsigned int v, u32 h)
{
	idt[v] = (struct gate){
		.offset_low = h & 0xffff,
		.selector = __KERNEL_CS,
		.type_attr = 0x8E,	/* present, ring 0, 32-bit interrupt gate */
		.offset_high = h >> 16,
	};
}

void idt_init(void)
{
	struct desc_ptr p = { sizeof(idt) - 1, (u32)idt };

	for (unsigned int v = 0; v < 32; v++)
		set_intr_gate(v, exception_stubs[v]);
	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		set_intr_gate(FIRST_EXTERNAL_VECTOR + irq, irq_entry_stubs[irq]);
	__asm__ __volatile__("lidt %0" :: "m"(p));
}
