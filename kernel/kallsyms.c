// SPDX-License-Identifier: MIT
/*
 * Function names for backtraces.
 *
 * The kernel is linked twice. The first link has an empty symbol table;
 * tools/kallsyms.sh reads its text symbols (nm -n) and writes a table of
 * sorted addresses and names into the .kallsyms section, which the second
 * link puts after .data: text addresses are the same in both links, so
 * the table is right for the final image.
 */
#include <asm/sections.h>
#include <kernel/kallsyms.h>
#include <kernel/sched.h>
#include <kernel/printk.h>

extern const u32 kallsyms_num;
extern const u32 kallsyms_addresses[];
extern const u32 kallsyms_name_offsets[];
extern const char kallsyms_names[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	u32 lo = 0, hi = kallsyms_num;

	if (addr < (unsigned long)_text || addr >= (unsigned long)_etext || !hi)
		return NULL;
	/* The last symbol whose address is <= addr. */
	while (hi - lo > 1) {
		u32 mid = (lo + hi) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (kallsyms_addresses[lo] > addr)
		return NULL;
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	if (size)
		*size = (lo + 1 < kallsyms_num ? kallsyms_addresses[lo + 1]
			 : (unsigned long)_etext) - kallsyms_addresses[lo];
	return kallsyms_names + kallsyms_name_offsets[lo];
}

static void print_address(unsigned long addr)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(addr, &off, &size);

	if (name)
		printk(KERN_EMERG " [<%08lx>] %s+0x%lx/0x%lx\n", addr, name, off, size);
	else
		printk(KERN_EMERG " [<%08lx>] ?\n", addr);
}

/*
 * Walk the frame-pointer chain of @p's kernel stack from @ebp. Each frame
 * is [ebp] = the caller's ebp, [ebp + 4] = the return address; the walk
 * stays inside the task's THREAD_SIZE stack (an interrupt's frame is on
 * the same stack, so a trace from a handler continues into the code it
 * interrupted), and ends at the 0 that head.asm or copy_thread() put at
 * the bottom of the chain.
 */
unsigned int stack_trace_save_ebp(const struct task_struct *p, unsigned long ebp,
				  unsigned long *store, unsigned int size)
{
	unsigned long lo = (unsigned long)p->stack, hi = lo + THREAD_SIZE;
	unsigned int n = 0;

	while (ebp && !(ebp & 3) && ebp >= lo && ebp + 8 <= hi && n < size) {
		store[n++] = ((unsigned long *)ebp)[1];
		ebp = ((unsigned long *)ebp)[0];
	}
	return n;
}

unsigned int stack_trace_save_tsk(const struct task_struct *p, unsigned long *store,
				  unsigned int size)
{
	unsigned long ebp, sp = p->thread.sp, base = (unsigned long)p->stack;

	if (p == current) {
		ebp = (unsigned long)__builtin_frame_address(0);
	} else {
		/* not yet given a first frame, or reaped: no stack to read */
		if (!base || sp < base || sp > base + THREAD_SIZE - 5 * sizeof(long))
			return 0;
		ebp = ((unsigned long *)sp)[3];		/* the ebp __switch_to_asm saved */
	}
	return stack_trace_save_ebp(p, ebp, store, size);
}

void dump_stack_task(const struct task_struct *p, unsigned long ebp)
{
	unsigned long trace[32];
	unsigned int n = stack_trace_save_ebp(p, ebp, trace, ARRAY_SIZE(trace));

	printk(KERN_EMERG "CPU: %d PID: %d Comm: %s\n", smp_processor_id(), p->pid, p->comm);
	printk(KERN_EMERG "Call Trace:\n");
	for (unsigned int i = 0; i < n; i++)
		print_address(trace[i]);
}

void show_stack_task(const struct task_struct *p)
{
	unsigned long trace[32];
	unsigned int n;

	if (p == current) {
		dump_stack();
		return;
	}
	n = stack_trace_save_tsk(p, trace, ARRAY_SIZE(trace));
	printk(KERN_EMERG "Call Trace:%s\n",
	       n ? "" : " (none: the task has no first frame yet, or no stack)");
	for (unsigned int i = 0; i < n; i++)
		print_address(trace[i]);
}

void dump_stack_from(unsigned long ebp)
{
	dump_stack_task(current, ebp);
}

void dump_stack(void)
{
	dump_stack_from((unsigned long)__builtin_frame_address(0));
}
