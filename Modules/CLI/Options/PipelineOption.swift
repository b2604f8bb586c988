import ArgumentParser

/// `--pipeline FILE`: a feature pipeline description instead of the standard set.
struct PipelineOption: ParsableArguments {
    @Option(name: .customLong("pipeline"), help: "A feature pipeline description (JSON) instead of the standard set.") var path: String?
}
