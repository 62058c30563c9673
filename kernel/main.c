// SPDX-License-Identifier: MIT
/*
 * start_kernel(): the table of contents of boot. Each line is one step;
 * the comment says what it leaves behind. Boot runs in init_task (pid 0)
 * until the scheduler works; then rest_init() starts pid 1, kernel_init,
 * which does the rest, and pid 0 becomes the idle task, as in Linux.
 *
 * With an initramfs, kernel_init ends as Linux's does: it becomes the
 * first user process, /init (init/pid1.c says how, and how the run ends
 * when it exits). Without one the run ends at kernel_init's last line.
 */
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/i8253.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/reboot.h>
#include <asm/serial.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <kernel/bench.h>
#include <kernel/demos.h>
#include <kernel/initramfs.h>
#include <kernel/interrupt.h>
#include <kernel/keyboard.h>
#include <kernel/kthread.h>
#include <kernel/might_sleep.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/version.h>
#include <kernel/vgacon.h>
#include <mm/highmem.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/vmstat.h>
#include <mm/mmzone.h>

__noreturn void start_kernel(u32 magic, u32 mbi_phys);

static void print_banner(void)
{
	pr_notice("Fenestra version %s (%s) %s\n", FENESTRA_VERSION, FENESTRA_COMPILER,
		  IS_ENABLED(CONFIG_X86_PAE) ? "32-bit i386, PAE, VMSPLIT_" CONFIG_VMSPLIT_STR
				    : "32-bit i386, non-PAE, VMSPLIT_" CONFIG_VMSPLIT_STR);
}

/* pid 1: the end of boot, with the scheduler running (and idle beside it). */
static int kernel_init(void *unused)
{
	int failures = 0;

	system_state = SYSTEM_RUNNING;		/* might_sleep() checks from here on */
	smp_init();				/* the other CPUs: started, each idle on its run queue */

	/* highmem: end-of-boot layout and statistics prints */
	mem_layout_init();			/* virtual layout checked and printed */
	show_meminfo();				/* MemTotal, HighTotal, LowFree, ... */
	show_zoneinfo();			/* per zone: free, watermarks, spans */
	show_buddyinfo();			/* free blocks per order per zone */
	initramfs_init();			/* the cpio archive, if the boot loader gave one */

	/* end-of-boot demonstrations, each only if asked for and built in */
	failures = run_boot_demos();		/* tour, ktest=, crash=, bench */
	show_vmalloc_sync();			/* kernel PDE sync counts; all mms checked */
	kmap_stats_show();			/* highmem: kmap counters, slots in use */
	show_interrupts();			/* per IRQ: count, chip, name; spurious */

	if (report_state.unexpected) {
		pr_err("Fenestra: %lu unexpected BUG report(s) during boot\n",
		       report_state.unexpected);
		failures++;
	}
	pr_notice("Fenestra: boot complete%s\n", failures ? " (with failures)" : "");
	if (initramfs_count() && run_init_process(failures))
		failures++;			/* /init could not be started */
	machine_exit(failures ? KERNEL_EXIT_FAILURE : KERNEL_EXIT_SUCCESS);
}

/* Start pid 1, then be the idle task. */
static __noreturn void rest_init(void)
{
	/* before pid 1 can run (its wake-up may preempt us): it sets RUNNING */
	system_state = SYSTEM_SCHEDULING;
	if (!kthread_run(kernel_init, NULL, "kernel_init"))
		panic("rest_init: cannot start kernel_init (pid 1): out of memory");
	schedule();				/* pid 1 runs; pid 0 runs when nothing else can */
	cpu_idle_loop();
}

void start_kernel(u32 magic, u32 mbi_phys)
{
	setup_per_cpu_areas();			/* every CPU's copy of the per-CPU variables */
	gdt_init();				/* flat segments; %fs: CPU 0's per-CPU area */
	serial_init();				/* COM1: printk works from here */
	cpu_detect();				/* CPUID: TSC? PSE? PAE? */
	time_init();				/* printk timestamps */
	print_banner();
	fpu_init();				/* CR0.TS: the FPU follows user tasks lazily */
	idt_init();				/* exceptions are reported, not triple faults */
	setup_boot_params(magic, mbi_phys);	/* multiboot info copied, command line parsed */
	pr_info("Command line: %s\n", boot_command_line);
	console_init();				/* console=: COM1, the VGA screen or both */
	setup_memory();				/* e820 map, memblock, lowmem/highmem split */
	paging_init();				/* direct map of lowmem; identity map gone */
	smp_find_config();			/* MADT or MP table, local APIC: CPUs allowed */
	free_area_init();			/* zones and mem_map */
	mem_init();				/* free memory handed to the buddy allocator */
	bench_boot_mark(BENCH_MARK_BUDDY_READY);	/* `bench=boot`: a TSC reading; no-op without BENCH */
	build_all_zonelists();			/* fallback order printed */
	setup_per_zone_wmarks();		/* min/low/high per zone */
	/* slab: kmem_cache_init() */
	kmem_cache_init();			/* kmalloc() and kmem_cache_create() work */
	/* highmem: fixmap, pkmap and vmalloc init */
	kmap_init();				/* pkmap pool and kmap_local slots ready */
	vmalloc_init();				/* vmalloc area empty, page tables on demand */

	/* tasks: init_task is pid 0 on this CPU's run queue */
	sched_init();				/* run queue; init_task will be the idle task */
	fork_init();				/* task_list: ps and fen-ps see pid 0 */

	/* interrupts and time */
	init_IRQ();				/* 8259As at vectors 0x20-0x2f, all lines masked */
	setup_pit_timer();			/* IRQ 0 at HZ: the clocksource/timer line */
	serial_rx_init();			/* IRQ 4: COM1 input to the console tty */
	i8042_init();				/* IRQ 1: PS/2 keyboard into the console tty */
	local_irq_enable();			/* sti: the tick starts */

	rest_init();				/* pid 1 does the rest; pid 0 idles */
}
