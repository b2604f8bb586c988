// swift-format-ignore-file: NeverForceUnwrap

// The kernels take base addresses of buffers sized by the shape checked at load, never empty.
import FerryModels
import Foundation

extension LSTMNetwork {
    /// Backpropagation through time: the gradient of a loss with respect to every tensor, by its
    /// PyTorch name, given the loss's gradient with respect to each sequence's head output.
    func gradients(_ trace: ForwardTrace, headGradient: [Float]) -> [String: [Float]] {
        let (batch, steps, hidden) = (trace.batch, trace.steps, shape.hidden)
        let gates = 4 * hidden
        let rows = batch * steps
        var gradients: [String: [Float]] = [:]

        // The head: ŷ = fc.weight · v + fc.bias.
        var headWeight = [Float](repeating: 0, count: hidden)
        multiplier.multiply(headGradient, transposeA: true, trace.headInput, into: &headWeight, m: 1, n: hidden, k: batch)
        gradients["fc.weight"] = headWeight
        gradients["fc.bias"] = [headGradient.reduce(0, +)]
        var headInputGradient = [Float](repeating: 0, count: batch * hidden)
        multiplier.multiply(headGradient, weights.tensor("fc.weight"), into: &headInputGradient, m: batch, n: hidden, k: 1)
        // The top layer's output gradient: every step through the attention, else only the last step.
        var outputGradient: [Float]
        if let attention = attentionLayer, let attentionTrace = trace.attention {
            let (attentionGradients, sequenceGradient) = attention.backward(
                attentionTrace, outputGradient: headInputGradient, batch: batch, steps: steps, weights: weights)
            gradients.merge(attentionGradients) { $1 }
            outputGradient = sequenceGradient
        } else {
            outputGradient = [Float](repeating: 0, count: (rows - batch) * hidden) + headInputGradient
        }

        for layer in (0..<shape.layers).reversed() {
            let layerTrace = trace.layers[layer]
            let gateGradients = gateGradients(layer: layer, layerTrace, outputGradient: outputGradient, batch: batch, steps: steps)
            // Step t's gates saw h_{t−1} (none at the first step): one product over steps 1 …
            var recurrent = [Float](repeating: 0, count: gates * hidden)
            var input = [Float](repeating: 0, count: gates * layerTrace.width)
            if steps > 1 {
                gateGradients.withUnsafeBufferPointer { gateGradients in
                    layerTrace.hidden.withUnsafeBufferPointer { hiddenStates in
                        recurrent.withUnsafeMutableBufferPointer { recurrent in
                            multiplier.multiply(
                                UnsafeBufferPointer(rebasing: gateGradients[(batch * gates)...]), transposeA: true,
                                UnsafeBufferPointer(rebasing: hiddenStates[..<((rows - batch) * hidden)]), transposeB: false,
                                into: recurrent, m: gates, n: hidden, k: rows - batch, accumulate: false)
                        }
                    }
                }
            }
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
            OrderedProduct.multiply(
                gateGradients, weights.tensor("lstm.weight_ih_l\(layer)"), into: &outputGradient, m: rows, n: layerTrace.width, k: gates,
                kernel: kernel)
            if !trace.dropout.isEmpty { outputGradient = zip(outputGradient, trace.dropout[layer - 1]).map(*) }
        }
        return gradients
    }

    /// The loss's gradient with respect to each step's gate pre-activations, [step][batch][4H],
    /// walking the steps backwards with the gradients carried through h and c.
    private func gateGradients(layer: Int, _ trace: LayerTrace, outputGradient: [Float], batch: Int, steps: Int) -> [Float] {
        let hidden = shape.hidden
        let gates = 4 * hidden
        var result = [Float](repeating: 0, count: batch * steps * gates)
        var carriedHidden = [Float](repeating: 0, count: batch * hidden)
        var carriedCell = carriedHidden
        weights.tensor("lstm.weight_hh_l\(layer)").withUnsafeBufferPointer { recurrent in
            trace.activations.withUnsafeBufferPointer { activations in
                trace.cells.withUnsafeBufferPointer { cells in
                    trace.cellTanh.withUnsafeBufferPointer { cellTanh in
                        outputGradient.withUnsafeBufferPointer { outputGradient in
                            result.withUnsafeMutableBufferPointer { result in
                                carriedHidden.withUnsafeMutableBufferPointer { carriedHidden in
                                    carriedCell.withUnsafeMutableBufferPointer { carriedCell in
                                        for t in (0..<steps).reversed() {
                                            let at = t * batch * hidden
                                            LSTMCell.backward(
                                                rows: batch, units: hidden, gates: activations.baseAddress! + t * batch * gates,
                                                cellTanh: cellTanh.baseAddress! + at,
                                                previousCell: t > 0 ? cells.baseAddress! + at - batch * hidden : nil,
                                                outputGradient: outputGradient.baseAddress! + at, carriedHidden: carriedHidden.baseAddress!,
                                                carriedCell: carriedCell.baseAddress!,
                                                gateGradients: result.baseAddress! + t * batch * gates,
                                                kernel: kernel)
                                            guard t > 0 else { break }
                                            // Through the recurrent weights to the previous step's hidden state.
                                            OrderedProduct.multiply(
                                                result.baseAddress! + t * batch * gates, recurrent.baseAddress!,
                                                into: carriedHidden.baseAddress!, m: batch, n: hidden, k: gates, accumulate: false,
                                                kernel: kernel)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
