// SPDX-License-Identifier: MIT
/*
 * parse.c: a command line into words, the way a POSIX shell splits them
 * (a small subset). parse_command() reads one command from *pos, up to a
 * ';' or the end of the line, and copies its words, with the quotes
 * removed and $? expanded, into w->buf, one after the other, each ended
 * by a NUL; w->argv[] points at them.
 *
 *   blanks      spaces and tabs separate words; ';' separates commands
 *   'text'      everything literal up to the next '
 *   "text"      literal, except \" \\ \$ (the character itself) and $?
 *   \c          c itself, outside quotes
 *   $?          the status of the last command, in decimal; $$ the
 *               shell's pid; any other '$' is itself
 *   # ...       a comment, when '#' starts a word: the rest is ignored
 *
 * A command's expansion happens when it is parsed, just before it runs,
 * so in "false; echo $?" the $? is false's. Unquoted | & < > are refused
 * with a line saying so, rather than passed on as words: there are no
 * pipes, redirections or background jobs in this shell.
 *
 * Where it differs from POSIX sh: no variables besides $? and $$, no
 * globbing, ~, command substitution, here-documents, && || or control
 * structures; a backslash at the end of a line is kept, not a
 * continuation.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

struct out {
	char *p, *end;
	int full;
};

static void put(struct out *o, char c)
{
	if (o->p < o->end)
		*o->p++ = c;
	else
		o->full = 1;
}

static void put_str(struct out *o, const char *s)
{
	while (*s)
		put(o, *s++);
}

/* "$?" or "$$" at p: append it and return 2; anything else: 0. */
static int expand(struct out *o, const char *p)
{
	char num[16];

	if (p[1] == '?')
		snprintf(num, sizeof(num), "%d", sh_status);
	else if (p[1] == '$')
		snprintf(num, sizeof(num), "%d", getpid());
	else
		return 0;
	put_str(o, num);
	return 2;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Ends a word outside quotes. */
static int is_special(char c)
{
	return is_blank(c) || c == ';' || c == '|' || c == '&' || c == '<' || c == '>';
}

int parse_command(const char **pos, struct words *w)
{
	const char *p = *pos;
	struct out o = { w->buf, w->buf + sizeof(w->buf) - 1, 0 };

	w->argc = 0;
	for (;;) {
		while (is_blank(*p))
			p++;
		if (!*p || *p == '#') {
			p += strlen(p);
			break;
		}
		if (*p == ';') {
			p++;
			break;
		}
		if (*p == '|' || *p == '&' || *p == '<' || *p == '>') {
			sh_error("sh: '%c' is not supported: no pipes, redirections or background jobs "
				 "here (quote it to pass it on)\n", *p);
			goto fail;
		}
		if (w->argc == SH_MAX_WORDS) {
			sh_error("sh: too many words (at most %d)\n", SH_MAX_WORDS);
			goto fail;
		}
		w->argv[w->argc++] = o.p;
		while (*p && !is_special(*p)) {
			if (*p == '\\') {
				put(&o, p[1] ? p[1] : '\\');
				p += p[1] ? 2 : 1;
			} else if (*p == '\'') {
				const char *q = strchr(p + 1, '\'');

				if (!q) {
					sh_error("sh: missing closing '\n");
					goto fail;
				}
				for (p++; p < q; p++)
					put(&o, *p);
				p++;
			} else if (*p == '"') {
				for (p++; *p && *p != '"';) {
					int n;

					if (*p == '\\' && (p[1] == '"' || p[1] == '\\' || p[1] == '$')) {
						put(&o, p[1]);
						p += 2;
					} else if (*p == '$' && (n = expand(&o, p))) {
						p += n;
					} else {
						put(&o, *p++);
					}
				}
				if (!*p) {
					sh_error("sh: missing closing \"\n");
					goto fail;
				}
				p++;
			} else if (*p == '$' && expand(&o, p)) {
				p += 2;
			} else {
				put(&o, *p++);
			}
		}
		put(&o, '\0');
		if (o.full) {
			sh_error("sh: command too long (more than %d bytes of words)\n",
				 SH_WORD_BYTES - 1);
			goto fail;
		}
	}
	w->argv[w->argc] = NULL;
	*pos = p;
	return 0;
fail:
	w->argc = 0;
	w->argv[0] = NULL;
	*pos = p + strlen(p);
	return -1;
}
