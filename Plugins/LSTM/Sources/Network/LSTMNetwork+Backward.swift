import FerryModels
import Foundation

extension LSTMNetwork {
    /// Backpropagation through time: the gradient of a loss with respect to every tensor, by its
    /// PyTorch name, given the loss's gradient with respect to each sequence's head output.
    func gradients(_ trace: ForwardTrace, headGradient: [Float]) -> [String: [Float]] {
        let (batch, steps, hidden) = (trace.batch, trace.steps, shape.hidden)
        let gates = 4 * hidden, rows = batch * steps
        var gradients: [String: [Float]] = [:]

        // The head: ŷ = fc.weight · v + fc.bias.
        var headWeight = [Float](repeating: 0, count: hidden)
        multiplier.multiply(headGradient, transposeA: true, trace.headInput, into: &headWeight, m: 1, n: hidden, k: batch)
        gradients["fc.weight"] = headWeight
        gradients["fc.bias"] = [headGradient.reduce(0, +)]
        var headInputGradient = [Float](repeating: 0, count: batch * hidden)
        multiplier.multiply(headGradient, weights["fc.weight"]!, into: &headInputGradient, m: batch, n: hidden, k: 1)
        // The top layer's output gradient: every step through the attention, else only the last step.
        var outputGradient = [Float](repeating: 0, count: rows * hidden)
        if let attention = attentionLayer, let attentionTrace = trace.attention {
            let (attentionGradients, sequenceGradient) = attention.backward(
                attentionTrace, outputGradient: headInputGradient, batch: batch, steps: steps, weights: weights)
            gradients.merge(attentionGradients) { $1 }
            outputGradient = sequenceGradient
        } else {
            for row in 0..<batch {
                outputGradient[((row * steps + steps - 1) * hidden)..<((row * steps + steps) * hidden)] =
                    headInputGradient[(row * hidden)..<((row + 1) * hidden)]
            }
        }

        for layer in (0..<shape.layers).reversed() {
            let layerTrace = trace.layers[layer]
            let gateGradients = gateGradients(layer: layer, layerTrace, outputGradient: outputGradient, batch: batch, steps: steps)
            // Each step's gates saw the previous hidden state (zero before the first step).
            var previousHidden = [Float](repeating: 0, count: rows * hidden)
            for row in 0..<batch {
                for t in 1..<max(steps, 1) {
                    let to = (row * steps + t) * hidden, from = to - hidden
                    previousHidden[to..<(to + hidden)] = layerTrace.hidden[from..<(from + hidden)]
                }
            }
            var recurrent = [Float](repeating: 0, count: gates * hidden), input = [Float](repeating: 0, count: gates * layerTrace.width)
            multiplier.multiply(gateGradients, transposeA: true, previousHidden, into: &recurrent, m: gates, n: hidden, k: rows)
            multiplier.multiply(gateGradients, transposeA: true, layerTrace.input, into: &input, m: gates, n: layerTrace.width, k: rows)
            var bias = [Float](repeating: 0, count: gates)
            for row in 0..<rows {
                for gate in 0..<gates { bias[gate] += gateGradients[row * gates + gate] }
            }
            gradients["lstm.weight_hh_l\(layer)"] = recurrent
            gradients["lstm.weight_ih_l\(layer)"] = input
            gradients["lstm.bias_ih_l\(layer)"] = bias
            gradients["lstm.bias_hh_l\(layer)"] = bias
            // The gradient reaching the layer below through this layer's input (and its dropout mask).
            guard layer > 0 else { break }
            outputGradient = [Float](repeating: 0, count: rows * layerTrace.width)
            multiplier.multiply(gateGradients, weights["lstm.weight_ih_l\(layer)"]!, into: &outputGradient, m: rows, n: layerTrace.width, k: gates)
            if !trace.dropout.isEmpty { outputGradient = zip(outputGradient, trace.dropout[layer - 1]).map(*) }
        }
        return gradients
    }

    /// The loss's gradient with respect to each step's gate pre-activations, [batch][step][4H],
    /// walking the steps backwards with the gradients carried through h and c.
    private func gateGradients(layer: Int, _ trace: LayerTrace, outputGradient: [Float], batch: Int, steps: Int) -> [Float] {
        let hidden = shape.hidden, gates = 4 * hidden
        let recurrentWeights = weights["lstm.weight_hh_l\(layer)"]!
        var result = [Float](repeating: 0, count: batch * steps * gates)
        var carriedHidden = [Float](repeating: 0, count: batch * hidden), carriedCell = carriedHidden
        var stepGates = [Float](repeating: 0, count: batch * gates)
        for t in (0..<steps).reversed() {
            for row in 0..<batch {
                let at = (row * steps + t) * gates
                for unit in 0..<hidden {
                    let position = (row * steps + t) * hidden + unit, carried = row * hidden + unit
                    let input = trace.activations[at + unit], forget = trace.activations[at + hidden + unit]
                    let candidate = trace.activations[at + 2 * hidden + unit], out = trace.activations[at + 3 * hidden + unit]
                    let cellTanh = tanh(trace.cells[position])
                    let previousCell: Float = t > 0 ? trace.cells[position - hidden] : 0
                    let dHidden = outputGradient[position] + carriedHidden[carried]
                    let dCell = carriedCell[carried] + dHidden * out * (1 - cellTanh * cellTanh)
                    let values = (
                        dCell * candidate * input * (1 - input), dCell * previousCell * forget * (1 - forget),
                        dCell * input * (1 - candidate * candidate), dHidden * cellTanh * out * (1 - out)
                    )
                    (result[at + unit], result[at + hidden + unit], result[at + 2 * hidden + unit], result[at + 3 * hidden + unit]) = values
                    (stepGates[row * gates + unit], stepGates[row * gates + hidden + unit]) = (values.0, values.1)
                    (stepGates[row * gates + 2 * hidden + unit], stepGates[row * gates + 3 * hidden + unit]) = (values.2, values.3)
                    carriedCell[carried] = dCell * forget
                }
            }
            // Through the recurrent weights to the previous step's hidden state.
            multiplier.multiply(stepGates, recurrentWeights, into: &carriedHidden, m: batch, n: hidden, k: gates)
        }
        return result
    }
}
