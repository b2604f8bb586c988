import Foundation

/// Paths in this repository, for tests that read its fixtures and data.
public enum TestRepository {
    /// The repository's top folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The absolute path of `relative` (such as `data/SPX.csv`).
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A fresh folder under the system's temporary directory, removed by ``remove()``.
public struct TemporaryFolder: Sendable {
    /// Its path.
    public let path: String

    /// Makes the folder, named `ferry-<label>-<uuid>`.
    public init(_ label: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Removes the folder and everything in it.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
