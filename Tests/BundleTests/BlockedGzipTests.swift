import FerryBundle
import FerryCore
import FerryModels
import Foundation
import Testing

@testable import FerryBundle

/// Bundles are written as blocked gzip (one gzip member per block, each naming its size), which
/// every gzip reader reads as one stream and Ferry inflates on every core; broken blocks are refused.
@Suite struct BlockedGzipTests {
    /// A bundle that takes several blocks: the fixture's, with a long model card.
    static func largeBundle(in folder: String) throws -> String {
        let fixture = try BundleFixture()
        defer { fixture.remove() }
        var contents = try BundleReader().read(fixture.path).contents
        let path = (folder as NSString).appendingPathComponent("large.tar.gz")
        // About 1.4 MB of digits that compress poorly: several 256 KiB blocks.
        contents.modelCard += (0..<200_000).map { String($0 &* 2_654_435_761 % 1_000_003) }.joined(separator: ",")
        try BundleWriter().write(contents, to: path)
        return path
    }

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-blocked-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aBundleIsManyGzipMembersThatTarAndSha256sumStillRead() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try Self.largeBundle(in: folder)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var members = 0
        var offset = 0
        while offset < bytes.count, let size = BlockedGzip.memberSize(header: bytes[offset...].prefix(BlockedGzip.headerSize)) {
            members += 1
            offset += size
        }
        #expect(offset == bytes.count, "the file is nothing but Ferry blocks")
        #expect(members > 4, "\(members) blocks")
        #expect(try BundleReader().read(path).contents.modelCard.count > 1_000_000)
        #expect(
            try BundleRoundTripTests.shell(
                "cd '\(folder)' && mkdir x && tar -xzf large.tar.gz -C x && cd x/* && sha256sum -c --quiet checksums.sha256") == 0)
        #expect(try BundleReader().read(bytes: bytes).contents.modelCard.count > 1_000_000, "from memory too")
    }

    @Test func brokenBlocksAreRefusedNamingWhatIsWrong() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try Self.largeBundle(in: folder)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let first = try #require(BlockedGzip.memberSize(header: bytes.prefix(BlockedGzip.headerSize)))
        func refused(_ changed: Data, _ words: String) throws {
            let out = (folder as NSString).appendingPathComponent("broken.tar.gz")
            try changed.write(to: URL(fileURLWithPath: out))
            let error = #expect(throws: BundleError.self) { try BundleReader().read(out) }
            #expect(error?.failing == .integrity)
            #expect(error?.message.contains(words) == true, "\(error?.message ?? "")")
        }
        var flipped = bytes
        flipped[first / 2] ^= 0xFF
        try refused(flipped, "gzip block")
        try refused(bytes.prefix(bytes.count - 10), "cut short")
        var longer = bytes
        longer[first + 16] = 0xFF
        longer[first + 17] = 0xFF
        longer[first + 18] = 0xFF
        try refused(longer, "not one of Ferry's blocks")
        var trailerLies = bytes
        trailerLies[first - 1] = 0x7F  // ISIZE's top byte: the block claims far more than a block holds
        try refused(trailerLies, "more than a block holds")
    }
}
