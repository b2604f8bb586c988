import CZlib
import FerryCore
import Foundation

/// Ferry's gzip layout: the tar stream cut into blocks of at most 1 MiB, each compressed as a
/// gzip member of its own (RFC 1952 allows any number of members, and every gzip reader reads
/// them as one stream), whose header carries an extra field `FB` with the member's compressed
/// size. A reader that knows it finds each block without inflating the one before, and inflates
/// blocks on several cores at once (the idea of samtools' BGZF).
enum BlockedGzip {
    /// Uncompressed bytes per block, at most (256 KiB: small enough that the blocks in flight stay a few MiB).
    static let blockSize = 256 << 10
    /// A block header: ID1 ID2 CM FLG, MTIME (0), XFL, OS, XLEN (8), then `F` `B`, LEN (4), the member size.
    static let headerSize = 20
    /// CRC-32 and ISIZE.
    static let trailerSize = 8

    /// `block` as one gzip member at `level`.
    static func member(_ block: UnsafeRawBufferPointer, level: Int32) throws -> Data {
        var stream = z_stream()
        guard ferry_deflate_init2(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK else {
            throw BundleError.archive("zlib could not start compressing")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(block.count)))
        var out = Data(count: headerSize + bound + trailerSize)
        let compressed = try out.withUnsafeMutableBytes { raw -> Int in
            stream.next_in = UnsafeMutablePointer(mutating: block.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(block.count)
            stream.next_out = raw.baseAddress?.advanced(by: headerSize).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(bound)
            guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { throw BundleError.archive("zlib could not compress a block") }
            return Int(stream.total_out)
        }
        let total = headerSize + compressed + trailerSize
        out.count = total
        let crc = block.baseAddress.map { crc32(0, $0.assumingMemoryBound(to: Bytef.self), uInt(block.count)) } ?? 0
        var header: [UInt8] = [0x1F, 0x8B, 8, 4, 0, 0, 0, 0, 0, 3, 8, 0, UInt8(ascii: "F"), UInt8(ascii: "B"), 4, 0]
        header += littleEndian(UInt32(total))
        out.replaceSubrange(0..<headerSize, with: header)
        out.replaceSubrange((total - trailerSize)..<total, with: littleEndian(UInt32(crc)) + littleEndian(UInt32(block.count)))
        return out
    }

    /// The member size a block header gives, or `nil` when `header` is not a Ferry block header.
    static func memberSize(header: some Collection<UInt8>) -> Int? {
        let bytes = Array(header.prefix(headerSize))
        guard bytes.count == headerSize, bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 8, bytes[3] == 4, bytes[10] == 8, bytes[11] == 0,
            bytes[12] == UInt8(ascii: "F"), bytes[13] == UInt8(ascii: "B"), bytes[14] == 4, bytes[15] == 0
        else { return nil }
        let size = Int(bytes[16]) | Int(bytes[17]) << 8 | Int(bytes[18]) << 16 | Int(bytes[19]) << 24
        return size >= headerSize + trailerSize ? size : nil
    }

    /// The block a whole member holds, its CRC-32 and length checked; more than ``blockSize``
    /// bytes is refused (a block that inflates past it is not Ferry's).
    static func inflate(_ member: Data) throws -> Data {
        guard member.count >= headerSize + trailerSize else { throw BundleError.corrupt("a gzip block is shorter than its header") }
        let trailer = Array(member.suffix(trailerSize))
        let expectedCRC = UInt32(trailer[0]) | UInt32(trailer[1]) << 8 | UInt32(trailer[2]) << 16 | UInt32(trailer[3]) << 24
        let expectedSize = Int(trailer[4]) | Int(trailer[5]) << 8 | Int(trailer[6]) << 16 | Int(trailer[7]) << 24
        guard expectedSize <= blockSize else {
            throw BundleError.corrupt("a gzip block declares \(expectedSize) bytes, more than a block holds")
        }
        var out = Data(count: expectedSize)
        var stream = z_stream()
        guard ferry_inflate_init2(&stream, -15) == Z_OK else { throw BundleError.archive("zlib could not start inflating") }
        defer { inflateEnd(&stream) }
        let status = member.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output -> Int32 in
                stream.next_in = UnsafeMutablePointer(
                    mutating: input.baseAddress?.advanced(by: headerSize).assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(member.count - headerSize - trailerSize)
                stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(expectedSize)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expectedSize, stream.avail_in == 0 else {
            throw BundleError.corrupt("a gzip block does not inflate to the \(expectedSize) bytes its trailer gives")
        }
        let crc = out.withUnsafeBytes { raw in
            raw.baseAddress.map { crc32(0, $0.assumingMemoryBound(to: Bytef.self), uInt(raw.count)) } ?? 0
        }
        guard UInt32(crc) == expectedCRC else { throw BundleError.corrupt("a gzip block's CRC-32 does not match its bytes") }
        return out
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
}
