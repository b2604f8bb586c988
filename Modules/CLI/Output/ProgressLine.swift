import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress report on standard error (`training lasso: 40%`), drawn only on a terminal.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private var shown = -1
    private let enabled = isatty(STDERR_FILENO) != 0

    init(label: String) { self.label = label }

    /// Redraws the line when the whole percentage changes.
    func report(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        lock.lock()
        defer { lock.unlock() }
        guard percent != shown else { return }
        shown = percent
        FileHandle.standardError.write(Data("\r\(label): \(percent)%".utf8))
    }

    /// Ends the line.
    func finish() {
        if enabled, shown >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
