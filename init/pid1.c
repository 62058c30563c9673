// SPDX-License-Identifier: MIT
/*
 * How this works: pid 1, from kernel thread to /init and back.
 *
 * At the end of boot kernel_init (kernel/main.c) calls run_init_process():
 * like Linux's kernel_init() it opens /dev/console as fds 0, 1 and 2 and
 * execs /init (or the program rdinit= names; the words after `--` on the
 * command line are its arguments), becoming the first user process. It
 * returns only if that failed ("Failed to execute /init (error -2)").
 *
 * The run then ends when pid 1 exits: do_exit() calls user_init_exited()
 * once pid 1's address space and files are gone. Every other process is
 * killed and reaped, the zombies pid 1 never waited for are released, and
 * the free pages of every zone (per-CPU lists drained, every CPU's CPU
 * slabs flushed and the empty slabs given back) are compared with what they were just before /init started: each
 * page a process had, and each user page table, must be back. The
 * machine exits with success only if the boot and init both succeeded
 * and nothing leaked.
 *
 * Where it differs from Linux: Linux panics when init exits ("Attempted
 * to kill init!"), falls back to /sbin/init, /etc/init, /bin/init and
 * /bin/sh when /init cannot run, and frees the initramfs memory first;
 * here the end of init is the end of the run, with its status and a leak
 * check, which is what a test boot needs.
 */
#include <asm/pgtable.h>
#include <asm/reboot.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/initramfs.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sched/mm.h>
#include <kernel/signal.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/timer.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mmap.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include "../kernel/sched/sched.h"

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
static unsigned long baseline_slab_pages;		/* ... and the slab's share of the rest */
static unsigned long baseline_vmalloc_pgtables[MAX_NR_ZONES];	/* kept for good: not leaks */

/* on every CPU: its CPU slabs back to the lists, the empty slabs freed */
static void shrink_this_cpu(void *unused)
{
	(void)unused;
	kmem_cache_shrink_all();
}

/*
 * Every zone's free pages, with nothing held where only one CPU can give
 * it back: a CPU slab no other CPU may flush (mm/slab.c) holds its page
 * whether or not an object in it is in use, so each CPU flushes its own
 * (a slab frozen on one CPU's pass is freed on a later one; the last pass,
 * here, finds them all flushed). Pages on per-CPU lists count as free
 * already (mm/pcp.c); the drain only gives them back to the buddy lists.
 */
static void zone_free_now(unsigned long free[MAX_NR_ZONES])
{
	on_each_cpu(shrink_this_cpu, NULL, true);
	drain_all_pages();
	kmem_cache_shrink_all();
	for (int z = 0; z < MAX_NR_ZONES; z++)
		free[z] = contig_page_data.node_zones[z].free_pages;
}

int run_init_process(int failures)
{
	const char *path = ramdisk_execute_command;
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
	if (!*path)
		return 0;			/* rdinit=: no init */
	boot_failures = failures;
	argv[argc] = NULL;

	vm_unmap_aliases();			/* no lazily freed vmalloc range counted as in use */
	zone_free_now(user_baseline);		/* pid 1's console files are counted after */
	baseline_slab_pages = nr_slab_pages();
	memcpy(baseline_vmalloc_pgtables, vmalloc_pgtables, sizeof(vmalloc_pgtables));
	current->files = files_alloc_console();
	if (!current->files) {
		pr_err("Failed to open /dev/console for %s: out of memory\n", path);
		return -ENOMEM;
	}
	child_reaper = current;
	pr_info("Run %s as init process\n", path);
	err = kernel_execve(path, argv, envp);
	child_reaper = NULL;
	put_files_struct(current->files);
	current->files = NULL;
	pr_err("Failed to execute %s (error %d)\n", path, err);
	return err;
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

/* Kill every process but pid 1 and wait (a bounded while) for them to be gone. */
static int kill_all_processes(void)
{
	int left = 0;

	for (int tries = 0; tries < 200; tries++) {
		struct task_struct *p;
		unsigned long flags;

		left = 0;
		spin_lock_irqsave(&tasklist_lock, flags);
		/*
		 * Every process counts until it is off task_list: a zombie, or a
		 * task that has exited but not yet made its last switch, still has
		 * its stack (release_task_stack() frees it at that switch).
		 */
		list_for_each_entry(p, &task_list, tasks) {
			if (p == current || is_idle_task(p) || (p->flags & PF_KTHREAD))
				continue;
			left++;
			/* under the lock: a woken task cannot free itself mid-walk */
			if (p->mm && !(p->pending & (1UL << SIGKILL)))
				send_sig_kill(p);
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);
		reap_orphans();			/* zombies given to pid 1 */
		if (!left)
			break;
		schedule_timeout_uninterruptible(1);
	}
	return left;
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
	vm_unmap_aliases();	/* lazily freed vmalloc ranges hold a vm_struct each: purge */
	zone_free_now(now);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &contig_page_data.node_zones[z];

		/* a vmalloc page table made during the run stays (mm/vmalloc.c): in use, not leaked */
		now[z] += vmalloc_pgtables[z] - baseline_vmalloc_pgtables[z];

		if (!zone->spanned_pages || now[z] == user_baseline[z])
			continue;
		pr_err("user: zone %s has %ld %s free pages than before /init: %s\n", zone->name,
		       (long)(now[z] > user_baseline[z] ? now[z] - user_baseline[z]
							 : user_baseline[z] - now[z]),
		       now[z] > user_baseline[z] ? "more" : "fewer",
		       now[z] > user_baseline[z] ? "freed twice?" : "leaked");
		failures++;
	}
	if (failures != boot_failures + (status != 0) && !left)
		/* where to look: the slab (an object not freed) or elsewhere */
		pr_err("user: slab pages %lu (before /init %lu), user page tables %lu, tasks %d, "
		       "mms %d\n", nr_slab_pages(), baseline_slab_pages, nr_pagetable_pages,
		       nr_threads, nr_mms);
	if (failures != boot_failures + (status != 0) && !left)
		show_vmalloc_sync();		/* a new kernel page table is one page too */
	if (failures == boot_failures + (status != 0))
		pr_info("user: every page back: free pages per zone as before /init\n");
	kmap_stats_show();
	pr_notice("Fenestra: run complete%s\n", failures ? " (with failures)" : "");
	machine_exit(failures ? KERNEL_EXIT_FAILURE : KERNEL_EXIT_SUCCESS);
}

