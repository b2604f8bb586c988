import ArgumentParser
import FerryCore
import Foundation
import Testing

@testable import FerryCLI

/// `--version` is Ferry's own on every command (a bundle's version is `ferry export --bundle-version`).
@Suite struct VersionFlagTests {
    /// Every command path under `command`: `["export"]`, `["registry", "add"]`, ...
    static func paths(under command: any ParsableCommand.Type, prefix: [String] = []) -> [[String]] {
        command.configuration.subcommands.flatMap { sub -> [[String]] in
            let path = prefix + [sub._commandName]
            return [path] + paths(under: sub, prefix: path)
        }
    }

    @Test func everyCommandAnswersVersion() throws {
        let paths = Self.paths(under: FerryCommand.self)
        #expect(paths.count > 30 && paths.contains(["export"]) && paths.contains(["registry", "add"]))
        for path in [[]] + paths {
            let result = try FerryProcess.run(path + ["--version"])
            #expect(result.status == 0, "ferry \(path.joined(separator: " ")) --version: \(result.stderr)")
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == FerryVersion.current)
        }
        let help = try FerryProcess.run(["export", "--help"])
        #expect(help.stdout.components(separatedBy: "--version").count == 2, "--version listed once")
        #expect(help.stdout.contains("--bundle-version"))
    }
}
