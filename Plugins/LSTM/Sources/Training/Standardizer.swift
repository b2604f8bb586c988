import FerryModels

/// Per-column mean and scale fitted on training rows, as scikit-learn's `StandardScaler`
/// (population standard deviation; a constant column keeps scale 1).
struct Standardizer: Sendable, Equatable {
    /// Each column's mean.
    let mean: [Double]
    /// Each column's standard deviation, or 1 where it is 0.
    let scale: [Double]

    init(mean: [Double], scale: [Double]) {
        self.mean = mean
        self.scale = scale
    }

    /// Fits on `columns`, skipping values that are not finite.
    init(fitting columns: [[Double]]) {
        var means: [Double] = []
        var scales: [Double] = []
        for column in columns {
            let finite = column.filter(\.isFinite)
            let mean = finite.isEmpty ? 0 : finite.reduce(0, +) / Double(finite.count)
            let variance = finite.isEmpty ? 0 : finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count)
            means.append(mean)
            scales.append(variance > 0 ? variance.squareRoot() : 1)
        }
        self.init(mean: means, scale: scales)
    }

    /// The tensors `{prefix}.mean` and `{prefix}.scale`.
    func tensors(prefix: String) -> [String: Tensor] {
        ["\(prefix).mean": .vector(mean), "\(prefix).scale": .vector(scale)]
    }

    /// Reads `{prefix}.mean` and `{prefix}.scale` of `count` values each; throws ``TensorError`` naming what is wrong.
    init(tensors: [String: Tensor], prefix: String, count: Int) throws {
        var parts: [[Double]] = []
        for name in ["\(prefix).mean", "\(prefix).scale"] {
            guard let tensor = tensors[name] else { throw TensorError(message: "LSTM weights have no tensor \(name)") }
            guard tensor.shape == [count] else {
                throw TensorError(message: "LSTM tensor \(name) has shape \(tensor.shape); expected [\(count)]")
            }
            guard tensor.values.allSatisfy(\.isFinite) else {
                throw TensorError(message: "LSTM tensor \(name) holds a value that is not finite")
            }
            parts.append(tensor.values)
        }
        guard parts[1].allSatisfy({ $0 > 0 }) else {
            throw TensorError(message: "LSTM tensor \(prefix).scale holds a value that is not positive")
        }
        self.init(mean: parts[0], scale: parts[1])
    }
}
