// SPDX-License-Identifier: MIT
/*
 * printk: format, prefix each line with a "[    1.234567] " timestamp
 * and write it to the console. There is no log buffer: the serial port is
 * polled and every character goes out before printk returns, so the last
 * line before a crash is always on the console.
 */
#include <kernel/printk.h>
#include <kernel/params.h>
#include <kernel/string.h>

int console_loglevel = 7;
static bool at_line_start = true;
static int last_level = LOGLEVEL_DEFAULT;	/* a KERN_CONT piece has its line's level */

static void print_timestamp(void)
{
	char ts[24];
	u64 ns = local_clock();
	u32 sec = (u32)(ns / 1000000000ULL);
	u32 usec = (u32)((ns % 1000000000ULL) / 1000);
	int n = snprintf(ts, sizeof(ts), "[%5u.%06u] ", sec, usec);

	console_write(ts, n);
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int level = LOGLEVEL_DEFAULT, n;
	bool cont = false;
	const char *p, *s;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else
			level = fmt[1] - '0';
		fmt += 2;
	}
	if (cont)
		level = last_level;
	else
		last_level = level;
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	/* as Linux: only levels below print; but KERN_EMERG always (printk.h) */
	if (level >= console_loglevel && level != LOGLEVEL_EMERG)
		return n;
	if (!cont && !at_line_start) {
		console_write("\n", 1);
		at_line_start = true;
	}
	for (s = p = buf; p < buf + n; p++) {
		if (at_line_start) {
			print_timestamp();
			at_line_start = false;
		}
		if (*p == '\n') {
			console_write(s, p - s + 1);
			s = p + 1;
			at_line_start = true;
		}
	}
	if (p > s) {
		if (at_line_start)
			print_timestamp();
		console_write(s, p - s);
		at_line_start = false;
	}
	return n;
}

void console_verbose(void)
{
	console_loglevel = CONSOLE_LOGLEVEL_MOTORMOUTH;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

static int parse_loglevel(const char *val)
{
	char *end;
	unsigned long long level;

	if (!val || *val < '0' || *val > '9')
		return -1;
	level = simple_strtoull(val, &end, 10);
	if (*end || level > 8)
		return -1;		/* and the level stays as it was */
	console_loglevel = (int)level;
	return 0;
}
__setup_help("loglevel", parse_loglevel, "a number 0-8");
