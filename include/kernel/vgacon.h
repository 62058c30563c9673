/* SPDX-License-Identifier: MIT */
/*
 * The VGA text console (drivers/video/vgacon.c): an 80x25 colour text
 * screen that shows every byte console_write_raw() sends to COM1, and the
 * console's outputs (arch/x86/kernel/serial.c, drivers/video/console_init.c).
 *
 *   printk ------> console_write()  ("\n" sent as "\r\n")
 *                        |
 *   the tty -------------+--> console_write_raw() --+--> COM1 (serial_putc)
 *   (write, echo)                                   \--> vgacon_write() -> 0xB8000
 *
 * Which of the two console_write_raw() feeds is console_outputs: what is
 * present (a UART at COM1, a VGA text screen), narrowed by `console=`.
 */
#ifndef _KERNEL_VGACON_H
#define _KERNEL_VGACON_H

#include <kernel/types.h>

#define VGACON_COLS	80
#define VGACON_ROWS	25
#define VGACON_ATTR	0x07	/* light grey on black */

/* The console's outputs, bits of console_outputs. */
enum console_output {
	CON_SERIAL	= 1 << 0,	/* COM1, "ttyS0" */
	CON_VGA		= 1 << 1,	/* the VGA text screen, "tty0" */
};

/* Where console_write_raw() sends its bytes now (serial.c). */
extern unsigned int console_outputs;
/* What is there: set by serial_init() from the probes. */
extern unsigned int console_present;
/* What `console=` asked for (0: nothing said, everything present). */
extern unsigned int console_requested;

/**
 * vgacon_init - find a colour 80x25 text screen and take it over.
 *
 * The BIOS data area says which video mode the BIOS (or the boot
 * loader) left (0x449: mode 2 or 3; 0x410: not monochrome; 0x44A: 80
 * columns); a cell beyond the visible screen and the CRTC's cursor
 * register must keep what is written to them. The screen's contents are
 * kept; output starts on the line below the BIOS's cursor.
 * Context: boot, from serial_init(), before anything else prints.
 * Return: true if the screen is there and vgacon_write() draws on it.
 */
bool vgacon_init(void);

/**
 * vgacon_write - draw @n bytes at the cursor, as a terminal would: text,
 * "\r" (column 0), "\n" (one row down), "\b", "\t", and the ANSI sequences a line-editing shell sends
 * (ESC [ K, ESC [ n C/D/A/B, ESC [ H, ESC [ r;c H, ESC [ 2J, ESC [ J);
 * other sequences are swallowed, other control bytes ignored.
 * @s: the bytes
 * @n: how many
 * Context: any (interrupts are off while it draws). Does nothing when
 * vgacon_init() found no screen.
 */
void vgacon_write(const char *s, size_t n);

/* For the vga self-test (drivers/tests/vga_test.c): the screen as drawn. */

/**
 * vgacon_read_cell - read back the cell at @row, @col of the visible
 * screen from video memory: character in bits 0-7, attribute in 8-15.
 * Context: any. Return: the cell, or 0 if there is no screen.
 */
u16 vgacon_read_cell(unsigned int row, unsigned int col);

/**
 * vgacon_get_cursor - where the next character will go (software state).
 * Context: any. @col may be VGACON_COLS (the line is full; the next
 * character wraps to the next line).
 */
void vgacon_get_cursor(unsigned int *row, unsigned int *col);

/**
 * vgacon_crtc_cursor - the cursor position the CRTC holds (registers
 * 0x0E, 0x0F), minus the screen's start (registers 0x0C, 0x0D): the
 * cell offset row * 80 + col the blinking cursor is drawn at.
 * Context: any. Return: the offset, read back from the hardware.
 */
unsigned int vgacon_crtc_cursor(void);

/**
 * console_init - apply `console=` to the outputs found and say in one
 * line where the console is.
 * Context: boot, after the command line is parsed.
 */
void console_init(void);

#endif
