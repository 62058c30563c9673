/* SPDX-License-Identifier: MIT */
/*
 * termios.h: terminal modes. struct termios and the flag values are the
 * kernel's (include/uapi/asm/termbits.h), so TCGETS/TCSETS take it as is.
 */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <asm/termbits.h>
#include <sys/types.h>

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);	/* TCSANOW/TCSADRAIN/TCSAFLUSH */
int tcflush(int fd, int queue);					/* TCIFLUSH/TCOFLUSH/TCIOFLUSH */
void cfmakeraw(struct termios *t);	/* no ICANON, ECHO, ISIG, IEXTEN, ICRNL, OPOST; VMIN 1, VTIME 0 */
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
int isatty(int fd);

#endif
