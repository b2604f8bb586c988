/// This build's version.
public enum FerryVersion {
    /// The version written into bundles and shown by `ferry --version`.
    public static let current = "0.1.0"
}
