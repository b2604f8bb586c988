// swift-format-ignore-file: NeverForceUnwrap

// The kernels take base addresses of buffers sized by the shape checked at load, never empty.
import FerryModels
import Foundation

/// An LSTM stack, an optional multi-head self-attention read at the last step, and a one-output
/// head, with weights in PyTorch's layout and names (gates i, f, g, o), so `torch.nn.LSTM(batch_first=True)`,
/// `nn.MultiheadAttention(batch_first=True)` and `nn.Linear(hidden, 1)` load them as they are.
///
/// Each step: gates = W_ih·x + b_ih + W_hh·h + b_hh; i, f, o = σ(·), g = tanh(·);
/// c ← f·c + i·g; h ← o·tanh(c). The head returns fc.weight·v + fc.bias (before any sigmoid), v the
/// top layer's last hidden state or, with attention, the attention's output at the last step.
///
/// Inside, sequences are time-major ([step][batch][·]), so each step's rows are one block: the
/// recurrent product writes straight into that step's gates, and the backward pass's weight
/// gradients are one product over all steps.
///
/// Ferry's own kernels do the per-step work, with the same bits on every CPU: ``LSTMCell`` each
/// step's cells (every row in one call), ``OrderedProduct`` the products the forward pass makes
/// (every step's input · W_ihᵀ at once, then h·W_hhᵀ step by step) and those that carry gradients
/// back through the same weights, on kept transposes of W_ih and W_hh read in place, never repacked.
/// The weight gradients (products over all steps), the attention and the head go to `multiplier`.
struct LSTMNetwork: Sendable {
    /// The sizes.
    let shape: LSTMShape
    /// Every tensor by its PyTorch name, row-major; training moves them through ``update(_:)``.
    private(set) var weights: [String: [Float]]
    /// Each layer's weights as the kernels read them, kept in step with `weights`.
    private(set) var layerWeights: [LSTMLayerWeights]
    /// The products over all steps (and the attention's and the head's).
    let multiplier: any MatrixMultiplier
    /// The kernel of the ordered products and the cells' steps.
    let kernel: ComputeKernel

    /// Checks every tensor ``LSTMShape/tensorShapes`` names is present with its size.
    init(
        shape: LSTMShape, weights: [String: [Float]], multiplier: any MatrixMultiplier = LinearAlgebra.multiplier,
        kernel: ComputeKernel = .selected
    ) throws {
        for (name, dimensions) in shape.tensorShapes {
            guard let values = weights[name] else { throw TensorError(message: "LSTM weights have no tensor \(name)") }
            let expected = dimensions.reduce(1, *)
            guard values.count == expected else {
                throw TensorError(message: "LSTM tensor \(name) has \(values.count) values; shape \(dimensions) needs \(expected)")
            }
        }
        guard shape.attentionHeads == 0 || shape.hidden % shape.attentionHeads == 0 else {
            throw TensorError(message: "\(shape.attentionHeads) attention heads do not divide \(shape.hidden) hidden units")
        }
        self.shape = shape
        self.weights = weights
        self.multiplier = multiplier
        self.kernel = kernel
        layerWeights = (0..<shape.layers).map { LSTMLayerWeights(layer: $0, weights: weights, shape: shape) }
    }

    /// Changes the weights (an optimiser's step, the best epoch's weights put back) and the layouts kept from them.
    mutating func update(_ change: (inout [String: [Float]]) -> Void) {
        change(&weights)
        layerWeights = (0..<shape.layers).map { LSTMLayerWeights(layer: $0, weights: weights, shape: shape) }
    }

    /// The head's output for each sequence of `input`, laid out [batch][step][feature]. One
    /// sequence splits each step between two cores when two threads are allowed
    /// (``LinearAlgebra/threads``) and the layers are wide enough to gain: the same bits either way.
    func forward(_ input: [Float], batch: Int, steps: Int) -> (head: [Float], lastHidden: [Float]) {
        if batch == 1, shape.hidden >= Self.twoCoreMinimumHidden, LinearAlgebra.threads >= 2,
            let sequence = hiddenSequenceOnTwoCores(input, steps: steps)
        {
            let readOut = self.readOut(sequence, batch: 1, steps: steps)
            return (readOut.head, readOut.last)
        }
        let trace = self.trace(input, batch: batch, steps: steps)
        return (trace.head, trace.lastHidden)
    }

    /// The forward pass of `input` ([batch][step][feature]) with everything the backward pass
    /// needs. `dropout` holds, for training, one mask per layer above the first, multiplied into
    /// that layer's input ([step][batch][hidden]).
    func trace(_ input: [Float], batch: Int, steps: Int, dropout: [[Float]] = []) -> ForwardTrace {
        precondition(input.count == batch * steps * shape.inputs, "input is not batch × steps × features")
        precondition(dropout.isEmpty || dropout.count == shape.layers - 1, "one dropout mask per layer above the first")
        var layers: [LayerTrace] = []
        var width = shape.inputs
        var sequence = Self.timeMajor(input, batch: batch, steps: steps, width: width)
        for layer in 0..<shape.layers {
            if layer > 0, !dropout.isEmpty { sequence = zip(sequence, dropout[layer - 1]).map(*) }
            let trace = run(layer: layer, sequence, width: width, batch: batch, steps: steps)
            layers.append(trace)
            sequence = trace.hidden
            width = shape.hidden
        }
        let readOut = self.readOut(sequence, batch: batch, steps: steps)
        return ForwardTrace(
            batch: batch, steps: steps, layers: layers, dropout: dropout, lastHidden: readOut.last, attention: readOut.attention,
            headInput: readOut.headInput, head: readOut.head)
    }

    /// What the head makes of the top layer's time-major outputs: the last step's hidden state, the
    /// attention's pass (when there is one), what the head read, and its output.
    private func readOut(_ sequence: [Float], batch: Int, steps: Int) -> (
        last: [Float], attention: AttentionTrace?, headInput: [Float], head: [Float]
    ) {
        let hidden = shape.hidden
        let last = Array(sequence[((steps - 1) * batch * hidden)...])
        let attention = attentionLayer.map { $0.forward(sequence, batch: batch, steps: steps, weights: weights) }
        let headInput = attention?.output ?? last
        var head = [Float](repeating: weights.tensor("fc.bias")[0], count: batch)
        multiplier.multiply(
            headInput, weights.tensor("fc.weight"), transposeB: true, into: &head, m: batch, n: 1, k: hidden, accumulate: true)
        return (last, attention, headInput, head)
    }

    /// The self-attention, when the shape has one.
    var attentionLayer: LastStepAttention? {
        shape.attentionHeads > 0 ? LastStepAttention(hidden: shape.hidden, heads: shape.attentionHeads, multiplier: multiplier) : nil
    }

    /// [batch][step][width] → [step][batch][width].
    private static func timeMajor(_ input: [Float], batch: Int, steps: Int, width: Int) -> [Float] {
        var result = [Float](repeating: 0, count: input.count)
        for row in 0..<batch {
            for t in 0..<steps {
                let from = (row * steps + t) * width
                let to = (t * batch + row) * width
                result[to..<(to + width)] = input[from..<(from + width)]
            }
        }
        return result
    }

    /// One layer over every step of a time-major sequence.
    private func run(layer: Int, _ sequence: [Float], width: Int, batch: Int, steps: Int) -> LayerTrace {
        let hidden = shape.hidden
        let gates = 4 * hidden
        let rows = batch * steps
        let bias = layerWeights[layer].bias
        // Every step's gates start as the biases plus the input's share, in one product: (steps·batch × width) · W_ihᵀ.
        var activations = [Float](repeating: 0, count: rows * gates)
        for row in 0..<rows { activations[(row * gates)..<((row + 1) * gates)] = bias[...] }
        OrderedProduct.multiply(
            sequence, layerWeights[layer].inputTransposed, into: &activations, m: rows, n: gates, k: width, accumulate: true, kernel: kernel
        )
        var output = [Float](repeating: 0, count: rows * hidden)
        var cells = output
        var cellTanh = output
        layerWeights[layer].recurrentTransposed.withUnsafeBufferPointer { recurrent in
            activations.withUnsafeMutableBufferPointer { activations in
                output.withUnsafeMutableBufferPointer { output in
                    cells.withUnsafeMutableBufferPointer { cells in
                        cellTanh.withUnsafeMutableBufferPointer { cellTanh in
                            for t in 0..<steps {
                                let stepGates = activations.baseAddress! + t * batch * gates
                                let stepHidden = t * batch * hidden
                                if t > 0 {
                                    // + h_{t−1} · W_hhᵀ, straight into this step's gates.
                                    OrderedProduct.multiply(
                                        output.baseAddress! + stepHidden - batch * hidden, recurrent.baseAddress!, into: stepGates,
                                        m: batch, n: gates, k: hidden, accumulate: true, kernel: kernel)
                                }
                                LSTMCell.forward(
                                    rows: batch, units: hidden, gates: stepGates,
                                    previousCell: t > 0 ? UnsafePointer(cells.baseAddress! + stepHidden - batch * hidden) : nil,
                                    cell: cells.baseAddress! + stepHidden, cellTanh: cellTanh.baseAddress! + stepHidden,
                                    hidden: output.baseAddress! + stepHidden, kernel: kernel)
                            }
                        }
                    }
                }
            }
        }
        return LayerTrace(input: sequence, width: width, activations: activations, cells: cells, cellTanh: cellTanh, hidden: output)
    }
}

/// One layer's forward pass, kept for the backward pass; every array is time-major, [step][batch][·].
struct LayerTrace: Sendable {
    /// The layer's input (after any dropout).
    let input: [Float]
    /// Features per step of the input.
    let width: Int
    /// The gates after their activations, i, f, g, o (4H per step).
    let activations: [Float]
    /// The cell state after each step.
    let cells: [Float]
    /// tanh of the cell state.
    let cellTanh: [Float]
    /// The hidden state after each step (the layer's output).
    let hidden: [Float]
}

/// The whole forward pass.
struct ForwardTrace: Sendable {
    let batch: Int
    let steps: Int
    /// Bottom layer first.
    let layers: [LayerTrace]
    /// The dropout masks applied to the inputs of the layers above the first (none outside training).
    let dropout: [[Float]]
    /// The top layer's hidden state at the last step, [batch][hidden].
    let lastHidden: [Float]
    /// The self-attention's pass, when there is one.
    let attention: AttentionTrace?
    /// What the head read: `lastHidden`, or the attention's output.
    let headInput: [Float]
    /// The head's output before any sigmoid, one per sequence.
    let head: [Float]
}
