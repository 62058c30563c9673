/* SPDX-License-Identifier: MIT */
/*
 * COM1 (arch/x86/kernel/serial.c, serial_rx.c): the 16550A's registers, and its
 * receive side: bytes arriving on IRQ 4 go to the console tty
 * (tty_receive_buf()), held in the UART while the tty is full.
 */
#ifndef _ASM_X86_SERIAL_H
#define _ASM_X86_SERIAL_H

#include <kernel/types.h>

#define COM1		0x3F8
#define COM1_IRQ	4
#define UART_DATA	0	/* DLAB=0: data; DLAB=1: divisor low */
#define UART_IER	1	/* DLAB=1: divisor high */
#define UART_IER_RDI	0x01	/* interrupt when received data is available */
#define UART_FCR	2	/* write: FIFO control */
#define UART_FCR_ENABLE	0x01	/* FIFOs on; trigger bits 7:6 = 0: one byte. Changing it clears them */
#define UART_IIR	2	/* read: interrupt identification */
#define UART_IIR_FIFO	0xc0	/* bits 7:6 both set: the FIFOs are on */
#define UART_LCR	3
#define UART_MCR	4
#define UART_MCR_DTR	0x01
#define UART_MCR_RTS	0x02
#define UART_MCR_OUT2	0x08	/* on PCs, connects the UART's interrupt to the PIC */
#define UART_MCR_LOOP	0x10	/* loopback: what is sent is received, nothing leaves */
#define UART_LSR	5
#define UART_LSR_DR	0x01	/* a received byte is waiting */
#define UART_LSR_OE	0x02	/* overrun: a byte arrived with the FIFO full */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_SCR	7	/* scratch: keeps what is written only if a UART is there */

/*
 * serial_rx_init - the receive interrupt on: the handler on IRQ 4 hands
 * what arrives (and what arrived before) to the console tty, holding
 * back while the tty is full. Context: boot, after init_IRQ().
 */
void serial_rx_init(void);

/*
 * serial_rx_set_sink - the irq self-test's loopback case: received bytes
 * go to @sink instead of the tty (NULL: back to the tty). Context:
 * process context; @sink is called with interrupts off.
 */
void serial_rx_set_sink(void (*sink)(unsigned char c));

/* Receive overruns the UART reported (LSR OE) since boot: bytes lost in hardware. */
extern unsigned long serial_rx_overruns;

#endif
