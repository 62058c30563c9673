/* SPDX-License-Identifier: MIT */
/*
 * The system calls, with Linux i386's numbers (arch/x86/entry/syscall_32.c
 * has the table) and Linux's prototypes. A call is entered through
 * `int $0x80` with the number in %eax and the arguments in %ebx, %ecx,
 * %edx, %esi, %edi, %ebp; its return value, or -errno, goes back in %eax.
 * A number with no entry returns -ENOSYS (and one log line).
 */
#ifndef _KERNEL_SYSCALLS_H
#define _KERNEL_SYSCALLS_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct pt_regs;
struct old_timespec32;
struct new_utsname;

/* Linux i386 numbers, shared with user space. */
#include <uapi/asm/unistd_32.h>
#define NR_syscalls		253

/* The frame of the current task's entry from user mode (top of its kernel stack). */
struct pt_regs *current_pt_regs(void);

/*
 * exit_to_user_mode - the work before an iret to ring 3: reschedule, die
 * of a pending fatal signal. Context: interrupts off; returns with them off.
 */
void exit_to_user_mode(struct pt_regs *regs);

/* Unknown or unimplemented system calls so far (each logged). */
extern unsigned long syscalls_enosys;

/* kernel/exit.c, kernel/fork.c, kernel/sys.c, fs/exec.c, kernel/signal.c */
long sys_exit(int code);
long sys_exit_group(int code);
long sys_fork(void);
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);
long sys_wait4(pid_t pid, int __user *status, int options, void __user *rusage);
long sys_waitpid(pid_t pid, int __user *status, int options);
long sys_getpid(void);
long sys_getppid(void);
long sys_sched_yield(void);
long sys_nanosleep(const struct old_timespec32 __user *rqtp, struct old_timespec32 __user *rmtp);
long sys_uname(struct new_utsname __user *name);
long sys_kill(pid_t pid, int sig);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_getpgid(pid_t pid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(pid_t pid);

/**
 * kernel_execve - make the calling kernel thread a process running @filename
 * @filename: an initramfs path
 * @argv: NULL-terminated kernel strings
 * @envp: NULL-terminated kernel strings
 *
 * Context: a kernel thread (pid 1's kernel_init), process context.
 * Return: only on failure, -errno (the thread is unchanged); on success
 * it does not return but enters ring 3 at the program's entry point.
 */
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);

/* mm/mmap.c, mm/mprotect.c */
long sys_brk(unsigned long brk);
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot);

/* fs/open.c, fs/read_write.c */
long sys_open(const char __user *filename, int flags, umode_t mode);
long sys_close(unsigned int fd);
long sys_read(unsigned int fd, char __user *buf, size_t count);
long sys_write(unsigned int fd, const char __user *buf, size_t count);
long sys_lseek(unsigned int fd, long offset, unsigned int whence);
long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		loff_t __user *result, unsigned int whence);

/* fs/ioctl.c, fs/readdir.c */
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);
struct linux_dirent64;
long sys_getdents64(unsigned int fd, struct linux_dirent64 __user *dirent, unsigned int count);

#endif
