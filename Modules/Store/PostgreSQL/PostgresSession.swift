import FerryCore
import Logging
import NIOCore
import PostgresNIO

/// One PostgreSQL connection as an ``SQLSession``: `?` placeholders numbered `$1`, `$2`, ... and
/// every value bound (never spliced into the SQL).
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    let url: PostgresURL
    var dialect: SQLDialect { .postgres }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        try run(sql, arguments).rows.map { row in
            var columns: [String] = []
            var values: [SQLValue] = []
            for cell in row {
                columns.append(cell.columnName)
                values.append(try Self.value(cell))
            }
            return SQLRow(columns: columns, values: values)
        }
    }

    /// One `INSERT` for any number of entries: ``PredictionLogStatement``'s text, not prepared on
    /// this blocking path (postgres-nio prepares statements on its async path only).
    func insertPredictions(_ entries: [PredictionEntry]) throws -> [Int64] {
        guard !entries.isEmpty else { return [] }
        let statement = PredictionLogStatement(entries: entries[...])
        do {
            let result = try connection.query(
                PostgresQuery(unsafeSQL: PredictionLogStatement.sql, binds: try statement.makeBindings()), logger: logger
            ).wait()
            return try result.rows.map(statement.decodeRow)
        } catch {
            throw Self.ferryError(error, url: url, doing: "log predictions")
        }
    }

    func lockRegistry() throws { try execute("SELECT pg_advisory_xact_lock(\(Self.registryLock))", []) }

    /// The advisory lock key registry changes take ("FERRYREG").
    static let registryLock: Int64 = 0x4645_5252_5952_4547

    private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
        do {
            return try connection.query(Self.query(sql, arguments), logger: logger).wait()
        } catch {
            throw Self.ferryError(error, url: url, doing: "run \(sql.prefix(60))")
        }
    }

    /// `sql` (with `?` placeholders) and its values as postgres-nio's query: every value bound.
    static func query(_ sql: String, _ arguments: [SQLValue]) -> PostgresQuery {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: binds.appendNull()
            case let .integer(number): binds.append(number)
            case let .real(number): binds.append(number)
            case let .text(text): binds.append(text)
            }
        }
        return PostgresQuery(unsafeSQL: numbered(sql), binds: binds)
    }

    /// `sql` with each `?` outside quotes numbered (`$1`, `$2`, ...).
    static func numbered(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var count = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                count += 1
                result += "$\(count)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// A PostgreSQL failure as a ``FerryError``: the server's own message and SQLSTATE (a unique
    /// violation is a `conflict`), or `unavailable` naming the server when it could not be reached.
    static func ferryError(_ error: any Error, url: PostgresURL, doing action: String) -> FerryError {
        guard let error = error as? PSQLError else {
            return FerryError(.unavailable, "PostgreSQL store \(url): cannot \(action): \(error)")
        }
        if let server = error.serverInfo, let message = server[.message] {
            let state = server[.sqlState] ?? "-"
            let detail = server[.detail].map { " (\($0))" } ?? ""
            let code: FerryError.Code = state == "23505" ? .conflict : state.hasPrefix("28") ? .refused : .io
            return FerryError(code, "PostgreSQL store \(url): \(message)\(detail) [SQLSTATE \(state)]")
        }
        let underlying = error.underlying.map { "\($0)" } ?? "\(error.code)"
        let cause =
            underlying.contains("Connection refused") ? "connection refused" : underlying.contains("imed out") ? "timed out" : underlying
        guard error.code == .connectionError else {
            return FerryError(.unavailable, "PostgreSQL store \(url): cannot \(action): \(cause)")
        }
        return FerryError(
            .unavailable,
            "PostgreSQL store \(url): cannot connect to \(url.host):\(url.port) (\(cause)); is the server running, and the URL right?")
    }
}
