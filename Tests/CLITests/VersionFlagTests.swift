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

/// A mistyped command name gets the closest one suggested, and exits 64.
@Suite struct SubcommandSuggestionTests {
    @Test func aMistypedCommandIsNamedWithTheClosestOne() throws {
        let top = try FerryProcess.run(["trian", "--plugin", "lasso"])
        #expect(top.status == 64)
        #expect(top.stderr.contains("unknown command 'ferry trian'; did you mean 'train'?"))
        let nested = try FerryProcess.run(["registry", "lsit"])
        #expect(nested.status == 64 && nested.stderr.contains("unknown command 'ferry registry lsit'; did you mean 'list'?"))
        #expect(SubcommandSuggestion.message(for: ["train", "--plugin", "lasso"]) == nil)
        #expect(SubcommandSuggestion.message(for: ["registry", "add", "b.tar.gz"]) == nil, "a command's own arguments are not checked")
    }
}
