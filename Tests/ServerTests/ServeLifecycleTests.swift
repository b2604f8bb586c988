import FerryCore
import FerryPipeline
import Foundation
import Testing

@testable import FerryServer

#if canImport(Glibc)
    import Glibc
#endif

/// Starting the server: a port already taken is a coded error naming it, and the listening
/// callback reports the port actually bound.
@Suite struct ServeLifecycleTests {
    /// A socket listening on a free loopback port, and that port.
    static func occupiedPort() throws -> (socket: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        try #require(bound && listen(descriptor, 1) == 0)
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func aPortInUseIsNamedNotABareBindError() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let (socket, port) = try Self.occupiedPort()
        defer { close(socket) }
        var configuration = ServerConfiguration()
        configuration.port = port
        let application = try FerryServer.application(configuration: configuration, store: fixture.location, trust: fixture.trust)
        let error = await #expect(throws: FerryError.self) { try await FerryServer.run(application, configuration: configuration) }
        #expect(error?.code == .unavailable && error?.field == "port")
        #expect(error?.message == "port \(port) on 127.0.0.1 is already in use (is another server running?); choose a free port")
    }
}
