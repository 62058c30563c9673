// SPDX-License-Identifier: MIT
/*
 * start_kernel(): the table of contents of boot. Each line is one step;
 * the comment says what it leaves behind. Boot runs in init_task (pid 0)
 * until the scheduler works; then rest_init() starts pid 1, kernel_init,
 * which does the rest, and pid 0 becomes the idle task, as in Linux.
 *
 * With an initramfs, kernel_init ends as Linux's does: it opens
 * /dev/console as fds 0, 1 and 2 and execs /init (or the program named
 * by rdinit=), becoming the first user process. Until then the run ends
 * at kernel_init's last line; with a user space it ends when pid 1
 * exits (user_init_exited()): every other process is killed and reaped,
 * the free pages of every zone are compared with what they were just
 * before /init started (each page a process had, and each user page
 * table, must be back), and the machine exits with success only if the
 * boot and init both succeeded.
 */
#include <asm/desc.h>
#include <asm/i8253.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/reboot.h>
#include <asm/serial.h>
#include <asm/setup.h>
#include <kernel/bench.h>
#include <kernel/demos.h>
#include <kernel/fs.h>
#include <kernel/initramfs.h>
#include <kernel/interrupt.h>
#include <kernel/kthread.h>
#include <kernel/might_sleep.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/report.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/timer.h>
#include <kernel/version.h>
#include <mm/highmem.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/vmstat.h>
#include <mm/mmzone.h>
#include <mm/gfp.h>
#include "sched/sched.h"

__noreturn void start_kernel(u32 magic, u32 mbi_phys);

static void print_banner(void)
{
	pr_notice("Fenestra version %s (%s) %s\n", FENESTRA_VERSION, FENESTRA_COMPILER,
		  IS_ENABLED(CONFIG_X86_PAE) ? "32-bit i386, PAE, VMSPLIT_" CONFIG_VMSPLIT_STR
				    : "32-bit i386, non-PAE, VMSPLIT_" CONFIG_VMSPLIT_STR);
}

/* rdinit=PATH: the program pid 1 runs from the initramfs (Linux's option); "" none. */
static const char *ramdisk_execute_command = "/init";

static int parse_rdinit(const char *val)
{
	static char path[256];

	if (!val || (*val && *val != '/') || strlen(val) >= sizeof(path))
		return -1;
	strlcpy(path, val, sizeof(path));	/* @val does not outlive the parse */
	ramdisk_execute_command = path;
	return 0;
}
__setup_help("rdinit", parse_rdinit, "rdinit=/PATH: the initramfs program run as pid 1 "
	     "(default /init); rdinit= runs none");

#define MAX_INIT_ARGS	32		/* Linux's */

static int boot_failures;			/* kernel_init's, for user_init_exited() */
static unsigned long user_baseline[MAX_NR_ZONES];	/* free pages just before /init */

static void zone_free_now(unsigned long free[MAX_NR_ZONES])
{
	drain_all_pages();
	kmem_cache_shrink_all();
	for (int z = 0; z < MAX_NR_ZONES; z++)
		free[z] = contig_page_data.node_zones[z].free_pages;
}

/*
 * Become the first user process, as Linux's kernel_init() does; returns
 * only if the program could not be started.
 */
static void run_init_process(const char *path)
{
	static const char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	static char args[COMMAND_LINE_SIZE];
	const char *argv[MAX_INIT_ARGS + 2] = { path };
	int argc = 1, err;

	/* the words after `--` on the command line (Linux's argv_init) */
	if (init_args_offset) {
		char *p = args;

		strlcpy(args, boot_command_line + init_args_offset, sizeof(args));
		while (*p && argc <= MAX_INIT_ARGS) {
			while (*p == ' ')
				*p++ = '\0';
			if (!*p)
				break;
			argv[argc++] = p;
			while (*p && *p != ' ')
				p++;
		}
		if (*p)
			pr_warn("init: more than %d arguments after --; the rest are dropped\n",
				MAX_INIT_ARGS);
	}
	argv[argc] = NULL;

	zone_free_now(user_baseline);		/* pid 1's console files are counted after */
	current->files = files_alloc_console();
	if (!current->files) {
		pr_err("Failed to open /dev/console for %s: out of memory\n", path);
		return;
	}
	child_reaper = current;
	pr_info("Run %s as init process\n", path);
	err = kernel_execve(path, argv, envp);
	child_reaper = NULL;
	put_files_struct(current->files);
	current->files = NULL;
	pr_err("Failed to execute %s (error %d)\n", path, err);
}

/* Kill every process but pid 1 and wait (a bounded while) for them to be gone. */
static int kill_all_processes(void)
{
	int left = 0;

	for (int tries = 0; tries < 200; tries++) {
		struct task_struct *p;
		unsigned long flags;

		left = 0;
		spin_lock_irqsave(&tasklist_lock, flags);
		list_for_each_entry(p, &task_list, tasks)
			if (p != current && (p->mm || (p->exit_state == 0 && p->parent))) {
				left++;
				if (!(p->pending & (1UL << SIGKILL))) {
					p->pending |= 1UL << SIGKILL;
					p->tif |= 1UL << TIF_SIGPENDING;
				}
			}
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (!left)
			break;
		list_for_each_entry(p, &task_list, tasks)
			if (p->pending & (1UL << SIGKILL))
				wake_up_state(p, TASK_INTERRUPTIBLE);
		schedule_timeout_uninterruptible(1);
	}
	return left;
}

/* The zombies pid 1 never waited for (its own, and the orphans it was given). */
static void reap_orphans(void)
{
	struct task_struct *c, *n;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry_safe(c, n, &current->children, sibling)
		if (c->exit_state == EXIT_ZOMBIE) {
			list_del_init(&c->sibling);
			c->exit_state = EXIT_DEAD;
			put_task_struct(c);
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void user_init_exited(int status)
{
	unsigned long now[MAX_NR_ZONES];
	int failures = boot_failures, left;

	if (status & 0x7f)
		pr_notice("Fenestra: init (pid 1) was killed by signal %d\n", status & 0x7f);
	else
		pr_notice("Fenestra: init (pid 1) exited with status %d\n", (status >> 8) & 0xff);
	if (status)
		failures++;
	left = kill_all_processes();
	reap_orphans();
	if (left) {
		pr_err("user: %d process(es) still alive after init exited and SIGKILL\n", left);
		failures++;
	}
	zone_free_now(now);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &contig_page_data.node_zones[z];

		if (!zone->spanned_pages || now[z] == user_baseline[z])
			continue;
		pr_err("user: zone %s has %ld %s free pages than before /init: %s\n", zone->name,
		       (long)(now[z] > user_baseline[z] ? now[z] - user_baseline[z]
							 : user_baseline[z] - now[z]),
		       now[z] > user_baseline[z] ? "more" : "fewer",
		       now[z] > user_baseline[z] ? "freed twice?" : "leaked");
		failures++;
	}
	if (failures == boot_failures + (status != 0))
		pr_info("user: every page back: free pages per zone as before /init\n");
	kmap_stats_show();
	pr_notice("Fenestra: run complete%s\n", failures ? " (with failures)" : "");
	machine_exit(failures ? KERNEL_EXIT_FAILURE : KERNEL_EXIT_SUCCESS);
}

/* pid 1: the end of boot, with the scheduler running (and idle beside it). */
static int kernel_init(void *unused)
{
	int failures = 0;

	system_state = SYSTEM_RUNNING;		/* might_sleep() checks from here on */

	/* highmem: end-of-boot layout and statistics prints */
	mem_layout_init();			/* virtual layout checked and printed */
	show_meminfo();				/* MemTotal, HighTotal, LowFree, ... */
	show_zoneinfo();			/* per zone: free, watermarks, spans */
	show_buddyinfo();			/* free blocks per order per zone */
	initramfs_init();			/* the cpio archive, if the boot loader gave one */

	/* end-of-boot demonstrations, each only if asked for and built in */
	failures = run_boot_demos();		/* tour, ktest=, crash=, bench */
	kmap_stats_show();			/* highmem: kmap counters, slots in use */
	show_interrupts();			/* per IRQ: count, chip, name; spurious */

	if (report_state.unexpected) {
		pr_err("Fenestra: %lu unexpected BUG report(s) during boot\n",
		       report_state.unexpected);
		failures++;
	}
	pr_notice("Fenestra: boot complete%s\n", failures ? " (with failures)" : "");
	if (initramfs_count() && *ramdisk_execute_command) {
		boot_failures = failures;
		run_init_process(ramdisk_execute_command);
		failures++;			/* it could not be started */
	}
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
	serial_init();				/* COM1: printk works from here */
	cpu_detect();				/* CPUID: TSC? PSE? PAE? */
	time_init();				/* printk timestamps */
	print_banner();
	gdt_init();				/* flat segments */
	idt_init();				/* exceptions are reported, not triple faults */
	setup_boot_params(magic, mbi_phys);	/* multiboot info copied, command line parsed */
	pr_info("Command line: %s\n", boot_command_line);
	setup_memory();				/* e820 map, memblock, lowmem/highmem split */
	paging_init();				/* direct map of lowmem; identity map gone */
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
	serial_rx_init();			/* IRQ 4: COM1 input into a ring */
	local_irq_enable();			/* sti: the tick starts */

	rest_init();				/* pid 1 does the rest; pid 0 idles */
}
