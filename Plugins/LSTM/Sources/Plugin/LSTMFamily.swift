import FerryCore
import FerryModels

/// What the `lstm` and `attention-lstm` plugins share: training a model on a frame and loading one.
enum LSTMFamily {
    /// Fits the standardisation on `data`'s rows, picks the head, and trains the network.
    static func train(on data: TrainingData, settings: LSTMSettings, attentionHeads: Int, context: TrainingContext) throws -> LSTMModel {
        try settings.validate()
        let names = data.features.columnNames
        let binary = data.target.allSatisfy { $0 == 0 || $0 == 1 }
        if settings.head == "sigmoid", !binary, let row = data.target.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw TrainingDataError("head sigmoid needs a 0/1 target (such as next_direction); row \(row) is \(data.target[row])")
        }
        let objective: Objective =
            settings.head == "linear" || (settings.head == "auto" && !binary) ? .meanSquaredError : .binaryCrossEntropy
        let standardizer = Standardizer(fitting: names.map { data.features[column: $0] ?? [] })
        let target = objective == .meanSquaredError ? Standardizer(fitting: [data.target]) : nil
        let targets = data.target.map { value in Float(target.map { (value - $0.mean[0]) / $0.scale[0] } ?? value) }
        let shape = settings.shape(inputs: names.count, attentionHeads: attentionHeads)
        let network = try LSTMTrainer(settings: settings, shape: shape, objective: objective)
            .train(rows: SequenceRows(data.features, standardizer: standardizer), targets: targets, context: context)
        return LSTMModel(
            schema: FeatureSchema(features: names.map { FeatureField(name: $0) }), network: network, lookback: settings.lookback,
            features: standardizer, target: target)
    }
}
