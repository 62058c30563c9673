// SPDX-License-Identifier: MIT
/*
 * malloc.c: a first-fit allocator with a free list, small blocks from the
 * program break, big ones from mmap.
 *
 * Every block starts with an 8-byte header holding its total size (header
 * included, a multiple of 8) and, in bit 0, whether it came from mmap:
 *
 *   [ size | MMAPPED ][ pad ][ user data ...................... ]
 *   ^ block                  ^ what malloc returns (block + 8)
 *
 * Small requests (total < BIG, 64 KiB) search the free list, a singly
 * linked list of free blocks sorted by address whose next pointer lives in
 * the user data. The first block that fits is taken; if the rest would be
 * at least MIN_BLOCK bytes it is split off and stays on the list. Nothing
 * fits: sbrk() grows the heap by at least GROW bytes and the new space
 * joins the list (merging with the last free block when they touch).
 * free() inserts the block in address order and merges it with its
 * neighbours when they are adjacent, so a heap freed completely is one
 * block again. Big requests are an mmap of their own, rounded to pages,
 * and free() gives them straight back with munmap.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HDR		8u
#define MIN_BLOCK	16u
#define BIG		(64u * 1024)
#define GROW		(16u * 1024)
#define MMAPPED		1u
#define PAGE		4096u

struct block {
	size_t size;		/* total, with MMAPPED in bit 0 */
	size_t pad;		/* keeps the user data 8-byte aligned */
	struct block *next;	/* free blocks only: the next free block */
};

static struct block *free_list;

static size_t bsize(struct block *b)
{
	return b->size & ~(size_t)MMAPPED;
}

static int adjacent(struct block *a, struct block *b)
{
	return (char *)a + bsize(a) == (char *)b;
}

/* Put b on the free list in address order, merging with its neighbours. */
static void insert_free(struct block *b)
{
	struct block **pp = &free_list, *prev = NULL;

	while (*pp && *pp < b) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	b->next = *pp;
	*pp = b;
	if (b->next && adjacent(b, b->next)) {
		b->size += bsize(b->next);
		b->next = b->next->next;
	}
	if (prev && adjacent(prev, b)) {
		prev->size += bsize(b);
		prev->next = b->next;
	}
}

static void *big_alloc(size_t total)
{
	size_t len = (total + PAGE - 1) & ~(size_t)(PAGE - 1);
	struct block *b = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (b == MAP_FAILED)
		return NULL;
	b->size = len | MMAPPED;
	return (char *)b + HDR;
}

static int grow(size_t total)
{
	size_t len = total > GROW ? total : GROW;
	struct block *b = sbrk(len);

	if (b == (void *)-1)
		return -1;
	b->size = len;
	insert_free(b);
	return 0;
}

void *malloc(size_t size)
{
	size_t total;

	if (size > SIZE_MAX - 2 * PAGE)
		return NULL;
	total = (size + HDR + 7) & ~(size_t)7;
	if (total < MIN_BLOCK)
		total = MIN_BLOCK;
	if (total >= BIG)
		return big_alloc(total);
	for (int tries = 0; tries < 2; tries++) {
		for (struct block **pp = &free_list; *pp; pp = &(*pp)->next) {
			struct block *b = *pp;

			if (b->size < total)
				continue;
			if (b->size - total >= MIN_BLOCK) {
				struct block *rest = (struct block *)((char *)b + total);

				rest->size = b->size - total;
				rest->next = b->next;
				*pp = rest;
				b->size = total;
			} else {
				*pp = b->next;
			}
			return (char *)b + HDR;
		}
		if (grow(total) < 0)
			return NULL;
	}
	return NULL;
}

void free(void *p)
{
	struct block *b;

	if (!p)
		return;
	b = (struct block *)((char *)p - HDR);
	if (b->size & MMAPPED)
		munmap(b, bsize(b));
	else
		insert_free(b);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t size)
{
	size_t have;
	void *q;

	if (!p)
		return malloc(size);
	if (!size) {
		free(p);
		return NULL;
	}
	have = bsize((struct block *)((char *)p - HDR)) - HDR;
	if (size <= have)
		return p;
	q = malloc(size);
	if (q) {
		memcpy(q, p, have);
		free(p);
	}
	return q;
}
