// SPDX-License-Identifier: MIT
/*
 * KTAP suite "kbd": the PS/2 keyboard (drivers/input/atkbd.c, i8042.c).
 *
 * Most cases feed scancode-set-1 bytes to kbd_translate() with a fresh
 * struct kbd_state and compare the bytes it makes with what a terminal
 * sends for those keys:
 *
 *   2A 1E AA 1E     Shift down, a, Shift up, a      -> "Aa"
 *   1D 2E           Ctrl down, c                    -> "\x03"
 *   E0 48 E0 C8     Up pressed and released         -> "\x1b[A"
 *
 * The last case drives the real controller: command 0xD2 makes the
 * i8042 present a byte as if the keyboard had sent it, which raises
 * IRQ 1 and runs the interrupt handler. It injects Shift down and Shift
 * up (no character reaches the tty) and checks the handler read both.
 *
 * Kernel only: it is not in tests/host's KTEST_SRCS.
 */
#include <asm/irqflags.h>
#include <kernel/interrupt.h>
#include <kernel/keyboard.h>
#include <kernel/ktest.h>
#include <kernel/string.h>

/* Feed @n scancodes to a fresh keyboard; what they type, NUL-terminated, in @out. */
static const char *type_codes(const u8 *codes, unsigned int n, char *out, unsigned int size)
{
	struct kbd_state kbd;
	unsigned int len = 0;
	char buf[KBD_MAX_BYTES];

	memset(&kbd, 0, sizeof(kbd));
	for (unsigned int i = 0; i < n; i++) {
		unsigned int got = kbd_translate(&kbd, codes[i], buf);

		for (unsigned int j = 0; j < got && len + 1 < size; j++)
			out[len++] = buf[j];
	}
	out[len] = '\0';
	return out;
}

#define TYPE(out, ...) ({							\
	static const u8 __codes[] = { __VA_ARGS__ };				\
	type_codes(__codes, sizeof(__codes), out, sizeof(out));		\
})

static void kbd_make_gives_char_break_nothing(struct ktest *t)
{
	char out[32];

	KTEST_EXPECT_STREQ(t, TYPE(out, 0x1E, 0x9E), "a");		/* a down, up */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x23, 0xA3, 0x17, 0x97), "hi");
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x02, 0x0B, 0x0C, 0x0D, 0x39), "10-= ");
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x1A, 0x1B, 0x27, 0x28, 0x29, 0x2B), "[];'`\\");
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x33, 0x34, 0x35), ",./");
	/* held keys repeat their make code: the character repeats */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x1E, 0x1E, 0x1E, 0x9E), "aaa");
	/* releases only */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x9E, 0xAA, 0x81), "");
}

static void kbd_shift_both_sides(struct ktest *t)
{
	char out[32];

	KTEST_EXPECT_STREQ(t, TYPE(out, 0x2A, 0x1E, 0xAA, 0x1E), "Aa");
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x36, 0x02, 0x03, 0x0C, 0x28, 0x35, 0xB6), "!@_\"?");
	/* both Shifts down, one up: still shifted */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x2A, 0x36, 0xAA, 0x1F, 0xB6, 0x1F), "Ss");
}

static void kbd_caps_lock_letters_only(struct ktest *t)
{
	char out[32];

	/* Caps on: letters upper, digits not; Shift inverts back */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x3A, 0xBA, 0x1E, 0x02, 0x2A, 0x1E, 0x02, 0xAA), "A1a!");
	/* pressed twice: off again */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x3A, 0xBA, 0x3A, 0xBA, 0x1E), "a");
	/* held (its make code repeating): toggles once */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x3A, 0x3A, 0x3A, 0xBA, 0x1E), "A");
}

static void kbd_ctrl_makes_control_chars(struct ktest *t)
{
	char out[32];

	KTEST_EXPECT_STREQ(t, TYPE(out, 0x1D, 0x2E, 0x9D), "\x03");	/* ^C */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x1D, 0x20), "\x04");		/* ^D */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x1D, 0x16), "\x15");		/* ^U */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x1D, 0x11), "\x17");		/* ^W */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x1D, 0x2B), "\x1c");		/* ^\ */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x1D, 0x1A), "\x1b");		/* ^[ */
	/* Ctrl with Shift or Caps: the same control character */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x1D, 0x2A, 0x2E), "\x03");
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x3A, 0xBA, 0x1D, 0x2E), "\x03");
	/* the right Ctrl (E0 1D), released (E0 9D): then a plain c */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0xE0, 0x1D, 0x2E, 0xE0, 0x9D, 0x2E), "\x03" "c");
	/* ^@ (Ctrl-Space) is a NUL byte: it ends the C string here */
	{
		struct kbd_state kbd = { .lctrl = true };
		char buf[KBD_MAX_BYTES];

		KTEST_EXPECT_EQ(t, kbd_translate(&kbd, 0x39, buf), 1);
		KTEST_EXPECT_EQ(t, buf[0], 0);
	}
}

static void kbd_special_keys(struct ktest *t)
{
	char out[32];

	KTEST_EXPECT_STREQ(t, TYPE(out, 0x1C), "\r");			/* Enter */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x0E), "\x7f");			/* Backspace */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x0F), "\t");			/* Tab */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x01), "\x1b");			/* Esc */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x38, 0x1E, 0xB8, 0x1E), "\x1b" "aa");	/* Alt-a */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0xE0, 0x1C, 0xE0, 0x35, 0x37), "\r/*");	/* keypad */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x47, 0x52, 0x53), "70.");	/* keypad, Num Lock on */
}

static void kbd_arrows_send_escape_sequences(struct ktest *t)
{
	char out[32];

	KTEST_EXPECT_STREQ(t, TYPE(out, 0xE0, 0x48, 0xE0, 0xC8), "\x1b[A");
	KTEST_EXPECT_STREQ(t, TYPE(out, 0xE0, 0x50), "\x1b[B");
	KTEST_EXPECT_STREQ(t, TYPE(out, 0xE0, 0x4D), "\x1b[C");
	KTEST_EXPECT_STREQ(t, TYPE(out, 0xE0, 0x4B), "\x1b[D");
	KTEST_EXPECT_STREQ(t, TYPE(out, 0xE0, 0x47, 0xE0, 0x4F), "\x1b[H\x1b[F");
	KTEST_EXPECT_STREQ(t, TYPE(out, 0xE0, 0x53), "\x1b[3~");	/* Delete */
	/* a "fake shift" around an arrow does not shift what follows */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0xE0, 0x2A, 0xE0, 0x48, 0xE0, 0xC8, 0xE0, 0xAA, 0x1E),
			   "\x1b[Aa");
}

static void kbd_unknown_codes_ignored(struct ktest *t)
{
	char out[32];

	/* F1, F12, Num Lock, Scroll Lock, a code past the table, the ACK byte 0xFA */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0x3B, 0x58, 0x45, 0x46, 0x60, 0xFA, 0x1E), "a");
	/* the Windows key (E0 5B) and an unknown E0 code */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0xE0, 0x5B, 0xE0, 0x21, 0x1E), "a");
	/* Pause: E1 1D 45 E1 9D C5, six bytes and no key */
	KTEST_EXPECT_STREQ(t, TYPE(out, 0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5, 0x1E), "a");
}

/* Spin until IRQ 1 has fired @want times more than @before, at most ~a tick's worth. */
static bool wait_irq1(unsigned long before, unsigned long want)
{
	for (unsigned long spins = 0; spins < 10000000UL; spins++) {
		if (kstat_irqs(1) - before >= want)
			return true;
		__asm__ __volatile__("pause");
	}
	return false;
}

static void kbd_i8042_injected_scancodes_reach_irq1(struct ktest *t)
{
	unsigned long irqs = kstat_irqs(1), codes = i8042_scancodes, dropped = kbd_dropped;

	if (!i8042_present)
		ktest_skip(t, "no PS/2 controller on this machine");
	KTEST_ASSERT_TRUE(t, irqs_disabled() == false);
	KTEST_ASSERT_TRUE(t, i8042_inject(0x2A));	/* left Shift down */
	KTEST_EXPECT_TRUE(t, wait_irq1(irqs, 1));
	KTEST_ASSERT_TRUE(t, i8042_inject(0xAA));	/* and up */
	KTEST_EXPECT_TRUE(t, wait_irq1(irqs, 2));
	KTEST_EXPECT_EQ(t, i8042_scancodes - codes, 2);
	KTEST_EXPECT_EQ(t, kbd_dropped, dropped);
}

static const struct ktest_case kbd_cases[] = {
	KTEST_CASE(kbd_make_gives_char_break_nothing),
	KTEST_CASE(kbd_shift_both_sides),
	KTEST_CASE(kbd_caps_lock_letters_only),
	KTEST_CASE(kbd_ctrl_makes_control_chars),
	KTEST_CASE(kbd_special_keys),
	KTEST_CASE(kbd_arrows_send_escape_sequences),
	KTEST_CASE(kbd_unknown_codes_ignored),
	KTEST_CASE(kbd_i8042_injected_scancodes_reach_irq1),
	{}
};
KTEST_SUITE(kbd) = { .name = "kbd", .cases = kbd_cases };
