/* SPDX-License-Identifier: MIT */
/*
 * /proc/mmdemo: the kernel side of the live demos /bin/kmapdemo,
 * /bin/lowmem-pressure and /bin/vmallocdemo (mm/demo/mmdemo.c has the
 * commands and the essay). Built in only with TOUR=1 (CONFIG_TOUR):
 * fs/proc/root.c calls mmdemo_open() inside IS_ENABLED(CONFIG_TOUR), so a
 * DEMOS=0 kernel links without it and the path is -ENOENT there.
 */
#ifndef _MM_MMDEMO_H
#define _MM_MMDEMO_H

#include <kernel/types.h>

struct file;

/**
 * mmdemo_open - open /proc/mmdemo
 * @flags: open()'s flags: O_RDONLY reads the state; O_WRONLY/O_RDWR may
 *         also write commands (the first writer owns what is held)
 *
 * Context: process context, may sleep.
 * Return: the file, or ERR_PTR(-ENOMEM).
 */
struct file *mmdemo_open(int flags);

/**
 * mmdemo_command - run one command as if written to the file @f
 * @f: a file mmdemo_open() returned, opened for writing
 * @cmd: the command text (a trailing newline is ignored)
 *
 * The self-tests' way in (mm/tests/mmdemo_test.c).
 * Context: process context, may sleep.
 * Return: 0, or -EINVAL (bad input, reported in one line), -EBUSY
 * (another file holds the demo), -ENOMEM.
 */
int mmdemo_command(struct file *f, const char *cmd);

/* Pages (kmap'ed, lowmem blocks, vmalloc'ed) the demo holds now. Context: any. */
unsigned long mmdemo_pages_held(void);

#endif
