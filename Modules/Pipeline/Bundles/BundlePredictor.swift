import FerryBundle
import FerryCore
import FerryData
import FerryFeatures
import FerryModels

/// A verified bundle's model with the feature pipeline it carries: the one way monitoring and
/// backtests turn bar files into predictions.
struct BundlePredictor {
    /// The bundle's path.
    let bundle: String
    /// What the bundle holds.
    let contents: BundleContents
    /// Its model, loaded.
    let model: any TrainedModel
    /// Its feature pipeline.
    let pipeline: FeaturePipeline

    /// Verifies and loads `bundle`.
    init(bundle: String, verifier: BundleVerifier) throws {
        let (opened, model) = try BundleLoader.load(bundle, verifier: verifier)
        self.bundle = bundle
        self.contents = opened.contents
        self.model = model
        self.pipeline = try opened.contents.featurePipeline(bundle: bundle)
    }

    /// The bar file at `path` through the pipeline (with `reference` joined on when the features
    /// need it): the bars, the feature table, the model's features and its prediction for each row.
    func predictions(for path: String, reference: String?, reader: MarketFileReader)
        throws -> (series: PriceSeries, table: FeatureTable, features: Frame, predictions: [Double])
    {
        guard case let .prices(series) = try reader.read(path).data else { throw FerryError(.invalidData, "\(path) is not a bar file") }
        if pipeline.needsReference, reference == nil {
            throw FerryError(
                .invalidArgument, "\(bundle)'s features need a reference series (the one it was trained with), and none was given",
                field: "reference")
        }
        let computation = FeatureComputation(pipeline: pipeline)
        let aligned = try reference.map { try computation.alignedReference($0, onto: series, reader: reader) }
        let table = try pipeline.compute(try FeatureInput(series: series, reference: aligned))
        let features = try table.frame.selecting(contents.schema.featureNames)
        return (series, table, features, try model.predict(features))
    }
}
