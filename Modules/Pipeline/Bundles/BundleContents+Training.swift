import FerryBundle
import FerryCore
import FerryFeatures
import Foundation

extension BundleContents {
    /// The feature pipeline the bundle's model was trained with.
    /// - Parameter bundle: The bundle's path, for the error when it carries none.
    /// - Returns: The pipeline, decoded from the bundle's schema.
    /// - Throws: ``FerryError`` `refused` when the model was trained on a plain table.
    func featurePipeline(bundle: String) throws -> FeaturePipeline {
        guard let pipeline else {
            throw FerryError(
                .refused, "\(bundle) was trained on a plain table; it carries no feature pipeline to compute features from bars with")
        }
        return try JSONDecoder().decode(FeaturePipeline.self, from: JSONEncoder().encode(pipeline))
    }

    /// The bundle's hyperparameters as `key=value` overrides, so a plugin can be trained the same way again.
    /// - Parameter bundle: The bundle's path, for the error when one cannot be written as text.
    /// - Returns: Each hyperparameter's name and its value as text.
    /// - Throws: ``FerryError`` when a value cannot be written as text.
    func hyperparameterOverrides(bundle: String) throws -> [String: String] {
        guard case let .object(fields) = manifest.hyperparameters else { return [:] }
        var overrides: [String: String] = [:]
        for (key, value) in fields {
            guard let text = value.overrideText else {
                throw FerryError(
                    .refused,
                    "\(bundle): hyperparameter '\(key)' holds a nested object, which a retrain cannot carry over; train a new model with these settings instead"
                )
            }
            overrides[key] = text
        }
        return overrides
    }
}
