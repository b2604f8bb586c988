// hiredis for Swift: the synchronous client Ferry's stream consumer talks to Redis with.
#ifndef FERRY_CHIREDIS_SHIM_H
#define FERRY_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#endif
