import Foundation

/// Adam, as `torch.optim.Adam` (no weight decay, no AMSGrad), over named tensors, with the
/// gradients' global norm clipped first as `torch.nn.utils.clip_grad_norm_` clips it.
struct AdamOptimizer: Sendable {
    /// The step size.
    var learningRate: Float = 1e-3
    /// The decay of the running mean of gradients.
    var beta1: Float = 0.9
    /// The decay of the running mean of squared gradients.
    var beta2: Float = 0.999
    /// Added to the denominator for stability.
    var epsilon: Float = 1e-8
    /// The largest global L2 norm of all gradients together; `nil` clips nothing.
    var maxGradientNorm: Float? = 1

    private var firstMoments: [String: [Float]] = [:]
    private var secondMoments: [String: [Float]] = [:]
    private var steps = 0

    /// One step: clips `gradients`, updates the moments, moves `weights`. Returns the gradients' norm before clipping.
    @discardableResult
    mutating func step(_ weights: inout [String: [Float]], gradients: [String: [Float]]) -> Float {
        let norm = Float(
            gradients.values.reduce(0.0) { total, values in values.reduce(total) { $0 + Double($1) * Double($1) } }.squareRoot())
        // clip_grad_norm_: scale by max_norm / (norm + 1e-6) when that is below 1.
        let scale = maxGradientNorm.map { min(1, $0 / (norm + 1e-6)) } ?? 1
        steps += 1
        let correction1 = 1 - pow(beta1, Float(steps))
        let correction2 = 1 - pow(beta2, Float(steps))
        let stepSize = learningRate / correction1
        let (beta1, beta2, epsilon) = (beta1, beta2, epsilon)
        for (name, gradient) in gradients {
            guard let count = weights[name]?.count, gradient.count == count else { continue }
            if firstMoments[name] == nil {
                firstMoments[name] = [Float](repeating: 0, count: count)
                secondMoments[name] = [Float](repeating: 0, count: count)
            }
            // In place: the tensors and moments are changed where the dictionaries keep them, not copied out and back.
            weights[name, default: []].withUnsafeMutableBufferPointer { values in
                firstMoments[name, default: []].withUnsafeMutableBufferPointer { first in
                    secondMoments[name, default: []].withUnsafeMutableBufferPointer { second in
                        gradient.withUnsafeBufferPointer { gradient in
                            for index in 0..<count {
                                let g = gradient[index] * scale
                                first[index] = beta1 * first[index] + (1 - beta1) * g
                                second[index] = beta2 * second[index] + (1 - beta2) * g * g
                                let denominator = (second[index] / correction2).squareRoot() + epsilon
                                values[index] -= stepSize * first[index] / denominator
                            }
                        }
                    }
                }
            }
        }
        return norm
    }
}
