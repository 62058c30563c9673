// SPDX-License-Identifier: MIT
/*
 * KTAP suite "vga": the VGA text console (drivers/video/vgacon.c).
 *
 * Each case draws through vgacon_write() -- the half of console_write_raw()
 * that feeds the screen, so the escape sequences it sends do not reach
 * the serial log (or the terminal of whoever reads it) -- and reads the
 * result back from video memory at 0xB8000 (characters and attribute
 * bytes) and from the CRTC's cursor registers. One case writes through
 * console_write() itself, with a line that is a KTAP comment.
 *
 * The suite's own KTAP lines are printed on the same screen between
 * cases, so each case starts with ESC [ 2J ESC [ H (clear, home) and
 * takes a snapshot of the screen right after drawing, with interrupts
 * off, before it checks anything (a failure's report would draw too).
 *
 * Kernel only (not in tests/host): it needs the screen. Skipped, with
 * the reason, when the machine has no VGA colour text screen.
 */
#include <asm/irqflags.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/vgacon.h>

#define CLEAR_HOME	"\x1b[2J\x1b[H"
#define CELL(c)		((u16)(VGACON_ATTR << 8 | (u8)(c)))

struct snapshot {
	u16 cells[VGACON_ROWS][VGACON_COLS];
	unsigned int row, col;		/* the software cursor */
	unsigned int crtc;		/* the hardware cursor's offset */
};

static struct snapshot snap;		/* 4 KB: not on the stack */

static void need_screen(struct ktest *t)
{
	if (!(console_present & CON_VGA))
		ktest_skip(t, "no VGA colour text screen on this machine");
}

/* Draw @s (after a clear, if @clear), then photograph the screen. */
static void draw(const char *s, bool clear)
{
	unsigned long flags;

	local_irq_save(flags);
	if (clear)
		vgacon_write(CLEAR_HOME, strlen(CLEAR_HOME));
	vgacon_write(s, strlen(s));
	for (unsigned int r = 0; r < VGACON_ROWS; r++)
		for (unsigned int c = 0; c < VGACON_COLS; c++)
			snap.cells[r][c] = vgacon_read_cell(r, c);
	vgacon_get_cursor(&snap.row, &snap.col);
	snap.crtc = vgacon_crtc_cursor();
	local_irq_restore(flags);
}

/* Row @r of the snapshot as text, trailing blanks cut, into @buf (81 bytes). */
static const char *row_text(unsigned int r, char *buf)
{
	int end = 0;

	for (unsigned int c = 0; c < VGACON_COLS; c++) {
		buf[c] = (char)(snap.cells[r][c] & 0xff);
		if (buf[c] != ' ')
			end = (int)c + 1;
	}
	buf[end] = '\0';
	return buf;
}

static bool row_blank(unsigned int r)
{
	for (unsigned int c = 0; c < VGACON_COLS; c++)
		if (snap.cells[r][c] != CELL(' '))
			return false;
	return true;
}

static void vga_text_and_attributes_read_back(struct ktest *t)
{
	char buf[VGACON_COLS + 1];

	need_screen(t);
	draw("Hello, VGA", true);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "Hello, VGA");
	KTEST_EXPECT_EQ(t, snap.cells[0][0], CELL('H'));	/* 0x0748 */
	KTEST_EXPECT_EQ(t, snap.cells[0][9], CELL('A'));
	KTEST_EXPECT_EQ(t, snap.cells[0][10], CELL(' '));	/* blank: 0x0720 */
	KTEST_EXPECT_TRUE(t, row_blank(1));
	KTEST_EXPECT_EQ(t, snap.row, 0);
	KTEST_EXPECT_EQ(t, snap.col, 10);
}

static void vga_newline_cr_backspace_tab(struct ktest *t)
{
	char buf[VGACON_COLS + 1];

	need_screen(t);
	/*
	 * row 0: "abc", "\r" back to column 0, "X" over the a  -> "Xbc"
	 * row 1: "abcd", two "\b", "Y" over the c              -> "abYd"
	 * row 2: "a\tb" (b at 8), "\t" at 9 goes to 16, "c"   -> c at 16
	 */
	draw("abc\rX\r\nabcd\b\bY\r\na\tb\tc", true);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "Xbc");
	KTEST_EXPECT_STREQ(t, row_text(1, buf), "abYd");
	KTEST_EXPECT_EQ(t, snap.cells[2][0], CELL('a'));
	KTEST_EXPECT_EQ(t, snap.cells[2][8], CELL('b'));
	KTEST_EXPECT_EQ(t, snap.cells[2][16], CELL('c'));
	KTEST_EXPECT_EQ(t, snap.cells[2][7], CELL(' '));
	KTEST_EXPECT_EQ(t, snap.row, 2);
	KTEST_EXPECT_EQ(t, snap.col, 17);
	/* "\n" is a line feed: one row down, same column ("\r\n" is a new line) */
	draw("ab\ncd", true);
	KTEST_EXPECT_EQ(t, snap.cells[1][2], CELL('c'));
	KTEST_EXPECT_EQ(t, snap.cells[1][0], CELL(' '));
	KTEST_EXPECT_EQ(t, snap.row, 1);
	KTEST_EXPECT_EQ(t, snap.col, 4);
	/* backspace stops at column 0 */
	draw("\b\b\bZ", true);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "Z");
}

static void vga_erase_and_cursor_sequences(struct ktest *t)
{
	char buf[VGACON_COLS + 1];

	need_screen(t);
	/* "abcdef", left 4 (col 2), X, right 2 (col 5), Y -> "abXdeY" */
	draw("abcdef\x1b[4DX\x1b[2CY", true);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "abXdeY");
	KTEST_EXPECT_EQ(t, snap.col, 6);
	/* ESC [ D without a number is 1; ESC [ K erases from the cursor */
	draw("hello world\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[K", true);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "hello");
	KTEST_EXPECT_EQ(t, snap.cells[0][6], CELL(' '));
	KTEST_EXPECT_EQ(t, snap.col, 6);
	/* a shell's redraw: CR, the line again, erase what is left */
	draw("$ echo hello\r$ ls\x1b[K", true);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "$ ls");
	/* cursor moves stop at the edges */
	draw("ab\x1b[99DX\x1b[200CZ", true);
	KTEST_EXPECT_EQ(t, snap.cells[0][0], CELL('X'));
	KTEST_EXPECT_EQ(t, snap.cells[0][VGACON_COLS - 1], CELL('Z'));
	/* ESC [ row ; col H, 1-based */
	draw("\x1b[3;5HQ", true);
	KTEST_EXPECT_EQ(t, snap.cells[2][4], CELL('Q'));
	KTEST_EXPECT_EQ(t, snap.row, 2);
	KTEST_EXPECT_EQ(t, snap.col, 5);
}

static void vga_clear_and_home(struct ktest *t)
{
	bool all_blank = true;

	need_screen(t);
	draw("some\r\ntext\r\non three lines", true);
	draw("\x1b[2J\x1b[H", false);
	for (unsigned int r = 0; r < VGACON_ROWS; r++)
		all_blank = all_blank && row_blank(r);
	KTEST_EXPECT_TRUE(t, all_blank);
	KTEST_EXPECT_EQ(t, snap.row, 0);
	KTEST_EXPECT_EQ(t, snap.col, 0);
	KTEST_EXPECT_EQ(t, snap.crtc, 0);
}

static void vga_unknown_sequences_swallowed(struct ktest *t)
{
	char buf[VGACON_COLS + 1];

	need_screen(t);
	/* colours, DEC private modes, ESC 7, a bell, NUL: none leaves a mark */
	draw("a\x1b[1;31mb\x1b[?25lc\x1b" "7d\x07" "e\x1b[0m", true);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "abcde");
	KTEST_EXPECT_EQ(t, snap.col, 5);
	/* ESC ESC [ K: the second ESC starts the sequence (erases "yz") */
	draw("xyz\b\b\x1b\x1b[K", true);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "x");
	/* a control byte in the middle of a sequence ends it and acts */
	draw("x\x1b[12\ry", true);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "y");
}

/*
 * 25 lines fill the screen; one more "\n" moves every line up:
 *   before: row 0 "line 0" ... row 24 "line 24"
 *   after:  row 0 "line 1" ... row 23 "line 24", row 24 "new"
 */
static void vga_scroll_moves_lines_up(struct ktest *t)
{
	char buf[VGACON_COLS + 1], want[16];
	char text[VGACON_ROWS * 10];
	unsigned int len = 0;
	unsigned long flags;

	need_screen(t);
	for (unsigned int i = 0; i < VGACON_ROWS; i++)
		len += snprintf(text + len, sizeof(text) - len, i ? "\r\nline %u" : "line %u", i);
	draw(text, true);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "line 0");
	KTEST_EXPECT_STREQ(t, row_text(24, buf), "line 24");
	KTEST_EXPECT_EQ(t, snap.row, 24);
	draw("\r\nnew", false);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "line 1");
	KTEST_EXPECT_STREQ(t, row_text(23, buf), "line 24");
	KTEST_EXPECT_STREQ(t, row_text(24, buf), "new");
	KTEST_EXPECT_EQ(t, snap.row, 24);
	KTEST_EXPECT_EQ(t, snap.crtc, 24 * VGACON_COLS + 3);
	/*
	 * 400 more lines: the view runs off the 32 KiB window's end (204
	 * lines) twice and is copied back to its start; the text must not
	 * notice.
	 */
	local_irq_save(flags);		/* no printk between the lines */
	for (unsigned int i = 0; i < 400; i++) {
		snprintf(want, sizeof(want), "\r\nmore %u", i);
		vgacon_write(want, strlen(want));
	}
	draw("", false);
	local_irq_restore(flags);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "more 375");
	KTEST_EXPECT_STREQ(t, row_text(24, buf), "more 399");
	KTEST_EXPECT_EQ(t, snap.crtc, 24 * VGACON_COLS + 8);
}

/* 80 characters fill a line; the wrap waits for the 81st. */
static void vga_full_line_wraps_late(struct ktest *t)
{
	char line[VGACON_COLS + 2];

	need_screen(t);
	memset(line, 'x', VGACON_COLS);
	line[VGACON_COLS] = '\0';
	draw(line, true);
	KTEST_EXPECT_EQ(t, snap.row, 0);
	KTEST_EXPECT_EQ(t, snap.col, VGACON_COLS);
	KTEST_EXPECT_EQ(t, snap.crtc, VGACON_COLS - 1);	/* drawn on the last column */
	draw("\r\nnext", false);
	KTEST_EXPECT_EQ(t, snap.row, 1);		/* one line, not an empty one between */
	KTEST_EXPECT_EQ(t, snap.cells[1][0], CELL('n'));
	/* "\n" alone on a full line: down one row, in the last column */
	draw(line, true);
	draw("\n", false);
	KTEST_EXPECT_EQ(t, snap.row, 1);
	KTEST_EXPECT_EQ(t, snap.col, VGACON_COLS - 1);
	line[VGACON_COLS] = 'y';
	line[VGACON_COLS + 1] = '\0';
	draw(line, true);
	KTEST_EXPECT_EQ(t, snap.cells[1][0], CELL('y'));
	KTEST_EXPECT_EQ(t, snap.row, 1);
	KTEST_EXPECT_EQ(t, snap.col, 1);
}

/* The CRTC's cursor registers follow the software cursor. */
static void vga_crtc_cursor_reads_back(struct ktest *t)
{
	need_screen(t);
	draw("ab\r\ncdef", true);
	KTEST_EXPECT_EQ(t, snap.crtc, 1 * VGACON_COLS + 4);
	draw("\x1b[10;20H", false);
	KTEST_EXPECT_EQ(t, snap.crtc, 9 * VGACON_COLS + 19);
	draw("\x1b[2D", false);
	KTEST_EXPECT_EQ(t, snap.crtc, 9 * VGACON_COLS + 17);
}

/* console_write() -- printk's path, "\n" sent as "\r\n" -- draws on the screen too. */
static void vga_console_write_mirrors(struct ktest *t)
{
	static const char msg[] = "    # vga: this line is drawn on the screen too\n";
	char buf[VGACON_COLS + 1];
	unsigned long flags;

	need_screen(t);
	if (!(console_outputs & CON_VGA))
		ktest_skip(t, "console= leaves the VGA screen out of the console");
	local_irq_save(flags);
	draw("", true);
	console_write(msg, sizeof(msg) - 1);
	draw("", false);
	local_irq_restore(flags);
	KTEST_EXPECT_STREQ(t, row_text(0, buf), "    # vga: this line is drawn on the screen too");
	KTEST_EXPECT_EQ(t, snap.row, 1);
	KTEST_EXPECT_EQ(t, snap.col, 0);
}

static void vga_exit(struct ktest *t)
{
	(void)t;
	if (console_present & CON_VGA)
		vgacon_write(CLEAR_HOME, strlen(CLEAR_HOME));
}

static const struct ktest_case vga_cases[] = {
	KTEST_CASE(vga_text_and_attributes_read_back),
	KTEST_CASE(vga_newline_cr_backspace_tab),
	KTEST_CASE(vga_erase_and_cursor_sequences),
	KTEST_CASE(vga_clear_and_home),
	KTEST_CASE(vga_unknown_sequences_swallowed),
	KTEST_CASE(vga_scroll_moves_lines_up),
	KTEST_CASE(vga_full_line_wraps_late),
	KTEST_CASE(vga_crtc_cursor_reads_back),
	KTEST_CASE(vga_console_write_mirrors),
	{}
};
KTEST_SUITE(vga) = { .name = "vga", .cases = vga_cases, .exit = vga_exit };
