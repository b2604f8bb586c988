/// The files of a bundle, inside its one top-level folder `<name>-<version>/`.
public enum BundleLayout {
    /// The bundle format version this build writes.
    public static let formatVersion = 2
    /// The bundle format versions this build reads.
    public static let readableFormatVersions = 1...2

    public static let manifest = "manifest.json"
    public static let weights = "weights.safetensors"
    public static let schema = "schema.json"
    public static let environment = "environment.json"
    public static let metrics = "metrics.json"
    public static let golden = "golden.json"
    public static let modelCard = "MODEL_CARD.md"
    public static let checksums = "checksums.sha256"
    public static let signature = "signature.ed25519"

    /// Files every bundle has and `checksums.sha256` lists.
    public static let checkedFiles = [environment, golden, manifest, metrics, modelCard, schema, weights].sorted()

    /// Every file a bundle may hold besides its members.
    public static let allFiles = Set(checkedFiles + [checksums, signature])

    /// The most members a composite bundle (an ensemble) may carry.
    public static let maximumMembers = 16

    /// The file of member `number` (from 1) of a composite bundle: a complete bundle inside it.
    public static func memberFile(_ number: Int) -> String { "member-\(number).tar.gz" }

    /// Whether `file` may be in a bundle: a known file or a member's (format 2).
    public static func isKnownFile(_ file: String) -> Bool {
        allFiles.contains(file) || (1...maximumMembers).contains { memberFile($0) == file }
    }
}
