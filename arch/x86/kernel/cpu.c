// SPDX-License-Identifier: MIT
/* What the boot CPU can do, from CPUID (absent on early 486s). */
#include <asm/processor.h>
#include <kernel/printk.h>
#include <kernel/string.h>

struct cpuinfo_x86 boot_cpu_data;

static bool have_cpuid(void)
{
	unsigned long before, after;

	/* CPUID exists iff EFLAGS.ID can be toggled. */
	__asm__ __volatile__(
		"pushfl\n\t"
		"pushfl\n\t"
		"popl %0\n\t"
		"movl %0, %1\n\t"
		"xorl %2, %0\n\t"
		"pushl %0\n\t"
		"popfl\n\t"
		"pushfl\n\t"
		"popl %0\n\t"
		"popfl"
		: "=&r"(after), "=&r"(before) : "i"(X86_EFLAGS_ID));
	return (before ^ after) & X86_EFLAGS_ID;
}

void cpu_detect(void)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;
	u32 a, b, cx, d, max;

	strlcpy(c->vendor, "unknown", sizeof(c->vendor));
	c->phys_bits = 32;
	c->family = 4;
	if (!have_cpuid())
		return;
	c->has_cpuid = true;
	cpuid(0, &max, &b, &cx, &d);
	memcpy(c->vendor, &b, 4);
	memcpy(c->vendor + 4, &d, 4);
	memcpy(c->vendor + 8, &cx, 4);
	c->vendor[12] = '\0';
	if (max >= 1) {
		cpuid(1, &a, &b, &cx, &d);
		c->family = (a >> 8) & 0xf;
		c->model = (a >> 4) & 0xf;
		c->stepping = a & 0xf;
		c->has_tsc = d & (1U << 4);
		c->has_pse = d & (1U << 3);
		c->has_pae = d & (1U << 6);
		c->has_pge = d & (1U << 13);
		c->has_pse36 = d & (1U << 17);
		c->has_apic = d & (1U << 9);	/* an on-chip local APIC, enabled */
	}
	cpuid(0x80000000, &max, &b, &cx, &d);
	if (max >= 0x80000001 && max < 0x8000ffff) {
		cpuid(0x80000001, &a, &b, &cx, &d);
		c->has_nx = d & (1U << 20);
	}
	if (max >= 0x80000008 && max < 0x8000ffff) {
		cpuid(0x80000008, &a, &b, &cx, &d);
		c->phys_bits = a & 0xff;
	} else if (c->has_pse36) {
		/*
		 * No CPUID leaf for it: a CPU with PSE-36 addresses 36 bits.
		 * (Linux also assumes 36 for any PAE CPU; QEMU's qemu32 model,
		 * PAE but no PSE-36, really stops at 32, so trust PSE-36 only.)
		 */
		c->phys_bits = 36;
	}
}
