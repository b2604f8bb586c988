import Foundation

/// What the benchmark executables share.
public enum PeakMemory {
    /// This process's peak resident memory in bytes: `VmHWM` from /proc/self/status (0 where there is none).
    ///
    /// Not `getrusage`'s `ru_maxrss`: Linux keeps that across `execve`, so a benchmark started by a
    /// large Python peer would report the peer's memory at the fork whenever its own is smaller.
    public static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        let kibibytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kibibytes * 1024
    }
}
