internal import CFerryKernels

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The instruction sets Ferry's own C kernels (`Modules/CKernels`: ``OrderedProduct``,
/// ``LSTMCell``) are built for, slowest first. Each kernel keeps the same order of operations on
/// every instruction set, so all give the same bits; the faster ones do more lanes at a time.
public enum ComputeKernel: Int, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    /// Plain C: any CPU.
    case portable = 0
    /// x86-64's AVX2 and FMA.
    case avx2 = 1
    /// x86-64's AVX-512F.
    case avx512 = 2

    public static func < (left: Self, right: Self) -> Bool { left.rawValue < right.rawValue }

    /// The name `FERRY_KERNELS` takes.
    public var description: String { ["portable", "avx2", "avx512"][rawValue] }

    /// The fastest kernel this CPU and its operating system run (CPUID and XGETBV, asked once).
    public static var fastest: Self { Self(rawValue: Int(ferry_kernel_fastest().rawValue)) ?? .portable }

    /// Whether this CPU runs the kernel.
    public var isSupported: Bool { self <= Self.fastest }

    /// The kernel used unless a caller names one: ``fastest``, or the slower one
    /// `FERRY_KERNELS=portable|avx2|avx512` names (a faster one than the CPU runs is held to
    /// ``fastest``; another name is ignored).
    public static let selected: Self = {
        guard let name = getenv("FERRY_KERNELS").map({ String(cString: $0) }),
            let asked = allCases.first(where: { $0.description == name })
        else { return fastest }
        return min(asked, fastest)
    }()

    /// The C enumeration's value.
    var cValue: ferry_kernel { ferry_kernel(rawValue: UInt32(rawValue)) }
}
