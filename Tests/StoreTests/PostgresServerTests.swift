import FerryTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The PostgreSQL the shared-store tests will run on: a real server in a temporary cluster, on
/// loopback only, as an unprivileged user when the tests run as root, gone when the test ends.
@Suite struct PostgresServerTests {
    @Test func aTemporaryClusterAnswersAsAnUnprivilegedUserAndGoesAway() throws {
        var port = 0
        var folder = ""
        do {
            let server = try PostgresServer()
            (port, folder) = (server.port, server.folder.path)
            #expect(server.url == "postgres://ferry@127.0.0.1:\(server.port)/postgres")
            #expect(Int(try server.psql("SHOW server_version_num")) ?? 0 >= 150_000)
            #expect(try server.psql("SHOW listen_addresses") == "127.0.0.1")
            let owner = try server.psql("SELECT pg_catalog.current_setting('data_directory')")
            var info = stat()
            #expect(stat(owner, &info) == 0)
            if geteuid() == 0 { #expect(info.st_uid != 0, "the cluster is not root's: the server refuses to run as root") }
            #expect(try server.psql("CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2); SELECT sum(x) FROM t") == "3")
        }
        #expect(!LoopbackPort.waitUntilListening(port, seconds: 0.2), "stopped")
        #expect(!FileManager.default.fileExists(atPath: folder), "removed")
    }
}
