/* SPDX-License-Identifier: MIT */
/*
 * The PS/2 keyboard (drivers/input/): the i8042 controller's interrupt
 * (IRQ 1) hands each scancode byte to the translator, which turns key
 * presses into the bytes a terminal sends, and those go to the console
 * tty with tty_receive_buf():
 *
 *   key "a" pressed  -> 0x1E          -> "a"
 *   Shift held, "a"  -> 0x2A 0x1E     -> "A"
 *   Ctrl held, "c"   -> 0x1D 0x2E     -> "\x03" (^C: SIGINT, in the tty)
 *   Up arrow         -> 0xE0 0x48     -> "\x1b[A"
 *   Enter            -> 0x1C          -> "\r"    Backspace -> "\x7f"
 *   any release      -> code | 0x80   -> nothing (but Shift/Ctrl/Alt up)
 */
#ifndef _KERNEL_KEYBOARD_H
#define _KERNEL_KEYBOARD_H

#include <kernel/types.h>

#define KBD_MAX_BYTES	4	/* the longest output of one scancode: ESC [ 3 ~ */

/* The keyboard's state between scancodes; all zero is "nothing held". */
struct kbd_state {
	bool lshift, rshift, lctrl, rctrl, lalt, ralt;
	bool caps_lock;
	bool caps_down;		/* Caps Lock held: its repeats do not toggle again */
	bool e0;		/* the last byte was the 0xE0 prefix */
	u8 e1_skip;		/* bytes of a Pause sequence (0xE1 ...) still to eat */
};

/**
 * kbd_translate - feed one scancode-set-1 byte to the keyboard's state.
 * @kbd: the state (modifiers, Caps Lock, a pending prefix)
 * @code: the byte read from the controller
 * @out: room for KBD_MAX_BYTES bytes
 *
 * Make codes of printable keys give their character (Shift, Caps Lock
 * for letters, Ctrl: control characters, Alt: an ESC in front); Enter
 * "\r", Backspace 0x7f, Tab, Esc; arrows and Home/End/Delete/Insert/Page
 * Up/Down the xterm sequences ("\x1b[A", "\x1b[3~"). Break codes,
 * modifiers and unknown keys give nothing. The keypad acts as with Num
 * Lock on (digits), its Enter and "/" included.
 * Context: any (pure function of @kbd and @code).
 * Return: how many bytes were written to @out (0..KBD_MAX_BYTES).
 */
unsigned int kbd_translate(struct kbd_state *kbd, u8 code, char *out);

/**
 * i8042_init - find the PS/2 controller and take keyboard input on IRQ 1.
 * Absent (its status port reads 0xff) or unusable: one info line, no input.
 * Context: boot, process context, after init_IRQ() (request_irq allocates).
 */
void i8042_init(void);

/* Keyboard bytes the tty would not take (its input queue was full). */
extern unsigned long kbd_dropped;
/* Keyboard bytes (scancodes) the interrupt read, since boot. */
extern unsigned long i8042_scancodes;
/* i8042_init() found the controller and put the keyboard on IRQ 1. */
extern bool i8042_present;

/*
 * i8042_inject - make the controller present @code as if the keyboard
 * had sent it (command 0xD2, "write keyboard output buffer"): it raises
 * IRQ 1 and goes through the whole input path. For the kbd self-test.
 * Context: process context. Return: false if the controller did not
 * take the command.
 */
bool i8042_inject(u8 code);

#endif
