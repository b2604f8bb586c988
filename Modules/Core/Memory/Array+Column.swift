#if canImport(Glibc)
    import Glibc
#endif

extension Array where Element == Double {
    /// Columns at least this large ask the kernel for transparent huge pages (as NumPy does for its arrays).
    public static let hugePageThreshold = 4 << 20

    /// A column of `count` values, `value(i)` for each row, written straight into fresh memory.
    ///
    /// Large columns are laid on 2 MiB pages where the kernel allows it, before any row is
    /// written: one page fault then maps 2 MiB instead of 4 KiB, which on a million-row column
    /// is most of the cost of making it.
    @inline(__always)
    public static func column(count: Int, _ value: (Int) -> Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(buffer)
            for i in 0..<count { buffer[i] = value(i) }
            initialized = count
        }
    }

    /// Asks for transparent huge pages over the 2 MiB-aligned part of `buffer` (Linux; elsewhere nothing).
    public static func adviseHugePages(_ buffer: UnsafeMutableBufferPointer<Double>) {
        #if os(Linux)
            guard let base = buffer.baseAddress, buffer.count * MemoryLayout<Double>.stride >= hugePageThreshold else { return }
            let page = 2 << 20
            let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
            let end = (Int(bitPattern: base) + buffer.count * MemoryLayout<Double>.stride) & ~(page - 1)
            guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
            // Advice only: if the kernel declines, the column is simply made of small pages.
            _ = madvise(address, end - start, MADV_HUGEPAGE)
        #endif
    }
}
