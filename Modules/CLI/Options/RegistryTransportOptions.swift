import ArgumentParser
import FerryPipeline

/// How `ferry push` and `ferry pull` talk to a registry.
struct RegistryTransportOptions: ParsableArguments {
    @Flag(help: "Allow plain HTTP to a registry that is not on this machine (loopback registries are reached over HTTP anyway).")
    var insecure = false
    @Option(help: "Upload a bundle larger than this many MiB in chunks (PATCH) instead of one PUT.") var chunkThresholdMib = 512
    @Option(help: "The size of one upload chunk, in MiB.") var chunkSizeMib = 64

    func validate() throws {
        guard chunkThresholdMib >= 0, (1...4096).contains(chunkSizeMib) else {
            throw ValidationError("--chunk-threshold-mib takes 0 or more, --chunk-size-mib 1 to 4096")
        }
    }

    /// The client settings.
    var options: BundlePull.Options {
        var options = BundlePull.Options()
        options.insecure = insecure
        options.chunkThreshold = Int64(chunkThresholdMib) << 20
        options.chunkSize = Int64(chunkSizeMib) << 20
        return options
    }
}
