import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real PostgreSQL (Debian's, installed by scripts/bootstrap) in a temporary cluster on a free
/// loopback port, for one test; stopped and removed when the value goes away, also when the test
/// fails. The server refuses to run as root, so under root the cluster belongs to, and the server
/// runs as, an unprivileged system user made once (`ferry-pg`).
public final class PostgresServer: @unchecked Sendable {
    /// Its port, and `postgres://ferry@127.0.0.1:PORT/postgres` (trust authentication on loopback only).
    public let port: Int
    public let url: String
    /// The cluster's folder.
    public let folder: URL
    private let binaries: String

    /// The unprivileged user a root test runs the server as.
    public static let user = "ferry-pg"

    /// Makes a cluster (initdb) and starts it, waiting (at most 30 s) until it accepts connections.
    public init() throws {
        guard let version = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql").sorted().last else {
            throw SpawnError(message: "no PostgreSQL under /usr/lib/postgresql; scripts/bootstrap installs Debian's postgresql")
        }
        binaries = "/usr/lib/postgresql/\(version)/bin"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-postgres-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = try LoopbackPort.free()
        url = "postgres://ferry@127.0.0.1:\(port)/postgres"
        if geteuid() == 0 {
            try Self.ensureUser()
            try Self.run("/bin/chown", ["-R", Self.user, folder.path])
        }
        let data = folder.appendingPathComponent("data").path
        try runAsServerUser("\(binaries)/initdb", ["-D", data, "-U", "ferry", "--auth=trust", "-E", "UTF8", "--no-instructions"])
        try runAsServerUser(
            "\(binaries)/pg_ctl",
            [
                "-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "30", "-o",
                "-c listen_addresses=127.0.0.1 -p \(port) -k \(folder.path)", "start",
            ])
        guard LoopbackPort.waitUntilListening(port, seconds: 30) else {
            throw SpawnError(message: "postgres did not answer on port \(port) within 30 s (see \(folder.path)/server.log)")
        }
    }

    /// One server for every test of a test process that needs a database of its own
    /// (``newDatabase()``): started on first use, stopped when the process exits.
    public static var shared: PostgresServer {
        get throws { try sharedServer.get() }
    }

    private static let sharedServer: Result<PostgresServer, any Error> = {
        let result = Result { try PostgresServer() }
        if case let .success(server) = result { retained = server }
        atexit { PostgresServer.retained?.stop() }
        return result
    }()

    /// The shared server, reachable from the exit hook (a C function pointer captures nothing).
    nonisolated(unsafe) private static var retained: PostgresServer?

    /// Makes an empty database on the server and returns its URL.
    public func newDatabase() throws -> String {
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try psql("CREATE DATABASE \(name)")
        return "postgres://ferry@127.0.0.1:\(port)/\(name)"
    }

    /// Runs `sql` with psql on database `database` of the server and returns its output, unaligned and without headers.
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let output = folder.appendingPathComponent("psql-\(UUID().uuidString).out").path
        let process = try SpawnedProcess(
            "\(binaries)/psql",
            ["-h", "127.0.0.1", "-p", String(port), "-U", "ferry", "-d", database, "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
            output: output)
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = process.wait()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw SpawnError(message: "psql exited \(status): \(text)") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit { stop() }

    /// Stops the server and removes its cluster (also done when the value goes away).
    public func stop() {
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        try? runAsServerUser("\(binaries)/pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "fast", "-w", "stop"])
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs a PostgreSQL program as the server's user (`runuser` under root), to completion, its
    /// output in the cluster folder's `tools.log`.
    private func runAsServerUser(_ program: String, _ arguments: [String]) throws {
        let log = folder.appendingPathComponent("tools.log").path
        if geteuid() == 0 {
            try Self.run("/usr/sbin/runuser", ["-u", Self.user, "--", program] + arguments, log: log)
        } else {
            try Self.run(program, arguments, log: log)
        }
    }

    /// Makes the unprivileged system user, unless it exists (another test may be making it at the same moment).
    private static func ensureUser() throws {
        guard getpwnam(user) == nil else { return }
        do {
            try run("/usr/sbin/useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user])
        } catch  where getpwnam(user) != nil {}
    }

    private static func run(_ program: String, _ arguments: [String], log: String? = nil) throws {
        let status = try SpawnedProcess(program, arguments, output: log).wait()
        guard status == 0 else {
            throw SpawnError(message: "\(program) \(arguments.joined(separator: " ")) exited \(status)\(log.map { " (see \($0))" } ?? "")")
        }
    }
}
