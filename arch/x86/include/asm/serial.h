/* SPDX-License-Identifier: MIT */
/*
 * COM1 (arch/x86/kernel/serial.c, serial_rx.c): the 16550A's registers, and its
 * receive side: bytes arriving on IRQ 4 wait in a small ring until
 * someone reads them (the shell issue's input).
 */
#ifndef _ASM_X86_SERIAL_H
#define _ASM_X86_SERIAL_H

#include <kernel/types.h>

#define COM1		0x3F8
#define COM1_IRQ	4
#define UART_DATA	0	/* DLAB=0: data; DLAB=1: divisor low */
#define UART_IER	1	/* DLAB=1: divisor high */
#define UART_IER_RDI	0x01	/* interrupt when received data is available */
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_MCR_DTR	0x01
#define UART_MCR_RTS	0x02
#define UART_MCR_OUT2	0x08	/* on PCs, connects the UART's interrupt to the PIC */
#define UART_MCR_LOOP	0x10	/* loopback: what is sent is received, nothing leaves */
#define UART_LSR	5
#define UART_LSR_DR	0x01	/* a received byte is waiting */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_SCR	7	/* scratch: keeps what is written only if a UART is there */

#define SERIAL_RX_RING	64	/* bytes; a power of two */

/*
 * serial_rx_init - the receive interrupt on: the handler on IRQ 4 drains
 * the UART into the ring. Context: boot, after init_IRQ().
 */
void serial_rx_init(void);

/*
 * serial_rx_read - move up to @n received bytes into @buf.
 * Context: any (takes them with interrupts off). Return: bytes moved.
 */
size_t serial_rx_read(char *buf, size_t n);

/* Bytes dropped because the ring was full, since boot. */
extern unsigned long serial_rx_overruns;

#endif
