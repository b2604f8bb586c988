// The LSTM cell's step, written once on 16-lane vectors and included by lstm_cell_portable.c,
// lstm_cell_avx2.c and lstm_cell_avx512.c, each compiling it for its instruction set under
// CELL_NAME(name). Only IEEE operations that round the same on every instruction set are used
// (+, −, ×, ÷, compares, bit casts; no fused multiply-adds), so every kernel gives the same bits.
//
// e^x is Cephes' expf: x clamped to [−87.3, 88.3], n = round(x / ln 2), r = x − n·ln 2 (in two
// parts), a degree-6 polynomial, 2ⁿ put into the exponent bits; σ(x) = 1 / (1 + e^(−x)) and
// tanh(x) = 2 / (1 + e^(−2x)) − 1.

#include <stddef.h>
#include <string.h>

#pragma clang fp contract(off)
// The 16-lane helpers below are always inlined, so no vector crosses a call (and its ABI).
#pragma clang diagnostic ignored "-Wpsabi"

typedef float lanes __attribute__((ext_vector_type(16)));
typedef int int_lanes __attribute__((ext_vector_type(16)));

#define LANE_COUNT 16

#define INLINE static inline __attribute__((always_inline))

/// `bound` where `where` is set (all bits), else `x`.
INLINE lanes CELL_NAME(replacing)(lanes x, int_lanes where, float bound) {
    return (lanes)(((int_lanes)x & ~where) | ((int_lanes)(lanes)bound & where));
}

INLINE lanes CELL_NAME(exp)(lanes x) {
    // Clamped to where e^x is a normal float; a NaN stays NaN.
    x = CELL_NAME(replacing)(x, x < -87.3f, -87.3f);
    x = CELL_NAME(replacing)(x, x > 88.3f, 88.3f);
    // n = round(x / ln 2) by the 1.5·2²³ trick: adding it leaves n in the low mantissa bits.
    const lanes shifted = x * 1.44269504f + 12582912.0f;
    const lanes n = shifted - 12582912.0f;
    const lanes r = x - n * 0.693359375f + n * 2.12194440e-4f;
    lanes p = (lanes)1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    const int_lanes exponent = (((int_lanes)shifted - 0x4B400000) + 127) << 23;
    return p * (lanes)exponent;
}

INLINE lanes CELL_NAME(sigmoid)(lanes x) { return 1.0f / (1.0f + CELL_NAME(exp)(-x)); }

INLINE lanes CELL_NAME(tanh)(lanes x) { return 2.0f / (1.0f + CELL_NAME(exp)(-2.0f * x)) - 1.0f; }

/// `count` (1 to 16) values from `values`, the other lanes 0.
INLINE lanes CELL_NAME(load)(const float *values, size_t count) {
    lanes loaded = (lanes)0.0f;
    if (count == LANE_COUNT) memcpy(&loaded, values, sizeof loaded);
    else memcpy(&loaded, values, count * sizeof(float));
    return loaded;
}

/// Writes the first `count` (1 to 16) lanes to `values`.
INLINE void CELL_NAME(store)(lanes stored, float *values, size_t count) {
    if (count == LANE_COUNT) memcpy(values, &stored, sizeof stored);
    else memcpy(values, &stored, count * sizeof(float));
}

void CELL_NAME(ferry_lstm_cell_forward)(
    size_t rows, size_t units, float *gates, const float *previous_cell, float *cell, float *cell_tanh, float *hidden) {
    for (size_t row = 0; row < rows; row++) {
        float *input_gate = gates + row * 4 * units, *forget_gate = input_gate + units, *candidate_gate = forget_gate + units;
        float *output_gate = candidate_gate + units;
        const size_t at = row * units;
        for (size_t index = 0; index < units; index += LANE_COUNT) {
            const size_t count = units - index < LANE_COUNT ? units - index : LANE_COUNT;
            const lanes input = CELL_NAME(sigmoid)(CELL_NAME(load)(input_gate + index, count));
            const lanes forget = CELL_NAME(sigmoid)(CELL_NAME(load)(forget_gate + index, count));
            const lanes candidate = CELL_NAME(tanh)(CELL_NAME(load)(candidate_gate + index, count));
            const lanes output = CELL_NAME(sigmoid)(CELL_NAME(load)(output_gate + index, count));
            CELL_NAME(store)(input, input_gate + index, count);
            CELL_NAME(store)(forget, forget_gate + index, count);
            CELL_NAME(store)(candidate, candidate_gate + index, count);
            CELL_NAME(store)(output, output_gate + index, count);
            const lanes previous = previous_cell ? CELL_NAME(load)(previous_cell + at + index, count) : (lanes)0.0f;
            const lanes c = forget * previous + input * candidate;
            const lanes tanh_c = CELL_NAME(tanh)(c);
            CELL_NAME(store)(c, cell + at + index, count);
            CELL_NAME(store)(tanh_c, cell_tanh + at + index, count);
            CELL_NAME(store)(output * tanh_c, hidden + at + index, count);
        }
    }
}

void CELL_NAME(ferry_lstm_cell_backward)(
    size_t rows, size_t units, const float *gates, const float *cell_tanh, const float *previous_cell, const float *output_gradient,
    const float *carried_hidden, float *carried_cell, float *gate_gradients) {
    for (size_t row = 0; row < rows; row++) {
        const float *input_gate = gates + row * 4 * units, *forget_gate = input_gate + units, *candidate_gate = forget_gate + units;
        const float *output_gate = candidate_gate + units;
        float *input_gradient = gate_gradients + row * 4 * units, *forget_gradient = input_gradient + units;
        float *candidate_gradient = forget_gradient + units, *output_gradient_gate = candidate_gradient + units;
        const size_t at = row * units;
        for (size_t index = 0; index < units; index += LANE_COUNT) {
            const size_t count = units - index < LANE_COUNT ? units - index : LANE_COUNT;
            const lanes input = CELL_NAME(load)(input_gate + index, count);
            const lanes forget = CELL_NAME(load)(forget_gate + index, count);
            const lanes candidate = CELL_NAME(load)(candidate_gate + index, count);
            const lanes output = CELL_NAME(load)(output_gate + index, count);
            const lanes tanh_c = CELL_NAME(load)(cell_tanh + at + index, count);
            const lanes previous = previous_cell ? CELL_NAME(load)(previous_cell + at + index, count) : (lanes)0.0f;
            const lanes d_hidden =
                CELL_NAME(load)(output_gradient + at + index, count) + CELL_NAME(load)(carried_hidden + at + index, count);
            const lanes d_cell = CELL_NAME(load)(carried_cell + at + index, count) + d_hidden * output * (1.0f - tanh_c * tanh_c);
            CELL_NAME(store)(d_cell * candidate * input * (1.0f - input), input_gradient + index, count);
            CELL_NAME(store)(d_cell * previous * forget * (1.0f - forget), forget_gradient + index, count);
            CELL_NAME(store)(d_cell * input * (1.0f - candidate * candidate), candidate_gradient + index, count);
            CELL_NAME(store)(d_hidden * tanh_c * output * (1.0f - output), output_gradient_gate + index, count);
            CELL_NAME(store)(d_cell * forget, carried_cell + at + index, count);
        }
    }
}
