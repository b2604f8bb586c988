import FerryCore
import FerryModels
import Foundation

/// Trains an ``LSTMNetwork`` on windows of standardised rows: shuffled mini-batches,
/// backpropagation through time, dropout between layers, Adam after gradient clipping, and early
/// stopping on the loss of held-out windows. Every random choice comes from the seed.
struct LSTMTrainer {
    let settings: LSTMSettings
    let shape: LSTMShape
    let objective: Objective
    var multiplier: any MatrixMultiplier = LinearAlgebra.multiplier

    /// Rows the held-out windows keep away from the training windows, so no training target
    /// (looking up to five rows ahead) overlaps them.
    static let purgeRows = 5

    /// Windows per forward pass when only the loss is wanted.
    static let evaluationBatch = 256

    /// The trained network (the weights of the epoch with the lowest held-out loss, when windows were held out).
    func train(rows: SequenceRows, targets: [Float], context: TrainingContext) throws -> LSTMNetwork {
        let (training, heldOut) = split(rows.windowEnds(lookback: settings.lookback))
        guard !training.isEmpty else {
            throw TrainingDataError(
                "lstm needs runs of at least lookback (\(settings.lookback)) complete rows with rising dates; the longest has \(rows.runs.map(\.count).max() ?? 0)"
            )
        }
        AllocatorReuse.keepFreedMemory()
        var generator = SeededGenerator(seed: context.seed)
        var network = try LSTMNetwork(shape: shape, weights: shape.initialWeights(using: &generator), multiplier: multiplier)
        var adam = AdamOptimizer()
        adam.learningRate = Float(settings.learningRate)
        adam.maxGradientNorm = Float(settings.maxGradNorm)
        var best = (loss: Double.infinity, weights: network.weights, epoch: 0)
        let logger = context.logger
        logger.notice(
            "lstm training",
            metadata: ["windows": "\(training.count)", "held_out": "\(heldOut.count)", "shape": "\(shape.hidden)x\(shape.layers)"])
        // Each batch's two halves run side by side when two threads are allowed (every product runs
        // on one thread; OpenBLAS splitting each small per-step product over both cores waited more
        // than it worked). The halves are the same whatever the cores, so a seed gives the same weights.
        let sideBySide = LinearAlgebra.threads >= 2
        for epoch in 1...settings.epochs {
            var order = training
            order.shuffle(using: &generator)
            var total = 0.0
            for start in stride(from: 0, to: order.count, by: settings.batchSize) {
                let ends = Array(order[start..<min(start + settings.batchSize, order.count)])
                let masks = dropoutMasks(count: ends.count * settings.lookback * shape.hidden, using: &generator)
                let (loss, gradients) = batchGradients(
                    network, rows: rows, ends: ends, masks: masks, targets: targets, sideBySide: sideBySide)
                network.update { adam.step(&$0, gradients: gradients) }
                total += loss * Double(ends.count)
            }
            let trainingLoss = total / Double(order.count)
            guard trainingLoss.isFinite else {
                throw TrainingDataError("lstm training diverged at epoch \(epoch) (loss \(trainingLoss)); lower learning_rate")
            }
            let heldOutLoss = heldOut.isEmpty ? nil : loss(of: network, rows: rows, ends: heldOut, targets: targets)
            logger.notice(
                "lstm epoch",
                metadata: [
                    "epoch": "\(epoch)/\(settings.epochs)", "train_loss": "\(Float(trainingLoss))",
                    "validation_loss": "\(heldOutLoss.map { "\(Float($0))" } ?? "-")",
                ])
            context.progress(Double(epoch) / Double(settings.epochs))
            guard let heldOutLoss else { continue }
            if heldOutLoss < best.loss {
                best = (heldOutLoss, network.weights, epoch)
            } else if epoch - best.epoch >= settings.patience {
                logger.notice(
                    "lstm early stop",
                    metadata: ["epoch": "\(epoch)", "best_epoch": "\(best.epoch)", "validation_loss": "\(Float(best.loss))"])
                break
            }
        }
        if !heldOut.isEmpty { network.update { $0 = best.weights } }
        context.progress(1)
        return network
    }

    /// The mean loss of the windows ending at `ends` and the gradients, from the batch's two halves
    /// (forward and backward passes each), side by side or one after the other, summed in order.
    private func batchGradients(
        _ network: LSTMNetwork, rows: SequenceRows, ends: [Int], masks: [[Float]], targets: [Float], sideBySide: Bool
    ) -> (loss: Double, gradients: [String: [Float]]) {
        let (batch, steps, hidden) = (ends.count, settings.lookback, shape.hidden)
        let middle = batch / 2
        let halves = middle == 0 ? [0..<batch] : [0..<middle, middle..<batch]
        let pass = { @Sendable (half: Range<Int>) -> (loss: Double, gradients: [String: [Float]]) in
            // Each layer's mask is [step][window][unit]: this half's windows of every step.
            let halfMasks = masks.map { mask in
                (0..<steps).flatMap { t in mask[((t * batch + half.lowerBound) * hidden)..<((t * batch + half.upperBound) * hidden)] }
            }
            let trace = network.trace(
                rows.gather(ends[half], length: steps), batch: half.count, steps: steps, dropout: halfMasks)
            let (loss, gradient) = objective.loss(trace.head, ends[half].map { targets[$0] }, meanOver: batch)
            return (loss, network.gradients(trace, headGradient: gradient))
        }
        let parts = sideBySide ? halves.parallelMap(pass) : halves.map(pass)
        var gradients = parts[0].gradients
        for part in parts.dropFirst() {
            for (name, values) in part.gradients { gradients[name] = zip(gradients[name] ?? [], values).map(+) }
        }
        return (parts.reduce(0) { $0 + $1.loss }, gradients)
    }

    /// Each run's last windows held out (after a purge), the rest for training, both in row order.
    private func split(_ runs: [[Int]]) -> (training: [Int], heldOut: [Int]) {
        var training: [Int] = []
        var heldOut: [Int] = []
        for ends in runs {
            let held = Int((Double(ends.count) * settings.validationFraction).rounded(.up))
            guard held > 0, ends.count - held - Self.purgeRows > 0 else {
                training += ends
                continue
            }
            heldOut += ends.suffix(held)
            training += ends.prefix(ends.count - held - Self.purgeRows)
        }
        return (training, heldOut)
    }

    /// The objective's mean loss over the windows ending at `ends`, without dropout.
    private func loss(of network: LSTMNetwork, rows: SequenceRows, ends: [Int], targets: [Float]) -> Double {
        var total = 0.0
        for start in stride(from: 0, to: ends.count, by: Self.evaluationBatch) {
            let batch = ends[start..<min(start + Self.evaluationBatch, ends.count)]
            let head = network.forward(rows.gather(batch, length: settings.lookback), batch: batch.count, steps: settings.lookback).head
            total += objective.loss(head, batch.map { targets[$0] }).loss * Double(batch.count)
        }
        return total / Double(ends.count)
    }

    /// One inverted-dropout mask (0, or 1 / (1 − p)) per layer above the first; none without dropout.
    private func dropoutMasks(count: Int, using generator: inout SeededGenerator) -> [[Float]] {
        guard settings.dropout > 0, shape.layers > 1 else { return [] }
        let keep = Float(1 - settings.dropout)
        let kept = 1 / keep
        return (1..<shape.layers).map { _ in (0..<count).map { _ in generator.unit() < keep ? kept : 0 } }
    }
}
