// swift-format-ignore-file: NeverForceUnwrap, NeverUseForceTry

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import FerryCore
import FerryModels
import Foundation
import Testing

@Suite struct SafetensorsTests {
    static func reference() throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/reference", withExtension: "safetensors"))
        return Array(try Data(contentsOf: url))
    }

    static let tensors: [String: Tensor] = [
        "coef": .vector([0.5, -1.25, 3.0]),
        "intercept": .vector([0.125]),
        "lstm.weight_ih_l0": try! Tensor(shape: [2, 3], dtype: .float32, values: [0, 0.25, 0.5, 0.75, 1, 1.25]),
    ]

    /// The file Python's `safetensors` wrote (bench/safetensors_fixtures.py) reads back, and Ferry writes the same bytes.
    @Test func matchesTheReferenceImplementationByteForByte() throws {
        let reference = try Self.reference()
        let (tensors, metadata) = try Safetensors.decode(reference)
        #expect(tensors == Self.tensors)
        #expect(metadata == ["plugin": "lasso", "format": "ferry"])
        #expect(Safetensors.encode(Self.tensors, metadata: metadata) == reference)
    }

    @Test func roundTripsAndIsCanonical() throws {
        let bytes = Safetensors.encode(Self.tensors)
        #expect(bytes.count % 8 == 0 || (bytes.count - 8) > 0)
        #expect(try Safetensors.decode(bytes).tensors == Self.tensors)
        #expect(Safetensors.encode(Self.tensors) == bytes)
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        #expect(headerLength % 8 == 0)
    }

    /// Crafted bytes, each refused with its own message.
    @Test(arguments: [
        ("short", [UInt8](repeating: 0, count: 4), "the header length alone takes 8"),
        ("huge header", [0, 0, 0, 0x40, 0, 0, 0, 0] as [UInt8], "larger than the"),
        ("header past end", [64, 0, 0, 0, 0, 0, 0, 0, 123, 125] as [UInt8], "runs past the end"),
    ])
    func refusesMalformedFraming(_ name: String, _ bytes: [UInt8], _ words: String) throws {
        let error = try #require(throws: SafetensorsError.self) { try Safetensors.decode(bytes) }
        #expect(error.description.contains(words), "\(name): \(error)")
    }

    static func file(header: String, data: [UInt8]) -> [UInt8] {
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(32) }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes += $0 }
        return bytes + headerBytes + data
    }

    @Test(
        arguments: [
            ("not json", #"{"a":"#, 8, "not a JSON object"),
            ("unknown dtype", #"{"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#, 8, "dtype I64 is not supported"),
            ("wrong size", #"{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,8]}}"#, 8, "do not hold shape"),
            ("out of bounds", #"{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}"#, 8, "lie beyond"),
            (
                "overlap", #"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#,
                8, "overlaps"
            ),
            ("gap", #"{"a":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}}"#, 16, "leaves a gap"),
            ("trailing bytes", #"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#, 16, "belong to none"),
            ("negative dimension", #"{"a":{"dtype":"F64","shape":[-1],"data_offsets":[0,8]}}"#, 8, "negative dimension"),
            ("backwards range", #"{"a":{"dtype":"F64","shape":[1],"data_offsets":[8,0]}}"#, 8, "not an increasing range"),
            ("bad metadata", #"{"__metadata__":{"a":1}}"#, 0, "must map strings to strings"),
        ] as [(String, String, Int, String)])
    func refusesMalformedHeaders(_ name: String, _ header: String, _ dataBytes: Int, _ words: String) throws {
        let bytes = Self.file(header: header, data: [UInt8](repeating: 0, count: dataBytes))
        let error = try #require(throws: SafetensorsError.self) { try Safetensors.decode(bytes) }
        #expect(error.description.contains(words), "\(name): \(error)")
    }

    @Test func refusesNaNAndInfiniteWeights() throws {
        let bytes = Safetensors.encode(["w": .vector([1, .nan])])
        let error = try #require(throws: SafetensorsError.self) { try Safetensors.decode(bytes) }
        #expect(error.description.contains("tensor 'w': element 1 is nan"))
        #expect(try Safetensors.decode(bytes, allowNonFinite: true).tensors["w"]?.values.count == 2)
        #expect(throws: SafetensorsError.self) { try Safetensors.decode(Safetensors.encode(["w": .vector([.infinity])])) }
    }
}
