import Foundation

/// Paths of the crafted files in `Fixtures/` and of the embedded data.
enum FixtureFiles {
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)?.path ?? "Fixtures/\(name)"
    }

    static func embedded(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data").appendingPathComponent(name).path
    }
}
