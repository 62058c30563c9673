// SPDX-License-Identifier: MIT
/*
 * sys.c: the system-call wrappers. Each makes the raw call (<syscall.h>)
 * and, when the kernel returned -errno, stores errno and returns -1 (or
 * MAP_FAILED), the C library convention. brk() and sbrk() keep the current
 * break here: Linux's brk(2) returns the new break (or the old one when it
 * refuses), never an error code.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <syscall.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int errno;
char **environ;

static long ret(long r)
{
	if (SYSCALL_IS_ERR(r)) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

void _exit(int status)
{
	for (;;)
		syscall1(__NR_exit_group, status);
}

pid_t fork(void)			{ return ret(syscall0(__NR_fork)); }
pid_t getpid(void)			{ return ret(syscall0(__NR_getpid)); }
pid_t getppid(void)			{ return ret(syscall0(__NR_getppid)); }
int sched_yield(void)			{ return ret(syscall0(__NR_sched_yield)); }
int close(int fd)			{ return ret(syscall1(__NR_close, fd)); }
int kill(pid_t pid, int sig)		{ return ret(syscall2(__NR_kill, pid, sig)); }
int uname(struct utsname *buf)		{ return ret(syscall1(__NR_uname, buf)); }
int munmap(void *a, size_t len)		{ return ret(syscall2(__NR_munmap, a, len)); }

int execve(const char *path, char *const argv[], char *const envp[])
{
	return ret(syscall3(__NR_execve, path, argv, envp));
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return ret(syscall4(__NR_wait4, pid, status, options, ru));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return ret(syscall2(__NR_nanosleep, req, rem));
}

ssize_t read(int fd, void *buf, size_t n)	{ return ret(syscall3(__NR_read, fd, buf, n)); }
ssize_t write(int fd, const void *buf, size_t n) { return ret(syscall3(__NR_write, fd, buf, n)); }
off_t lseek(int fd, off_t off, int whence)	{ return ret(syscall3(__NR_lseek, fd, off, whence)); }

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = (flags & O_CREAT) ? va_arg(ap, mode_t) : 0;
	va_end(ap);
	return ret(syscall3(__NR_open, path, flags, mode));
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
	long r;

	if (offset & 4095) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	r = syscall6(__NR_mmap2, addr, len, prot, flags, fd, (unsigned long)offset >> 12);
	if (SYSCALL_IS_ERR(r)) {
		errno = (int)-r;
		return MAP_FAILED;
	}
	return (void *)r;
}

int mprotect(void *addr, size_t len, int prot)
{
	return ret(syscall3(__NR_mprotect, addr, len, prot));
}

/* The program break: 0 until the first brk()/sbrk() asks the kernel. */
static unsigned long cur_brk;

int brk(void *addr)
{
	unsigned long r = (unsigned long)syscall1(__NR_brk, addr);

	cur_brk = r;
	if (r < (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(intptr_t inc)
{
	unsigned long old;

	if (!cur_brk)
		cur_brk = (unsigned long)syscall1(__NR_brk, 0);
	old = cur_brk;
	if (inc == 0)
		return (void *)old;
	if (brk((void *)(old + inc)) < 0 || cur_brk != old + inc) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)old;
}
