// zlib for Swift: checksums and the version Ferry records in a bundle's environment.
#ifndef FERRY_CZLIB_SHIM_H
#define FERRY_CZLIB_SHIM_H
#include <zlib.h>

/// `deflateInit2` is a macro; Swift calls this wrapper instead.
static inline int ferry_deflate_init2(z_streamp stream, int level, int method, int windowBits, int memLevel, int strategy) {
    return deflateInit2(stream, level, method, windowBits, memLevel, strategy);
}
/// `inflateInit2` is a macro; Swift calls this wrapper instead.
static inline int ferry_inflate_init2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
#endif
