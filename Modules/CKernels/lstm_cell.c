// ferry_lstm_cell_forward and _backward: check the kernel asked for is one this CPU runs, then call it.
#include "ferry_kernels.h"
#include "lstm_cell.h"

int ferry_lstm_cell_forward(
    ferry_kernel kernel, size_t rows, size_t units, float *gates, const float *previous_cell, float *cell, float *cell_tanh,
    float *hidden) {
    if ((int)kernel < FERRY_KERNEL_PORTABLE || kernel > ferry_kernel_fastest()) return -1;
    switch (kernel) {
#if defined(__x86_64__)
    case FERRY_KERNEL_AVX512: ferry_lstm_cell_forward_avx512(rows, units, gates, previous_cell, cell, cell_tanh, hidden); break;
    case FERRY_KERNEL_AVX2: ferry_lstm_cell_forward_avx2(rows, units, gates, previous_cell, cell, cell_tanh, hidden); break;
#endif
    default: ferry_lstm_cell_forward_portable(rows, units, gates, previous_cell, cell, cell_tanh, hidden); break;
    }
    return 0;
}

int ferry_lstm_cell_backward(
    ferry_kernel kernel, size_t rows, size_t units, const float *gates, const float *cell_tanh, const float *previous_cell,
    const float *output_gradient, const float *carried_hidden, float *carried_cell, float *gate_gradients) {
    if ((int)kernel < FERRY_KERNEL_PORTABLE || kernel > ferry_kernel_fastest()) return -1;
#define BACKWARD(suffix)                                                                                                           \
    ferry_lstm_cell_backward_##suffix(                                                                                             \
        rows, units, gates, cell_tanh, previous_cell, output_gradient, carried_hidden, carried_cell, gate_gradients)
    switch (kernel) {
#if defined(__x86_64__)
    case FERRY_KERNEL_AVX512: BACKWARD(avx512); break;
    case FERRY_KERNEL_AVX2: BACKWARD(avx2); break;
#endif
    default: BACKWARD(portable); break;
    }
#undef BACKWARD
    return 0;
}
