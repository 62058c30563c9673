# SPDX-License-Identifier: MIT
#
# user/user.mk: user space, included by the top-level Makefile.
#
# Builds the libc (user/lib/ -> $(O)/user/libfen.a; objects in $(O)/user/obj/),
# one static i386 ELF
# per user/bin/*.c (-> $(O)/user/bin/NAME, linked at Linux's 0x08048000)
# and the initramfs the kernel unpacks ($(O)/initramfs.cpio, newc, by
# tools/mkcpio.py): /init, /bin/<every program>, and empty /dev and /proc.
# The programs use Linux's i386 system-call ABI, so they also run on the
# host: $(O)/user/bin/usertests (user/README.md).

# -fno-tree-loop-distribute-patterns: gcc must not turn memset's own loop
# into a call to memset.
USER_CFLAGS	:= -std=gnu11 -m32 -march=i486 -mtune=generic -O2 -g \
		   -ffreestanding -fno-pie -fno-pic -fno-stack-protector \
		   -fno-asynchronous-unwind-tables -fno-strict-aliasing -fno-common \
		   -fno-tree-loop-distribute-patterns \
		   -Wall -Wextra -Werror -Wno-unused-parameter -Wmissing-prototypes \
		   -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
		   -Iuser/include -Iinclude/uapi -MMD -MP
# -z noseparate-code: headers, text and rodata in one r-x segment at
# 0x08048000, then data and bss, as /proc/self/maps shows on Linux.
USER_LDFLAGS	:= -m elf_i386 -nostdlib -static --build-id=none -z noexecstack \
		   -z noseparate-code -Ttext-segment=0x08048000 -e _start

USER_LIB_SRCS	:= $(sort $(wildcard user/lib/*.c user/lib/*.asm))
USER_LIB_OBJS	:= $(patsubst user/%,$(O)/user/obj/%.o,$(basename $(filter-out user/lib/crt0.asm,$(USER_LIB_SRCS))))
USER_CRT0	:= $(O)/user/obj/lib/crt0.o
USER_LIB	:= $(O)/user/libfen.a
# A program is user/bin/NAME.c or a directory user/bin/NAME/ of .c files.
USER_PROGS	:= $(sort $(basename $(notdir $(wildcard user/bin/*.c))) \
		     $(patsubst user/bin/%/,%,$(dir $(wildcard user/bin/*/*.c))))
user_prog_objs	= $(patsubst user/%.c,$(O)/user/obj/%.o,$(wildcard user/bin/$(1).c user/bin/$(1)/*.c))
USER_BINS	:= $(addprefix $(O)/user/bin/,$(USER_PROGS))
INITRAMFS	:= $(O)/initramfs.cpio

.PHONY: user
## user: the user programs ($(O)/user/bin/) and $(O)/initramfs.cpio
user: $(INITRAMFS)

$(O)/user/obj/%.o: user/%.c user/user.mk
	$(quiet) CC $<
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(O)/user/obj/%.o: user/%.asm user/user.mk
	$(quiet) AS $<
	$(Q)mkdir -p $(dir $@)
	$(Q)$(NASM) -f elf32 -g -F dwarf -MD $(@:.o=.d) -MP $< -o $@

$(USER_LIB): $(USER_LIB_OBJS)
	$(quiet) AR $@
	$(Q)rm -f $@
	$(Q)$(CROSS_COMPILE)ar rcs $@ $^

# libgcc after libfen: printf's 64-bit division (__udivdi3, __umoddi3).
define user_prog_rule
$(O)/user/bin/$(1): $(call user_prog_objs,$(1)) $(USER_CRT0) $(USER_LIB)
	$$(quiet) LD $$@
	$$(Q)mkdir -p $$(dir $$@)
	$$(Q)$$(LD) $$(USER_LDFLAGS) -o $$@ $$(USER_CRT0) $(call user_prog_objs,$(1)) $$(USER_LIB) $$(LIBGCC)
endef
$(foreach p,$(USER_PROGS),$(eval $(call user_prog_rule,$(p))))

# /init is bin/init; every other program is /bin/NAME.
$(INITRAMFS): $(USER_BINS) tools/mkcpio.py
	$(quiet) CPIO $@
	$(Q)python3 tools/mkcpio.py -o $@ --dir bin --dir dev --dir proc \
		--file init=$(O)/user/bin/init \
		$(foreach p,$(filter-out init,$(USER_PROGS)),--file bin/$(p)=$(O)/user/bin/$(p))
