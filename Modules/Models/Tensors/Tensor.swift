import FerryCore

/// A named model parameter: a shape and its values in row-major order, as safetensors stores it.
public struct Tensor: Sendable, Equatable {
    /// The size of each dimension; `[]` for a scalar.
    public let shape: [Int]
    /// The element type the tensor is stored as.
    public let dtype: DType
    /// The values, row-major, widened to `Double` in memory.
    public let values: [Double]

    /// Makes a tensor; throws ``TensorError`` when the values do not fill the shape exactly.
    public init(shape: [Int], dtype: DType = .float64, values: [Double]) throws {
        let expected = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 >= 0 }), expected == values.count else {
            throw TensorError(message: "shape \(shape) holds \(expected) values, not \(values.count)")
        }
        self.shape = shape
        self.dtype = dtype
        self.values = values
    }

    /// A one-dimensional float64 tensor.
    public static func vector(_ values: [Double]) -> Tensor {
        // A vector's shape is its length, so it always fits.
        Tensor(unchecked: [values.count], dtype: .float64, values: values)
    }

    private init(unchecked shape: [Int], dtype: DType, values: [Double]) {
        self.shape = shape
        self.dtype = dtype
        self.values = values
    }
}

/// A tensor could not be made or is not what a model expects.
public struct TensorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    /// Makes the error.
    public init(message: String) { self.message = message }

    public var description: String { message }
}
