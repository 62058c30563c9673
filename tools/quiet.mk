# SPDX-License-Identifier: MIT
# Quiet build lines ("  CC      mm/buddy.c"); V=1 shows full commands.
# Included by the top-level Makefile and tests/host/Makefile.
ifeq ($(V),1)
  Q :=
  quiet = @true
else
  Q := @
  quiet = @printf '  %-7s %s\n'
endif
