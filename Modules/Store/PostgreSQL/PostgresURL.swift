import FerryCore
import Foundation

/// A PostgreSQL store's address as a user writes it:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE&sslrootcert=PATH&connections=N]`.
///
/// The password may instead come from `$PGPASSWORD` (so it stays out of shell history and process
/// lists); ``description`` never shows it.
struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted.
    enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP (the default on a loopback host).
        case disable
        /// TLS, the server's certificate not checked (libpq's `require`).
        case require
        /// TLS, the certificate checked against the system's roots (or `sslrootcert`) and the host name (the default elsewhere).
        case verifyFull = "verify-full"
    }

    let user: String
    let password: String?
    let host: String
    let port: Int
    let database: String
    let tls: TLSMode
    /// A PEM file of the certificate authorities to trust instead of the system's.
    let rootCertificates: String?
    /// How many connections a process keeps open at most.
    let connections: Int

    /// Parses `text`.
    /// - Throws: ``FerryError`` `invalidArgument` (field `store`) naming the part that is wrong.
    init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func refuse(_ problem: String) -> FerryError {
            FerryError(
                .invalidArgument, "store '\(Self.redacted(text))': \(problem) (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE)",
                field: "store")
        }
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw refuse("not a postgres:// URL")
        }
        guard let host = components.host, !host.isEmpty else { throw refuse("no host") }
        guard let user = components.user, !user.isEmpty else { throw refuse("no user") }
        let database = String(components.path.dropFirst())
        guard !database.isEmpty, !database.contains("/") else { throw refuse("no database name after the host") }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard let value = item.value, ["sslmode", "sslrootcert", "connections"].contains(item.name) else {
                throw refuse("unknown setting '\(item.name)' (known: sslmode, sslrootcert, connections)")
            }
            query[item.name] = value
        }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        guard let tls = TLSMode(rawValue: query["sslmode"] ?? (loopback ? "disable" : "verify-full")) else {
            throw refuse("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let connections = Int(query["connections"] ?? "8")
        guard let connections, (1...100).contains(connections) else { throw refuse("connections must be 1 to 100") }
        self.user = user
        self.password = components.password ?? environment["PGPASSWORD"]
        self.host = host
        self.port = components.port ?? 5432
        self.database = database
        self.tls = tls
        self.rootCertificates = query["sslrootcert"]
        self.connections = connections
    }

    /// The URL without its password.
    var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// Whether `text` names a PostgreSQL store.
    static func names(_ text: String) -> Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

    /// `text` with any password replaced by `***`, for messages.
    static func redacted(_ text: String) -> String {
        text.replacing(#/^(\w+://[^:@/]+):[^@/]*@/#) { "\($0.1):***@" }
    }
}
