#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// OpenBLAS's two products, opened the first time a product needs them rather than linked:
/// OpenBLAS starts its thread pool as it loads, and a process that loads Ferry (libferry in Python)
/// and then forks (Spark executors, gunicorn workers) must not have started threads by then.
///
/// Once opened, OpenBLAS runs every product on one thread: its threaded `sgemv` sums in an order
/// that depends on the thread count, so a prediction's bits would depend on it (and on whatever else
/// the process was doing). Callers split work across cores themselves (``LinearAlgebra/threads``).
enum OpenBLAS {
    /// `cblas_sgemm(order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)`.
    typealias Sgemm =
        @convention(c) (
            Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float,
            UnsafeMutablePointer<Float>?, Int32
        ) -> Void
    /// `cblas_sgemv(order, trans, M, N, alpha, A, lda, X, incX, beta, Y, incY)`.
    typealias Sgemv =
        @convention(c) (
            Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float,
            UnsafeMutablePointer<Float>?, Int32
        ) -> Void

    /// `openblas_get_num_threads()` and `openblas_set_num_threads(n)`.
    typealias GetThreads = @convention(c) () -> Int32
    typealias SetThreads = @convention(c) (Int32) -> Void

    /// The functions, once found.
    struct Functions: @unchecked Sendable {
        let sgemm: Sgemm
        let sgemv: Sgemv
        /// The threads OpenBLAS was given (`OPENBLAS_NUM_THREADS`, else the cores) before it was held to one.
        let threads: Int
    }

    /// cblas.h's `CblasRowMajor`, `CblasNoTrans` and `CblasTrans`.
    static let rowMajor: Int32 = 101, noTranspose: Int32 = 111, transpose: Int32 = 112

    /// The file names tried in turn: Debian's runtime package (libopenblas0) installs the first; a
    /// library that carries OpenBLAS beside it (the Python wheel) is found through its run path.
    static let fileNames = ["libopenblas.so.0", "libopenblas.so", "libopenblas.0.dylib", "libopenblas.dylib"]

    /// OpenBLAS's products, or `nil` where no OpenBLAS can be opened (then ``LinearAlgebra``
    /// multiplies in Swift).
    static let functions: Functions? = {
        for name in fileNames {
            guard let library = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let sgemm = dlsym(library, "cblas_sgemm"), let sgemv = dlsym(library, "cblas_sgemv") else {
                dlclose(library)
                continue
            }
            var threads = 1
            if let get = dlsym(library, "openblas_get_num_threads"), let set = dlsym(library, "openblas_set_num_threads") {
                threads = Int(unsafeBitCast(get, to: GetThreads.self)())
                unsafeBitCast(set, to: SetThreads.self)(1)
            }
            return Functions(
                sgemm: unsafeBitCast(sgemm, to: Sgemm.self), sgemv: unsafeBitCast(sgemv, to: Sgemv.self), threads: max(threads, 1))
        }
        return nil
    }()
}
