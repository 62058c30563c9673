# SPDX-License-Identifier: MIT
#
# Fenestra: build, boot and test. `make help` lists the targets.
#
# Out-of-tree: everything is built in $(O) (default build/). Quiet by
# default; `make V=1` shows the full commands.

VMSPLIT		?= 3G
PAE		?= 0
MEM		?= 4G
comma		:= ,
# A PAE kernel wants QEMU's 36-bit physical addresses (pse36) and NX.
CPU		?= qemu32$(if $(filter 1,$(PAE)),$(comma)+pse36$(comma)+nx)
MACHINE		?= pc
# SMP=N: QEMU -smp N; every CPU runs tasks (docs/19-smp.md, docs/20-smp-mappings.md).
SMP		?=
CMDLINE		?=
# SHELL=1 (`make run SHELL=1`, the same as `make shell`): boot without the
# tour, straight to /init's default program, the shell's "$ " prompt.
# SHELL is make's own variable (the shell that runs recipes): a SHELL=1
# given on the command line is remembered as RUN_SHELL and SHELL put back.
ifeq ($(origin SHELL),command line)
  RUN_SHELL	:= $(SHELL)
  override SHELL := /bin/sh
endif
RUN_SHELL	?=
# DEMO="memhog 64": run that one program (/bin/memhog, with its arguments)
# as /init's only program and power off: `-- /bin/memhog 64` on the
# command line; make run returns 0 iff it exited 0.
DEMO		?=
# MONITOR=1: the QEMU monitor on the same terminal (Ctrl-A c switches).
MONITOR		?=
# make run/debug's command line when CMDLINE is empty: the tour, if built
# in, unless SHELL=1 or DEMO= asks for user space at once. DEMO adds its
# `-- /bin/PROGRAM ARGS` to either.
RUN_TOUR	= $(if $(filter 1,$(TOUR)),$(if $(filter-out 0,$(RUN_SHELL))$(DEMO),,tour))
RUN_DEMO	= $(if $(DEMO),-- $(if $(findstring /,$(firstword $(DEMO))),,/bin/)$(strip $(DEMO)))
RUN_CMDLINE	= $(strip $(if $(CMDLINE),$(CMDLINE),$(RUN_TOUR)) $(RUN_DEMO))
QEMU		?= qemu-system-i386
# The initramfs make run/debug/iso hand the kernel (user/user.mk builds it;
# QEMU -initrd, a multiboot module). INITRD= boots without one.
INITRD		?= $(O)/initramfs.cpio
# VMSPLIT: the user/kernel split: PAGE_OFFSET 0xC0000000 (3G), 0x80000000
# (2G) or 0x40000000 (1G). Lowmem becomes the kernel's share minus 128 MiB.
# PAE=1: three-level page tables with 64-bit entries: RAM above 4 GiB (up
# to 64 GiB) becomes highmem, and NX protects data from execution.
# Debug checks (VM_BUG_ON, slab poisoning, kmap guard slots): on unless
# DEBUG_VM=0 (benchmarks build with DEBUG_VM=0).
DEBUG_VM	?= 1
# The end-of-boot demonstrations (kernel/demos.c), each built in only when
# its switch is 1: KTEST (the KTAP self-tests in */tests/, `ktest=`), TOUR
# (mm/demo/tour.c, `tour`), CRASH (kernel/crash.c, `crash=`) and BENCH
# (kernel/bench/, `bench`). DEMOS sets all four: 1 for every named target
# (kernel, run, test, debug, iso: into build/), 0 for a plain `make` (the
# production kernel, into build-demos0/); `make bench` builds BENCH=1
# alone. Each can also be set by itself.
DEMOS		?= $(if $(filter-out all,$(MAKECMDGOALS)),1,0)
KTEST		?= $(DEMOS)
TOUR		?= $(DEMOS)
CRASH		?= $(DEMOS)
BENCH		?= $(DEMOS)
# Each variant builds in its own directory: build/, build-pae/,
# build-vmsplit2G/, build-pae-vmsplit1G/, build-demos0/ for DEMOS=0, and a
# -ktest0, -tour1, ... for a demonstration switch set apart from DEMOS
# (tools/fentest/runner.py's variant_build_dir() names them alike).
empty		:=
demo_lc_KTEST	:= ktest
demo_lc_TOUR	:= tour
demo_lc_CRASH	:= crash
demo_lc_BENCH	:= bench
ifeq ($(origin O),undefined)
  O := build$(if $(filter 1,$(PAE)),-pae)$(if $(filter-out 3G,$(VMSPLIT)),-vmsplit$(VMSPLIT))$(if $(filter 0,$(DEMOS)),-demos0)$(subst $(empty) ,,$(foreach d,KTEST TOUR CRASH BENCH,$(if $(filter-out $(DEMOS),$($(d))),-$(demo_lc_$(d))$($(d)))))
endif

# --- toolchain: resolved here and only here --------------------------------
ifeq ($(origin CROSS_COMPILE),undefined)
  ifneq ($(shell command -v i686-elf-gcc 2>/dev/null),)
    CROSS_COMPILE := i686-elf-
  else
    CROSS_COMPILE := i686-linux-gnu-
  endif
endif
CC		:= $(CROSS_COMPILE)gcc
LD		:= $(CROSS_COMPILE)ld
NM		:= $(CROSS_COMPILE)nm
OBJDUMP		:= $(CROSS_COMPILE)objdump
CPP		:= $(CC) -E
NASM		:= nasm

include tools/quiet.mk

# --- flags ---------------------------------------------------------------------
PAGE_OFFSET_3G	:= 0xC0000000
PAGE_OFFSET_2G	:= 0x80000000
PAGE_OFFSET_1G	:= 0x40000000
ifeq ($(PAGE_OFFSET_$(VMSPLIT)),)
  $(error VMSPLIT=$(VMSPLIT) is not one of 3G, 2G, 1G)
endif
CONFIG_DEFS	:= -DCONFIG_PAGE_OFFSET=$(PAGE_OFFSET_$(VMSPLIT)) -DCONFIG_VMSPLIT_STR=\"$(VMSPLIT)\"
ifeq ($(DEBUG_VM),1)
  CONFIG_DEFS	+= -DCONFIG_DEBUG_VM=1
endif
ifneq ($(filter-out 0 1,$(DEMOS)),)
  $(error DEMOS=$(DEMOS): say DEMOS=1 or DEMOS=0)
endif
# One -DCONFIG_<NAME>=1 per demonstration switch that is 1.
define demo_switch
  ifeq ($$($(1)),1)
    CONFIG_DEFS	+= -DCONFIG_$(1)=1
  else ifneq ($$($(1)),0)
    $$(error $(1)=$$($(1)): say $(1)=1 or $(1)=0)
  endif
endef
$(foreach v,KTEST TOUR CRASH BENCH,$(eval $(call demo_switch,$(v))))
ifeq ($(PAE),1)
  CONFIG_DEFS	+= -DCONFIG_X86_PAE=1
else ifneq ($(PAE),0)
  $(error PAE=$(PAE): say PAE=1 or PAE=0)
endif
INCLUDES	:= -Iinclude -Iarch/x86/include -I$(O)/gen
# -march=i486: the kernel must run on `-cpu 486` (no cmov, no TSC).
# -mgeneral-regs-only: no x87/SSE/MMX in kernel code (nothing saves them).
CFLAGS		:= -std=gnu11 -m32 -march=i486 -mtune=generic -O2 -g \
		   -ffreestanding -fno-builtin -fno-pie -fno-pic -fno-stack-protector \
		   -fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-strict-aliasing -fno-common \
		   -fno-asynchronous-unwind-tables -mgeneral-regs-only \
		   -mno-red-zone -Wall -Wextra -Winit-self -Werror -Wno-unused-parameter \
		   -Wmissing-prototypes -Wstrict-prototypes \
		   $(INCLUDES) $(CONFIG_DEFS) -MMD -MP
NASMFLAGS	:= -f elf32 -g -F dwarf -I$(O)/gen/ -Iarch/x86/include/
LIBGCC		:= $(shell $(CC) -m32 -print-libgcc-file-name 2>/dev/null)
LDFLAGS		:= -m elf_i386 -nostdlib -static --build-id=none -z noexecstack \
		   --no-warn-rwx-segments

# --- sources: every .c and .asm under these directories -----------------------
# ... except the demonstrations whose switch is 0 (kernel/demos.c).
SRC_DIRS	:= boot arch/x86 kernel mm $(wildcard fs init drivers)
DEMO_SRCS_KTEST	:= arch/x86/tests/% kernel/tests/% mm/tests/% fs/tests/% drivers/tests/% arch/x86/lib/setjmp.asm
DEMO_SRCS_TOUR	:= mm/demo/%
DEMO_SRCS_CRASH	:= kernel/crash.c
DEMO_SRCS_BENCH	:= kernel/bench/%
DEMO_SRCS_OFF	:= $(foreach v,KTEST TOUR CRASH BENCH,$(if $(filter 0,$($(v))),$(DEMO_SRCS_$(v))))
C_SRCS		:= $(filter-out arch/x86/kernel/asm-offsets.c $(DEMO_SRCS_OFF), \
		     $(shell find $(SRC_DIRS) -name '*.c' | sort))
ASM_SRCS	:= $(filter-out $(DEMO_SRCS_OFF),$(shell find $(SRC_DIRS) -name '*.asm' | sort))
OBJS		:= $(patsubst %.c,$(O)/%.o,$(C_SRCS)) $(patsubst %.asm,$(O)/%.o,$(ASM_SRCS))

GEN_CONFIG	:= $(O)/gen/config.stamp
GEN_OFFSETS	:= $(O)/gen/asm-offsets.inc
GEN_VERSION	:= $(O)/gen/kernel/version.h
LDS		:= $(O)/linker.lds

.PHONY: FORCE all kernel run shell test debug iso layout bench clean help deps-run deps-test deps-iso deps-debug deps-bench
all: kernel
kernel: $(O)/kernel.elf $(O)/initramfs.cpio

# --- generated files ---------------------------------------------------------------
$(O)/gen/asm-offsets.s: arch/x86/kernel/asm-offsets.c $(GEN_CONFIG)
	$(quiet) GEN $@
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -MT $@ -S -o $@ $<

$(GEN_OFFSETS): $(O)/gen/asm-offsets.s tools/gen-asm-offsets.sh
	$(quiet) GEN $@
	$(Q)sh tools/gen-asm-offsets.sh $< > $@.tmp && mv $@.tmp $@

# Rewritten only when the configuration changes, so a different VMSPLIT or
# DEBUG_VM in the same O= rebuilds everything, and nothing otherwise.
$(GEN_CONFIG): FORCE
	$(Q)mkdir -p $(dir $@)
	$(Q)echo '$(CONFIG_DEFS) $(CROSS_COMPILE)' > $@.tmp
	$(Q)cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
FORCE:

$(GEN_VERSION): Makefile $(GEN_CONFIG)
	$(quiet) GEN $@
	$(Q)mkdir -p $(dir $@)
	$(Q)printf '#define FENESTRA_VERSION "0.1"\n#define FENESTRA_COMPILER "%s"\n' \
		"$$($(CC) --version | head -n 1)" > $@

$(LDS): linker.ld Makefile $(GEN_CONFIG)
	$(quiet) LDS $@
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CPP) -P -x c -Ui386 -D__ASSEMBLER__ -D__LINKER__ $(INCLUDES) $(CONFIG_DEFS) -MMD -MP -MT $@ -MF $@.d $< -o $@

# --- compile ----------------------------------------------------------------------
$(O)/%.o: %.c $(GEN_VERSION) Makefile
	$(quiet) CC $<
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(O)/%.o: %.asm $(GEN_OFFSETS)
	$(quiet) AS $<
	$(Q)mkdir -p $(dir $@)
	$(Q)$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP $< -o $@

# --- link: twice, the second time with the symbol table for backtraces ---------
$(O)/kallsyms0.asm: tools/kallsyms.sh
	$(Q)mkdir -p $(dir $@)
	$(Q)sh tools/kallsyms.sh $(NM) > $@

$(O)/kallsyms%.o: $(O)/kallsyms%.asm
	$(Q)$(NASM) -f elf32 $< -o $@

$(O)/.tmp_kernel1.elf: $(OBJS) $(O)/kallsyms0.o $(LDS)
	$(quiet) LD $@
	$(Q)$(LD) $(LDFLAGS) -T $(LDS) -o $@ $(OBJS) $(O)/kallsyms0.o $(LIBGCC)

$(O)/kallsyms1.asm: $(O)/.tmp_kernel1.elf tools/kallsyms.sh
	$(quiet) KSYM $@
	$(Q)sh tools/kallsyms.sh $(NM) $< > $@

$(O)/kernel.elf: $(O)/.tmp_kernel1.elf $(O)/kallsyms1.o
	$(quiet) LD $@
	$(Q)$(LD) $(LDFLAGS) -T $(LDS) -o $@ $(OBJS) $(O)/kallsyms1.o $(LIBGCC)
	$(Q)$(NM) -n $(O)/.tmp_kernel1.elf | awk '$$2 ~ /^[tT]$$/' > $(O)/.syms1
	$(Q)$(NM) -n $@ | awk '$$2 ~ /^[tT]$$/' > $(O)/.syms2
	$(Q)cmp -s $(O)/.syms1 $(O)/.syms2 || { echo "kallsyms: text moved between links"; rm -f $@; exit 1; }
	$(quiet) OBJDUMP $(O)/kernel.asm
	$(Q)$(OBJDUMP) -dS $@ > $(O)/kernel.asm
	$(Q)$(NM) -n $@ > $(O)/kernel.sym

# --- the hostile boot loader (tests/hostile/): `make shim` -------------------------
# A multiboot kernel of its own that loads kernel.elf and hands it a broken
# multiboot information block; the harness boots it for `shim:CASE` lines.
SHIM		:= $(O)/hostile/shim.elf
SHIM_CFLAGS	:= -std=gnu11 -m32 -march=i486 -O2 -ffreestanding -fno-builtin -fno-pie -fno-pic \
		   -fno-stack-protector -fno-delete-null-pointer-checks -fno-asynchronous-unwind-tables \
		   -mgeneral-regs-only -Wall -Wextra -Werror -Wmissing-prototypes \
		   -Iinclude -Iarch/x86/include -MMD -MP
.PHONY: shim
shim: $(SHIM)

$(O)/hostile/shim.o: tests/hostile/shim.c Makefile
	$(quiet) CC $<
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(SHIM_CFLAGS) -c $< -o $@

$(O)/hostile/entry.o: tests/hostile/entry.asm
	$(quiet) AS $<
	$(Q)mkdir -p $(dir $@)
	$(Q)$(NASM) -f elf32 $< -o $@

$(SHIM): $(O)/hostile/entry.o $(O)/hostile/shim.o tests/hostile/shim.ld
	$(quiet) LD $@
	$(Q)$(LD) $(LDFLAGS) -T tests/hostile/shim.ld -o $@ $(O)/hostile/entry.o $(O)/hostile/shim.o

# --- running ----------------------------------------------------------------------
QEMU_COMMON	:= -accel tcg -display none -no-reboot \
		   -device isa-debug-exit,iobase=0xf4,iosize=0x04
# The serial port on this terminal, through a multiplexer: Ctrl-A x quits
# QEMU, Ctrl-A a sends Ctrl-A, and with MONITOR=1 Ctrl-A c switches between
# the console and the QEMU monitor (info tlb, info mem, xp, ...).
# signal=off: Ctrl-C goes to the guest (the shell's foreground program),
# not to QEMU.
QEMU_CONSOLE	:= -chardev stdio,id=con0,mux=on,signal=off -serial chardev:con0 \
		   $(if $(filter-out 0,$(MONITOR)),-mon chardev=con0,-monitor none)
QEMU_BOOT	= $(QEMU) $(QEMU_COMMON) -M $(MACHINE) -m $(MEM) -cpu $(CPU) $(if $(SMP),-smp $(SMP)) \
		  -kernel $(O)/kernel.elf $(if $(INITRD),-initrd $(INITRD)) \
		  -append "$(RUN_CMDLINE)"

deps-run deps-test deps-iso deps-debug deps-bench:
	@sh tools/deps.sh $(patsubst deps-%,%,$@)

## run: boot with -m $(MEM) (default 4G), the serial console on this terminal
## (the tour, then /init: the shell); SHELL=1 without the tour, DEMO=PROG one program
# A terminal goes to QEMU as it is (raw mode); anything else (a file, a
# pipe, /dev/null) through tools/serial_feed.py, which sends one line at
# each "$ " prompt and ^D at the end, so the shell exits and QEMU returns.
# $(call run_console,QEMU COMMAND): run it with the serial console on make's
# stdin and stdout; succeed iff the kernel reported success (status 33).
define run_console
	@if [ -t 0 ]; then \
		$(1) $(QEMU_CONSOLE); \
	else \
		python3 tools/serial_feed.py -- $(1) $(QEMU_CONSOLE); \
	fi; \
	status=$$?; \
	if [ $$status -eq 33 ]; then exit 0; fi; \
	echo "make $@: the kernel reported failure (QEMU exit status $$status)" >&2; exit 1
endef
run shell: deps-run
	@$(MAKE) --no-print-directory kernel
	$(call run_console,$(QEMU_BOOT))

## shell: make run without the tour: straight to the shell's "$ " prompt
shell: RUN_SHELL := 1

## test: build, boot the test matrix, run host tests; ends "N passed, M failed"
test: deps-test
	@$(MAKE) --no-print-directory kernel
	@python3 tools/check_demos.py --selftest
	@python3 tools/check_demos.py --tree
	@python3 tools/depcheck.py --build $(O)
	@python3 tools/gen_compile_commands.py --check -q
	@python3 tools/serial_feed.py --selftest
	@python3 tools/harness.py --build $(O)

## compile_commands.json: the compilation database clangd and editors read, at the
## root of the tree (tools/gen_compile_commands.py; the flags of this O= variant)
# print-flags: the flags the rules below use, for tools/gen_compile_commands.py
# (one `FEN_NAME=value` line each, exactly as make holds them).
.PHONY: compile_commands.json print-flags
compile_commands.json: $(GEN_VERSION) $(GEN_OFFSETS)
	$(quiet) GEN $@
	$(Q)python3 tools/gen_compile_commands.py -o $@

print-flags:
	$(info FEN_O=$(O))
	$(info FEN_CC=$(CC))
	$(info FEN_CFLAGS=$(CFLAGS))
	$(info FEN_C_SRCS=$(C_SRCS) arch/x86/kernel/asm-offsets.c)
	$(info FEN_USER_CFLAGS=$(USER_CFLAGS))
	$(info FEN_USER_C_SRCS=$(filter %.c,$(USER_LIB_SRCS)) $(wildcard user/bin/*.c user/bin/*/*.c))
	$(info FEN_SHIM_CFLAGS=$(SHIM_CFLAGS))
	$(info FEN_SHIM_C_SRCS=tests/hostile/shim.c)
	@:

## iso: a GRUB rescue ISO ($(O)/fenestra.iso) with the initramfs, booting straight to
## the shell (CMDLINE= adds kernel options, DEMO= runs one program instead)
# No tour: a PC or VM boots it to the prompt. iso-run boots it in QEMU with
# a window (the VGA text console and the PS/2 keyboard) beside the serial
# console on this terminal; HEADLESS=1 without the window.
ISO_CMDLINE	= $(strip $(CMDLINE) $(RUN_DEMO))
iso: deps-iso
	@$(MAKE) --no-print-directory kernel
	$(quiet) ISO $(O)/fenestra.iso
	$(Q)sh tools/mkiso.sh $(O)/kernel.elf $(O)/fenestra.iso "$(ISO_CMDLINE)" $(INITRD)

## iso-run: make iso, then boot it in QEMU with a VGA window (HEADLESS=1: serial only)
# Without a graphical session ($DISPLAY, $WAYLAND_DISPLAY) there is no
# window to open: headless then, saying so.
HEADLESS	?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),0,1)
.PHONY: iso-run
iso-run: iso
	@$(if $(filter-out 0,$(HEADLESS)),echo "make iso-run: no window (HEADLESS=1 or no \$$DISPLAY): the serial console only" >&2,:)
	$(call run_console,$(QEMU) -accel tcg -M $(MACHINE) -m $(MEM) -cpu $(CPU) -no-reboot \
		-device isa-debug-exit$(comma)iobase=0xf4$(comma)iosize=0x04 \
		-cdrom $(O)/fenestra.iso -boot d $(if $(filter-out 0,$(HEADLESS)),-display none))

## debug: QEMU halted with a gdb stub on :1234, gdb attached with tools/gdb/fenestra.py
## (fen-buddyinfo, fen-freelist, fen-page, fen-walk, fen-kmap-local, fen-pkmap, fen-ps,
## fen-vmas, fen-upt, fen-user, fen-user-break); SHELL=1: the console on telnet :4444
# The serial console: a file by default (gdb has the terminal); with
# SHELL=1 a telnet server on DEBUG_PORT, to type to the shell from a
# second terminal (`telnet localhost 4444`) while gdb holds this one.
DEBUG_PORT	?= 4444
DEBUG_TELNET	= -chardev socket,id=con0,host=127.0.0.1,port=$(DEBUG_PORT),server=on,wait=off,telnet=on \
		  -serial chardev:con0
DEBUG_CONSOLE	?= $(if $(filter-out 0,$(RUN_SHELL)),$(DEBUG_TELNET),-serial file:$(O)/debug-serial.log) \
		   -monitor none
debug: deps-debug
	@$(MAKE) --no-print-directory kernel
	@echo "make debug: the serial console is $(if $(filter-out 0,$(RUN_SHELL)),on telnet localhost $(DEBUG_PORT),in $(O)/debug-serial.log)" >&2
	@$(QEMU_BOOT) $(DEBUG_CONSOLE) -s -S & \
	gdb -q -ex "set architecture i386" -ex "file $(O)/kernel.elf" \
		-ex "source tools/gdb/fenestra.py" -ex "fen-user auto on" \
		-ex "target remote localhost:1234" -ex "break start_kernel" -ex continue; \
	kill %1 2>/dev/null; true

## layout: an SVG of a boot's memory layout (tools/layout.py): LOG=serial log,
## or boot -m $(MEM) now; OUT= (default $(O)/layout.svg)
# (</dev/null: the shell that ends the boot gets ^D at its prompt and exits.)
LAYOUT_OUT	= $(if $(OUT),$(OUT),$(O)/layout.svg)
layout:
	@if [ -n "$(LOG)" ]; then log="$(LOG)"; else \
		log=$(O)/layout-boot.log; mkdir -p $(O); \
		echo "layout: booting -m $(MEM) (serial log in $$log)"; \
		$(MAKE) --no-print-directory run > $$log </dev/null || exit 1; \
	fi; \
	python3 tools/layout.py "$$log" -o $(LAYOUT_OUT)

## bench: instructions per mm operation under QEMU -icount, beside Linux 6.1,
## and the SMP columns (-smp 2 and -smp 4: IPIs, shootdowns) (tools/bench.py); the DEBUG_VM=0 kernel in build-bench/ (PAE: build-bench-pae/),
## built with the bench runner and its rows only (DEMOS=0 BENCH=1), which
## tools/check_demos.py checks in its symbol table first
bench: deps-bench
	@$(MAKE) --no-print-directory O=build-bench VMSPLIT=3G PAE=0 DEBUG_VM=0 DEMOS=0 BENCH=1 kernel
	@$(MAKE) --no-print-directory O=build-bench-pae VMSPLIT=3G PAE=1 DEBUG_VM=0 DEMOS=0 BENCH=1 kernel
	@python3 tools/check_demos.py --bench-image build-bench/kernel.sym build-bench-pae/kernel.sym
	@python3 tools/bench.py --build build-bench --build-pae build-bench-pae

# Every variant's directory (build/, build-pae/, build-vmsplit2G/,
# build-bench/, ...) is generated: clean removes them all.
clean:
	$(quiet) CLEAN "$(O) $(filter-out $(O),$(wildcard build build-*))"
	$(Q)rm -rf $(O) $(wildcard build build-*)

help:
	@echo "Fenestra -- make targets:"
	@echo "  make         the production kernel, without the demonstrations (self-tests,"
	@echo "               tour, crash=, bench): build-demos0/kernel.elf (PAE=1: build-pae-demos0/)"
	@echo "  make kernel  the kernel make run and make test boot, demonstrations built in: build/"
	@echo "  make run     boot under QEMU with -m $(MEM), the serial console on this terminal:"
	@echo "               the tour (\"tour\", one highmem page's life), then /init starts"
	@echo "               the shell (\"$$ \" prompt; exit or ^D powers off); Ctrl-A x quits QEMU"
	@echo "  make shell   the same without the tour: straight to the prompt (= make run SHELL=1)"
	@echo "  make run DEMO=memhog  run one program (DEMO=\"memhog 64\": with arguments) instead"
	@echo "               of the shell and power off; succeeds iff it exited 0"
	@echo "  make run < FILE  not a terminal: one line of FILE at each prompt, then ^D"
	@echo "               (make run </dev/null boots and returns)"
	@echo "  make test    boot the test matrix, run host tests, check the docs' quoted"
	@echo "               log lines (tests/README.md); ends \"N passed, M failed\""
	@echo "  make host-test  the allocators built for the host under ASan/UBSan, plus a"
	@echo "               short stress run (tests/host/)"
	@echo "  make stress  a long randomized allocator run with invariant checks after"
	@echo "               each step (STRESS_STEPS=, SEED=)"
	@echo "  make fuzz    libFuzzer over the stress driver (FUZZ_TIME=seconds, default 60)"
	@echo "  make iso     build $(O)/fenestra.iso (GRUB, with the initramfs): boots a PC or"
	@echo "               VM straight to the shell (CMDLINE= adds options, DEMO= as above)"
	@echo "  make iso-run boot the ISO in QEMU with a VGA window (HEADLESS=1: serial only)"
	@echo "  make debug   QEMU halted with a gdb stub, gdb attached with the fen-* commands;"
	@echo "               fen-user-break sh main stops in a user program (docs/hacking.md);"
	@echo "               SHELL=1: no tour, the console on telnet localhost $(DEBUG_PORT)"
	@echo "  make compile_commands.json  the compilation database for clangd/editors, at"
	@echo "               the root of the tree, with this variant's flags (PAE=1, ...)"
	@echo "  make layout  draw the memory layout of a boot as an SVG (LOG=, OUT=)"
	@echo "  make bench   instructions per mm operation (QEMU -icount) beside Linux 6.1;"
	@echo "               again with -smp 2 and -smp 4: IPIs and shootdowns per 1,000 ops;"
	@echo "               fails naming any row that misses its target (docs/13-fast-paths.md),"
	@echo "               or any test or tour symbol in the bench kernel"
	@echo "  make user    the user programs (user/README.md) and $(O)/initramfs.cpio;"
	@echo "               make kernel builds them too; make run/debug/iso pass the cpio"
	@echo "  make shim    the hostile multiboot loader of tests/hostile/ ($(O)/hostile/shim.elf)"
	@echo "  make clean   remove build/ and every variant's build-*/ directory"
	@echo "Boot options (run, shell, debug, layout; iso takes CMDLINE, DEMO and INITRD only):"
	@echo "  SHELL=1      no tour: the shell's prompt at once (make shell)"
	@echo "  DEMO=\"PROG ARGS\"  -- /bin/PROG ARGS on the command line: run it, power off"
	@echo "  MONITOR=1    the QEMU monitor on the same terminal: Ctrl-A c switches between"
	@echo "               console and monitor (info tlb, info mem, xp /4gx ADDR, ...)"
	@echo "  MEM=4G       QEMU -m: RAM size (default 4G; e.g. 16M, 1G, 8G)"
	@echo "  CPU=qemu32   QEMU -cpu (e.g. 486, pentium3; qemu32,+pse36,+nx with PAE=1)"
	@echo "  MACHINE=pc   QEMU -M: pc or q35"
	@echo "  SMP=4        QEMU -smp: more CPUs, each running tasks (docs/19-smp.md, 20)"
	@echo "  INITRD=FILE  the initramfs for run/debug/iso (default $(O)/initramfs.cpio;"
	@echo "               INITRD= for none); CMDLINE=rdinit=/init runs user space"
	@echo "  CMDLINE=\"...\" kernel command line instead of \"tour\": ktest=all, ktest=buddy,"
	@echo "               mem=512M, vmalloc=256M, loglevel=8, crash=oops, tour ..."
	@echo "Build options:"
	@echo "  VMSPLIT=2G   build with PAGE_OFFSET 0x80000000 (also 1G, 3G: the default)"
	@echo "               into build-vmsplit2G/ (each split has its own directory)"
	@echo "  PAE=1        3-level page tables, RAM above 4 GiB, NX; into build-pae/"
	@echo "               (make run then uses CPU=qemu32,+pse36,+nx: 36 address bits, NX)"
	@echo "  DEBUG_VM=0   without the debug checks (VM_BUG_ON, slab poison and red zones,"
	@echo "               kmap_local guard pages); the default is DEBUG_VM=1; rebuilds"
	@echo "               the same directory (make bench uses its own, build-bench/)"
	@echo "  DEMOS=0      without the end-of-boot demonstrations (self-tests, tour,"
	@echo "               crash=, bench) into build-demos0/: a production kernel (what a"
	@echo "               plain make builds); asking it for one says \"... not built into"
	@echo "               this kernel\" and fails; DEMOS=1 with a plain make: all of them"
	@echo "  KTEST=0 TOUR=0 CRASH=0 BENCH=0  leave out one (each defaults to DEMOS);"
	@echo "               make bench builds DEMOS=0 BENCH=1 (kernel/demos.c)"
	@echo "  V=1          show full commands; CROSS_COMPILE=... another toolchain"

include user/user.mk

-include $(shell find $(O) -name '*.d' 2>/dev/null)

# --- host-side tests (tests/host/: unit tests, stress, libFuzzer) ----------------
.PHONY: host-test stress fuzz
## host-test: the host unit tests under ASan/UBSan and a short stress run
host-test:
	@$(MAKE) --no-print-directory -C tests/host
## stress: a long randomized allocator run (STRESS_STEPS=, SEED=)
stress:
	@$(MAKE) --no-print-directory -C tests/host stress
## fuzz: libFuzzer over the stress driver (FUZZ_TIME=seconds, default 60)
fuzz:
	@$(MAKE) --no-print-directory -C tests/host fuzz
