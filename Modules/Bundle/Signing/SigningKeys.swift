import Crypto
import FerryCore
import Foundation

/// Ed25519 keys for signing bundles: a private key file (`NAME.key`, base64, mode 0600) and a
/// public key file (`NAME.pub`, base64) a colleague adds to their trusted keys folder.
public enum SigningKeys {
    /// Makes a key pair in `directory` as `name.key` and `name.pub`; returns the key id.
    public static func generate(in directory: String, name: String) throws -> String {
        let key = Curve25519.Signing.PrivateKey()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let privatePath = (directory as NSString).appendingPathComponent("\(name).key")
        let publicPath = (directory as NSString).appendingPathComponent("\(name).pub")
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw BundleError.signature("\(path) exists; refusing to overwrite a key")
        }
        try Data(key.rawRepresentation.base64EncodedString().utf8).write(to: URL(fileURLWithPath: privatePath), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: privatePath)
        try Data(key.publicKey.rawRepresentation.base64EncodedString().utf8).write(to: URL(fileURLWithPath: publicPath), options: .atomic)
        return keyID(key.publicKey)
    }

    /// The private key in `path`.
    public static func privateKey(at path: String) throws -> Curve25519.Signing.PrivateKey {
        guard let data = FileManager.default.contents(atPath: path),
            let raw = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw BundleError.signature("\(path) is not an Ed25519 private key made by ferry keygen") }
        return key
    }

    /// Every public key (`*.pub`) in `directory`, as raw Ed25519 bytes by key id.
    public static func trustedKeys(in directory: String) throws -> [String: Data] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw BundleError.signature("trusted keys folder \(directory) cannot be read")
        }
        var keys: [String: Data] = [:]
        for name in names.sorted() where name.hasSuffix(".pub") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path),
                let raw = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
            else { throw BundleError.signature("\(path) is not an Ed25519 public key") }
            keys[keyID(key)] = key.rawRepresentation
        }
        return keys
    }

    /// The first 16 hex digits of the SHA-256 of the public key.
    public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
        String(Checksums.hex(SHA256.hash(data: key.rawRepresentation)).prefix(16))
    }
}

/// `signature.ed25519`: an Ed25519 signature over `checksums.sha256`, and the signer's key id.
struct BundleSignature: Codable, Equatable {
    let algorithm: String
    let keyID: String
    let signature: String

    static func sign(_ checksums: Data, with key: Curve25519.Signing.PrivateKey) throws -> BundleSignature {
        BundleSignature(
            algorithm: "ed25519", keyID: SigningKeys.keyID(key.publicKey),
            signature: try key.signature(for: checksums).base64EncodedString())
    }
}
