import FerryCore
import Foundation
import NIOCore

/// An Open Inference Protocol (v2) inference request, read from its JSON body, or from a JSON
/// header followed by raw tensor bytes (Triton's binary tensor extension, which `tritonclient`
/// uses by default: the `Inference-Header-Content-Length` header gives the JSON's length, and
/// each binary input's `parameters.binary_data_size` its bytes, in input order).
struct InferenceRequest {
    /// One input tensor, its values row-major.
    struct Tensor {
        let name: String
        let shape: [Int]
        let values: [Double]
    }

    /// The request's id, echoed in the response.
    let id: String?
    /// The input tensors, in request order.
    let inputs: [Tensor]
    /// Whether the prediction is answered as raw bytes after the JSON header (the request's
    /// `binary_data_output` parameter, or `binary_data` on the requested output).
    let binaryOutput: Bool
    /// The `instrument`, `as_of` and `caller` request parameters, for the prediction log.
    let instrument: String?
    let asOf: String?
    let caller: String?

    /// The most values one request may carry.
    static let maximumValues = 10_000 * 1_000

    /// An input as the JSON header gives it, before any binary data is read.
    private struct Declared {
        var name: String?
        var shape: [Int]?
        var datatype: String?
        var binarySize: Int?
        var data: [Double]?
    }

    /// Reads `body`; `headerLength` is the `Inference-Header-Content-Length` header, when sent.
    /// Numbers are read exactly (``JSONReader``), so JSON tensors give the same bits as binary ones.
    /// - Throws: ``FerryError`` `invalidArgument` naming the field, tensor or byte count at fault.
    init(_ body: ByteBuffer, headerLength: Int?) throws {
        let bytes = Array(body.readableBytesView)
        let jsonLength = headerLength ?? bytes.count
        guard (0...bytes.count).contains(jsonLength) else {
            throw Self.refused("Inference-Header-Content-Length is \(jsonLength), beyond the body's \(bytes.count) bytes")
        }
        var header = (id: String?.none, inputs: [Declared](), parameters: [String: String](), binaryOutput: false)
        do {
            try bytes[..<jsonLength].withUnsafeBytes { raw in
                var reader = JSONReader(raw)
                guard try reader.peek() == .object else { throw Self.refused("the body is not a JSON object (an inference request)") }
                try reader.members { reader, key in
                    switch key {
                    case "id": header.id = try reader.peek() == .string ? reader.string() : nil
                    case "inputs": header.inputs = try Self.declaredInputs(&reader)
                    case "parameters": try Self.readParameters(&reader, into: &header.parameters, binaryOutput: &header.binaryOutput)
                    case "outputs": header.binaryOutput = try Self.asksBinaryOutput(&reader) || header.binaryOutput
                    default: try reader.skipValue()
                    }
                }
                try reader.end()
            }
        } catch let malformed as JSONReaderError {
            throw Self.refused("the body is not a JSON object (an inference request): \(malformed.description)")
        }
        guard !header.inputs.isEmpty else { throw Self.refused("field 'inputs' must be a non-empty array of tensors") }
        var binary = bytes[jsonLength...]
        inputs = try header.inputs.enumerated().map { index, input in try Self.tensor(input, at: index, binary: &binary) }
        guard binary.isEmpty else { throw Self.refused("\(binary.count) bytes after the last binary input belong to no tensor") }
        id = header.id
        binaryOutput = header.binaryOutput
        (instrument, asOf, caller) = (header.parameters["instrument"], header.parameters["as_of"], header.parameters["caller"])
    }

    private static func declaredInputs(_ reader: inout JSONReader) throws -> [Declared] {
        guard try reader.peek() == .array else { throw refused("field 'inputs' must be a non-empty array of tensors") }
        var inputs: [Declared] = []
        try reader.elements { reader, index in
            let field = "inputs[\(index)]"
            guard try reader.peek() == .object else { throw refused("\(field) must be an object (a tensor)") }
            var input = Declared()
            try reader.members { reader, key in
                switch key {
                case "name":
                    guard try reader.peek() == .string else { throw refused("\(field).name must be a string") }
                    input.name = try reader.string()
                case "datatype":
                    guard try reader.peek() == .string else { throw refused("\(field).datatype must be a string") }
                    input.datatype = try reader.string()
                case "shape":
                    guard try reader.peek() == .array else { throw refused("\(field).shape must be an array of non-negative integers") }
                    var shape: [Int] = []
                    try reader.elements { reader, _ in
                        guard try reader.peek() == .number, let size = Int(exactly: try reader.number()), size >= 0 else {
                            throw refused("\(field).shape must be an array of non-negative integers")
                        }
                        shape.append(size)
                    }
                    input.shape = shape
                case "parameters":
                    guard try reader.peek() == .object else { throw refused("\(field).parameters must be an object") }
                    try reader.members { reader, key in
                        guard key == "binary_data_size" else { return try reader.skipValue() }
                        guard try reader.peek() == .number, let size = Int(exactly: try reader.number()), size >= 0 else {
                            throw refused("\(field).parameters.binary_data_size must be a non-negative integer")
                        }
                        input.binarySize = size
                    }
                case "data":
                    var values: [Double] = []
                    try flatten(&reader, into: &values, field: "\(field).data")
                    input.data = values
                default: try reader.skipValue()
                }
            }
            inputs.append(input)
        }
        return inputs
    }

    /// The request's `parameters`: the strings Ferry logs, and `binary_data_output`.
    private static func readParameters(_ reader: inout JSONReader, into strings: inout [String: String], binaryOutput: inout Bool) throws {
        guard try reader.peek() == .object else { throw refused("field 'parameters' must be an object") }
        try reader.members { reader, key in
            switch (key, try reader.peek()) {
            case ("binary_data_output", .boolean): binaryOutput = try reader.boolean()
            case ("instrument", .string), ("as_of", .string), ("caller", .string): strings[key] = try reader.string()
            default: try reader.skipValue()
            }
        }
    }

    /// Whether a requested output asks for `binary_data`.
    private static func asksBinaryOutput(_ reader: inout JSONReader) throws -> Bool {
        guard try reader.peek() == .array else { throw refused("field 'outputs' must be an array") }
        var binary = false
        try reader.elements { reader, _ in
            guard try reader.peek() == .object else { return try reader.skipValue() }
            try reader.members { reader, key in
                guard key == "parameters", try reader.peek() == .object else { return try reader.skipValue() }
                try reader.members { reader, key in
                    if key == "binary_data", try reader.peek() == .boolean {
                        binary = try reader.boolean() || binary
                    } else {
                        try reader.skipValue()
                    }
                }
            }
        }
        return binary
    }

    /// Input `index`, its values from its `data` or from the next bytes of `binary`.
    private static func tensor(_ input: Declared, at index: Int, binary: inout ArraySlice<UInt8>) throws -> Tensor {
        let field = "inputs[\(index)]"
        guard let name = input.name else { throw refused("\(field).name must be a string") }
        guard let shape = input.shape else { throw refused("\(field).shape must be an array of non-negative integers") }
        let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        guard count <= maximumValues else { throw refused("\(field): shape \(shape) holds more than \(maximumValues) values") }
        guard let datatype = input.datatype else { throw refused("\(field).datatype must be a string") }
        let values: [Double]
        if let size = input.binarySize {
            values = try binaryValues(datatype: datatype, count: count, size: size, from: &binary, field: field)
        } else {
            guard ["FP64", "FP32", "FP16", "INT64", "INT32", "INT16", "INT8", "UINT64", "UINT32", "UINT16", "UINT8"].contains(datatype)
            else {
                throw refused("\(field).datatype \(datatype) is not numeric")
            }
            guard let data = input.data else { throw refused("\(field).data is missing (and no binary_data_size was given)") }
            values = data
        }
        guard values.count == count else { throw refused("\(field): shape \(shape) holds \(count) values; the data has \(values.count)") }
        return Tensor(name: name, shape: shape, values: values)
    }

    /// `count` values of `datatype` (FP64 or FP32, little-endian) from the front of `binary`.
    private static func binaryValues(datatype: String, count: Int, size: Int, from binary: inout ArraySlice<UInt8>, field: String) throws
        -> [Double]
    {
        let width: Int
        switch datatype {
        case "FP64": width = 8
        case "FP32": width = 4
        default: throw refused("\(field): binary data of datatype \(datatype) is not read (FP64 or FP32)")
        }
        guard size == count * width else {
            throw refused("\(field): binary_data_size \(size) is not \(count) values of \(width) bytes")
        }
        guard binary.count >= size else { throw refused("\(field): binary_data_size \(size), but only \(binary.count) bytes remain") }
        let chunk = binary.prefix(size)
        binary = binary.dropFirst(size)
        return chunk.withUnsafeBytes { raw in
            (0..<count).map { index in
                width == 8
                    ? Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
                    : Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))))
            }
        }
    }

    /// Appends the numbers of the next value (a number or nested arrays of them, row-major) to `values`.
    private static func flatten(_ reader: inout JSONReader, into values: inout [Double], field: String, depth: Int = 0) throws {
        switch try reader.peek() {
        case .number:
            values.append(try reader.number())
            guard values.count <= maximumValues else { throw refused("\(field): more than \(maximumValues) values") }
        case .array where depth < JSONReader.maxDepth:
            try reader.elements { reader, index in try flatten(&reader, into: &values, field: "\(field)[\(index)]", depth: depth + 1) }
        case let kind:
            throw refused("\(field) must be a number, not \(kind.described)")
        }
    }

    /// Rows for a model with `features`: one tensor `[N, F]` in the schema's order, or one tensor
    /// `[N]` (or `[N, 1]`) per feature, named as the schema's features.
    /// - Throws: ``FerryError`` `invalidArgument` naming the tensor that fits neither form.
    func rows(features: [String]) throws -> (columns: [String], rows: [[Double]]) {
        if inputs.count == 1, inputs[0].shape.count == 2, !features.contains(inputs[0].name) {
            let (count, width) = (inputs[0].shape[0], inputs[0].shape[1])
            guard width == features.count else {
                throw Self.refused(
                    "inputs[0] '\(inputs[0].name)' has \(width) columns; the model reads \(features.count) features (one tensor [N, \(features.count)] in the schema's order, or one tensor per feature)"
                )
            }
            return (features, (0..<count).map { Array(inputs[0].values[($0 * width)..<(($0 + 1) * width)]) })
        }
        let known = Set(features)
        let count = inputs[0].values.count
        for (index, input) in inputs.enumerated() {
            guard known.contains(input.name) else {
                throw Self.refused(
                    "inputs[\(index)] '\(input.name)' is not one of the model's features; give one tensor [N, \(features.count)] in the schema's order, or one tensor per feature named as the schema's"
                )
            }
            guard input.shape == [count] || input.shape == [count, 1] else {
                throw Self.refused(
                    "inputs[\(index)] '\(input.name)' has shape \(input.shape); each feature tensor is [N] with the same N (\(count))")
            }
        }
        return (inputs.map(\.name), (0..<count).map { row in inputs.map { $0.values[row] } })
    }

    private static func refused(_ message: String) -> FerryError { FerryError(.invalidArgument, message) }
}
