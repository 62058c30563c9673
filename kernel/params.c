// SPDX-License-Identifier: MIT
/*
 * The kernel command line, split into options; see include/kernel/params.h.
 * The multiboot command line usually starts with the kernel's own path
 * (GRUB passes "/boot/kernel.elf ktest=all"); a first word that contains
 * a '/' is skipped.
 */
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/string.h>

char boot_command_line[COMMAND_LINE_SIZE];

extern const struct kernel_param __setup_start[], __setup_end[];

/*
 * One line for a value the option's parser refused. Every parser refuses
 * a number past 64 bits (simple_strtoull and memparse stop in front of
 * it); that reason is named, since "expected a size" alone would puzzle
 * whoever typed a size.
 */
static void warn_malformed(const struct kernel_param *p, const char *word, const char *val)
{
	bool big = val && memparse_overflows(val);

	pr_warn("Malformed kernel command line option \"%s%s%s\"%s%s%s, ignored\n",
		word, val ? "=" : "", val ? val : "",
		big ? ": too large for 64 bits" : "",
		p->help ? (big ? "; expected " : ": expected ") : "",
		p->help ? p->help : "");
}

static void handle_word(char *word)
{
	char *eq = strchr(word, '=');
	const char *val = NULL;
	const struct kernel_param *p;

	if (eq) {
		*eq = '\0';
		val = eq + 1;
	}
	for (p = __setup_start; p < __setup_end; p++) {
		if (strcmp(p->name, word))
			continue;
		if (p->setup(val) < 0)
			warn_malformed(p, word, val);
		return;
	}
	pr_warn("Unknown kernel command line parameter \"%s%s%s\", ignored\n",
		word, val ? "=" : "", val ? val : "");
}

unsigned int init_args_offset;

void parse_cmdline(const char *cmdline)
{
	char buf[COMMAND_LINE_SIZE];
	char *p = buf, *word;
	bool first = true;

	if (strlcpy(boot_command_line, cmdline, sizeof(boot_command_line)) >= sizeof(buf))
		pr_warn("Kernel command line is longer than %d characters: the rest is ignored\n",
			COMMAND_LINE_SIZE - 1);
	strlcpy(buf, cmdline, sizeof(buf));
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		word = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
		if (first && strchr(word, '/') && !strchr(word, '=')) {
			first = false;
			continue;	/* the boot loader's path to the kernel */
		}
		first = false;
		if (!strcmp(word, "--")) {	/* the rest is init's (kernel/main.c) */
			init_args_offset = p - buf;
			break;
		}
		handle_word(word);
	}
}
