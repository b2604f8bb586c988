import FerryCore
import Foundation

/// The safetensors format: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the tensors' little-endian bytes.
///
/// Ferry writes it canonically, in the reference implementation's layout (metadata first, then
/// tensors by dtype, widest first, then by name, data in the same order, the header padded with
/// spaces to a multiple of 8 bytes), so the same tensors always give the same bytes, byte for byte
/// what Python's `safetensors` writes. Reading treats the bytes as untrusted.
public enum Safetensors {
    /// The largest header accepted when reading (100 MiB, as the reference implementation allows).
    public static let maximumHeaderBytes = 100 << 20

    /// The bytes of `tensors`, with optional string `metadata` (`__metadata__`).
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) -> [UInt8] {
        var entries: [String] = []
        var offset = 0
        let names = tensors.keys.sorted {
            let (left, right) = (tensors[$0]?.dtype.byteWidth ?? 0, tensors[$1]?.dtype.byteWidth ?? 0)
            return left != right ? left > right : $0 < $1
        }
        for name in names {
            guard let tensor = tensors[name] else { continue }
            let size = tensor.values.count * tensor.dtype.byteWidth
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(
                "\(quoted(name)):{\"dtype\":\"\(tensor.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + size)]}"
            )
            offset += size
        }
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(quoted($0)):\(quoted(metadata[$0] ?? ""))" }
            entries.insert("\"__metadata__\":{\(pairs.joined(separator: ","))}", at: 0)
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes += $0 }
        bytes += header
        for name in names {
            guard let tensor = tensors[name] else { continue }
            // One bulk copy per tensor, in little-endian order.
            switch tensor.dtype {
            case .float64:
                let words = tensor.values.map { $0.bitPattern.littleEndian }
                words.withUnsafeBytes { bytes.append(contentsOf: $0) }
            case .float32:
                let words = tensor.values.map { Float($0).bitPattern.littleEndian }
                words.withUnsafeBytes { bytes.append(contentsOf: $0) }
            }
        }
        return bytes
    }

    /// Reads safetensors `bytes`; throws ``SafetensorsError`` for anything malformed: a header that
    /// is too large or not JSON, an unknown dtype, a shape or byte range that does not fit, ranges
    /// that overlap or leave gaps, and (unless allowed) NaN or infinite values.
    public static func decode(_ bytes: [UInt8], allowNonFinite: Bool = false) throws -> (
        tensors: [String: Tensor], metadata: [String: String]
    ) {
        let layout = try readHeader(bytes.prefix(8 + Swift.min(bytes.count, maximumHeaderBytes + 8)), fileSize: bytes.count)
        var tensors: [String: Tensor] = [:]
        for entry in layout.entries {
            let values = readValues(bytes, from: layout.dataStart + entry.start, count: entry.count, dtype: entry.dtype)
            if !allowNonFinite, let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw SafetensorsError("tensor '\(entry.name)': element \(bad) is \(values[bad]); weights must be finite")
            }
            tensors[entry.name] = try Tensor(shape: entry.shape, dtype: entry.dtype, values: values)
        }
        return (tensors, layout.metadata)
    }

    /// Where each tensor of a safetensors file lies, from its header alone.
    public struct Layout: Sendable {
        /// One tensor's place.
        public struct Entry: Sendable {
            /// Its name.
            public let name: String
            /// Its element type.
            public let dtype: DType
            /// Its shape.
            public let shape: [Int]
            /// Its element count.
            public let count: Int
            /// Its first byte, relative to the data section.
            public let start: Int
        }

        /// The tensors, in name order.
        public let entries: [Entry]
        /// `__metadata__`.
        public let metadata: [String: String]
        /// Where the data section starts in the file.
        public let dataStart: Int
    }

    /// Validates a safetensors header from the file's first bytes (`prefix`, at least the 8-byte
    /// length and the header) and its total size: everything ``decode(_:allowNonFinite:)`` checks
    /// except the values themselves, so a large file can be checked while it streams past.
    public static func readHeader(_ prefix: some Collection<UInt8>, fileSize: Int) throws -> Layout {
        let bytes = Array(prefix)
        guard bytes.count >= 8, fileSize >= 8 else { throw SafetensorsError("file is \(fileSize) bytes; the header length alone takes 8") }
        let declared = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard declared <= UInt64(maximumHeaderBytes) else {
            throw SafetensorsError("header of \(declared) bytes is larger than the \(maximumHeaderBytes)-byte limit")
        }
        let headerLength = Int(declared)
        guard 8 + headerLength <= fileSize, 8 + headerLength <= bytes.count else {
            throw SafetensorsError("header of \(headerLength) bytes runs past the end of the \(fileSize)-byte file")
        }
        guard let header = try? JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as? [String: Any] else {
            throw SafetensorsError("header is not a JSON object")
        }
        let dataStart = 8 + headerLength
        let dataLength = fileSize - dataStart
        var metadata: [String: String] = [:]
        var entries: [Layout.Entry] = []
        var ranges: [(name: String, start: Int, end: Int)] = []
        for (name, entry) in header {
            if name == "__metadata__" {
                guard let values = entry as? [String: String] else { throw SafetensorsError("__metadata__ must map strings to strings") }
                metadata = values
                continue
            }
            let (dtype, shape, start, end) = try parse(entry, name: name)
            let count = try elementCount(shape, name: name)
            guard end - start == count * dtype.byteWidth else {
                throw SafetensorsError("tensor '\(name)': \(end - start) bytes do not hold shape \(shape) of \(dtype.rawValue)")
            }
            guard end <= dataLength else {
                throw SafetensorsError("tensor '\(name)': bytes \(start)..<\(end) lie beyond the \(dataLength) bytes of data")
            }
            entries.append(.init(name: name, dtype: dtype, shape: shape, count: count, start: start))
            ranges.append((name, start, end))
        }
        var expected = 0
        for range in ranges.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            guard range.start == expected else {
                throw SafetensorsError(
                    range.start < expected
                        ? "tensor '\(range.name)' overlaps the tensor before it"
                        : "tensor '\(range.name)' leaves a gap of \(range.start - expected) bytes before it")
            }
            expected = range.end
        }
        guard expected == dataLength else { throw SafetensorsError("\(dataLength - expected) bytes after the last tensor belong to none") }
        return Layout(entries: entries.sorted { $0.name < $1.name }, metadata: metadata, dataStart: dataStart)
    }

    private static func parse(_ entry: Any, name: String) throws -> (DType, [Int], Int, Int) {
        guard let fields = entry as? [String: Any], let dtypeName = fields["dtype"] as? String,
            let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int], offsets.count == 2
        else { throw SafetensorsError("tensor '\(name)': needs dtype, shape and two data_offsets") }
        guard let dtype = DType(rawValue: dtypeName) else {
            throw SafetensorsError("tensor '\(name)': dtype \(dtypeName) is not supported (F64, F32)")
        }
        guard offsets[0] >= 0, offsets[1] >= offsets[0] else {
            throw SafetensorsError("tensor '\(name)': data_offsets \(offsets) are not an increasing range")
        }
        return (dtype, shape, offsets[0], offsets[1])
    }

    private static func elementCount(_ shape: [Int], name: String) throws -> Int {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { throw SafetensorsError("tensor '\(name)': negative dimension in shape \(shape)") }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= Int(Int32.max) else { throw SafetensorsError("tensor '\(name)': shape \(shape) is too large") }
            count = product
        }
        return count
    }

    private static func readValues(_ bytes: [UInt8], from start: Int, count: Int, dtype: DType) -> [Double] {
        bytes.withUnsafeBytes { raw in
            (0..<count).map { i in
                switch dtype {
                case .float64:
                    return Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * i, as: UInt64.self)))
                case .float32:
                    return Double(
                        Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * i, as: UInt32.self))))
                }
            }
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// Safetensors bytes are malformed or hold what Ferry refuses.
public struct SafetensorsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { "safetensors: \(message)" }
}

extension DType {
    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .float64: return 8
        case .float32: return 4
        }
    }
}
