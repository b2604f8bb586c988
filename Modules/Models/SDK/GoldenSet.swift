import FerryCore

/// Input rows and the outputs a model gave for them: a reader reproduces them to prove the model loaded right.
public struct GoldenSet: Codable, Sendable, Equatable {
    /// The feature columns of `inputs`, in order.
    public let features: [String]
    /// The input rows.
    public let inputs: [[Double]]
    /// The model's output for each row.
    public let outputs: [Double]
    /// The largest absolute difference a reproduction may show.
    public let tolerance: Double

    /// How many test rows a golden set keeps.
    public static let rows = 5

    /// The first ``rows`` rows of `frame` (features in `featureNames` order) and `model`'s outputs
    /// for them, to be reproduced within `tolerance` (the model's ``TrainedModel/goldenTolerance`` unless given).
    public init(model: any TrainedModel, frame: Frame, featureNames: [String], tolerance: Double? = nil) throws {
        let rows = frame.rows(0..<Swift.min(Self.rows, frame.rowCount))
        let selected = try rows.selecting(featureNames)
        features = featureNames
        inputs = (0..<selected.rowCount).map { selected.row($0) }
        outputs = try model.predict(selected)
        self.tolerance = tolerance ?? model.goldenTolerance
    }

    /// A golden set from rows and outputs already known.
    public init(inputs: [[Double]], outputs: [Double], features: [String], tolerance: Double = 1e-9) throws {
        guard inputs.count == outputs.count, inputs.allSatisfy({ $0.count == features.count }) else {
            throw TensorError(message: "golden inputs, outputs and features do not line up")
        }
        self.features = features
        self.inputs = inputs
        self.outputs = outputs
        self.tolerance = tolerance
    }

    /// The inputs as a frame, for a model to predict on.
    public func frame() throws -> Frame {
        try Frame(
            index: inputs.indices.map { Timestamp(secondsSinceEpoch: Int64($0)) },
            columns: features.enumerated().map { position, name in (name, inputs.map { $0[position] }) })
    }
}
