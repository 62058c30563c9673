/* SPDX-License-Identifier: MIT */
/*
 * Kernel command-line options. A subsystem declares the options it reads
 * next to the code that uses them:
 *
 *   static int __init parse_mem(const char *val) { ... return 0; }
 *   __setup("mem", parse_mem);
 *
 * parse_cmdline() splits the command line at spaces into `name=value`
 * or `name` words and calls the matching handler. An unknown option, or
 * a handler returning an error (malformed value), prints one warning line
 * naming the word and the option is ignored. Words after `--` are init's.
 */
#ifndef _KERNEL_PARAMS_H
#define _KERNEL_PARAMS_H

#include <kernel/compiler.h>

struct kernel_param {
	const char *name;
	/* @val is NULL for a bare word; return 0, or -1 if the value is bad */
	int (*setup)(const char *val);
	const char *help;	/* what a good value looks like, for warnings */
};

#define __setup_help(str, fn, helptext)					\
	static const struct kernel_param __setup_##fn			\
	__used __section(".setup_params") __aligned(4) = { str, fn, helptext }
#define __setup(str, fn)	__setup_help(str, fn, NULL)

#define COMMAND_LINE_SIZE	512	/* bytes kept of the command line, NUL included */

extern char boot_command_line[];
void parse_cmdline(const char *cmdline);

/*
 * Everything after a `--` word is not the kernel's: it is passed to init
 * as its arguments, as Linux does. init_args_offset is where that text
 * starts in boot_command_line (0: no `--`).
 */
extern unsigned int init_args_offset;

#endif
