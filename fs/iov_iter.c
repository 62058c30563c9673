// SPDX-License-Identifier: MIT
/*
 * How this works: one-segment iov_iters (include/kernel/fs.h), Linux's
 * way of saying where a read's bytes go. ITER_UBUF copies with
 * copy_to_user()/copy_from_user()/clear_user() (access_ok() and the
 * exception table make a bad user pointer a short copy, never an oops);
 * ITER_KVEC with memcpy()/memset(), for kernel_read() and kernel_write().
 * Each copy advances the buffer and lowers count by what was copied.
 *
 * Where it differs from Linux (lib/iov_iter.c): one segment only, so no
 * readv()/writev() (ITER_IOVEC), no pipes, bvecs or xarrays.
 */
#include <kernel/fs.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

static void iov_iter_advance(struct iov_iter *i, size_t n)
{
	if (i->iter_type == ITER_UBUF)
		i->ubuf = (char __user *)i->ubuf + n;
	else
		i->kbuf = (char *)i->kbuf + n;
	i->count -= n;
}

size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	size_t n = bytes < i->count ? bytes : i->count;

	if (i->iter_type == ITER_UBUF)
		n -= copy_to_user(i->ubuf, addr, n);
	else
		memcpy(i->kbuf, addr, n);
	iov_iter_advance(i, n);
	return n;
}

size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	size_t n = bytes < i->count ? bytes : i->count;

	if (i->iter_type == ITER_UBUF)
		n -= copy_from_user(addr, i->ubuf, n);
	else
		memcpy(addr, i->kbuf, n);
	iov_iter_advance(i, n);
	return n;
}

size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	size_t n = bytes < i->count ? bytes : i->count;

	if (i->iter_type == ITER_UBUF)
		n -= clear_user(i->ubuf, n);
	else
		memset(i->kbuf, 0, n);
	iov_iter_advance(i, n);
	return n;
}
