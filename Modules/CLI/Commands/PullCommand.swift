import ArgumentParser
import FerryPipeline

/// `ferry pull`: a bundle from an OCI registry or image layout, verified end to end.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Pull a bundle from an OCI registry or image layout and verify it end to end before it lands.",
        discussion: """
            SOURCE is host[:port]/repository:tag, host[:port]/repository@sha256:<hex> (exactly those \
            bytes), oci://… (the same), or oci:DIR[:TAG] for an OCI image layout (what skopeo copy \
            or ferry export --oci-layout writes). Every blob's digest is checked while it streams; \
            then referrer signatures are checked against --trusted-keys; then the bundle's four \
            classes (integrity, authenticity, compatibility, behaviour). Nothing lands in --out \
            unless everything passes. A referrer signature by a trusted key counts as the signature \
            --require-signature asks for. Exit codes as ferry verify's (10-13), 66 when the \
            reference does not exist, 1 for a registry that fails. See docs/oci.md.
            """)

    @Argument(help: "What to pull: host[:port]/repository:tag, …@sha256:<hex>, or oci:DIR[:TAG].") var source: String
    @Option(help: "The folder to put the verified bundle in.") var out = "bundles"
    @OptionGroup var signatures: SignatureOptions
    @OptionGroup var transport: RegistryTransportOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingFailuresAsync {
            var pull = BundlePull(trust: try signatures.trust())
            pull.options = transport.options
            let pulled = try await pull.pull(source, into: out)
            if output.json { return try printJSON(pulled) }
            print("pulled \(pulled.reference)")
            print("  wrote   \(pulled.path)")
            let lookup = pulled.throughReferrersAPI ? "referrers API" : "sha256-<hex> tag"
            print(
                "  signed  \(pulled.referrerSigners.isEmpty ? "no trusted referrer signature" : "by trusted key(s) \(pulled.referrerSigners.joined(separator: ", "))") (\(pulled.referrersFound) found through the \(lookup))"
            )
            for check in pulled.report.checks {
                print("  \(check.check.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) pass  \(check.detail)")
            }
        }
    }

}
