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

    /// Reads `body`; `headerLength` is the `Inference-Header-Content-Length` header, when sent.
    /// - Throws: ``FerryError`` `invalidArgument` naming the field, tensor or byte count at fault.
    init(_ body: ByteBuffer, headerLength: Int?) throws {
        let bytes = Array(body.readableBytesView)
        let jsonLength = headerLength ?? bytes.count
        guard (0...bytes.count).contains(jsonLength) else {
            throw Self.refused("Inference-Header-Content-Length is \(jsonLength), beyond the body's \(bytes.count) bytes")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[..<jsonLength])), let json = object as? [String: Any] else {
            throw Self.refused("the body is not a JSON object (an inference request)")
        }
        let parameters = json["parameters"] as? [String: Any] ?? [:]
        id = json["id"] as? String
        (instrument, asOf, caller) = (parameters["instrument"] as? String, parameters["as_of"] as? String, parameters["caller"] as? String)
        guard let inputs = json["inputs"] as? [[String: Any]], !inputs.isEmpty else {
            throw Self.refused("field 'inputs' must be a non-empty array of tensors")
        }
        var binary = bytes[jsonLength...]
        self.inputs = try inputs.enumerated().map { index, input in try Self.tensor(input, at: index, binary: &binary) }
        guard binary.isEmpty else { throw Self.refused("\(binary.count) bytes after the last binary input belong to no tensor") }
        let outputs = json["outputs"] as? [[String: Any]] ?? []
        let binaryOutputs = outputs.contains { ($0["parameters"] as? [String: Any])?["binary_data"] as? Bool == true }
        binaryOutput = parameters["binary_data_output"] as? Bool == true || binaryOutputs
    }

    /// Input `index`, its values from `data` or from the next bytes of `binary`.
    private static func tensor(_ input: [String: Any], at index: Int, binary: inout ArraySlice<UInt8>) throws -> Tensor {
        let field = "inputs[\(index)]"
        guard let name = input["name"] as? String else { throw refused("\(field).name must be a string") }
        guard let shape = input["shape"] as? [Int], shape.allSatisfy({ $0 >= 0 }) else {
            throw refused("\(field).shape must be an array of non-negative integers")
        }
        let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        guard count <= maximumValues else { throw refused("\(field): shape \(shape) holds more than \(maximumValues) values") }
        guard let datatype = input["datatype"] as? String else { throw refused("\(field).datatype must be a string") }
        let values: [Double]
        if let size = (input["parameters"] as? [String: Any])?["binary_data_size"] as? Int {
            values = try binaryValues(datatype: datatype, count: count, size: size, from: &binary, field: field)
        } else {
            guard ["FP64", "FP32", "FP16", "INT64", "INT32", "INT16", "INT8", "UINT64", "UINT32", "UINT16", "UINT8"].contains(datatype)
            else {
                throw refused("\(field).datatype \(datatype) is not numeric")
            }
            guard let data = input["data"] else { throw refused("\(field).data is missing (and no binary_data_size was given)") }
            var flat: [Double] = []
            try flatten(data, into: &flat, field: "\(field).data")
            values = flat
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

    /// Appends the numbers of `data` (a number or nested arrays of them, row-major) to `values`.
    private static func flatten(_ data: Any, into values: inout [Double], field: String) throws {
        if let array = data as? [Any] {
            for (index, item) in array.enumerated() { try flatten(item, into: &values, field: "\(field)[\(index)]") }
        } else if let number = data as? NSNumber, String(cString: number.objCType) != "c" {  // "c": a JSON true or false
            values.append(number.doubleValue)
        } else {
            throw refused("\(field) must be a number")
        }
        guard values.count <= maximumValues else { throw refused("\(field): more than \(maximumValues) values") }
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
