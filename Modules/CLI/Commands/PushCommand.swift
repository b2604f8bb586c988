import ArgumentParser
import FerryPipeline

/// `ferry push`: a bundle to an OCI registry.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push a bundle to an OCI registry (host[:port]/repository:tag), verified first, optionally signed.",
        discussion: """
            The bundle is verified (all four classes; integrity and authenticity only when this \
            build lacks its plugin) before it leaves. It is pushed as an OCI \
            artifact (artifactType application/vnd.ferry.bundle.v2): its manifest.json as the config \
            blob, the bundle archive itself as the one layer, so the layer digest is the bundle's \
            SHA-256. A blob the registry already has is not uploaded again. With --sign KEY, an \
            Ed25519 signature of the pushed manifest is attached as an OCI referrer (and listed \
            under the sha256-<hex> tag for registries without the referrers API). Credentials come \
            from REGISTRY_AUTH_FILE or ~/.docker/config.json (basic, or a bearer token from the \
            registry's token service). HTTPS with the system's roots, HTTP only to a loopback \
            registry or with --insecure. Prints the digest to pull by. See docs/oci.md.
            """)

    @Argument(help: "The bundle (.tar.gz).") var bundle: String
    @Argument(help: "Where to push: host[:port]/repository:tag.") var reference: String
    @Option(help: "An Ed25519 private key (from ferry keygen) to sign the pushed manifest with.") var sign: String?
    @Option(help: "The org.opencontainers.image.source annotation (where the model's code lives).") var source: String?
    @Option(help: "A repository on the same registry to mount the blobs from instead of uploading them.") var mountFrom: String?
    @OptionGroup var signatures: SignatureOptions
    @OptionGroup var transport: RegistryTransportOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingFailuresAsync {
            var push = BundlePush(trust: try signatures.trust())
            (push.signingKeyFile, push.source, push.mountFrom, push.options) = (sign, source, mountFrom, transport.options)
            let pushed = try await push.push(bundle: bundle, to: reference)
            if output.json { return try printJSON(pushed) }
            print("pushed \(bundle) to \(reference)")
            print("  digest  \(pushed.digest)   (pull by \(pushed.reference))")
            print(
                "  bundle  sha256 \(pushed.bundleSHA256), \(pushed.size) bytes; \(pushed.uploaded) blob(s) uploaded, \(pushed.mounted) mounted, \(pushed.alreadyThere) already there\(pushed.chunks > 1 ? ", in \(pushed.chunks) chunks" : "")"
            )
            if let signer = pushed.signer, let digest = pushed.signatureDigest { print("  signed  by key \(signer), referrer \(digest)") }
        }
    }
}
