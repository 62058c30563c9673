// SPDX-License-Identifier: MIT
/*
 * How this works: scancodes (set 1) to the bytes a terminal sends.
 *
 * A PC keyboard does not send characters: it sends a number per key
 * when the key goes down (the make code) and again, with bit 7 set, when
 * it comes up (the break code). Keyboards speak scancode set 2; the
 * i8042 controller translates to set 1, the IBM PC/XT's, which the BIOS
 * turns on and i8042.c keeps. A few keys added by the 101-key keyboard
 * (the arrows, the second Ctrl and Alt, the keypad's Enter and "/")
 * send 0xE0 first, so "Up" is E0 48 and its release E0 C8; Pause sends
 * the six bytes E1 1D 45 E1 9D C5 and no break.
 *
 * So the translator keeps state (struct kbd_state): which modifiers are
 * held (both Shifts, Ctrls, Alts separately: releasing one of two held
 * Shifts leaves Shift on), Caps Lock, and whether a prefix came. Per
 * byte:
 *
 *   E0            remember it for the next byte
 *   E1            eat the next two bytes (half of Pause)
 *   bit 7 set     a release: drop a modifier, else nothing
 *   a modifier    hold it (Caps Lock toggles once per press)
 *   after E0      the cursor keys -> "\x1b[A" ... "\x1b[3~";
 *                 keypad Enter and "/"; E0 2A/E0 36 (the "fake shifts"
 *                 some keyboards wrap cursor keys in) are ignored
 *   otherwise     keymap[code] (or shift_keymap[code] with Shift, or
 *                 Caps Lock for a letter but not both), then Ctrl turns
 *                 @ A-Z [ \ ] ^ _ (and a-z) into 0x00-0x1f, then Alt
 *                 puts an ESC in front
 *
 * Keys the tables leave 0 (F1-F12, Num Lock, Scroll Lock) give nothing.
 * The keyboard's own typematic repeat sends the make code again while a
 * key is held, which repeats its character, as on any terminal.
 *
 * Where it differs from Linux: Linux's atkbd (drivers/input/keyboard/)
 * reads set 2 itself (translation off), turns every scancode into a
 * key code (input layer, evdev), and the console's keyboard handler
 * (drivers/tty/vt/keyboard.c) maps key codes through a loadable keymap
 * (loadkeys) with dead keys, compose, Unicode, and the LEDs. Here one
 * built-in US layout, no LEDs (Caps Lock's light stays as it was), the
 * keypad as with Num Lock on, and the bytes go straight to the tty.
 */
#include <kernel/keyboard.h>

#define SC_ESC		0x01
#define SC_BACKSPACE	0x0E
#define SC_TAB		0x0F
#define SC_ENTER	0x1C
#define SC_LCTRL	0x1D
#define SC_LSHIFT	0x2A
#define SC_RSHIFT	0x36
#define SC_LALT		0x38
#define SC_CAPS		0x3A
#define SC_KP_SLASH	0x35		/* after E0; "/" without it */
#define SC_BREAK	0x80
#define SC_E0		0xE0
#define SC_E1		0xE1

/* The US layout, unshifted and shifted; 0: no character. */
static const char keymap[0x54] = {
	[0x01] = 0x1b,
	[0x02] = '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=',
	[0x0E] = 0x7f, '\t',
	[0x10] = 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r',
	[0x1E] = 'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`',
	[0x2B] = '\\', 'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/',
	[0x37] = '*', [0x39] = ' ',
	/* the keypad, as with Num Lock on */
	[0x47] = '7', '8', '9', '-', '4', '5', '6', '+', '1', '2', '3', '0', '.',
};

static const char shift_keymap[0x54] = {
	[0x01] = 0x1b,
	[0x02] = '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+',
	[0x0E] = 0x7f, '\t',
	[0x10] = 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r',
	[0x1E] = 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~',
	[0x2B] = '|', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?',
	[0x37] = '*', [0x39] = ' ',
	[0x47] = '7', '8', '9', '-', '4', '5', '6', '+', '1', '2', '3', '0', '.',
};

/* After E0: the cursor block's escape sequences (xterm's). */
static const char *const e0_keys[0x54] = {
	[0x47] = "\x1b[H",		/* Home */
	[0x48] = "\x1b[A",		/* Up */
	[0x49] = "\x1b[5~",		/* Page Up */
	[0x4B] = "\x1b[D",		/* Left */
	[0x4D] = "\x1b[C",		/* Right */
	[0x4F] = "\x1b[F",		/* End */
	[0x50] = "\x1b[B",		/* Down */
	[0x51] = "\x1b[6~",		/* Page Down */
	[0x52] = "\x1b[2~",		/* Insert */
	[0x53] = "\x1b[3~",		/* Delete */
	[SC_ENTER] = "\r",		/* keypad Enter */
	[SC_KP_SLASH] = "/",		/* keypad / */
};

/* Ctrl with @c: the control character, or @c if it has none. */
static char ctrl_char(char c)
{
	if (c >= 'a' && c <= 'z')
		return (char)(c - 'a' + 1);
	if (c >= '@' && c <= '_')		/* @ A-Z [ \ ] ^ _ */
		return (char)(c & 0x1f);
	switch (c) {
	case ' ': case '2':			/* ^@, ^Space: NUL */
		return 0;
	case '6':				/* ^^ on a US keyboard */
		return 0x1e;
	case '-': case '/':			/* ^_ */
		return 0x1f;
	}
	return c;
}

static unsigned int copy_seq(const char *seq, char *out)
{
	unsigned int n = 0;

	while (seq[n] && n < KBD_MAX_BYTES) {
		out[n] = seq[n];
		n++;
	}
	return n;
}

/* A modifier's make (@down) or break; false if @code is not one. */
static bool modifier(struct kbd_state *kbd, u8 code, bool e0, bool down)
{
	switch (code) {
	case SC_LSHIFT:
	case SC_RSHIFT:
		if (e0)				/* a fake shift: not a key at all */
			return true;
		*(code == SC_LSHIFT ? &kbd->lshift : &kbd->rshift) = down;
		return true;
	case SC_LCTRL:
		*(e0 ? &kbd->rctrl : &kbd->lctrl) = down;
		return true;
	case SC_LALT:
		*(e0 ? &kbd->ralt : &kbd->lalt) = down;
		return true;
	case SC_CAPS:
		if (down && !kbd->caps_down)
			kbd->caps_lock = !kbd->caps_lock;
		kbd->caps_down = down;
		return true;
	}
	return false;
}

unsigned int kbd_translate(struct kbd_state *kbd, u8 code, char *out)
{
	bool e0 = kbd->e0, down = !(code & SC_BREAK), shift;
	u8 key = code & ~SC_BREAK;
	unsigned int n = 0;
	char c;

	if (kbd->e1_skip) {
		kbd->e1_skip--;
		return 0;
	}
	if (code == SC_E0) {
		kbd->e0 = true;
		return 0;
	}
	kbd->e0 = false;
	if (code == SC_E1) {
		kbd->e1_skip = 2;
		return 0;
	}
	if (modifier(kbd, key, e0, down) || !down || key >= sizeof(keymap))
		return 0;
	if (e0)
		return e0_keys[key] ? copy_seq(e0_keys[key], out) : 0;

	shift = kbd->lshift || kbd->rshift;
	c = keymap[key];
	if (c >= 'a' && c <= 'z' && kbd->caps_lock)
		shift = !shift;			/* Caps Lock inverts Shift for letters */
	if (shift)
		c = shift_keymap[key];
	if (!c)
		return 0;
	if (kbd->lctrl || kbd->rctrl)
		c = ctrl_char(keymap[key] >= 'a' && keymap[key] <= 'z' ? keymap[key] : c);
	if (kbd->lalt || kbd->ralt)
		out[n++] = 0x1b;		/* Alt: "meta sends escape" */
	out[n++] = c;
	return n;
}
