// SPDX-License-Identifier: MIT
/*
 * edit.c: reading a command line. In raw mode every key arrives as it is
 * typed and nothing is echoed, so the editor keeps the line itself (buf,
 * len, cursor) and redraws the part of the screen line that a key
 * changed, using only what every terminal and a serial log understand:
 * printable bytes, "\b" to move left, spaces to blank, "\r\n" to end.
 *
 *   printable   insert at the cursor: write the rest of the line, then
 *               "\b" back to just after the new byte
 *   DEL, ^H     delete before the cursor; ^D deletes under it (on an empty
 *               line ^D is end of input); ^U deletes back to the start,
 *               ^K to the end, ^W the word before the cursor (blanks, then
 *               non-blanks); a deletion rewrites the rest of the line and
 *               blanks as many columns as went away
 *   ESC [ D/C   left/right (also ^B/^F); ESC [ H/F, ^A/^E: start, end
 *   ESC [ A/B   up/down: older/newer lines of the history (also ^P/^N);
 *               the line being typed is kept and comes back at the bottom
 *   ^C          "^C", the line is dropped, a new prompt; ^L clears the screen
 *   Enter       '\r' (raw mode has no ICRNL) or '\n' (a serial feeder);
 *               a '\n' right after the '\r' that ended a line is skipped
 *
 * The history is the last SH_HISTORY lines, oldest first, without empty
 * lines or a line equal to the one before it. A line longer than
 * SH_LINE_MAX - 1 bytes is not cut and run: further bytes are not taken
 * (each rings the bell, so a feeder that counts echoed bytes is not left
 * waiting), and Enter rejects the whole line (EDIT_TOOLONG).
 *
 * read_plain_line() is the other input: a pipe, a file, or a console whose
 * kernel edits lines itself. It reads one byte at a time, so a program the
 * shell starts reads the input that follows its command line, as with a
 * Linux shell reading a pipe.
 *
 * Where it differs from Linux shells (readline, libedit): no knowledge of
 * the screen width (a line longer than the screen does not redraw well),
 * no tab completion, bytes past 0x7e other than DEL are ignored (no UTF-8),
 * no history file or search.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static char history[SH_HISTORY][SH_LINE_MAX];
static int history_len;

static void history_add(const char *line)
{
	const char *p = line;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || (history_len && !strcmp(history[history_len - 1], line)))
		return;
	if (history_len == SH_HISTORY) {
		memmove(history[0], history[1], sizeof(history[0]) * (SH_HISTORY - 1));
		history_len--;
	}
	strlcpy(history[history_len++], line, sizeof(history[0]));
}

/* Output is gathered per key and written at once. */
static struct {
	char buf[4096];
	int n;
} o;

static void flush(void)
{
	if (o.n)
		sh_write_raw(STDOUT_FILENO, o.buf, o.n);	/* "\r\n" written as such */
	o.n = 0;
}

static void emit(const char *s, int n)
{
	while (n-- > 0) {
		if (o.n == (int)sizeof(o.buf))
			flush();
		o.buf[o.n++] = *s++;
	}
}

static void emit_str(const char *s)
{
	emit(s, strlen(s));
}

static void emit_rep(char c, int n)
{
	while (n-- > 0)
		emit(&c, 1);
}

struct line {
	char buf[SH_LINE_MAX];
	int len, cur;
	int toolong;
};

static void insert(struct line *l, char c)
{
	if (l->len >= SH_LINE_MAX - 1) {
		l->toolong = 1;
		emit("\a", 1);		/* a bell for each byte not taken */
		return;
	}
	memmove(l->buf + l->cur + 1, l->buf + l->cur, l->len - l->cur);
	l->buf[l->cur] = c;
	l->len++;
	emit(l->buf + l->cur, l->len - l->cur);
	l->cur++;
	emit_rep('\b', l->len - l->cur);
}

/* Delete [from, to) with from <= cursor <= to, leaving the cursor at from. */
static void delete_range(struct line *l, int from, int to)
{
	int n = to - from;

	if (n <= 0)
		return;
	emit_rep('\b', l->cur - from);
	memmove(l->buf + from, l->buf + to, l->len - to);
	l->len -= n;
	l->cur = from;
	emit(l->buf + from, l->len - from);
	emit_rep(' ', n);
	emit_rep('\b', l->len - from + n);
}

static void move_to(struct line *l, int pos)
{
	if (pos < l->cur)
		emit_rep('\b', l->cur - pos);
	else
		emit(l->buf + l->cur, pos - l->cur);
	l->cur = pos;
}

/* Show @s in place of the whole line, the cursor at its end. */
static void replace(struct line *l, const char *s)
{
	int old = l->len;

	move_to(l, 0);
	l->len = strlcpy(l->buf, s, sizeof(l->buf));
	if (l->len > (int)sizeof(l->buf) - 1)
		l->len = sizeof(l->buf) - 1;
	emit(l->buf, l->len);
	if (old > l->len) {
		emit_rep(' ', old - l->len);
		emit_rep('\b', old - l->len);
	}
	l->cur = l->len;
}

static int word_start(const struct line *l)
{
	int i = l->cur;

	while (i > 0 && (l->buf[i - 1] == ' ' || l->buf[i - 1] == '\t'))
		i--;
	while (i > 0 && l->buf[i - 1] != ' ' && l->buf[i - 1] != '\t')
		i--;
	return i;
}

/* One byte from the terminal; -1 at end of input or on an error. */
static int get_byte(void)
{
	unsigned char c;

	for (;;) {
		ssize_t r = read(STDIN_FILENO, &c, 1);

		if (r == 1)
			return c;
		if (r < 0 && errno == EINTR)
			continue;
		return -1;
	}
}

/*
 * After ESC: "[" or "O", parameter bytes (digits, ';'), one final byte.
 * Returns the key as the letter of its final byte ('A' up ... 'H' home,
 * 'F' end), '~' keys as 'd' (delete, 3), 'H' (1, 7) or 'F' (4, 8), or 0 for
 * anything else, which is ignored. *next is set to a byte that was not
 * part of a sequence, to be handled as a key of its own.
 */
static int escape_key(int *next)
{
	int c = get_byte(), param = 0;

	*next = -1;
	if (c != '[' && c != 'O') {
		*next = c;
		return 0;
	}
	while ((c = get_byte()) >= '0' && c <= '9')
		param = param * 10 + (c - '0');
	while (c == ';' || (c >= '0' && c <= '9'))
		c = get_byte();
	if (c == '~') {
		switch (param) {
		case 3:		return 'd';
		case 1: case 7:	return 'H';
		case 4: case 8:	return 'F';
		}
		return 0;
	}
	return c < 0 ? 0 : c;
}

#define CTRL(c)		((c) & 0x1f)
#define KEY_DELETE	0x100	/* ESC [ 3 ~ */

int edit_line(const char *prompt, char *out, size_t size)
{
	static struct line l;
	static char typed[SH_LINE_MAX];		/* the new line, while the history is shown */
	static int ended_by_cr;
	int hpos = history_len, c, pending = -1, first = 1;

	l.len = l.cur = l.toolong = 0;
	emit_str(prompt);
	flush();
	for (;; flush(), first = 0) {
		c = pending >= 0 ? pending : get_byte();
		pending = -1;
		if (c < 0)
			return EDIT_EOF;
		if (c == 0x1b) {
			c = escape_key(&pending);
			switch (c) {
			case 'A': c = CTRL('P'); break;
			case 'B': c = CTRL('N'); break;
			case 'C': c = CTRL('F'); break;
			case 'D': c = CTRL('B'); break;
			case 'H': c = CTRL('A'); break;
			case 'F': c = CTRL('E'); break;
			case 'd': c = KEY_DELETE; break;
			default: continue;
			}
		}
		if (first && ended_by_cr) {
			ended_by_cr = 0;
			if (c == '\n')
				continue;	/* the "\r\n" of a terminal that sends both */
		}
		switch (c) {
		case '\r':
		case '\n':
			ended_by_cr = c == '\r';
			move_to(&l, l.len);
			emit_str("\r\n");
			flush();
			if (l.toolong)
				return EDIT_TOOLONG;
			l.buf[l.len] = '\0';
			history_add(l.buf);
			strlcpy(out, l.buf, size);
			return l.len;
		case CTRL('C'):
			move_to(&l, l.len);
			emit_str("^C\r\n");
			flush();
			return EDIT_CANCEL;
		case CTRL('D'):
			if (l.len == 0)
				return EDIT_EOF;
			__attribute__((fallthrough));	/* else: delete under the cursor */
		case KEY_DELETE:
			if (l.cur < l.len)
				delete_range(&l, l.cur, l.cur + 1);
			break;
		case 0x7f:
		case CTRL('H'):
			if (l.cur > 0)
				delete_range(&l, l.cur - 1, l.cur);
			break;
		case CTRL('U'):
			delete_range(&l, 0, l.cur);
			break;
		case CTRL('K'):
			delete_range(&l, l.cur, l.len);
			break;
		case CTRL('W'):
			delete_range(&l, word_start(&l), l.cur);
			break;
		case CTRL('B'):
			if (l.cur > 0)
				move_to(&l, l.cur - 1);
			break;
		case CTRL('F'):
			if (l.cur < l.len)
				move_to(&l, l.cur + 1);
			break;
		case CTRL('A'):
			move_to(&l, 0);
			break;
		case CTRL('E'):
			move_to(&l, l.len);
			break;
		case CTRL('P'):
			if (hpos == 0)
				break;
			if (hpos == history_len) {
				l.buf[l.len] = '\0';
				strlcpy(typed, l.buf, sizeof(typed));
			}
			replace(&l, history[--hpos]);
			break;
		case CTRL('N'):
			if (hpos == history_len)
				break;
			hpos++;
			replace(&l, hpos == history_len ? typed : history[hpos]);
			break;
		case CTRL('L'):
			emit_str("\x1b[H\x1b[2J");
			emit_str(prompt);
			emit(l.buf, l.len);
			emit_rep('\b', l.len - l.cur);
			break;
		case '\t':
			insert(&l, ' ');
			break;
		default:
			if (c >= 0x20 && c < 0x7f)
				insert(&l, (char)c);
			break;
		}
	}
}

int read_plain_line(int fd, char *buf, size_t size)
{
	size_t n = 0;
	int toolong = 0;
	unsigned char c;

	for (;;) {
		ssize_t r = read(fd, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || (c == CTRL('D') && n == 0 && !toolong)) {
			if (n == 0 && !toolong)
				return EDIT_EOF;
			break;		/* the last line had no newline */
		}
		if (c == '\n')
			break;
		if (n < size - 1)
			buf[n++] = c;
		else
			toolong = 1;
	}
	if (toolong)
		return EDIT_TOOLONG;
	buf[n] = '\0';
	return n;
}
