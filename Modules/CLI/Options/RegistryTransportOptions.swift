import ArgumentParser
import FerryPipeline

/// How `ferry push` and `ferry pull` talk to a registry.
struct RegistryTransportOptions: ParsableArguments {
    @Flag(help: "Allow plain HTTP to a registry that is not on this machine (loopback registries are reached over HTTP anyway).")
    var insecure = false
    @Option(help: "Upload a bundle larger than this with PATCH requests instead of one PUT: bytes, or with K, M or G.")
    var chunkThreshold: ByteSize = ByteSize(bytes: 512 << 20)
    @Option(help: "The size of one PATCH (bytes, or with K, M or G); 0 streams the whole bundle in one PATCH.")
    var chunkSize: ByteSize = ByteSize(bytes: 0)

    func validate() throws {
        guard chunkSize.bytes == 0 || chunkSize.bytes >= 1024 else {
            throw ValidationError("--chunk-size takes 0 (one PATCH) or 1K or more")
        }
    }

    /// The client settings.
    var options: BundlePull.Options {
        var options = BundlePull.Options()
        (options.insecure, options.chunkThreshold, options.chunkSize) = (insecure, chunkThreshold.bytes, chunkSize.bytes)
        return options
    }
}

/// A size given as bytes or with a binary suffix: `65536`, `64K`, `64M`, `1G`.
struct ByteSize: ExpressibleByArgument, CustomStringConvertible {
    /// The size in bytes.
    let bytes: Int64

    init(bytes: Int64) { self.bytes = bytes }

    init?(argument: String) {
        let shifts: [Character: Int64] = ["K": 10, "M": 20, "G": 30]
        let upper = argument.uppercased()
        let shift = upper.last.flatMap { shifts[$0] } ?? 0
        guard let number = Int64(shift == 0 ? upper : String(upper.dropLast())), number >= 0, number <= (1 << 40) >> shift else {
            return nil
        }
        bytes = number << shift
    }

    var description: String {
        for (suffix, shift) in [("G", Int64(30)), ("M", 20), ("K", 10)] where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift)\(suffix)"
        }
        return "\(bytes)"
    }
}
