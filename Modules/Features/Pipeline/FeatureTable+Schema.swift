import FerryCore

extension FeatureTable {
    /// The schema of a model trained on these features: their order, and the range each had here.
    ///
    /// Call it on the training rows only, so the ranges are the ones the model saw.
    public func schema(frequency: Frequency?, target: String?) -> FeatureSchema {
        let fields = featureNames.map { FeatureField(name: $0, trainingRange: ValueRange(of: frame[column: $0] ?? [])) }
        return FeatureSchema(features: fields, target: target, frequency: frequency)
    }
}
