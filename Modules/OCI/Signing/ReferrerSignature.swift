import Crypto
import FerryBundle
import FerryCore
import Foundation

/// A signature attached to a pushed bundle as an OCI referrer: an Ed25519 signature over the
/// UTF-8 bytes of the bundle manifest's digest (`sha256:<hex>`), which names the config and the
/// bundle layer by their digests, so it covers every byte that was pushed.
///
/// It is the one layer (``OCIMediaTypes/signatureArtifact``) of a manifest whose `subject` is the
/// bundle's manifest: `{"algorithm": "ed25519", "key_id": …, "signature": base64, "subject": …}`.
public struct ReferrerSignature: Codable, Sendable, Equatable {
    /// Always `ed25519`.
    public let algorithm: String
    /// The signer's key id (the first 16 hex digits of the SHA-256 of the raw public key).
    public let keyID: String
    /// The signature, base64.
    public let signature: String
    /// The digest of the manifest it signs.
    public let subject: String

    enum CodingKeys: String, CodingKey {
        case algorithm, signature, subject
        case keyID = "key_id"
    }

    /// Signs the manifest digest `subject` with `key`.
    public static func sign(subject: String, with key: Curve25519.Signing.PrivateKey) throws -> ReferrerSignature {
        ReferrerSignature(
            algorithm: "ed25519", keyID: SigningKeys.keyID(key.publicKey),
            signature: try key.signature(for: Data(subject.utf8)).base64EncodedString(), subject: subject)
    }

    /// Whether this is a valid signature over `subject` by one of `trustedKeys` (raw public keys by id).
    public func isValid(for subject: String, trustedKeys: [String: Data]) -> Bool {
        guard algorithm == "ed25519", self.subject == subject, let raw = trustedKeys[keyID],
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw), let signature = Data(base64Encoded: signature)
        else { return false }
        return key.isValidSignature(signature, for: Data(subject.utf8))
    }
}
