/* SPDX-License-Identifier: MIT */
/*
 * Invariant checks.
 *
 *   BUG_ON(cond)            always compiled in; panics naming #cond, file,
 *                           line and function.
 *   VM_BUG_ON(cond)         only with DEBUG_VM=1; otherwise the expression
 *                           is still type-checked (sizeof), so it cannot rot.
 *   VM_BUG_ON_PAGE(c, page) as VM_BUG_ON, and dumps the struct page first.
 *   WARN_ON(cond)           prints a warning with the location and goes on;
 *                           evaluates to cond, so `if (WARN_ON(x)) return;`.
 *   WARN(cond, fmt, ...)    the same with a message that names the problem.
 *   BUILD_BUG_ON(cond)      compile-time (kernel/compiler.h).
 */
#ifndef _KERNEL_BUG_H
#define _KERNEL_BUG_H

#include <kernel/compiler.h>
#include <kernel/printk.h>

__noreturn __printf(1, 2) void panic(const char *fmt, ...);
__noreturn void __bug(const char *file, int line, const char *func, const char *cond);
void __warn(const char *file, int line, const char *func, const char *fmt, ...) __printf(4, 5);

#define BUG()		__bug(__FILE__, __LINE__, __func__, "BUG()")
#define BUG_ON(cond)	do { if (unlikely(cond)) __bug(__FILE__, __LINE__, __func__, #cond); } while (0)

#define WARN(cond, fmt, ...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		__warn(__FILE__, __LINE__, __func__, fmt, ##__VA_ARGS__); \
	unlikely(__ret_warn);						\
})
#define WARN_ON(cond)	WARN(cond, "%s", #cond)
#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret_once = !!(cond);					\
	if (unlikely(__ret_once) && !__warned) {			\
		__warned = true;					\
		__warn(__FILE__, __LINE__, __func__, "%s", #cond);	\
	}								\
	unlikely(__ret_once);						\
})

#if IS_ENABLED(CONFIG_DEBUG_VM)
#define VM_BUG_ON(cond)	BUG_ON(cond)
#define VM_BUG_ON_PAGE(cond, page) do {					\
	if (unlikely(cond)) {						\
		dump_page(page, "VM_BUG_ON_PAGE(" #cond ")");		\
		__bug(__FILE__, __LINE__, __func__, #cond);		\
	}								\
} while (0)
#else
#define VM_BUG_ON(cond)			((void)sizeof(!!(cond)))
#define VM_BUG_ON_PAGE(cond, page)	((void)sizeof(!!(cond)), (void)sizeof(page))
#endif

struct page;
void dump_page(struct page *page, const char *reason);

#endif
