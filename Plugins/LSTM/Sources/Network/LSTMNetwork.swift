import FerryModels
import Foundation

/// An LSTM stack, an optional multi-head self-attention read at the last step, and a one-output
/// head, with weights in PyTorch's layout and names (gates i, f, g, o), so `torch.nn.LSTM(batch_first=True)`,
/// `nn.MultiheadAttention(batch_first=True)` and `nn.Linear(hidden, 1)` load them as they are.
///
/// Each step: gates = W_ih·x + b_ih + W_hh·h + b_hh; i, f, o = σ(·), g = tanh(·);
/// c ← f·c + i·g; h ← o·tanh(c). The head returns fc.weight·v + fc.bias (before any sigmoid), v the
/// top layer's last hidden state or, with attention, the attention's output at the last step.
struct LSTMNetwork: Sendable {
    /// The sizes.
    let shape: LSTMShape
    /// Every tensor by its PyTorch name, row-major; training moves them in place.
    var weights: [String: [Float]]
    /// The matrix products.
    let multiplier: any MatrixMultiplier

    /// Checks every tensor ``LSTMShape/tensorShapes`` names is present with its size.
    init(shape: LSTMShape, weights: [String: [Float]], multiplier: any MatrixMultiplier = LinearAlgebra.multiplier) throws {
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
    }

    /// The head's output for each sequence of `input`, laid out [batch][step][feature].
    func forward(_ input: [Float], batch: Int, steps: Int) -> (head: [Float], lastHidden: [Float]) {
        let trace = self.trace(input, batch: batch, steps: steps)
        return (trace.head, trace.lastHidden)
    }

    /// The forward pass with everything the backward pass needs. `dropout` holds, for training,
    /// one mask per layer above the first, multiplied into that layer's input ([batch][step][hidden]).
    func trace(_ input: [Float], batch: Int, steps: Int, dropout: [[Float]] = []) -> ForwardTrace {
        precondition(input.count == batch * steps * shape.inputs, "input is not batch × steps × features")
        precondition(dropout.isEmpty || dropout.count == shape.layers - 1, "one dropout mask per layer above the first")
        var layers: [LayerTrace] = [], sequence = input, width = shape.inputs
        for layer in 0..<shape.layers {
            if layer > 0, !dropout.isEmpty { sequence = zip(sequence, dropout[layer - 1]).map(*) }
            let trace = run(layer: layer, sequence, width: width, batch: batch, steps: steps)
            layers.append(trace)
            sequence = trace.hidden
            width = shape.hidden
        }
        let hidden = shape.hidden
        var last = [Float](repeating: 0, count: batch * hidden)
        for row in 0..<batch {
            last[(row * hidden)..<((row + 1) * hidden)] = sequence[((row * steps + steps - 1) * hidden)..<((row * steps + steps) * hidden)]
        }
        let attention = attentionLayer.map { $0.forward(sequence, batch: batch, steps: steps, weights: weights) }
        let headInput = attention?.output ?? last
        var head = [Float](repeating: weights["fc.bias"]![0], count: batch)
        multiplier.multiply(headInput, weights["fc.weight"]!, transposeB: true, into: &head, m: batch, n: 1, k: hidden, accumulate: true)
        return ForwardTrace(
            batch: batch, steps: steps, layers: layers, dropout: dropout, lastHidden: last, attention: attention, headInput: headInput, head: head)
    }

    /// The self-attention, when the shape has one.
    var attentionLayer: LastStepAttention? {
        shape.attentionHeads > 0 ? LastStepAttention(hidden: shape.hidden, heads: shape.attentionHeads, multiplier: multiplier) : nil
    }

    /// One layer over every step.
    private func run(layer: Int, _ sequence: [Float], width: Int, batch: Int, steps: Int) -> LayerTrace {
        let hidden = shape.hidden, gates = 4 * hidden
        let inputWeights = weights["lstm.weight_ih_l\(layer)"]!, recurrentWeights = weights["lstm.weight_hh_l\(layer)"]!
        let bias = zip(weights["lstm.bias_ih_l\(layer)"]!, weights["lstm.bias_hh_l\(layer)"]!).map(+)
        // The input's share of every gate at every step in one product: (batch·steps × width) · W_ihᵀ.
        var activations = [Float](repeating: 0, count: batch * steps * gates)
        multiplier.multiply(sequence, inputWeights, transposeB: true, into: &activations, m: batch * steps, n: gates, k: width)
        var output = [Float](repeating: 0, count: batch * steps * hidden), cells = output
        var h = [Float](repeating: 0, count: batch * hidden), c = h
        var step = [Float](repeating: 0, count: batch * gates)
        for t in 0..<steps {
            for row in 0..<batch {
                let from = (row * steps + t) * gates
                for gate in 0..<gates { step[row * gates + gate] = activations[from + gate] + bias[gate] }
            }
            multiplier.multiply(h, recurrentWeights, transposeB: true, into: &step, m: batch, n: gates, k: hidden, accumulate: true)
            for row in 0..<batch {
                let g = row * gates, at = (row * steps + t) * gates
                for unit in 0..<hidden {
                    let input = sigmoid(step[g + unit]), forget = sigmoid(step[g + hidden + unit])
                    let candidate = tanh(step[g + 2 * hidden + unit]), out = sigmoid(step[g + 3 * hidden + unit])
                    let cell = forget * c[row * hidden + unit] + input * candidate
                    c[row * hidden + unit] = cell
                    h[row * hidden + unit] = out * tanh(cell)
                    let position = (row * steps + t) * hidden + unit
                    output[position] = h[row * hidden + unit]
                    cells[position] = cell
                    (activations[at + unit], activations[at + hidden + unit]) = (input, forget)
                    (activations[at + 2 * hidden + unit], activations[at + 3 * hidden + unit]) = (candidate, out)
                }
            }
        }
        return LayerTrace(input: sequence, width: width, activations: activations, cells: cells, hidden: output)
    }

    private func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
}

/// One layer's forward pass, kept for the backward pass; every array is [batch][step][·].
struct LayerTrace: Sendable {
    /// The layer's input.
    let input: [Float]
    /// Features per step of the input.
    let width: Int
    /// The gates after their activations, i, f, g, o (4H per step).
    let activations: [Float]
    /// The cell state after each step.
    let cells: [Float]
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
