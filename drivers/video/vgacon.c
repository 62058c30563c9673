// SPDX-License-Identifier: MIT
/*
 * How this works: the VGA text console.
 *
 * In the colour text modes (2 and 3, 80x25) the VGA shows a grid of
 * 16-bit cells: character code (code page 437) in the low byte,
 * attribute in the high byte (background colour in bits 4-6, foreground
 * in bits 0-3; 0x07 is light grey on black). The CPU reaches the cells
 * as memory in the 32 KiB window at physical 0xB8000; the boot page
 * tables and the direct map both cover it, so vram is __va(0xB8000).
 * Which cell is the screen's top-left corner is the CRTC's start
 * address (registers 0x0C high, 0x0D low, counted in cells); where the
 * blinking cursor is drawn is the cursor location (0x0E, 0x0F, cells
 * from the window's start). CRTC registers are reached through an index
 * port, 0x3D4, and a data port, 0x3D5.
 *
 * The window holds 16384 cells, 204 lines of 80, of which the screen is
 * a sliding 25-line view. Scrolling moves the start address down one
 * line (80 cells) and blanks the new bottom line: four port writes and
 * 80 cell writes, not a copy of the whole screen. Only when the view
 * would run off the window's end are its 24 kept lines copied back to
 * the window's start (once every 179 lines). That matters under QEMU,
 * where every access to video memory is an emulated device access.
 *
 *   window: [0 ............ origin [25 visible lines] ......... 16384)
 *   cell (row, col) = vram[origin + row * 80 + col]
 *
 * The cursor (x, y) is the next cell to draw. A character in the last
 * column leaves x = 80: the line is full, and the wrap to the next line
 * happens only when the next printable character comes (as a VT100
 * does), so an 80-column line followed by "\r\n" is one line, not two.
 * The bytes are a terminal's, as COM1 gets them (console_write_raw()):
 * "\r" goes to column 0, "\n" one row down in the same column, scrolling
 * at the bottom; printk's "\n" arrives as "\r\n" (console_write()), a
 * program's as the tty's ONLCR makes it.
 *
 * ANSI sequences are parsed by a three-state machine: NORMAL, ESC (an
 * ESC arrived), CSI ("ESC [" arrived: parameters are decimal numbers
 * separated by ';' until a final byte 0x40-0x7E says what to do). The
 * final bytes a line editor needs act (K, A-D, H, f, J); every other
 * sequence is swallowed whole, so nothing the screen does not understand
 * shows up as stray characters.
 *
 * Locking: vgacon_write() runs under the printk CPU lock (interrupts off,
 * one CPU at a time: printk_cpu_sync_get(), kernel/printk.h), so a printk
 * from an interrupt handler or another CPU cannot land in the middle of a
 * sequence or a scroll, nor another CPU's CRTC index/data pair between
 * ours. It nests: console_write_raw() holds it already.
 *
 * Where it differs from Linux: Linux splits this in two, drivers/tty/vt/
 * (the terminal emulator: a full VT102/ECMA-48 state machine, colours,
 * Unicode to font mapping, several virtual consoles, scrollback) and
 * drivers/video/console/vgacon.c (the "hardware" half: vgacon_scroll()
 * moving the start address much as here, font loading, the cursor
 * shape), with fbcon as the other half on framebuffers. Here one screen,
 * one attribute, no Unicode (bytes are drawn as code page 437 glyphs),
 * no scrollback, no monochrome (0xB0000, port 0x3B4) adapter support.
 * This file prints nothing itself: printk calls console_write(), which
 * calls it (console_init.c says what it found).
 */
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/page.h>
#include <kernel/printk.h>
#include <kernel/vgacon.h>

#define VGA_TEXT_PHYS		0xB8000
#define VGA_WINDOW_CELLS	16384		/* the 32 KiB window at 0xB8000 */
#define VGA_CRTC_INDEX		0x3D4
#define VGA_CRTC_DATA		0x3D5
#define CRTC_START_HI		0x0C
#define CRTC_START_LO		0x0D
#define CRTC_CURSOR_HI		0x0E
#define CRTC_CURSOR_LO		0x0F

/* The BIOS data area (physical 0x400), as the BIOS or boot loader left it. */
#define BDA_EQUIPMENT		0x410		/* bits 4-5: 3 = monochrome 80x25 */
#define BDA_VIDEO_MODE		0x449		/* 2, 3: colour text 80x25 at 0xB8000 */
#define BDA_SCREEN_COLS		0x44A

#define VGACON_NPAR		4		/* CSI parameters kept; more are ignored */
#define SCREEN_CELLS		(VGACON_COLS * VGACON_ROWS)

enum vc_state { VC_NORMAL, VC_ESC, VC_CSI };

static struct vgacon {
	volatile u16 *vram;		/* the window; NULL: no screen */
	unsigned int origin;		/* window cell of the top-left corner */
	unsigned int x, y;		/* next cell: column 0..80, row 0..24 */
	u8 attr;
	enum vc_state state;
	unsigned int par[VGACON_NPAR];
	unsigned int npar;		/* parameters started so far */
} vc;

static u16 blank(void)
{
	return (u16)(vc.attr << 8 | ' ');
}

static u8 crtc_read(u8 reg)
{
	outb(VGA_CRTC_INDEX, reg);
	return inb(VGA_CRTC_DATA);
}

static void crtc_write(u8 reg, u8 val)
{
	outb(VGA_CRTC_INDEX, reg);
	outb(VGA_CRTC_DATA, val);
}

static volatile u16 *cell(unsigned int row, unsigned int col)
{
	return &vc.vram[vc.origin + row * VGACON_COLS + col];
}

static void fill(unsigned int row, unsigned int col, unsigned int count)
{
	volatile u16 *p = cell(row, col);

	while (count--)
		*p++ = blank();
}

static void set_origin(unsigned int origin)
{
	vc.origin = origin;
	crtc_write(CRTC_START_HI, (u8)(origin >> 8));
	crtc_write(CRTC_START_LO, (u8)origin);
}

static void update_cursor(void)
{
	unsigned int x = vc.x < VGACON_COLS ? vc.x : VGACON_COLS - 1;
	unsigned int pos = vc.origin + vc.y * VGACON_COLS + x;

	crtc_write(CRTC_CURSOR_HI, (u8)(pos >> 8));
	crtc_write(CRTC_CURSOR_LO, (u8)pos);
}

/* Everything up one line; the bottom line blank. */
static void scroll_up(void)
{
	unsigned int i;

	if (vc.origin + SCREEN_CELLS + VGACON_COLS <= VGA_WINDOW_CELLS) {
		set_origin(vc.origin + VGACON_COLS);
	} else {
		/* the view would leave the window: lines 1-24 to its start */
		for (i = 0; i < SCREEN_CELLS - VGACON_COLS; i++)
			vc.vram[i] = vc.vram[vc.origin + VGACON_COLS + i];
		set_origin(0);
	}
	fill(VGACON_ROWS - 1, 0, VGACON_COLS);
}

/* Line feed: one row down, same column (a pending wrap is cancelled). */
static void linefeed(void)
{
	if (vc.x >= VGACON_COLS)
		vc.x = VGACON_COLS - 1;
	if (vc.y + 1 < VGACON_ROWS)
		vc.y++;
	else
		scroll_up();
}

static void put_glyph(u8 c)
{
	if (vc.x >= VGACON_COLS) {	/* the line was full: wrap now */
		vc.x = 0;
		linefeed();
	}
	*cell(vc.y, vc.x) = (u16)(vc.attr << 8 | c);
	vc.x++;
}

/* CSI parameter @i, with @def when absent or 0 (as "ESC [ C" means 1). */
static unsigned int par(unsigned int i, unsigned int def)
{
	return i < vc.npar && vc.par[i] ? vc.par[i] : def;
}

static void clear_screen(void)
{
	fill(0, 0, SCREEN_CELLS);
}

/* The final byte @c of "ESC [ params c". */
static void csi_act(u8 c)
{
	unsigned int n = par(0, 1), x = vc.x < VGACON_COLS ? vc.x : VGACON_COLS - 1;

	switch (c) {
	case 'A':			/* cursor up n */
		vc.y = vc.y > n ? vc.y - n : 0;
		vc.x = x;
		break;
	case 'B':			/* cursor down n */
		vc.y = vc.y + n < VGACON_ROWS ? vc.y + n : VGACON_ROWS - 1;
		vc.x = x;
		break;
	case 'C':			/* cursor right n */
		vc.x = x + n < VGACON_COLS ? x + n : VGACON_COLS - 1;
		break;
	case 'D':			/* cursor left n */
		vc.x = x > n ? x - n : 0;
		break;
	case 'H':			/* cursor to row;col, 1-based; none: home */
	case 'f':
		vc.y = (par(0, 1) <= VGACON_ROWS ? par(0, 1) : VGACON_ROWS) - 1;
		vc.x = (par(1, 1) <= VGACON_COLS ? par(1, 1) : VGACON_COLS) - 1;
		break;
	case 'J':			/* erase in display: 0 below, 1 above, 2 all */
		switch (par(0, 0)) {
		case 0:
			fill(vc.y, x, SCREEN_CELLS - (vc.y * VGACON_COLS + x));
			break;
		case 1:
			fill(0, 0, vc.y * VGACON_COLS + x + 1);
			break;
		default:
			clear_screen();
		}
		break;
	case 'K':			/* erase in line: 0 to end, 1 to cursor, 2 all */
		switch (par(0, 0)) {
		case 0:
			fill(vc.y, x, VGACON_COLS - x);
			break;
		case 1:
			fill(vc.y, 0, x + 1);
			break;
		default:
			fill(vc.y, 0, VGACON_COLS);
		}
		break;
	default:			/* m (colours), h/l (modes), ...: ignored */
		break;
	}
}

static void control(u8 c);

/* One byte in state VC_CSI. */
static void csi_byte(u8 c)
{
	if (c >= '0' && c <= '9') {
		if (!vc.npar)
			vc.npar = 1;
		if (vc.npar <= VGACON_NPAR && vc.par[vc.npar - 1] < 10000)
			vc.par[vc.npar - 1] = vc.par[vc.npar - 1] * 10 + (c - '0');
	} else if (c == ';') {
		if (!vc.npar)
			vc.npar = 1;
		if (vc.npar < VGACON_NPAR + 1)
			vc.npar++;
		if (vc.npar <= VGACON_NPAR)
			vc.par[vc.npar - 1] = 0;
	} else if (c >= 0x40 && c <= 0x7e) {
		if (vc.npar > VGACON_NPAR)
			vc.npar = VGACON_NPAR;
		csi_act(c);
		vc.state = VC_NORMAL;
	} else if (c < 0x20) {
		vc.state = VC_NORMAL;	/* a control byte ends the sequence, and acts */
		control(c);
	}
	/* '?', '>', ' ' and other parameter/intermediate bytes: skipped */
}

static void control(u8 c)
{
	switch (c) {
	case '\n':
		linefeed();
		break;
	case '\r':
		vc.x = 0;
		break;
	case '\b':
		if (vc.x >= VGACON_COLS)
			vc.x = VGACON_COLS - 1;
		if (vc.x)
			vc.x--;
		break;
	case '\t':			/* next multiple of 8, at most the last column */
		if (vc.x >= VGACON_COLS)
			vc.x = VGACON_COLS - 1;
		vc.x = (vc.x | 7) + 1;
		if (vc.x > VGACON_COLS - 1)
			vc.x = VGACON_COLS - 1;
		break;
	case 0x1b:
		vc.state = VC_ESC;
		break;
	default:			/* bell, NUL, ...: nothing to draw */
		break;
	}
}

static void vgacon_byte(u8 c)
{
	switch (vc.state) {
	case VC_ESC:
		if (c == '[') {
			vc.state = VC_CSI;
			vc.npar = 0;
			vc.par[0] = 0;
		} else if (c != 0x1b) {		/* ESC ESC: the second one starts over */
			vc.state = VC_NORMAL;	/* ESC c, ESC 7, ...: swallowed */
		}
		return;
	case VC_CSI:
		csi_byte(c);
		return;
	case VC_NORMAL:
		break;
	}
	if (c < 0x20 || c == 0x7f)
		control(c);
	else
		put_glyph(c);
}

void vgacon_write(const char *s, size_t n)
{
	unsigned long flags;

	bool owned;

	if (!vc.vram)
		return;
	owned = printk_cpu_sync_get(&flags);
	while (n--)
		vgacon_byte((u8)*s++);
	update_cursor();
	printk_cpu_sync_put(owned, flags);
}

/* Does the cell keep what is written to it? (No card: the bus reads 0xffff.) */
static bool cell_keeps(volatile u16 *p)
{
	u16 saved = *p;
	bool ok;

	*p = 0x5aa5;
	ok = *p == 0x5aa5;
	*p = 0xa55a;
	ok = ok && *p == 0xa55a;
	*p = saved;
	return ok;
}

static bool crtc_keeps(u8 reg)
{
	u8 saved = crtc_read(reg);
	bool ok;

	crtc_write(reg, 0x5a);
	ok = crtc_read(reg) == 0x5a;
	crtc_write(reg, 0xa5);
	ok = ok && crtc_read(reg) == 0xa5;
	crtc_write(reg, saved);
	return ok;
}

bool vgacon_init(void)
{
	u8 mode = *(volatile u8 *)__va(BDA_VIDEO_MODE);
	u16 equipment = *(volatile u16 *)__va(BDA_EQUIPMENT);
	u16 cols = *(volatile u16 *)__va(BDA_SCREEN_COLS);
	volatile u16 *vram = __va(VGA_TEXT_PHYS);
	unsigned int pos;

	if ((mode != 2 && mode != 3) || (equipment & 0x30) == 0x30 || cols != VGACON_COLS)
		return false;
	if (!cell_keeps(&vram[VGA_WINDOW_CELLS - 1]) || !crtc_keeps(CRTC_CURSOR_LO))
		return false;

	vc.vram = vram;
	vc.attr = VGACON_ATTR;
	vc.state = VC_NORMAL;
	/* Keep what the BIOS and boot loader wrote; go on below their cursor. */
	pos = (unsigned int)crtc_read(CRTC_CURSOR_HI) << 8 | crtc_read(CRTC_CURSOR_LO);
	pos -= (unsigned int)crtc_read(CRTC_START_HI) << 8 | crtc_read(CRTC_START_LO);
	set_origin(0);
	if (pos >= SCREEN_CELLS) {
		clear_screen();
		vc.x = vc.y = 0;
	} else {
		vc.y = pos / VGACON_COLS;
		vc.x = pos % VGACON_COLS;
		if (vc.x) {
			vc.x = 0;
			linefeed();
		}
	}
	update_cursor();
	return true;
}

u16 vgacon_read_cell(unsigned int row, unsigned int col)
{
	if (!vc.vram || row >= VGACON_ROWS || col >= VGACON_COLS)
		return 0;
	return *cell(row, col);
}

void vgacon_get_cursor(unsigned int *row, unsigned int *col)
{
	*row = vc.y;
	*col = vc.x;
}

unsigned int vgacon_crtc_cursor(void)
{
	unsigned long flags;
	unsigned int pos, start;
	bool owned = printk_cpu_sync_get(&flags);	/* the index/data pairs: one CPU */

	pos = (unsigned int)crtc_read(CRTC_CURSOR_HI) << 8 | crtc_read(CRTC_CURSOR_LO);
	start = (unsigned int)crtc_read(CRTC_START_HI) << 8 | crtc_read(CRTC_START_LO);
	printk_cpu_sync_put(owned, flags);
	return pos - start;
}
