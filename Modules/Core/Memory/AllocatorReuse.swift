#if canImport(Glibc)
    import Glibc
#endif

/// Keeps freed memory in the process for the next allocation instead of handing it back to the kernel.
public enum AllocatorReuse {
    /// Asks glibc's allocator to serve blocks up to 256 MiB from its heap and never trim the heap's
    /// top, for the rest of the process (elsewhere nothing).
    ///
    /// Training allocates and frees the same few megabyte-sized buffers every mini-batch. By
    /// default glibc maps each such block fresh and unmaps it on free, so the next batch faults
    /// every page back in: a third to a half of an LSTM epoch went to the kernel. The price is
    /// that memory freed by the process is kept until it exits.
    public static func keepFreedMemory() {
        #if canImport(Glibc)
            _ = glibcMallopt(mmapThreshold, 256 << 20)
            _ = glibcMallopt(trimThreshold, Int32.max)
        #endif
    }

    // <malloc.h> is not part of Swift's Glibc module: its one function and two constants, as glibc defines them.
    private static let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
    private static let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
}

#if canImport(Glibc)
    @_silgen_name("mallopt")
    private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
