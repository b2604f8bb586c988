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

    /// Every file a bundle may hold.
    public static let allFiles = Set(checkedFiles + [checksums, signature])
}
