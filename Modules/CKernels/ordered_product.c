// ferry_ordered_product: checks the kernel asked for is one this CPU runs, then calls it; and the
// walk over C that the vector kernels share.
#include "ferry_kernels.h"
#include "ordered_product.h"

int ferry_ordered_product(
    ferry_kernel kernel, size_t m, size_t n, size_t k, const float *a, const float *b, float *c, int accumulate) {
    if ((int)kernel < FERRY_KERNEL_PORTABLE || kernel > ferry_kernel_fastest()) return -1;
    if (k == 0) {
        if (!accumulate)
            for (size_t index = 0; index < m * n; index++) c[index] = 0.0f;
        return 0;
    }
    switch (kernel) {
#if defined(__x86_64__)
    case FERRY_KERNEL_AVX512: ferry_ordered_product_avx512(m, n, k, a, b, c, accumulate); break;
    case FERRY_KERNEL_AVX2: ferry_ordered_product_avx2(m, n, k, a, b, c, accumulate); break;
#endif
    default: ferry_ordered_product_portable(m, n, k, a, b, c, accumulate); break;
    }
    return 0;
}

void ferry_ordered_tiles(
    size_t m, size_t n, size_t k, const float *a, const float *b, float *c, int accumulate, int tile_rows, size_t tile_columns,
    ferry_tile tile) {
    for (size_t p0 = 0; p0 < k; p0 += FERRY_PANEL_DEPTH) {
        const size_t depth = k - p0 < FERRY_PANEL_DEPTH ? k - p0 : FERRY_PANEL_DEPTH;
        const int add = accumulate || p0 > 0;
        for (size_t j0 = 0; j0 < n; j0 += tile_columns) {
            const size_t columns = n - j0 < tile_columns ? n - j0 : tile_columns;
            for (size_t i0 = 0; i0 < m; i0 += (size_t)tile_rows) {
                const int rows = m - i0 < (size_t)tile_rows ? (int)(m - i0) : tile_rows;
                tile(rows, depth, a + i0 * k + p0, k, b + p0 * n + j0, n, c + i0 * n + j0, columns, add);
            }
        }
    }
}
