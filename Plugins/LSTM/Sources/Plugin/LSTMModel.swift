import FerryCore
import FerryModels
import Foundation

/// A trained LSTM (or attention-LSTM): standardises each row with the training statistics, reads
/// windows of `lookback` consecutive rows, and returns a probability (sigmoid head) or a value in
/// the target's units (linear head).
///
/// Row r's prediction reads rows r − lookback + 1 … r. The first rows of a run (dates rising,
/// every feature finite) have fewer rows behind them and read only those; a row with a missing
/// feature gets `nan` and starts a new run.
public struct LSTMModel: TrainedModel {
    public let schema: FeatureSchema
    let network: LSTMNetwork
    let lookback: Int
    let features: Standardizer
    /// The target's statistics for a linear head, whose output is the standardised target; `nil` for a sigmoid head.
    let target: Standardizer?

    /// Float32 arithmetic through BLAS kernels that differ between CPUs repeats within this.
    public var goldenTolerance: Double { 1e-5 }

    public var tensors: [String: Tensor] {
        var tensors = features.tensors(prefix: "scaler")
        if let target { tensors.merge(target.tensors(prefix: "target")) { $1 } }
        for (name, dimensions) in network.shape.tensorShapes {
            // Float32 widened to Double is exact; the values fill their shape by construction.
            if let values = network.weights[name],
                let tensor = try? Tensor(shape: dimensions, dtype: .float32, values: values.map(Double.init))
            {
                tensors[name] = tensor
            }
        }
        return tensors
    }

    public func predict(_ frame: Frame) throws -> [Double] {
        let selected = try frame.selecting(schema.featureNames)
        let rows = SequenceRows(selected, standardizer: features)
        var outputs = [Double](repeating: .nan, count: frame.rowCount)
        for run in rows.runs {
            // The first rows of the run, each with the shorter window it has.
            let warmUp = run.lowerBound..<min(run.lowerBound + lookback - 1, run.upperBound)
            for end in warmUp {
                let length = end - run.lowerBound + 1
                outputs[end] = output(network.forward(rows.gather([end], length: length), batch: 1, steps: length).head[0])
            }
            let full = Array(warmUp.upperBound..<run.upperBound)
            for start in stride(from: 0, to: full.count, by: LSTMTrainer.evaluationBatch) {
                let ends = full[start..<min(start + LSTMTrainer.evaluationBatch, full.count)]
                let head = network.forward(rows.gather(ends, length: lookback), batch: ends.count, steps: lookback).head
                for (end, value) in zip(ends, head) { outputs[end] = output(value) }
            }
        }
        return outputs
    }

    /// The prediction for the frame's last row alone, reading its last `lookback` rows (fewer if the
    /// frame is shorter or a row before has a missing feature): what scoring today from recent history needs.
    public func predictLast(_ frame: Frame) throws -> Double {
        guard frame.rowCount > 0 else { return .nan }
        let start = max(0, frame.rowCount - lookback)
        let rows = SequenceRows(try frame.rows(start..<frame.rowCount).selecting(schema.featureNames), standardizer: features)
        guard let run = rows.runs.last, run.upperBound == frame.rowCount - start else { return .nan }
        return output(network.forward(rows.gather([run.upperBound - 1], length: run.count), batch: 1, steps: run.count).head[0])
    }

    private func output(_ head: Float) -> Double {
        guard let target else { return 1 / (1 + exp(-Double(head))) }
        return Double(head) * target.scale[0] + target.mean[0]
    }

    /// Rebuilds a model from a bundle's tensors: the network's (float32, PyTorch's names), `scaler.*`,
    /// and `target.*` when the head is linear. Throws ``TensorError`` for anything missing, misshapen,
    /// extra, or at odds with `head`.
    static func load(tensors: [String: Tensor], settings: LSTMSettings, attentionHeads: Int, schema: FeatureSchema) throws -> LSTMModel {
        let shape = settings.shape(inputs: schema.featureNames.count, attentionHeads: attentionHeads)
        let linear = tensors["target.mean"] != nil || tensors["target.scale"] != nil
        if settings.head == "sigmoid", linear {
            throw TensorError(message: "head is sigmoid but the weights carry target.* (a linear head's)")
        }
        if settings.head == "linear", !linear {
            throw TensorError(message: "head is linear but the weights carry no target.mean / target.scale")
        }
        let known = Set(
            shape.tensorShapes.map(\.name) + ["scaler.mean", "scaler.scale"] + (linear ? ["target.mean", "target.scale"] : []))
        if let extra = tensors.keys.sorted().first(where: { !known.contains($0) }) {
            throw TensorError(
                message: "LSTM weights have an unexpected tensor \(extra) (\(shape.hidden) hidden units, \(shape.layers) layer(s))")
        }
        var weights: [String: [Float]] = [:]
        for (name, dimensions) in shape.tensorShapes {
            guard let tensor = tensors[name] else { throw TensorError(message: "LSTM weights have no tensor \(name)") }
            guard tensor.shape == dimensions else {
                throw TensorError(message: "LSTM tensor \(name) has shape \(tensor.shape); expected \(dimensions)")
            }
            guard tensor.values.allSatisfy(\.isFinite) else {
                throw TensorError(message: "LSTM tensor \(name) holds a value that is not finite")
            }
            weights[name] = tensor.values.map { Float($0) }
        }
        return LSTMModel(
            schema: schema, network: try LSTMNetwork(shape: shape, weights: weights), lookback: settings.lookback,
            features: try Standardizer(tensors: tensors, prefix: "scaler", count: shape.inputs),
            target: linear ? try Standardizer(tensors: tensors, prefix: "target", count: 1) : nil)
    }
}
