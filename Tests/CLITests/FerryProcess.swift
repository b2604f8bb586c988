import Foundation

/// Runs the built `ferry` executable and captures what it prints.
struct FerryProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `ferry` binary beside this test bundle in the build folder.
    static var executable: URL {
        var folder = Bundle.main.bundleURL
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("ferry")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/ferry")
    }

    static func fixture(_ name: String) -> String {
        repository.appendingPathComponent("Tests/DataTests/Fixtures/\(name)").path
    }

    /// Runs `ferry` with `arguments`. Its store is `store`, or a fresh one in a temporary folder,
    /// so no test writes into the repository's `store/`.
    static func run(_ arguments: [String], in directory: URL = repository, store: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["FERRY_STORE"] =
            store ?? FileManager.default.temporaryDirectory.appendingPathComponent("ferry-store-\(UUID().uuidString)/ferry.sqlite").path
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
