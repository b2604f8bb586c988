/// A bundle was refused, or could not be written; each kind of fault has its own message.
public struct BundleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which check a fault belongs to, for `ferry verify`'s exit codes.
    public enum Class: String, Sendable, Codable, CaseIterable {
        /// The archive's structure or checksums.
        case integrity
        /// The signature.
        case authenticity
        /// Format version, plugin and environment.
        case compatibility
        /// Loading and reproducing the golden outputs.
        case behaviour

        /// The exit code of a command that stops at this check: 10 integrity, 11 authenticity, 12 compatibility, 13 behaviour.
        public var exitCode: Int32 {
            switch self {
            case .integrity: 10
            case .authenticity: 11
            case .compatibility: 12
            case .behaviour: 13
            }
        }
    }

    /// The check this fault fails.
    public let failing: Class
    /// What is wrong.
    public let message: String

    package init(_ failing: Class, _ message: String) {
        self.failing = failing
        self.message = message
    }

    public var description: String { message }

    package static func archive(_ message: String) -> Self { Self(.integrity, "archive: \(message)") }
    package static func unreadable(_ path: String) -> Self { Self(.integrity, "\(path): cannot be read") }

    /// A file that cannot be read.
    public static func unreadableFile(_ path: String) -> Self { unreadable(path) }
    package static func corrupt(_ message: String) -> Self { Self(.integrity, "corrupt or truncated archive: \(message)") }
    package static func unsafePath(_ name: String) -> Self {
        Self(.integrity, "unsafe path '\(name)' (absolute, '..', or empty component)")
    }
    package static func notRegularFile(_ name: String) -> Self {
        Self(.integrity, "'\(name)' is not a regular file (links, devices and FIFOs are refused)")
    }
    package static func duplicateEntry(_ name: String) -> Self { Self(.integrity, "'\(name)' appears twice in the archive") }
    package static func tooLarge(_ message: String) -> Self { Self(.integrity, "too large: \(message)") }
    package static func structure(_ message: String) -> Self { Self(.integrity, "structure: \(message)") }
    package static func checksum(_ message: String) -> Self { Self(.integrity, "checksums: \(message)") }
    package static func malformed(_ file: String, _ message: String) -> Self { Self(.integrity, "\(file): \(message)") }
    package static func signature(_ message: String) -> Self { Self(.authenticity, message) }
    package static func compatibility(_ message: String) -> Self { Self(.compatibility, message) }
    package static func behaviour(_ message: String) -> Self { Self(.behaviour, message) }
}
