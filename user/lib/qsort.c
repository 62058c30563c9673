// SPDX-License-Identifier: MIT
/*
 * qsort.c: qsort() as a Shell sort (gaps 1, 4, 13, 40, ...: each pass an
 * insertion sort of the elements gap apart). No recursion, no allocation,
 * fast enough for the few thousand elements a user program sorts (a
 * directory listing); like the C library's, it is not stable.
 */
#include <stdlib.h>

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *v = base;
	size_t gap = 1;

	while (gap < n / 3)
		gap = gap * 3 + 1;
	for (; gap > 0; gap /= 3)
		for (size_t i = gap; i < n; i++)
			for (size_t j = i; j >= gap && cmp(v + (j - gap) * size, v + j * size) > 0; j -= gap)
				swap(v + (j - gap) * size, v + j * size, size);
}
