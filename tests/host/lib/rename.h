/* SPDX-License-Identifier: MIT */
/*
 * Force-included into every kernel translation unit of the host build:
 * the kernel's own string and formatting functions (kernel/lib/) get
 * names that do not collide with the host C library's, so kernel code
 * runs the kernel's vsnprintf and memparse while the C library, ASan's
 * runtime and the test runner keep theirs.
 */
#define memset		kernel_memset
#define memcpy		kernel_memcpy
#define memmove		kernel_memmove
#define memcmp		kernel_memcmp
#define strlen		kernel_strlen
#define strnlen		kernel_strnlen
#define strcmp		kernel_strcmp
#define strncmp		kernel_strncmp
#define strchr		kernel_strchr
#define snprintf	kernel_snprintf
#define vsnprintf	kernel_vsnprintf
/*
 * The kernel image's linker-script symbols: the host linker defines
 * _end, _edata and __bss_start for the test program itself, so the
 * kernel's references are pointed at the Makefile's IMAGE_SYMS instead.
 */
#define _text		kimage_text
#define _etext		kimage_etext
#define _rodata		kimage_rodata
#define _erodata	kimage_erodata
#define _data		kimage_data
#define _edata		kimage_edata
#define __bss_start	kimage_bss_start
#define __bss_end	kimage_bss_end
#define _end		kimage_end
