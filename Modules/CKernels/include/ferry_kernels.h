// Ferry's own compute kernels, in C so each can be compiled for an instruction set its CPU is
// checked for at run time (AVX-512, AVX2 + FMA) beside a portable version.
#ifndef FERRY_KERNELS_H
#define FERRY_KERNELS_H

#include <stddef.h>

/// The instruction sets a kernel is compiled for, slowest first.
typedef enum {
    /// Plain C with `fmaf`: any CPU.
    FERRY_KERNEL_PORTABLE = 0,
    /// x86-64 with AVX2 and FMA (and the operating system saving the YMM registers).
    FERRY_KERNEL_AVX2 = 1,
    /// x86-64 with AVX-512F (and the operating system saving the ZMM and mask registers).
    FERRY_KERNEL_AVX512 = 2,
} ferry_kernel;

/// The fastest kernel this CPU and its operating system run (checked once, then remembered).
ferry_kernel ferry_kernel_fastest(void);

/// C (m × n) = [C +] A (m × k) · B (k × n), all three row-major and contiguous.
///
/// Each C[i][j] starts from its own value (`accumulate` non-zero) or 0 and adds A[i][p]·B[p][j]
/// for p = 0, 1, …, k − 1 in that order, one fused multiply-add (a single rounding) per term. Every
/// kernel keeps that order, so all of them give the same bits. Returns 0, or -1 with nothing
/// written when `kernel` is faster than ``ferry_kernel_fastest`` or unknown.
int ferry_ordered_product(
    ferry_kernel kernel, size_t m, size_t n, size_t k, const float *a, const float *b, float *c, int accumulate);

/// One time step of LSTM cells for `rows` sequences of `units` cells: `gates` holds each row's 4 ×
/// `units` pre-activations (i, f, g, o), replaced by their activations (σ, σ, tanh, σ); then
/// c = f·c_prev + i·g (c_prev = 0 where `previous_cell` is NULL), tanh(c) and h = o·tanh(c) are
/// written to `cell`, `cell_tanh` and `hidden` (`rows` × `units` each). Every kernel gives the same
/// bits. Returns 0, or -1 with nothing written when `kernel` is not one this CPU runs.
int ferry_lstm_cell_forward(
    ferry_kernel kernel, size_t rows, size_t units, float *gates, const float *previous_cell, float *cell, float *cell_tanh,
    float *hidden);

/// The gradients of one time step's gate pre-activations (`gate_gradients`, `rows` × 4 × `units`)
/// from the activations and tanh(c) the forward step kept, c_prev (NULL: 0), the gradient reaching h
/// from above (`output_gradient`) and those carried back from the next step through h and c
/// (`carried_hidden`, `carried_cell`; the latter replaced by the one carried to the step before).
/// Every kernel gives the same bits. Returns 0, or -1 with nothing written when `kernel` is not
/// one this CPU runs.
int ferry_lstm_cell_backward(
    ferry_kernel kernel, size_t rows, size_t units, const float *gates, const float *cell_tanh, const float *previous_cell,
    const float *output_gradient, const float *carried_hidden, float *carried_cell, float *gate_gradients);

/// Runs `work(context, 0)` on the calling thread and `work(context, 1)` on Ferry's one partner
/// thread at the same time, and returns 0 when both have returned. The partner is started on first
/// use (and again in a forked child). Returns -1 with nothing run when the partner is busy with
/// another caller's job or cannot be started: do the work on one thread then.
int ferry_pair_run(void (*work)(void *context, int part), void *context);

/// Inside a `ferry_pair_run` job, part `part` (0 or 1): returns once the other part has called it
/// as many times (a barrier for two). Both parts must call it equally often.
void ferry_pair_meet(int part);

#endif
