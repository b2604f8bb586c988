import Foundation
import NIOCore
import Testing

@testable import FerryOCI

@Suite struct FileChunksTests {
    /// A file of `count` bytes, each its offset modulo 251.
    private func file(_ count: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString)").path
        try Data((0..<count).map { UInt8($0 % 251) }).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func collect(_ chunks: FileChunks) async throws -> (bytes: [UInt8], pieces: [Int]) {
        var bytes: [UInt8] = []
        var pieces: [Int] = []
        for try await buffer in chunks {
            bytes += buffer.readableBytesView
            pieces.append(buffer.readableBytes)
        }
        return (bytes, pieces)
    }

    @Test func aRangeIsReadExactlyInPiecesPacedByTheEventLoop() async throws {
        let path = try file(300_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let chunks = FileChunks(path: path, range: 70_000..<250_001, eventLoop: RegistrySession.traffic.eventLoopGroup.next())
        let (bytes, pieces) = try await collect(chunks)
        #expect(bytes == (70_000..<250_001).map { UInt8($0 % 251) })
        #expect(pieces == [65_536, 65_536, 48_929])
    }

    @Test func aFileThatShrankWhileItWasReadIsAnError() async throws {
        let path = try file(1_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let chunks = FileChunks(path: path, range: 0..<5_000, eventLoop: RegistrySession.traffic.eventLoopGroup.next())
        await #expect(throws: CocoaError.self) { _ = try await collect(chunks) }
    }
}
