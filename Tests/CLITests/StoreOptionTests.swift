import Foundation
import Testing

/// `--store` names a SQLite file (or `sqlite:PATH`) or a `postgres://` URL; another scheme is a
/// usage error, not a file named after the URL; a server that is not there is named, its password never shown.
@Suite struct StoreOptionTests {
    @Test func aStoreURLOfAnotherSchemeIsAUsageError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-store-url-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try FerryProcess.run(["runs", "list", "--store", "mysql://ferry@127.0.0.1:3306/ferry"], in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains("store 'mysql://ferry@127.0.0.1:3306/ferry': 'mysql' stores are not supported"))
        let absent = try FerryProcess.run(["runs", "list", "--store", "postgres://ferry:s3cret@127.0.0.1:1/ferry"], in: folder)
        #expect(absent.status == 1)
        #expect(
            absent.stderr.contains("PostgreSQL store postgres://ferry@127.0.0.1:1/ferry: cannot connect to 127.0.0.1:1"), "\(absent.stderr)"
        )
        #expect(!absent.stderr.contains("s3cret"))
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
