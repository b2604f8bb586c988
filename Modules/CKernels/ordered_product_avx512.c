// The ordered product with AVX-512F: tiles of 4 rows × 64 columns of C held in 16 registers while
// p runs over a panel, B's row p loaded once per tile and A's entries broadcast; a single row (one
// window's prediction) takes 128 columns at a time, 8 sums in flight instead of 4. Partial tiles
// load and store under masks (no element past an edge is read or written).
#include "ordered_product.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define TARGET __attribute__((target("avx512f")))
#define LANES 16
#define ROWS 4
#define VECTORS 4
#define SINGLE_ROW_VECTORS 8

TARGET static inline __attribute__((always_inline)) void tile(
    const int rows, const int vectors, size_t depth, const float *a, size_t k, const float *b, size_t n, float *c, size_t columns,
    int accumulate) {
    __mmask16 masks[SINGLE_ROW_VECTORS];
    for (int v = 0; v < vectors; v++) {
        const long left = (long)columns - (long)v * LANES;
        masks[v] = left >= LANES ? (__mmask16)0xFFFF : left > 0 ? (__mmask16)((1u << left) - 1) : (__mmask16)0;
    }
    __m512 sums[ROWS][SINGLE_ROW_VECTORS];
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++)
            sums[r][v] = accumulate ? _mm512_maskz_loadu_ps(masks[v], c + r * n + v * LANES) : _mm512_setzero_ps();
    for (size_t p = 0; p < depth; p++) {
        __m512 terms[SINGLE_ROW_VECTORS];
        for (int v = 0; v < vectors; v++) terms[v] = _mm512_maskz_loadu_ps(masks[v], b + p * n + v * LANES);
        for (int r = 0; r < rows; r++) {
            const __m512 factor = _mm512_set1_ps(a[r * k + p]);
            for (int v = 0; v < vectors; v++) sums[r][v] = _mm512_fmadd_ps(factor, terms[v], sums[r][v]);
        }
    }
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++) _mm512_mask_storeu_ps(c + r * n + v * LANES, masks[v], sums[r][v]);
}

/// One tile of up to 4 rows, the row count a constant in each call so the compiler unrolls it.
TARGET static void row_block(
    int rows, size_t depth, const float *a, size_t k, const float *b, size_t n, float *c, size_t columns, int accumulate) {
    switch (rows) {
    case 1: tile(1, VECTORS, depth, a, k, b, n, c, columns, accumulate); break;
    case 2: tile(2, VECTORS, depth, a, k, b, n, c, columns, accumulate); break;
    case 3: tile(3, VECTORS, depth, a, k, b, n, c, columns, accumulate); break;
    default: tile(4, VECTORS, depth, a, k, b, n, c, columns, accumulate); break;
    }
}

/// A single row, 128 columns at a time.
TARGET static void single_row(
    int rows, size_t depth, const float *a, size_t k, const float *b, size_t n, float *c, size_t columns, int accumulate) {
    (void)rows;
    tile(1, SINGLE_ROW_VECTORS, depth, a, k, b, n, c, columns, accumulate);
}

void ferry_ordered_product_avx512(size_t m, size_t n, size_t k, const float *a, const float *b, float *c, int accumulate) {
    if (m == 1) return ferry_ordered_tiles(m, n, k, a, b, c, accumulate, 1, SINGLE_ROW_VECTORS * LANES, single_row);
    ferry_ordered_tiles(m, n, k, a, b, c, accumulate, ROWS, VECTORS * LANES, row_block);
}
#endif
