/* SPDX-License-Identifier: MIT */
/*
 * The Linux i386 system-call numbers (Linux's
 * arch/x86/entry/syscalls/syscall_32.tbl) this system knows: one list, read
 * by the kernel (include/kernel/syscalls.h, whose table has an entry for
 * each it implements) and by the user libc (user/include/syscall.h), as
 * Linux's uapi headers are. A number listed here that the kernel does not
 * implement (setrlimit, rt_sigaction) returns -ENOSYS.
 */
#ifndef _UAPI_ASM_UNISTD_32_H
#define _UAPI_ASM_UNISTD_32_H

#define __NR_exit		1
#define __NR_fork		2
#define __NR_read		3
#define __NR_write		4
#define __NR_open		5
#define __NR_close		6
#define __NR_waitpid		7
#define __NR_execve		11
#define __NR_lseek		19
#define __NR_getpid		20
#define __NR_kill		37
#define __NR_brk		45
#define __NR_ioctl		54
#define __NR_setpgid		57
#define __NR_getppid		64
#define __NR_getpgrp		65
#define __NR_setsid		66
#define __NR_setrlimit		75
#define __NR_munmap		91
#define __NR_wait4		114
#define __NR_uname		122
#define __NR_mprotect		125
#define __NR_getpgid		132
#define __NR__llseek		140
#define __NR_getsid		147
#define __NR_sched_yield	158
#define __NR_nanosleep		162
#define __NR_rt_sigaction	174
#define __NR_mmap2		192
#define __NR_getdents64		220
#define __NR_exit_group		252

#endif
