import FerryBundle
import FerryCore
import FerryFeatures
import FerryModels

/// A verified model with the feature pipeline its bundle carries, scoring feature rows the
/// stream computes bar by bar: the rows come in the pipeline's order and are picked into the
/// schema's, then predicted as the batch predicts them (a linear model row by row in place, any
/// other through a frame), so every value is the batch's to the bit.
struct StreamModel: Sendable {
    /// The model's name and version, as the log records them.
    let name: String
    let version: String
    /// The features the bars go through.
    let pipeline: FeaturePipeline
    let model: any TrainedModel
    /// For each schema feature, its position in the pipeline's row.
    let picks: [Int]

    /// Wraps `model`, refusing a bundle without a pipeline or with a feature its pipeline does not make.
    init(name: String, version: String, model: any TrainedModel, pipeline: FeaturePipeline?, bundle: String) throws {
        guard let pipeline else {
            throw FerryError(
                .invalidArgument, "\(bundle) was trained on a feature table, so it has no feature pipeline to compute bars with",
                field: "model")
        }
        let positions = Dictionary(pipeline.featureNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        picks = try model.schema.featureNames.map { name in
            guard let position = positions[name] else {
                throw FerryError(.invalidData, "\(bundle): schema feature \(name) is not made by the bundle's pipeline", field: "schema")
            }
            return position
        }
        (self.name, self.version, self.model, self.pipeline) = (name, version, model, pipeline)
    }

    /// Loads the bundle at `path` through the one library call every front end uses (verified first).
    static func load(bundle path: String, verifier: BundleVerifier) throws -> StreamModel {
        let (opened, model) = try BundleLoader.load(path, verifier: verifier)
        let contents = opened.contents
        return try StreamModel(
            name: contents.manifest.name, version: contents.manifest.version, model: model,
            pipeline: contents.pipeline == nil ? nil : try contents.featurePipeline(bundle: path), bundle: path)
    }

    /// Predicts `rowCount` rows laid one after another in `values` (each in the pipeline's order).
    func predict(pipelineRows values: [Double], rowCount: Int) throws -> [Double] {
        guard rowCount > 0 else { return [] }
        let width = pipeline.featureNames.count
        var picked = [Double](repeating: 0, count: rowCount * picks.count)
        for row in 0..<rowCount {
            for (column, position) in picks.enumerated() { picked[row * picks.count + column] = values[row * width + position] }
        }
        if let inPlace = model as? any RowMajorPredicting {
            var predictions = [Double](repeating: .nan, count: rowCount)
            picked.withUnsafeBufferPointer { rows in
                predictions.withUnsafeMutableBufferPointer { inPlace.predict(rowMajor: rows, rowCount: rowCount, into: $0) }
            }
            return predictions
        }
        let columns = model.schema.featureNames.enumerated().map { column, name in
            (name: name, values: (0..<rowCount).map { picked[$0 * picks.count + column] })
        }
        let index = (0..<rowCount).map { Timestamp(secondsSinceEpoch: Int64($0)) }
        return try model.predict(try Frame(index: index, columns: columns))
    }
}
