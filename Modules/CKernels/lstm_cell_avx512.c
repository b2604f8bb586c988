// The LSTM cell's step compiled for the avx512 kernel (see lstm_cell_template.h); empty elsewhere than x86-64.
#if defined(__x86_64__)
#include "lstm_cell.h"

#pragma clang attribute push(__attribute__((target("avx512f"))), apply_to = function)
#define CELL_NAME(name) name##_avx512
#include "lstm_cell_template.h"
#pragma clang attribute pop
#endif
