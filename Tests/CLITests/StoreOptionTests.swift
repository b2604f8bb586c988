import Foundation
import Testing

/// `--store` names a SQLite file (or `sqlite:PATH`); another scheme is a usage error, not a file named after the URL.
@Suite struct StoreOptionTests {
    @Test func aStoreURLOfAnotherSchemeIsAUsageError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-store-url-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try FerryProcess.run(["runs", "list", "--store", "postgres://ferry@127.0.0.1:5432/ferry"], in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains("store 'postgres://ferry@127.0.0.1:5432/ferry': 'postgres' stores are not supported"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no file named after the URL")
        let sqlite = try FerryProcess.run(["runs", "list", "--store", "sqlite:" + folder.appendingPathComponent("s.sqlite").path])
        #expect(sqlite.status == 0 && FileManager.default.fileExists(atPath: folder.appendingPathComponent("s.sqlite").path))
    }
}

/// `ferry serve --help` lists every route the server has.
@Suite struct ServeHelpTests {
    @Test func helpListsEveryRoute() throws {
        let help = try FerryProcess.run(["serve", "--help"])
        for route in [
            "GET /health  [open]", "POST /v1/models/{name}/predict  [predict]", "POST /v1/bundles  [admin]",
            "GET /v1/models/{name}/monitoring  [read]", "GET /metrics  [read]",
        ] {
            #expect(help.stdout.contains(route), "\(route)")
        }
    }
}
