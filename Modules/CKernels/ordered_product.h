// The ordered product's kernels, one file each, behind ferry_ordered_product's dispatch.
#ifndef FERRY_ORDERED_PRODUCT_H
#define FERRY_ORDERED_PRODUCT_H

#include <stddef.h>

/// Inner dimension taken at a time: a 128 × 64 panel of B (32 KiB) stays in L1 while every row
/// block of A passes over it. The running sums go back to C between panels as floats, which keeps
/// the order (and the bits) of a single pass.
#define FERRY_PANEL_DEPTH 128

/// One tile function: `rows` rows (up to the kernel's tile height) × `columns` columns (up to its
/// width) of C from `c`, summed over `depth` terms of a panel; `k` and `n` are A's and C's row lengths.
typedef void (*ferry_tile)(
    int rows, size_t depth, const float *a, size_t k, const float *b, size_t n, float *c, size_t columns, int accumulate);

/// Walks C in panels of FERRY_PANEL_DEPTH terms, column strips of `tile_columns`, row blocks of
/// `tile_rows`, calling `tile` on each (k ≥ 1).
void ferry_ordered_tiles(
    size_t m, size_t n, size_t k, const float *a, const float *b, float *c, int accumulate, int tile_rows, size_t tile_columns,
    ferry_tile tile);

void ferry_ordered_product_portable(size_t m, size_t n, size_t k, const float *a, const float *b, float *c, int accumulate);
void ferry_ordered_product_avx2(size_t m, size_t n, size_t k, const float *a, const float *b, float *c, int accumulate);
void ferry_ordered_product_avx512(size_t m, size_t n, size_t k, const float *a, const float *b, float *c, int accumulate);

#endif
