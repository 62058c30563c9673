/* SPDX-License-Identifier: MIT */
/*
 * The terminal ioctl numbers, Linux i386's (asm-generic/ioctls.h): one
 * list for the kernel's tty and the user libc. A file that is not a
 * terminal answers every one with -ENOTTY, as on Linux.
 */
#ifndef _UAPI_ASM_IOCTLS_H
#define _UAPI_ASM_IOCTLS_H

#define TCGETS		0x5401	/* struct termios *: read the modes */
#define TCSETS		0x5402	/* const struct termios *: set them now */
#define TCSETSW		0x5403	/* ... after output drains */
#define TCSETSF		0x5404	/* ... after output drains, discarding pending input */
#define TCFLSH		0x540B	/* int: TCIFLUSH/TCOFLUSH/TCIOFLUSH */
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F	/* pid_t *: the foreground process group */
#define TIOCSPGRP	0x5410	/* const pid_t *: make it the foreground process group */
#define TIOCSTI		0x5412	/* const char *: insert a byte as if typed */
#define TIOCGWINSZ	0x5413	/* struct winsize * */
#define TIOCSWINSZ	0x5414	/* const struct winsize * */
#define FIONREAD	0x541B	/* int *: bytes readable now */
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429	/* pid_t *: the terminal's session */

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

#endif
