// The ordered product with AVX2 and FMA: tiles of 6 rows × 16 columns of C held in 12 registers
// while p runs over a panel; a single row (one window's prediction) takes 64 columns at a time, 8
// sums in flight instead of 2. Only a tile at the right edge loads and stores under masks.
#include "ordered_product.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define TARGET __attribute__((target("avx2,fma")))
#define LANES 8
#define VECTORS 2
#define ROWS 6
#define SINGLE_ROW_VECTORS 8

TARGET static inline __attribute__((always_inline)) void tile(
    const int rows, const int vectors, const int masked, size_t depth, const float *a, size_t k, const float *b, size_t n, float *c,
    size_t columns, int accumulate) {
    __m256i masks[SINGLE_ROW_VECTORS];
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    for (int v = 0; v < vectors; v++) masks[v] = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)columns - v * LANES), lanes);
    __m256 sums[ROWS][SINGLE_ROW_VECTORS];
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++) {
            const float *at = c + r * n + v * LANES;
            sums[r][v] = !accumulate ? _mm256_setzero_ps() : masked ? _mm256_maskload_ps(at, masks[v]) : _mm256_loadu_ps(at);
        }
    for (size_t p = 0; p < depth; p++) {
        __m256 terms[SINGLE_ROW_VECTORS];
        for (int v = 0; v < vectors; v++) {
            const float *at = b + p * n + v * LANES;
            terms[v] = masked ? _mm256_maskload_ps(at, masks[v]) : _mm256_loadu_ps(at);
        }
        for (int r = 0; r < rows; r++) {
            const __m256 factor = _mm256_broadcast_ss(a + r * k + p);
            for (int v = 0; v < vectors; v++) sums[r][v] = _mm256_fmadd_ps(factor, terms[v], sums[r][v]);
        }
    }
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++) {
            float *at = c + r * n + v * LANES;
            if (masked) _mm256_maskstore_ps(at, masks[v], sums[r][v]);
            else _mm256_storeu_ps(at, sums[r][v]);
        }
}

/// One tile of up to 6 rows, masked or not, both constants in each call so the compiler unrolls it.
TARGET static void row_block(
    int rows, size_t depth, const float *a, size_t k, const float *b, size_t n, float *c, size_t columns, int accumulate) {
    const int masked = columns < VECTORS * LANES;
    switch (rows * 2 + masked) {
    case 2: tile(1, VECTORS, 0, depth, a, k, b, n, c, columns, accumulate); break;
    case 3: tile(1, VECTORS, 1, depth, a, k, b, n, c, columns, accumulate); break;
    case 4: tile(2, VECTORS, 0, depth, a, k, b, n, c, columns, accumulate); break;
    case 5: tile(2, VECTORS, 1, depth, a, k, b, n, c, columns, accumulate); break;
    case 6: tile(3, VECTORS, 0, depth, a, k, b, n, c, columns, accumulate); break;
    case 7: tile(3, VECTORS, 1, depth, a, k, b, n, c, columns, accumulate); break;
    case 8: tile(4, VECTORS, 0, depth, a, k, b, n, c, columns, accumulate); break;
    case 9: tile(4, VECTORS, 1, depth, a, k, b, n, c, columns, accumulate); break;
    case 10: tile(5, VECTORS, 0, depth, a, k, b, n, c, columns, accumulate); break;
    case 11: tile(5, VECTORS, 1, depth, a, k, b, n, c, columns, accumulate); break;
    case 12: tile(6, VECTORS, 0, depth, a, k, b, n, c, columns, accumulate); break;
    default: tile(6, VECTORS, 1, depth, a, k, b, n, c, columns, accumulate); break;
    }
}

/// A single row, 64 columns at a time.
TARGET static void single_row(
    int rows, size_t depth, const float *a, size_t k, const float *b, size_t n, float *c, size_t columns, int accumulate) {
    (void)rows;
    if (columns < SINGLE_ROW_VECTORS * LANES) tile(1, SINGLE_ROW_VECTORS, 1, depth, a, k, b, n, c, columns, accumulate);
    else tile(1, SINGLE_ROW_VECTORS, 0, depth, a, k, b, n, c, columns, accumulate);
}

void ferry_ordered_product_avx2(size_t m, size_t n, size_t k, const float *a, const float *b, float *c, int accumulate) {
    if (m == 1) return ferry_ordered_tiles(m, n, k, a, b, c, accumulate, 1, SINGLE_ROW_VECTORS * LANES, single_row);
    ferry_ordered_tiles(m, n, k, a, b, c, accumulate, ROWS, VECTORS * LANES, row_block);
}
#endif
