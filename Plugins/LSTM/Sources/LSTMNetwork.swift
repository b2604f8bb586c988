import FerryModels
import Foundation

/// An LSTM stack with a one-output head on the last step, with weights in PyTorch's layout and
/// names (gates i, f, g, o), so `torch.nn.LSTM(batch_first=True)` + `nn.Linear(hidden, 1)` load them as they are.
///
/// Each step: gates = W_ih·x + b_ih + W_hh·h + b_hh; i, f, o = σ(·), g = tanh(·);
/// c ← f·c + i·g; h ← o·tanh(c). The head returns fc.weight·h_T + fc.bias (before any sigmoid).
struct LSTMNetwork: Sendable {
    /// The sizes.
    let shape: LSTMShape
    /// Every tensor by its PyTorch name, row-major.
    let weights: [String: [Float]]
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
        self.shape = shape
        self.weights = weights
        self.multiplier = multiplier
    }

    /// The head's output for each sequence of `input`, laid out [batch][step][feature].
    func forward(_ input: [Float], batch: Int, steps: Int) -> (head: [Float], lastHidden: [Float]) {
        precondition(input.count == batch * steps * shape.inputs, "input is not batch × steps × features")
        var sequence = input, width = shape.inputs
        for layer in 0..<shape.layers {
            sequence = run(layer: layer, sequence, width: width, batch: batch, steps: steps)
            width = shape.hidden
        }
        let hidden = shape.hidden
        var last = [Float](repeating: 0, count: batch * hidden)
        for row in 0..<batch {
            last[(row * hidden)..<((row + 1) * hidden)] = sequence[((row * steps + steps - 1) * hidden)..<((row * steps + steps) * hidden)]
        }
        var head = [Float](repeating: weights["fc.bias"]![0], count: batch)
        multiplier.multiply(last, weights["fc.weight"]!, transposeB: true, into: &head, m: batch, n: 1, k: hidden, accumulate: true)
        return (head, last)
    }

    /// One layer over every step: its hidden state at each step, [batch][step][hidden].
    private func run(layer: Int, _ sequence: [Float], width: Int, batch: Int, steps: Int) -> [Float] {
        let hidden = shape.hidden, gates = 4 * hidden
        let inputWeights = weights["lstm.weight_ih_l\(layer)"]!, recurrentWeights = weights["lstm.weight_hh_l\(layer)"]!
        let bias = zip(weights["lstm.bias_ih_l\(layer)"]!, weights["lstm.bias_hh_l\(layer)"]!).map(+)
        // The input's share of every gate at every step in one product: (batch·steps × width) · W_ihᵀ.
        var projected = [Float](repeating: 0, count: batch * steps * gates)
        multiplier.multiply(sequence, inputWeights, transposeB: true, into: &projected, m: batch * steps, n: gates, k: width)
        var output = [Float](repeating: 0, count: batch * steps * hidden)
        var h = [Float](repeating: 0, count: batch * hidden), c = h
        var step = [Float](repeating: 0, count: batch * gates)
        for t in 0..<steps {
            for row in 0..<batch {
                let from = (row * steps + t) * gates
                for gate in 0..<gates { step[row * gates + gate] = projected[from + gate] + bias[gate] }
            }
            multiplier.multiply(h, recurrentWeights, transposeB: true, into: &step, m: batch, n: gates, k: hidden, accumulate: true)
            for row in 0..<batch {
                let g = row * gates
                for unit in 0..<hidden {
                    let input = sigmoid(step[g + unit]), forget = sigmoid(step[g + hidden + unit])
                    let candidate = tanh(step[g + 2 * hidden + unit]), out = sigmoid(step[g + 3 * hidden + unit])
                    let cell = forget * c[row * hidden + unit] + input * candidate
                    c[row * hidden + unit] = cell
                    h[row * hidden + unit] = out * tanh(cell)
                    output[(row * steps + t) * hidden + unit] = h[row * hidden + unit]
                }
            }
        }
        return output
    }

    private func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
}
