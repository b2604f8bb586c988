import ArgumentParser
import FerryFeatures

/// `--pipeline FILE`: a feature pipeline description instead of the standard set.
struct PipelineOption: ParsableArguments {
    @Option(name: .customLong("pipeline"), help: "A feature pipeline description (JSON) instead of the standard set.")
    var path: String?

    /// The pipeline in the file, or `nil` when none was given; throws naming the file and the field at fault.
    func load() throws -> FeaturePipeline? { try path.map(PipelineFile.read) }
}
