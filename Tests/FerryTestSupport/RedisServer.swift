import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real redis-server (Debian's, installed by scripts/bootstrap) on a free loopback port with a
/// temporary folder, for one test; stopped when the value goes away, also when the test fails.
public final class RedisServer: @unchecked Sendable {
    /// Its port, and `redis://127.0.0.1:PORT`.
    public let port: Int
    public let url: String
    private let process: SpawnedProcess
    private let folder: URL

    /// Starts one and waits (at most 5 s) until it accepts connections.
    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = try LoopbackPort.free()
        url = "redis://127.0.0.1:\(port)"
        process = try SpawnedProcess(
            "/usr/bin/redis-server",
            [
                "--port", String(port), "--bind", "127.0.0.1", "--dir", folder.path, "--save", "", "--appendonly", "no",
                "--logfile", folder.appendingPathComponent("redis.log").path,
            ])
        guard LoopbackPort.waitUntilListening(port, seconds: 5) else {
            throw SpawnError(message: "redis-server did not answer on port \(port) within 5 s")
        }
    }

    deinit {
        process.send(SIGTERM)
        process.wait()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Loopback ports for the servers tests start.
public enum LoopbackPort {
    /// A port no one listens on now (the kernel's choice for port 0).
    public static func free() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = loopback(0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw SpawnError(message: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on `port` within `seconds`.
    public static func waitUntilListening(_ port: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = loopback(port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(socket)
            if connected == 0 { return true }
            usleep(50_000)
        }
        return false
    }

    private static func loopback(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
