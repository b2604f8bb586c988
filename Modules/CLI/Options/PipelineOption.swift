import ArgumentParser

/// `--pipeline NAME|FILE`: a named feature pipeline or a description instead of the standard set.
struct PipelineOption: ParsableArguments {
    @Option(
        name: .customLong("pipeline"),
        help:
            "standard-stationary (scale-free ratios and z-scores), standard, or a feature pipeline description (JSON). (default: standard)")
    var path: String?
}
