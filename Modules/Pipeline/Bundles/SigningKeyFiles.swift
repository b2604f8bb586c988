import FerryBundle

/// The Ed25519 key files bundles are signed with: `NAME.key` (private) and `NAME.pub` (to share).
public enum SigningKeyFiles {
    /// Makes a key pair in `folder` (created when missing) as `name.key` and `name.pub`.
    /// - Returns: The key's id, the first 16 hex digits of the SHA-256 of its public key.
    /// - Throws: An error naming the file that cannot be written; an existing key is never overwritten.
    public static func generate(in folder: String, name: String) throws -> String {
        try SigningKeys.generate(in: folder, name: name)
    }
}
