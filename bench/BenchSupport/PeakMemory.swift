import Foundation

/// What the benchmark executables share.
public enum PeakMemory {
    /// This process's peak resident memory in bytes: `VmHWM` from /proc/self/status (0 where there is none).
    ///
    /// Not `getrusage`'s `ru_maxrss`: Linux keeps that across `execve`, so a benchmark started by a
    /// large Python peer would report the peer's memory at the fork whenever its own is smaller.
    public static func residentBytes() -> Int { status("VmHWM:") }

    /// This process's resident memory now, in bytes (`VmRSS`).
    public static func currentBytes() -> Int { status("VmRSS:") }

    /// Starts the peak over from the memory resident now (writes 5 to /proc/self/clear_refs), so a
    /// benchmark measures the peak of its timed work, not of loading its input. False where Linux refuses.
    @discardableResult
    public static func reset() -> Bool {
        FileManager.default.isWritableFile(atPath: "/proc/self/clear_refs")
            && (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
    }

    private static func status(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) })
        else { return 0 }
        let kibibytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kibibytes * 1024
    }
}
