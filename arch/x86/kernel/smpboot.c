// SPDX-License-Identifier: MIT
/*
 * How this works: counting the CPUs and starting the others, which then
 * run tasks like the boot CPU (issue 16).
 *
 * smp_find_config() runs once paging_init() has built the fixmap and
 * before mem_init() hands memblock's memory to the buddy allocator:
 *
 *   1. the CPU list: the ACPI MADT (acpi.c), else the MP table
 *      (mpparse.c), else none (QEMU's isapc: one CPU);
 *   2. the boot CPU's local APIC (apic.c): none on a 486, one CPU; its
 *      APIC ID names CPU 0, and the other IDs become CPUs 1, 2, ... in
 *      the table's order;
 *   3. how many are allowed: all found (at most NR_CPUS), or `maxcpus=N`,
 *      or one with `nosmp`; they become the cpu_possible_mask
 *      ("smpboot: Allowing N CPUs, 0 hotplug CPUs");
 *   4. with more than one: a page below 640 KiB for the trampoline
 *      (trampoline_32.asm), reserved in memblock so the allocator never
 *      hands it out, and one small stack per AP.
 *
 * smp_init() then starts the APs one at a time, as Intel's MultiProcessor
 * Specification (appendix B.4) prescribes:
 *
 *   INIT (assert, then deassert), wait 10 ms
 *   STARTUP with vector = trampoline page >> 12, wait 200 us
 *   STARTUP again, wait 200 us (an AP that is already running ignores it)
 *   wait up to 5 s for the AP's bit in cpu_callin_mask
 *
 * (An AP answers within microseconds; the 5 s are for a QEMU host so
 * loaded that an AP's thread waits its turn: the TSC runs on meanwhile.)
 *
 * The delays are udelay()'s (arch/x86/lib/delay.c: the PIT-calibrated
 * TSC). Before the first AP, swapper_pg_dir gets a temporary identity
 * entry (entry 0 = the kernel entry that maps physical 0 up), because an
 * AP turns paging on while running at the trampoline's physical address;
 * with PAE the trampoline's page also loses its NX bit for the while.
 * Both are undone when the last AP has answered or timed out, and CPU 0's
 * TLB flushed. No user address space exists yet, so nothing else can see
 * the entry.
 *
 * Each AP's first C is start_secondary(), on the stack of the idle task
 * smp_init() made for it (fork_idle(): "swapper/N"): its own GDT, TSS and
 * %fs (cpu_init_gdt(): its per-CPU area), the IDT, fpu_init(); it sets
 * its bit in cpu_callin_mask and then waits for smp_commenced, which the
 * boot CPU sets once the identity entry is gone. Only then does the AP
 * flush its whole TLB (the trampoline page's global translation and the
 * identity entry with it), start its local APIC and timer
 * (setup_secondary_APIC()), set its online bit and enable interrupts in
 * the idle loop: from there the scheduler places tasks on it
 * (kernel/sched/core.c). The boot CPU waits, bounded, for every AP that
 * called in to come online, and prints one line per CPU.
 *
 * An AP that never sets its bit is sent INIT again (it stops wherever it
 * was, and cannot later run on another AP's stack), named in one line,
 * and left out.
 *
 * Where it differs from Linux: Linux 6.1 (arch/x86/kernel/smpboot.c)
 * uses the same INIT-SIPI-SIPI sequence (its udelay(10) between SIPIs
 * for integrated APICs; the MP spec's 200 us here), and its AP goes on
 * to start_secondary() as here; the boot CPU waits 10 s for it, and
 * Linux brings the CPUs up through the hot-plug state machine (cpuhp),
 * where here smp_init() does it in one loop. There is no CPU hot-plug, so a disabled MADT entry counts
 * for nothing ("0 hotplug CPUs" always). `maxcpus=N` here also shrinks
 * the possible CPUs ("Allowing N CPUs"); Linux keeps every CPU found
 * possible and only starts N. At the NR_CPUS limit the first entries of
 * the table are kept, the boot CPU's included only if it is among them
 * (Linux always keeps the boot CPU).
 */
#include <asm/apic.h>
#include <asm/percpu.h>
#include <asm/irq.h>
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/mpspec.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/tlbflush.h>
#include <kernel/cpumask.h>
#include <kernel/delay.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/mm.h>

#define AP_CALLIN_TIMEOUT_MS	5000

/* The trampoline blob and its fields (trampoline_32.asm). */
extern const char trampoline_start[], trampoline_end[], tr_pm[];
extern const char tr_gdt_desc[], tr_pm_jump[], tr_cr0[], tr_cr3[], tr_cr4[], tr_efer_nx[], tr_entry[];
extern const char secondary_startup_32[];

struct gdt_ptr {
	u16 limit;
	u32 base;
} __packed;

/* Read by secondary_startup_32, set before each start-up. */
struct gdt_ptr smpboot_gdt_desc;
unsigned long smpboot_stack, smpboot_cpu;
/* Bit n: CPU n has called in (set by the AP itself, with lock bts). */
volatile unsigned long cpu_callin_mask = 1;

u32 x86_cpu_to_apicid[NR_CPUS];		/* CPU number -> APIC ID; [0] the boot CPU */
static unsigned int nr_found;		/* CPUs with a usable APIC ID, boot CPU included */
static phys_addr_t trampoline_phys;

phys_addr_t smp_trampoline_page(void)
{
	return trampoline_phys;
}
static struct task_struct *idle_tasks[NR_CPUS];	/* each AP's: its stack is the AP's first */
static volatile int smp_commenced;	/* the boot CPU took the identity entry down */

static int max_cpus = -1;		/* -1: as many as found */

/* nosmp: start no other CPU (Linux's option: maxcpus=0). */
static int parse_nosmp(const char *val)
{
	if (val)
		return -1;
	max_cpus = 0;
	return 0;
}
__setup_help("nosmp", parse_nosmp, "no value: the bare word nosmp");

/* maxcpus=N: start at most N CPUs, the boot CPU included (0: as nosmp). */
static int parse_maxcpus(const char *val)
{
	char *end;
	unsigned long long n;

	if (!val || !*val)
		return -1;
	n = simple_strtoull(val, &end, 10);
	if (*end || n > 0xffff)
		return -1;
	max_cpus = (int)n;
	return 0;
}
__setup_help("maxcpus", parse_maxcpus, "a number of CPUs, such as 2 (0: as nosmp)");

/* The CPU numbers: the boot CPU's APIC ID first, then the others in table order. */
static void number_cpus(u32 boot_apicid)
{
	bool boot_listed = false;

	x86_cpu_to_apicid[0] = boot_apicid;
	nr_found = 1;
	for (unsigned int i = 0; i < smp_config.nr_lapics; i++) {
		u32 id = smp_config.lapic_ids[i];

		if (id == boot_apicid) {
			boot_listed = true;
			continue;
		}
		if (id > MAX_XAPIC_ID) {
			pr_warn("smpboot: APIC ID 0x%x needs x2APIC mode, which this kernel lacks: "
				"that CPU left out\n", id);
			continue;
		}
		if (nr_found < NR_CPUS)
			x86_cpu_to_apicid[nr_found++] = id;
	}
	if (!boot_listed && smp_config.nr_lapics) {
		pr_warn("smpboot: the boot CPU's APIC ID 0x%02x is not in the firmware's list "
			"(a firmware bug): trusting none of it, one CPU\n", boot_apicid);
		nr_found = 1;
	}
}

/* How many CPUs to allow, and why not all found. */
static unsigned int allowed_cpus(void)
{
	if (nr_found == 1)
		return 1;
	if (max_cpus == 0) {
		pr_info("smpboot: nosmp on the command line: %u other CPU(s) found, none started\n",
			nr_found - 1);
		return 1;
	}
	if (max_cpus > 0 && (unsigned int)max_cpus < nr_found) {
		pr_info("smpboot: maxcpus=%d on the command line: %u of the %u CPUs found are not "
			"started\n", max_cpus, nr_found - max_cpus, nr_found);
		return max_cpus;
	}
	return nr_found;
}

void smp_find_config(void)
{
	unsigned int possible;

	if (!acpi_boot_init()) {
		mp_config_reset();		/* a broken MADT may have been half read */
		if (!mptable_init()) {
			mp_config_reset();
			pr_info("smpboot: no ACPI MADT and no MP table: a uniprocessor machine, "
				"one CPU\n");
		}
	}
	if (lapic_init(smp_config.lapic_addr))
		nr_found = 1;			/* no APIC: no IPIs, nothing to start */
	else if (smp_config.source == SMP_CONFIG_NONE)
		nr_found = 1;
	else
		number_cpus(read_apic_id());

	possible = allowed_cpus();
	if (possible > 1) {
		/* below the EBDA; the STARTUP vector is 8 bits of page number */
		trampoline_phys = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE, 0x1000, 0x9f000);
		if (!trampoline_phys) {
			pr_warn("smpboot: no free page below 636 KiB for the AP trampoline: one CPU\n");
			possible = 1;
		}
	}
	if (possible > 1)
		pr_info("smpboot: AP trampoline at [mem %#010llx-%#010llx] (reserved)\n",
			(unsigned long long)trampoline_phys,
			(unsigned long long)trampoline_phys + PAGE_SIZE - 1);
	for (unsigned int cpu = 1; cpu < possible; cpu++)
		set_cpu_possible(cpu, true);
	pr_info("smpboot: Allowing %u CPUs, 0 hotplug CPUs\n", num_possible_cpus());
}

#define TR_FIELD(base, sym)	((u32 *)((base) + ((sym) - trampoline_start)))

/* Copy the trampoline and fill in what it needs to reach secondary_startup_32. */
static void setup_trampoline(void)
{
	u8 *base = __va(trampoline_phys);
	struct gdt_ptr gdt;

	__asm__ __volatile__("sgdt %0" : "=m"(gdt));
	smpboot_gdt_desc = gdt;
	memcpy(base, trampoline_start, trampoline_end - trampoline_start);
	*(u16 *)TR_FIELD(base, tr_gdt_desc) = gdt.limit;
	*(u32 *)((u8 *)TR_FIELD(base, tr_gdt_desc) + 2) = gdt.base - PAGE_OFFSET;
	*TR_FIELD(base, tr_pm_jump) = (u32)trampoline_phys + (u32)(tr_pm - trampoline_start);
	*TR_FIELD(base, tr_cr0) = (u32)read_cr0();
	*TR_FIELD(base, tr_cr3) = (u32)__pa(swapper_pg_dir);
	*TR_FIELD(base, tr_cr4) = (u32)read_cr4();
	*TR_FIELD(base, tr_efer_nx) = (__supported_pte_mask & _PAGE_NX) != 0;
	*TR_FIELD(base, tr_entry) = (u32)secondary_startup_32;
}

/* The bring-up's temporary mappings: identity entry 0, the trampoline executable. */
static struct {
	pgd_t pgd0;
	pte_t *pte;
	pte_t old_pte;
} bringup;

static void bringup_map(void)
{
	bringup.pgd0 = swapper_pg_dir[0];
	swapper_pg_dir[0] = swapper_pg_dir[pgd_index(PAGE_OFFSET)];	/* VA 0 -> PA 0 */
	bringup.pte = lookup_pte_k((unsigned long)__va(trampoline_phys));
	bringup.old_pte = *bringup.pte;
	if (pte_val(bringup.old_pte) & _PAGE_NX)
		set_pte_atomic(bringup.pte, __pte(pte_val(bringup.old_pte) & ~_PAGE_NX));
	__flush_tlb_all();
}

static void bringup_unmap(void)
{
	set_pte_atomic(bringup.pte, bringup.old_pte);
	swapper_pg_dir[0] = bringup.pgd0;
	__flush_tlb_all();
}

/* INIT-SIPI-SIPI to @cpu, then wait for its bit. Return: 0, or -1 (it did not call in). */
static int do_boot_cpu(unsigned int cpu)
{
	u32 apicid = x86_cpu_to_apicid[cpu];
	u32 vector = (u32)(trampoline_phys >> PAGE_SHIFT);

	smpboot_cpu = cpu;
	smpboot_stack = idle_tasks[cpu]->thread.sp0;	/* the top of its idle task's stack */
	__asm__ __volatile__("" ::: "memory");		/* both stored before the IPIs */

	apic_send_ipi(apicid, APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT);
	apic_send_ipi(apicid, APIC_INT_LEVELTRIG | APIC_DM_INIT);
	mdelay(10);
	for (int i = 0; i < 2; i++) {
		apic_send_ipi(apicid, APIC_DM_STARTUP | vector);
		udelay(200);
	}
	for (unsigned int ms = 0; ms < AP_CALLIN_TIMEOUT_MS; ms++) {
		for (unsigned int us = 0; us < 1000; us += 10) {
			if (cpu_callin_mask & (1UL << cpu))
				return 0;
			udelay(10);
		}
	}
	/* stop it where it is: it must not wake later on the next AP's stack */
	apic_send_ipi(apicid, APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT);
	return -1;
}

static unsigned int num_digits(unsigned int n)
{
	unsigned int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/*
 * An AP's first C, on its idle task's stack (trampoline_32.asm:
 * secondary_startup_32 pushed @cpu and called here), with the boot CPU's
 * GDT, interrupts off. It takes its own GDT, TSS and %fs, the IDT, says
 * it is up, waits until the boot CPU has taken the identity entry down,
 * flushes its whole TLB (the trampoline's global translation with it),
 * and becomes an idle task like CPU 0's.
 */
__noreturn void start_secondary(unsigned int cpu);
void start_secondary(unsigned int cpu)
{
	cpu_init_gdt(cpu);			/* %fs: this CPU's per-CPU area: current is swapper/cpu */
	load_idt();
	fpu_init();				/* CR0.TS set, this CPU's FPU owned by nobody */
	load_sp0(current->thread.sp0);
	__atomic_fetch_or(&cpu_callin_mask, 1UL << cpu, __ATOMIC_SEQ_CST);
	while (!READ_ONCE(smp_commenced))
		cpu_relax();
	__flush_tlb_all();			/* no identity entry, no trampoline translation */
	setup_secondary_APIC();
	set_cpu_online(cpu, true);
	local_irq_enable();
	cpu_idle_loop();
}

void smp_init(void)
{
	unsigned int possible = num_possible_cpus(), up = 1, width = num_digits(possible) + 1;
	unsigned long failed = 0;
	char line[8 + NR_CPUS * 8];
	int len;

	smp_ipi_init();		/* the IPI handlers (kernel/smp.c), before any CPU can send one */
	if (possible == 1)
		return;
	if (apic_intr_mode_init()) {	/* said why; the 8259As and the PIT stay */
		pr_info("smp: 8259A mode: the %u other CPU%s not started\n", possible - 1,
			possible == 2 ? " is" : "s are");
		return;
	}
	pr_info("smp: Bringing up secondary CPUs ...\n");
	for (unsigned int cpu = 1; cpu < possible; cpu++) {
		idle_tasks[cpu] = fork_idle(cpu);
		if (!idle_tasks[cpu])
			panic("smp_init: no memory for CPU %u's idle task", cpu);
		sched_init_secondary(cpu, idle_tasks[cpu]);
	}
	setup_trampoline();
	bringup_map();
	/* Linux's announce_cpu() layout: "#1" after room for the boot CPU's "#0" */
	len = snprintf(line, sizeof(line), "%*s", width + 1, "");
	for (unsigned int cpu = 1; cpu < possible; cpu++) {
		if (do_boot_cpu(cpu)) {
			failed |= 1UL << cpu;
			continue;
		}
		up++;
		len += snprintf(line + len, sizeof(line) - len, "%*s#%u",
				width - num_digits(cpu), "", cpu);
	}
	bringup_unmap();
	WRITE_ONCE(smp_commenced, 1);		/* the APs flush their TLBs and go online */
	for (unsigned int cpu = 1; cpu < possible; cpu++) {
		for (unsigned int us = 0; !(failed & (1UL << cpu)) && !cpu_online(cpu); us += 10) {
			if (us >= AP_CALLIN_TIMEOUT_MS * 1000) {
				pr_err("smpboot: CPU %u called in but did not come online within %u ms: "
				       "it is left out\n", cpu, AP_CALLIN_TIMEOUT_MS);
				failed |= 1UL << cpu;
				up--;
				break;
			}
			udelay(10);
		}
	}
	pr_info("x86: Booting SMP configuration:\n");
	if (up > 1)
		pr_info(".... node  #0, CPUs:  %s\n", line);
	for (unsigned int cpu = 1; cpu < possible; cpu++)
		if (failed & (1UL << cpu))
			pr_err("smpboot: CPU %u (APIC ID 0x%02x) did not call in within %u ms of "
			       "INIT-SIPI-SIPI: left out (sent INIT again)\n", cpu, x86_cpu_to_apicid[cpu],
			       AP_CALLIN_TIMEOUT_MS);
	pr_info("smp: Brought up 1 node, %u CPU%s\n", up, up == 1 ? "" : "s");
	for (unsigned int cpu = 1; cpu < possible; cpu++)
		if (cpu_online(cpu))
			pr_info("smpboot: CPU %u (APIC ID 0x%02x) online: idle task %s, GDT/TSS/%%fs "
				"its own\n", cpu, x86_cpu_to_apicid[cpu], idle_tasks[cpu]->comm);
}
