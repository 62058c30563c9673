/* SPDX-License-Identifier: MIT */
/*
 * Host wrapper for arch/x86/include/asm/io.h: port output is recorded
 * (last port and value), port input reads all ones as a floating bus
 * would. The MMIO accessors are plain loads and stores already.
 */
#ifndef _TESTS_HOST_ASM_IO_H
#define _TESTS_HOST_ASM_IO_H

#include_next <asm/io.h>

extern u16 host_last_port;
extern u32 host_last_port_value;

#define outb(port, v)	((void)(host_last_port = (port), host_last_port_value = (u8)(v)))
#define outw(port, v)	((void)(host_last_port = (port), host_last_port_value = (u16)(v)))
#define outl(port, v)	((void)(host_last_port = (port), host_last_port_value = (u32)(v)))
#define inb(port)	((void)(port), (u8)0xff)
#define inw(port)	((void)(port), (u16)0xffff)
#define inl(port)	((void)(port), (u32)0xffffffff)

#endif
