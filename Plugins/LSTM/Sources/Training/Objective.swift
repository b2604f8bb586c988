import Foundation

/// What the head's output is trained to do, with the loss PyTorch would use for it.
enum Objective: Sendable, Equatable {
    /// The head's output is a logit; loss `BCEWithLogitsLoss` (mean) against 0/1 targets.
    case binaryCrossEntropy
    /// The head's output is a value; loss `MSELoss` (mean).
    case meanSquaredError

    /// The mean loss over `outputs` and its gradient with respect to each output.
    func loss(_ outputs: [Float], _ targets: [Float]) -> (loss: Double, gradient: [Float]) {
        loss(outputs, targets, meanOver: outputs.count)
    }

    /// The loss of `outputs` summed and divided by `meanOver` (the whole batch's size when
    /// `outputs` is part of it), and its gradient with respect to each output.
    func loss(_ outputs: [Float], _ targets: [Float], meanOver batch: Int) -> (loss: Double, gradient: [Float]) {
        let count = Float(batch)
        var total = 0.0
        var gradient = [Float](repeating: 0, count: outputs.count)
        for (index, (output, target)) in zip(outputs, targets).enumerated() {
            switch self {
            case .binaryCrossEntropy:
                // max(z, 0) − z·y + log(1 + e^(−|z|)), stable for large |z|.
                total += Double(max(output, 0) - output * target + log1p(exp(-abs(output))))
                gradient[index] = (1 / (1 + exp(-output)) - target) / count
            case .meanSquaredError:
                total += Double((output - target) * (output - target))
                gradient[index] = 2 * (output - target) / count
            }
        }
        return (total / Double(batch), gradient)
    }
}
