import FerryCore

extension FeatureTable {
    /// The schema of a model trained on these features: their order, and the range each had here.
    ///
    /// Call it on the training rows only, so the ranges are the ones the model saw.
    public func schema(frequency: Frequency?, target: String?) -> FeatureSchema {
        let fields = featureNames.map { name -> FeatureField in
            let values = (frame[column: name] ?? []).filter { !$0.isNaN }
            let range = values.min().flatMap { low in values.max().map { ValueRange(min: low, max: $0) } }
            return FeatureField(name: name, trainingRange: range)
        }
        return FeatureSchema(features: fields, target: target, frequency: frequency)
    }
}
