// The LSTM cell's step compiled for the portable kernel (see lstm_cell_template.h).
#include "lstm_cell.h"

#define CELL_NAME(name) name##_portable
#include "lstm_cell_template.h"
