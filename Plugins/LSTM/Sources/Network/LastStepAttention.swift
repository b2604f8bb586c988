import FerryModels
import Foundation

/// Multi-head self-attention over a sequence, read at its last step only, as
/// `nn.MultiheadAttention(hidden, heads, batch_first=True)(x, x, x)[0][:, -1]` computes it:
/// the last step's query against every step's key and value, per head of `hidden / heads` units,
/// scaled by 1/√(hidden / heads), then the output projection.
///
/// Only the last step feeds the model's head, so the other steps' queries are never formed.
struct LastStepAttention: Sendable {
    let hidden: Int
    let heads: Int
    let multiplier: any MatrixMultiplier

    private var headWidth: Int { hidden / heads }
    private var scale: Float { 1 / Float(headWidth).squareRoot() }

    /// The attention's output for each sequence of `sequence` (time-major, [step][batch][hidden]).
    func forward(_ sequence: [Float], batch: Int, steps: Int, weights: [String: [Float]]) -> AttentionTrace {
        let size = hidden * hidden
        let projection = weights.tensor("attention.in_proj_weight")
        let bias = weights.tensor("attention.in_proj_bias")
        let last = Array(sequence[((steps - 1) * batch * hidden)...])
        let queries = project(last, rows: batch, Array(projection[0..<size]), Array(bias[0..<hidden]))
        let keys = project(sequence, rows: batch * steps, Array(projection[size..<(2 * size)]), Array(bias[hidden..<(2 * hidden)]))
        let values = project(sequence, rows: batch * steps, Array(projection[(2 * size)...]), Array(bias[(2 * hidden)...]))
        var attention = [Float](repeating: 0, count: batch * heads * steps)
        var context = [Float](repeating: 0, count: batch * hidden)
        for row in 0..<batch {
            for head in 0..<heads {
                let offset = head * headWidth
                let at = (row * heads + head) * steps
                var largest = -Float.infinity
                for t in 0..<steps {
                    var score: Float = 0
                    for unit in 0..<headWidth {
                        score += queries[row * hidden + offset + unit] * keys[(t * batch + row) * hidden + offset + unit]
                    }
                    attention[at + t] = score * scale
                    largest = max(largest, score * scale)
                }
                var total: Float = 0
                for t in 0..<steps {
                    attention[at + t] = exp(attention[at + t] - largest)
                    total += attention[at + t]
                }
                for t in 0..<steps {
                    attention[at + t] /= total
                    for unit in 0..<headWidth {
                        context[row * hidden + offset + unit] += attention[at + t] * values[(t * batch + row) * hidden + offset + unit]
                    }
                }
            }
        }
        let output = project(context, rows: batch, weights.tensor("attention.out_proj.weight"), weights.tensor("attention.out_proj.bias"))
        return AttentionTrace(
            sequence: sequence, last: last, queries: queries, keys: keys, values: values, attention: attention, context: context,
            output: output)
    }

    /// The gradients of the attention's four tensors, and of the loss with respect to every step
    /// of its input sequence, given the gradient with respect to its output ([batch][hidden]).
    func backward(_ trace: AttentionTrace, outputGradient: [Float], batch: Int, steps: Int, weights: [String: [Float]])
        -> (gradients: [String: [Float]], sequenceGradient: [Float])
    {
        let size = hidden * hidden
        let rows = batch * steps
        let projection = weights.tensor("attention.in_proj_weight")
        var gradients: [String: [Float]] = [:]
        var outWeight = [Float](repeating: 0, count: size)
        multiplier.multiply(outputGradient, transposeA: true, trace.context, into: &outWeight, m: hidden, n: hidden, k: batch)
        gradients["attention.out_proj.weight"] = outWeight
        gradients["attention.out_proj.bias"] = columnSums(outputGradient, rows: batch, width: hidden)
        var contextGradient = [Float](repeating: 0, count: batch * hidden)
        multiplier.multiply(
            outputGradient, weights.tensor("attention.out_proj.weight"), into: &contextGradient, m: batch, n: hidden, k: hidden)

        var queryGradient = [Float](repeating: 0, count: batch * hidden)
        var keyGradient = [Float](repeating: 0, count: rows * hidden)
        var valueGradient = keyGradient
        var scoreGradient = [Float](repeating: 0, count: steps)
        for row in 0..<batch {
            for head in 0..<heads {
                let offset = head * headWidth
                let at = (row * heads + head) * steps
                // Through the weighted sum of values, then through the softmax.
                var weighted: Float = 0
                for t in 0..<steps {
                    var dot: Float = 0
                    for unit in 0..<headWidth {
                        let position = (t * batch + row) * hidden + offset + unit
                        dot += contextGradient[row * hidden + offset + unit] * trace.values[position]
                        valueGradient[position] = trace.attention[at + t] * contextGradient[row * hidden + offset + unit]
                    }
                    scoreGradient[t] = dot
                    weighted += trace.attention[at + t] * dot
                }
                for t in 0..<steps {
                    let score = trace.attention[at + t] * (scoreGradient[t] - weighted) * scale
                    for unit in 0..<headWidth {
                        let position = (t * batch + row) * hidden + offset + unit
                        queryGradient[row * hidden + offset + unit] += score * trace.keys[position]
                        keyGradient[position] = score * trace.queries[row * hidden + offset + unit]
                    }
                }
            }
        }

        var projectionGradient = [Float](repeating: 0, count: 3 * size)
        var part = [Float](repeating: 0, count: size)
        multiplier.multiply(queryGradient, transposeA: true, trace.last, into: &part, m: hidden, n: hidden, k: batch)
        projectionGradient[0..<size] = part[...]
        multiplier.multiply(keyGradient, transposeA: true, trace.sequence, into: &part, m: hidden, n: hidden, k: rows)
        projectionGradient[size..<(2 * size)] = part[...]
        multiplier.multiply(valueGradient, transposeA: true, trace.sequence, into: &part, m: hidden, n: hidden, k: rows)
        projectionGradient[(2 * size)...] = part[...]
        gradients["attention.in_proj_weight"] = projectionGradient
        // The bias is [b_q, b_k, b_v] end to end.
        gradients["attention.in_proj_bias"] =
            columnSums(queryGradient, rows: batch, width: hidden) + columnSums(keyGradient, rows: rows, width: hidden)
            + columnSums(valueGradient, rows: rows, width: hidden)

        // Every step reaches the loss through its key and value; the last step through its query too.
        var sequenceGradient = [Float](repeating: 0, count: rows * hidden)
        multiplier.multiply(keyGradient, Array(projection[size..<(2 * size)]), into: &sequenceGradient, m: rows, n: hidden, k: hidden)
        multiplier.multiply(
            valueGradient, Array(projection[(2 * size)...]), into: &sequenceGradient, m: rows, n: hidden, k: hidden, accumulate: true)
        var lastGradient = [Float](repeating: 0, count: batch * hidden)
        multiplier.multiply(queryGradient, Array(projection[0..<size]), into: &lastGradient, m: batch, n: hidden, k: hidden)
        let lastBlock = (steps - 1) * batch * hidden
        for index in 0..<(batch * hidden) { sequenceGradient[lastBlock + index] += lastGradient[index] }
        return (gradients, sequenceGradient)
    }

    /// rows × hidden input times weightᵀ plus bias: `nn.Linear` on each row.
    private func project(_ input: [Float], rows: Int, _ weight: [Float], _ bias: [Float]) -> [Float] {
        var output = [Float](repeating: 0, count: rows * bias.count)
        for row in 0..<rows { output[(row * bias.count)..<((row + 1) * bias.count)] = bias[...] }
        multiplier.multiply(input, weight, transposeB: true, into: &output, m: rows, n: bias.count, k: hidden, accumulate: true)
        return output
    }

    private func columnSums(_ matrix: [Float], rows: Int, width: Int) -> [Float] {
        var sums = [Float](repeating: 0, count: width)
        for row in 0..<rows { for column in 0..<width { sums[column] += matrix[row * width + column] } }
        return sums
    }
}

/// The attention's forward pass, kept for its backward pass.
struct AttentionTrace: Sendable {
    /// Its input, [step][batch][hidden].
    let sequence: [Float]
    /// The input's last step, [batch][hidden].
    let last: [Float]
    /// The last step's query, [batch][hidden].
    let queries: [Float]
    /// Every step's key and value, [step][batch][hidden].
    let keys: [Float]
    let values: [Float]
    /// The softmax weights, [batch][head][step].
    let attention: [Float]
    /// The heads' weighted values side by side, [batch][hidden].
    let context: [Float]
    /// After the output projection, [batch][hidden].
    let output: [Float]
}
