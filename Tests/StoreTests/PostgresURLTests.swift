import FerryCore
import Testing

@testable import FerryStore

/// A PostgreSQL store's URL: its parts, TLS by default off loopback, the password kept out of every message.
@Suite struct PostgresURLTests {
    @Test func aURLGivesItsPartsAndNeverShowsThePassword() throws {
        let url = try PostgresURL("postgres://ferry:s3cret@db.internal:6432/models?sslmode=require&connections=4", environment: [:])
        #expect(url.user == "ferry" && url.password == "s3cret" && url.host == "db.internal" && url.port == 6432)
        #expect(url.database == "models" && url.tls == .require && url.connections == 4)
        #expect(url.description == "postgres://ferry@db.internal:6432/models")
        let remote = try PostgresURL("postgresql://ferry@db.internal/models", environment: ["PGPASSWORD": "fromenv"])
        #expect(remote.port == 5432 && remote.tls == .verifyFull && remote.password == "fromenv", "TLS checked by default off loopback")
        #expect(try PostgresURL("postgres://ferry@127.0.0.1:5432/ferry", environment: [:]).tls == .disable)
    }

    @Test(arguments: [
        ("postgres://db.internal/models", "no user"),
        ("postgres://ferry@db.internal", "no database name"),
        ("postgres://ferry:pw@db.internal/models?sslmode=maybe", "sslmode must be one of disable, require, verify-full"),
        ("postgres://ferry@db.internal/models?timeout=3", "unknown setting 'timeout'"),
        ("postgres://ferry@db.internal/models?connections=0", "connections must be 1 to 100"),
    ])
    func aMalformedURLIsRefusedByWhatIsWrong(text: String, words: String) throws {
        let error = try #require(throws: FerryError.self) { try PostgresURL(text, environment: [:]) }
        #expect(error.code == .invalidArgument && error.field == "store")
        #expect(error.message.contains(words), "\(error.message)")
        #expect(!error.message.contains(":pw@"), "the password is never shown")
    }
}
