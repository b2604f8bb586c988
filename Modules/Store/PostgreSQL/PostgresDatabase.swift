import FerryCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A store in a PostgreSQL database, shared by every machine of a team: a few connections
/// (``PostgresURL/connections``) on two event-loop threads of its own, each statement waited for by
/// the calling thread, so the store's API stays the same synchronous one SQLite's has.
final class PostgresDatabase: StoreDatabase, @unchecked Sendable {
    let url: PostgresURL
    var dialect: SQLDialect { .postgres }
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []
    private var opened = 0

    /// Connects once to check the address and credentials.
    /// - Throws: ``FerryError`` `unavailable` naming the server when it cannot be reached or refuses the login.
    init(url: PostgresURL) throws {
        self.url = url
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: try Self.tls(url))
        configuration.options.connectTimeout = .seconds(10)
        self.configuration = configuration
        var logger = Logger(label: "ferry.store.postgres")
        logger.logLevel = .critical
        self.logger = logger
        slots = DispatchSemaphore(value: url.connections)
        try read { session in _ = try session.rows("SELECT 1", []) }
    }

    deinit {
        for connection in idle { try? connection.close().wait() }
        try? group.syncShutdownGracefully()
    }

    func read<Result>(_ body: (any SQLSession) throws -> Result) throws -> Result {
        try withConnection { connection in try body(PostgresSession(connection: connection, logger: logger, url: url)) }
    }

    func write<Result>(_ body: (any SQLSession) throws -> Result) throws -> Result {
        try withConnection { connection in
            let session = PostgresSession(connection: connection, logger: logger, url: url)
            try session.execute("BEGIN", [])
            do {
                let result = try body(session)
                try session.execute("COMMIT", [])
                return result
            } catch {
                _ = try? session.execute("ROLLBACK", [])
                throw error
            }
        }
    }

    /// One `INSERT`, atomic by itself: one round trip instead of three (`BEGIN`, the insert, `COMMIT`).
    func logPredictions(_ entries: [PredictionEntry]) throws -> [Int64] {
        try read { session in try session.insertPredictions(entries) }
    }

    /// ``logPredictions(_:)`` without blocking a thread: the prepared insert is awaited. When every
    /// connection is busy, the blocking path runs on a dispatch thread instead.
    func logPredictions(_ entries: [PredictionEntry]) async throws -> [Int64] {
        guard !entries.isEmpty else { return [] }
        guard slots.wait(timeout: .now()) == .success else {
            return try await runOffThePool { try self.logPredictions(entries) }
        }
        defer { slots.signal() }
        let connection: PostgresConnection
        if let idle = lock.withLock({ idle.popLast() }), !idle.isClosed {
            connection = idle
        } else {
            connection = try await runOffThePool { try self.connect() }
        }
        defer { checkin(connection) }
        do {
            var ids: [Int64] = []
            ids.reserveCapacity(entries.count)
            for try await id in try await connection.execute(PredictionLogStatement(entries: entries[...]), logger: logger) {
                ids.append(id)
            }
            return ids
        } catch let error as FerryError {
            throw error
        } catch {
            throw PostgresSession.ferryError(error, url: url, doing: "log predictions")
        }
    }

    func appliedMigrations() throws -> [String] {
        let applied = try read { session in
            guard
                try session.integer("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'ferry_migration' AND schemaname = current_schema()")
                    > 0
            else { return Set<String>() }
            return Set(try session.rows("SELECT name FROM ferry_migration", []).map { try $0.text("name") })
        }
        return StoreMigrations.all.map(\.name).filter(applied.contains)
            + applied.subtracting(StoreMigrations.all.map(\.name)).sorted()
    }

    /// Runs `migration` under a transaction-scoped advisory lock, so two replicas starting at once
    /// do not both run it; its statements one by one (the extended protocol takes one at a time).
    func apply(_ migration: StoreMigrations.Migration) throws {
        try write { session in
            try session.execute("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", [])
            try StoreMigrations.createMigrationTable(session)
            guard try session.integer("SELECT COUNT(*) FROM ferry_migration WHERE name = ?", [.text(migration.name)]) == 0 else {
                return
            }
            for statement in migration.statements(for: .postgres) { try session.execute(statement, []) }
            try StoreMigrations.record(migration, dialect: .postgres, in: session)
        }
    }

    /// The advisory lock key migrations take (any constant no other application uses: "FERRYMIG").
    static let migrationLock: Int64 = 0x4645_5252_594D_4947

    /// Runs `body` on a free connection (opening one when none is idle and fewer than the limit are
    /// open); a connection that broke is dropped instead of returned.
    private func withConnection<Result>(_ body: (PostgresConnection) throws -> Result) throws -> Result {
        slots.wait()
        defer { slots.signal() }
        let connection = try checkout()
        defer { checkin(connection) }
        return try body(connection)
    }

    private func checkout() throws -> PostgresConnection {
        if let connection = lock.withLock({ idle.popLast() }), !connection.isClosed { return connection }
        return try connect()
    }

    /// Opens a new connection.
    private func connect() throws -> PostgresConnection {
        let id = lock.withLock {
            opened += 1
            return opened
        }
        do {
            return try PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger).wait()
        } catch {
            throw PostgresSession.ferryError(error, url: url, doing: "connect")
        }
    }

    private func checkin(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        lock.withLock { idle.append(connection) }
    }

    private static func tls(_ url: PostgresURL) throws -> PostgresConnection.Configuration.TLS {
        switch url.tls {
        case .disable:
            return .disable
        case .require:
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyFull:
            var tls = TLSConfiguration.makeClientConfiguration()
            if let roots = url.rootCertificates { tls.trustRoots = .file(roots) }
            return .require(try NIOSSLContext(configuration: tls))
        }
    }
}
