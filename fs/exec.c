// SPDX-License-Identifier: MIT
/*
 * How this works: execve(), replacing a process's program.
 *
 * Three phases, as in Linux's fs/exec.c:
 *
 *   1. gather    the path and every argv and envp string are copied
 *                into one kernel buffer (the old address space is about
 *                to go), with -EFAULT for a bad pointer and -E2BIG past
 *                ARG_MAX_BYTES; the file is looked up in the initramfs
 *                (-ENOENT, -EACCES for a directory) and its ELF headers
 *                checked (-ENOEXEC).
 *   2. build     a new mm (mm_alloc: its own page directory, the kernel
 *                half shared) gets the program's VMAs (fs/binfmt_elf.c)
 *                and an empty stack VMA under STACK_TOP. Nothing is
 *                touched yet: until here a failure returns to the old
 *                program with its errno.
 *   3. commit    the point of no return: current switches to the new mm
 *                (switch_mm) and drops the old one (mmput: the last user
 *                frees it), takes the program's name, and writes the
 *                initial stack through copy_to_user(), which faults the
 *                first stack page in like any other user write:
 *
 *        STACK_TOP  +----------------------------+
 *                   | "/bin/prog\0" (AT_EXECFN)  |
 *                   | 16 bytes (AT_RANDOM)       |
 *                   | argv strings, envp strings |
 *                   | (16-byte aligned below)    |
 *                   | auxv: PHDR PHENT PHNUM     |
 *                   |   PAGESZ ENTRY UID EUID GID|
 *                   |   EGID HWCAP CLKTCK SECURE |
 *                   |   RANDOM EXECFN NULL       |
 *                   | envp[] ... NULL            |
 *                   | argv[] ... NULL            |
 *        %esp ----> | argc                       |
 *                   +----------------------------+
 *
 *                A failure here (no memory for the first stack page)
 *                can no longer be returned: the process dies of SIGSEGV,
 *                as Linux's does. The entry frame is then rewritten to
 *                start the program: %eip = e_entry, %esp as above, the
 *                user segments, IF set, every other register 0.
 *
 * Pid 1 starts the same way from a kernel thread: kernel_execve() takes
 * kernel strings, and after the commit leaves through ret_to_user()
 * (entry.asm) into ring 3 for the first time.
 *
 * Where it differs from Linux: Linux reads the file through the page
 * cache, supports #! scripts and several binary formats, honours
 * close-on-exec, resets signal handlers, and gathers the strings straight
 * onto the new stack (copy_strings into the new mm's pages); here the
 * strings take a bounce buffer and only static ELF runs.
 */
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/mmu_context.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/switch_to.h>
#include <kernel/atomic.h>
#include <kernel/bug.h>
#include <kernel/err.h>
#include <kernel/errno.h>
#include <kernel/initramfs.h>
#include <kernel/printk.h>
#include <kernel/config.h>
#include <kernel/jiffies.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/sched/mm.h>
#include <kernel/sched/task.h>
#include <kernel/signal.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/slab.h>
#include "exec.h"

#ifndef PATH_MAX
#define PATH_MAX		4096
#endif
#define ARG_MAX_ORDER		3			/* a 32 KiB bounce buffer */
#define ARG_MAX_BYTES		(PAGE_SIZE << ARG_MAX_ORDER)
#define MAX_ARG_STRINGS		1024
#define STACK_INIT_SIZE		(128UL << 10)		/* the stack VMA at exec: 128 KiB, growing */

/* auxv types: Linux's values (include/uapi/linux/auxvec.h) */
#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_EXECFN	31
#define NR_AUXV		15		/* the pairs create_elf_tables() writes, AT_NULL included */

/* Append one string to the bounce buffer; -E2BIG when full. */
static int push_string(struct linux_binprm *bprm, const char *s, long len)
{
	if (len + 1 > (long)(bprm->strings_size - bprm->strings_len))
		return -E2BIG;
	memcpy(bprm->strings + bprm->strings_len, s, len);
	bprm->strings[bprm->strings_len + len] = '\0';
	bprm->strings_len += len + 1;
	return 0;
}

/* Copy a user argv or envp (NULL-terminated array of user strings). */
static int copy_user_strings(struct linux_binprm *bprm, const char __user *const __user *v,
			     int *count)
{
	*count = 0;
	if (!v)
		return 0;			/* Linux accepts a NULL argv/envp as empty */
	for (;;) {
		const char __user *s;
		long room, n;

		if (get_user(s, v + *count))
			return -EFAULT;
		if (!s)
			return 0;
		if (*count >= MAX_ARG_STRINGS)
			return -E2BIG;
		room = bprm->strings_size - bprm->strings_len;
		n = strncpy_from_user(bprm->strings + bprm->strings_len, s, room);
		if (n < 0)
			return n;
		if (n >= room)
			return -E2BIG;
		bprm->strings_len += n + 1;
		(*count)++;
	}
}

static int copy_kernel_strings(struct linux_binprm *bprm, const char *const *v, int *count)
{
	int err;

	for (*count = 0; v && v[*count]; (*count)++) {
		err = push_string(bprm, v[*count], strlen(v[*count]));
		if (err)
			return err;
	}
	return 0;
}

/* The basename of @path, as comm (Linux's __set_task_comm(kbasename())). */
static void set_comm(const char *path)
{
	const char *base = path, *p;

	for (p = path; *p; p++)
		if (*p == '/' && p[1])
			base = p + 1;
	strlcpy(current->comm, base, sizeof(current->comm));
}

/* Phase 3: leave the old mm for @mm. */
static void exec_mmap(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old = tsk->mm, *active = tsk->active_mm;

	task_lock(tsk);			/* get_task_mm() on another CPU sees old or new */
	tsk->mm = mm;
	tsk->active_mm = mm;
	switch_mm(active, mm, tsk);	/* preemption off: task_lock() is a spinlock */
	task_unlock(tsk);
	if (old)
		mmput(old);
	else if (active != &init_mm)
		mmdrop(active);			/* a kthread_use_mm() reference */
}

/* Linux's AT_HWCAP on i386: CPUID leaf 1's EDX (0 without CPUID). */
static u32 cpuid_edx_1(void)
{
	u32 a = 1, b, c, d = 0;

	if (boot_cpu_data.has_cpuid)
		__asm__ __volatile__("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return d;
}

/*
 * AT_RANDOM's 16 bytes. Not secret: seeded from the clock and the pid,
 * so a run under -icount is reproducible (Linux takes them from its CRNG).
 */
static void exec_random_bytes(u32 out[4])
{
	struct rnd_state st;

	prandom_seed_state(&st, (u32)jiffies * 2654435761u ^ (u32)current->pid);
	for (int i = 0; i < 4; i++)
		out[i] = prandom_u32_state(&st);
}

/* Write argc, argv, envp, auxv and the strings under STACK_TOP; 0 or -EFAULT. */
static int create_elf_tables(struct linux_binprm *bprm, unsigned long *spp)
{
	struct mm_struct *mm = bprm->mm;
	unsigned long fnlen = strlen(bprm->filename) + 1;
	unsigned long execfn = STACK_TOP - fnlen;
	unsigned long random = ALIGN_DOWN(execfn - 16, 4);	/* AT_RANDOM's 16 bytes */
	unsigned long strs = random - bprm->strings_len;
	unsigned long nwords = 1 + bprm->argc + 1 + bprm->envc + 1 + 2 * NR_AUXV;
	u32 rnd[4];
	unsigned long sp = ALIGN_DOWN(strs - nwords * 4, 16);
	u32 *tab, *w;
	unsigned long s = strs;
	int err = 0;

	exec_random_bytes(rnd);
	if (copy_to_user((void __user *)execfn, bprm->filename, fnlen) ||
	    copy_to_user((void __user *)random, rnd, sizeof(rnd)) ||
	    copy_to_user((void __user *)strs, bprm->strings, bprm->strings_len))
		return -EFAULT;
	tab = kmalloc(nwords * 4, GFP_KERNEL);
	if (!tab)
		return -ENOMEM;
	w = tab;
	*w++ = bprm->argc;
	mm->arg_start = s;
	for (int i = 0; i < bprm->argc + bprm->envc; i++) {
		if (i == bprm->argc) {
			*w++ = 0;		/* argv's NULL */
			mm->arg_end = mm->env_start = s;
		}
		*w++ = s;
		s += strlen(bprm->strings + (s - strs)) + 1;
	}
	if (!bprm->envc) {
		*w++ = 0;
		mm->arg_end = mm->env_start = s;
	}
	*w++ = 0;			/* envp's NULL */
	mm->env_end = s;
	*w++ = AT_PHDR;   *w++ = bprm->phdr_addr;
	*w++ = AT_PHENT;  *w++ = 32;
	*w++ = AT_PHNUM;  *w++ = bprm->phnum;
	*w++ = AT_PAGESZ; *w++ = PAGE_SIZE;
	*w++ = AT_ENTRY;  *w++ = bprm->entry;
	*w++ = AT_UID;    *w++ = 0;
	*w++ = AT_EUID;   *w++ = 0;
	*w++ = AT_GID;    *w++ = 0;
	*w++ = AT_EGID;   *w++ = 0;
	*w++ = AT_HWCAP;  *w++ = cpuid_edx_1();
	*w++ = AT_CLKTCK; *w++ = HZ;
	*w++ = AT_SECURE; *w++ = 0;
	*w++ = AT_RANDOM; *w++ = random;
	*w++ = AT_EXECFN; *w++ = execfn;
	*w++ = AT_NULL;   *w++ = 0;
	BUG_ON(w - tab != (long)nwords);	/* the table is exactly what sp left room for */
	if (copy_to_user((void __user *)sp, tab, (w - tab) * 4))
		err = -EFAULT;
	kfree(tab);
	mm->start_stack = sp;
	*spp = sp;
	return err;
}

/* Execs so far, for the tests. */
unsigned long total_execs;

/*
 * The common path of execve() and kernel_execve(): @bprm has the file
 * name, the strings and the file. Return: 0 with current running the new
 * program's image (its entry frame set up), or -errno with the old one intact.
 */
static int bprm_execve(struct linux_binprm *bprm)
{
	struct pt_regs *regs = current_pt_regs();
	struct mm_struct *mm;
	unsigned long r, sp;
	int err;

	err = elf_check(bprm);
	if (err)
		return err;
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	bprm->mm = mm;
	mm->mmap_base = STACK_TOP - max(STACK_RLIMIT + STACK_GUARD_GAP, 128UL << 20);
	err = elf_map(bprm);
	if (!err) {
		r = mmap_region(mm, STACK_TOP - STACK_INIT_SIZE, STACK_INIT_SIZE,
				VM_READ | VM_WRITE | VM_GROWSDOWN, NULL, 0, true);
		if (IS_ERR_VALUE(r))
			err = (long)r;
	}
	if (err) {
		mmput(mm);
		return err;
	}

	/* the point of no return */
	exec_mmap(mm);
	fpu_drop(current);			/* the new program starts with a fresh FPU */
	set_comm(bprm->filename);
	current->flags &= ~PF_KTHREAD;
	current->kthread = NULL;
	counter_inc_atomic(&total_execs);	/* execs on every CPU */
	for (unsigned int i = 0; i < bprm->nr_bss_zero; i++)
		if (clear_user((void __user *)bprm->bss_zero[i], bprm->bss_zero_len[i]))
			goto fatal;
	if (create_elf_tables(bprm, &sp))
		goto fatal;
	memset(regs, 0, sizeof(*regs));
	regs->cs = __USER_CS;
	regs->ds = regs->es = regs->fs = regs->ss = __USER_DS;
	regs->eflags = X86_EFLAGS_IF | 0x2;
	regs->eip = bprm->entry;
	regs->sp = sp;
	regs->vector = IA32_SYSCALL_VECTOR;
	return 0;

fatal:
	pr_err("exec: %s[%d]: no memory to set up the new program's stack; killed\n",
	       current->comm, current->pid);
	send_sig_kill(current);
	return 0;
}

/* The first phase's lookup: -ENOENT, -EACCES for a directory. */
static int bprm_open(struct linux_binprm *bprm)
{
	bprm->file = initramfs_lookup(bprm->filename);
	if (!bprm->file)
		return -ENOENT;
	if (!S_ISREG(bprm->file->mode))
		return -EACCES;
	return 0;
}

static int bprm_alloc(struct linux_binprm *bprm)
{
	memset(bprm, 0, sizeof(*bprm));
	bprm->strings = (char *)__get_free_pages(GFP_KERNEL, ARG_MAX_ORDER);
	if (!bprm->strings)
		return -ENOMEM;
	bprm->strings_size = ARG_MAX_BYTES;
	return 0;
}

long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	struct linux_binprm bprm;
	char *path;
	long n;
	int err;

	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	n = strncpy_from_user(path, filename, PATH_MAX);
	if (n < 0 || n == PATH_MAX) {
		kfree(path);
		return n < 0 ? n : -ENAMETOOLONG;
	}
	err = bprm_alloc(&bprm);
	if (err)
		goto out_path;
	bprm.filename = path;
	err = copy_user_strings(&bprm, argv, &bprm.argc);
	if (!err)
		err = copy_user_strings(&bprm, envp, &bprm.envc);
	if (!err && !n)
		err = -ENOENT;
	if (!err)
		err = bprm_open(&bprm);
	if (!err)
		err = bprm_execve(&bprm);
	free_pages((unsigned long)bprm.strings, ARG_MAX_ORDER);
out_path:
	kfree(path);
	return err;
}

int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	struct linux_binprm bprm;
	int err = bprm_alloc(&bprm);

	if (err)
		return err;
	bprm.filename = filename;
	err = copy_kernel_strings(&bprm, argv, &bprm.argc);
	if (!err)
		err = copy_kernel_strings(&bprm, envp, &bprm.envc);
	if (!err)
		err = bprm_open(&bprm);
	if (!err)
		err = bprm_execve(&bprm);
	free_pages((unsigned long)bprm.strings, ARG_MAX_ORDER);
	if (err)
		return err;
	ret_to_user(current_pt_regs());
}
