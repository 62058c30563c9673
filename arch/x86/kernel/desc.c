// SPDX-License-Identifier: MIT
/*
 * The GDT, the TSS and the IDT.
 *
 * The GDT is flat: kernel and user code and data segments, all with base
 * 0 and limit 4 GiB, so segmentation adds nothing and every address is a
 * plain linear address translated by paging alone. The one exception is
 * __KERNEL_PERCPU, the kernel's %fs: its base is this CPU's offset into
 * pcpu_hot (asm/percpu.h). Each CPU has its own GDT, which differs from
 * the others in that entry and in the TSS descriptor. What keeps a program
 * out of the kernel is the page tables' U/S bit, not a segment limit
 * (asm/desc.h lists the selectors).
 *
 * Each CPU has a TSS, used for one thing only, as in Linux: its ss0:esp0 is the
 * stack the CPU switches to when an interrupt, exception or `int $0x80`
 * arrives in ring 3. context_switch() points esp0 at the top of the next
 * task's kernel stack (load_sp0), so each process enters the kernel on
 * its own stack. No I/O bitmap: the bitmap offset lies past the limit,
 * so ring 3 has no port access.
 *
 * The IDT has the 32 CPU exception vectors and the 16 IRQ vectors
 * 0x20-0x2f of the 8259As (asm/irq.h), interrupt gates to entry.asm's
 * stubs (interrupt gates clear IF: handlers start with interrupts off),
 * and vector 0x80, the system-call gate, whose DPL 3 lets `int $0x80`
 * be executed in ring 3 (as Linux, also `int3` and `into`: vectors 3, 4). An `int` to any other vector from ring 3 is a
 * general protection fault: the process gets SIGSEGV.
 */
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/traps.h>
#include <asm/percpu.h>
#include <kernel/compiler.h>
#include <kernel/percpu.h>
#include <kernel/string.h>
#include <kernel/types.h>

struct desc_ptr {
	u16 size;
	u32 address;
} __packed;

/* The 32-bit TSS (Linux's x86_hw_tss); only ss0/esp0 and the bitmap offset matter. */
struct x86_hw_tss {
	u16 back_link, __blh;
	u32 sp0;
	u16 ss0, __ss0h;
	u32 sp1;
	u16 ss1, __ss1h;
	u32 sp2;
	u16 ss2, __ss2h;
	u32 cr3, ip, flags, ax, cx, dx, bx, sp, bp, si, di;
	u16 es, __esh, cs, __csh, ss, __ssh, ds, __dsh, fs, __fsh, gs, __gsh, ldt, __ldth;
	u16 trace, io_bitmap_base;
} __packed;

_Static_assert(sizeof(struct x86_hw_tss) == 104, "the 32-bit TSS is 104 bytes");

/* One TSS per CPU (Linux's cpu_tss_rw): each CPU's esp0 is its running task's stack. */
static struct x86_hw_tss cpu_tss[NR_CPUS] __aligned(128) = {
	[0 ... NR_CPUS - 1] = {
		.ss0 = __KERNEL_DS,
		.io_bitmap_base = sizeof(struct x86_hw_tss),	/* no bitmap: every port refused in ring 3 */
	},
};

/*
 * Segment descriptors: base 0, limit 0xFFFFF pages, G=1, D=1. Access byte
 * 0x9A/0x92: present, ring 0, code/data; 0xFA/0xF2: the same in ring 3.
 * The TSS descriptor is filled in by gdt_init() (it holds an address).
 */
static const u64 gdt_template[GDT_ENTRIES] = {
	0,
	0x00CF9A000000FFFFULL,	/* __KERNEL_CS */
	0x00CF92000000FFFFULL,	/* __KERNEL_DS */
	0x00CFFA000000FFFFULL,	/* __USER_CS */
	0x00CFF2000000FFFFULL,	/* __USER_DS */
	0,			/* GDT_ENTRY_TSS: this CPU's TSS */
	0,			/* __KERNEL_PERCPU: this CPU's pcpu_hot offset */
};

/* One GDT per CPU (Linux's gdt_page): they differ in the TSS and per-CPU entries. */
static u64 gdt[NR_CPUS][GDT_ENTRIES] __aligned(8);

/* A descriptor of @type (0x89: 32-bit TSS; 0x92: ring-0 data) for @base, @limit, @flags (G, D). */
static u64 seg_desc(u32 base, u32 limit, u64 type, u64 flags)
{
	return (u64)(limit & 0xffff) | ((u64)(base & 0xffffff) << 16) | (type << 40) |
	       ((u64)((limit >> 16) & 0xf) << 48) | (flags << 52) | ((u64)(base >> 24) << 56);
}

struct gate {
	u16 offset_low, selector;
	u8 zero, type_attr;
	u16 offset_high;
} __packed;

static struct gate idt[256] __aligned(8);
extern const u32 exception_stubs[32];
extern const char entry_INT80_32[];

void cpu_init_gdt(unsigned int cpu)
{
	u64 *g = gdt[cpu];
	struct desc_ptr p = { sizeof(gdt[0]) - 1, (u32)g };
	u32 off = __per_cpu_offset[cpu];

	memcpy(g, gdt_template, sizeof(gdt_template));
	g[GDT_ENTRY_TSS / 8] = seg_desc((u32)&cpu_tss[cpu], sizeof(cpu_tss[0]) - 1, 0x89, 0);
	/* base this CPU's offset, limit 4 GiB (G=1, D=1): %fs:var is CPU cpu's copy of var */
	g[__KERNEL_PERCPU / 8] = seg_desc(off, 0xfffff, 0x92, 0xc);
	per_cpu(pcpu_hot, cpu).cpu_number = (int)cpu;
	per_cpu(pcpu_hot, cpu).this_cpu_off = off;
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"ljmp %1, $1f\n"
		"1:\n\t"
		"movw %w2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"movw %%ax, %%gs\n\t"
		"movw %w4, %%ax\n\t"
		"movw %%ax, %%fs\n\t"
		"movw %w3, %%ax\n\t"
		"ltr %%ax"
		:: "m"(p), "i"(__KERNEL_CS), "i"(__KERNEL_DS), "i"(GDT_ENTRY_TSS), "i"(__KERNEL_PERCPU)
		: "eax", "memory");
}

void gdt_init(void)
{
	cpu_init_gdt(0);
}

void load_sp0(unsigned long sp0)
{
	cpu_tss[smp_processor_id()].sp0 = sp0;
	this_cpu_write_hot(top_of_stack, sp0);
}

/* @dpl 0: only the CPU and `int` in ring 0 may enter; 3: ring 3 may `int` to it. */
static void set_gate(unsigned int v, u32 h, unsigned int dpl)
{
	idt[v] = (struct gate){
		.offset_low = h & 0xffff,
		.selector = __KERNEL_CS,
		.type_attr = 0x8E | (dpl << 5),	/* present, 32-bit interrupt gate */
		.offset_high = h >> 16,
	};
}

void load_idt(void)
{
	struct desc_ptr p = { sizeof(idt) - 1, (u32)idt };

	__asm__ __volatile__("lidt %0" :: "m"(p));
}

void idt_init(void)
{

	for (unsigned int v = 0; v < 32; v++)	/* int3 and into may be used in ring 3 */
		set_gate(v, exception_stubs[v], v == X86_TRAP_BP || v == X86_TRAP_OF ? 3 : 0);
	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		set_gate(FIRST_EXTERNAL_VECTOR + irq, irq_entry_stubs[irq], 0);
	for (unsigned int v = FIRST_SYSTEM_VECTOR; v <= 0xff; v++)
		set_gate(v, sysvec_entry_stubs[v - FIRST_SYSTEM_VECTOR], 0);
	set_gate(IA32_SYSCALL_VECTOR, (u32)entry_INT80_32, 3);
	load_idt();
}
