// OpenBLAS's CBLAS interface for Swift: the matrix products Ferry's neural models run on.
#ifndef FERRY_CBLAS_SHIM_H
#define FERRY_CBLAS_SHIM_H
#include <cblas.h>
#endif
