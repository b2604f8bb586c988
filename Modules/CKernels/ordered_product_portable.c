// The ordered product in plain C: row by row, each term added to its sum with fmaf, p ascending.
#include <math.h>

#include "ordered_product.h"

void ferry_ordered_product_portable(size_t m, size_t n, size_t k, const float *a, const float *b, float *c, int accumulate) {
    for (size_t i = 0; i < m; i++) {
        float *row = c + i * n;
        if (!accumulate)
            for (size_t j = 0; j < n; j++) row[j] = 0.0f;
        for (size_t p = 0; p < k; p++) {
            const float factor = a[i * k + p];
            const float *terms = b + p * n;
            for (size_t j = 0; j < n; j++) row[j] = fmaf(factor, terms[j], row[j]);
        }
    }
}
