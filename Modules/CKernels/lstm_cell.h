// The LSTM cell's kernels, one file each (lstm_cell_template.h compiled three times), behind the
// dispatch in lstm_cell.c.
#ifndef FERRY_LSTM_CELL_H
#define FERRY_LSTM_CELL_H

#include <stddef.h>

#define FERRY_CELL_KERNEL(suffix)                                                                                                  \
    void ferry_lstm_cell_forward_##suffix(                                                                                         \
        size_t rows, size_t units, float *gates, const float *previous_cell, float *cell, float *cell_tanh, float *hidden);         \
    void ferry_lstm_cell_backward_##suffix(                                                                                        \
        size_t rows, size_t units, const float *gates, const float *cell_tanh, const float *previous_cell,                          \
        const float *output_gradient, const float *carried_hidden, float *carried_cell, float *gate_gradients);

FERRY_CELL_KERNEL(portable)
FERRY_CELL_KERNEL(avx2)
FERRY_CELL_KERNEL(avx512)

#endif
