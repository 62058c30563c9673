// TEMPORARY (branch proc): weak stand-ins until the mm and fs branches merge.
#include <kernel/compiler.h>
#include <kernel/fs.h>
__weak struct files_struct *files_alloc_console(void) { return (void *)1; }
__weak struct files_struct *dup_fd(struct files_struct *old) { return old; }
__weak void put_files_struct(struct files_struct *files) { }
