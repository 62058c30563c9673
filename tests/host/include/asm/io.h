/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for arch/x86/include/asm/io.h. Port output is recorded
 * (last port and value), port input reads 0xff as a floating bus would,
 * and MMIO accessors are plain loads and stores.
 */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

#include <kernel/types.h>

extern u16 host_last_port;
extern u32 host_last_port_value;

static inline void outb(u16 port, u8 v)  { host_last_port = port; host_last_port_value = v; }
static inline void outw(u16 port, u16 v) { host_last_port = port; host_last_port_value = v; }
static inline void outl(u16 port, u32 v) { host_last_port = port; host_last_port_value = v; }
static inline u8 inb(u16 port)  { (void)port; return 0xff; }
static inline u16 inw(u16 port) { (void)port; return 0xffff; }
static inline u32 inl(u16 port) { (void)port; return 0xffffffff; }

static inline u32 readl(const volatile void *a)	{ return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void *a) { *(volatile u32 *)a = v; }
static inline u16 readw(const volatile void *a)	{ return *(const volatile u16 *)a; }

#endif
