import Crypto
import FerryBundle
import FerryCore
import FerryPipeline
import Foundation
import Testing

@Suite struct BundleSignatureTests {
    static func signed(_ fixture: BundleFixture, keyName: String = "team") throws -> (String, String) {
        let keys = (fixture.directory as NSString).appendingPathComponent("keys-\(keyName)")
        let id = try SigningKeys.generate(in: keys, name: keyName)
        let opened = try BundleReader().read(fixture.path)
        let path = (fixture.directory as NSString).appendingPathComponent("signed-\(keyName).tar.gz")
        try BundleWriter().write(opened.contents, to: path, signingKey: try SigningKeys.privateKey(at: "\(keys)/\(keyName).key"))
        #expect(id.count == 16)
        return (path, keys)
    }

    @Test func aSignatureByATrustedKeyPasses() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let (path, keys) = try Self.signed(f)
        var verifier = f.verifier
        verifier.trustedKeys = try SigningKeys.trustedKeys(in: keys)
        verifier.requireSignature = true
        let report = verifier.verify(path).report
        #expect(report.passed, "\(report.checks.map(\.detail))")
        #expect(report.checks[1].detail.hasPrefix("signed by trusted key"))
        #expect(report.signer != nil)
    }

    @Test func anUntrustedKeyATamperedSignatureAndAMissingOneFail() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let (path, _) = try Self.signed(f, keyName: "stranger")
        let (_, otherKeys) = try Self.signed(f, keyName: "friend")
        var verifier = f.verifier
        verifier.trustedKeys = try SigningKeys.trustedKeys(in: otherKeys)
        let untrusted = verifier.verify(path).report
        #expect(untrusted.firstFailure == .authenticity)
        #expect(untrusted.exitCode == 11)
        #expect(untrusted.checks[1].detail.contains("not among the 1 trusted keys"))

        // Re-sign nothing, but swap in another signature's bytes: the key id matches, the signature does not.
        let signedFixture = BundleFixture.copy(of: path, into: f)
        let forged = signedFixture.tampered("forged") { files in
            if let i = files.firstIndex(where: { $0.0.hasSuffix("/signature.ed25519") }) {
                var text = String(decoding: files[i].1, as: UTF8.self)
                text = text.replacingOccurrences(of: "\"signature\" : \"", with: "\"signature\" : \"AAAA")
                files[i].1 = Data(text.utf8)
            }
        }
        verifier.trustedKeys = try SigningKeys.trustedKeys(in: (f.directory as NSString).appendingPathComponent("keys-stranger"))
        #expect(verifier.verify(forged).report.firstFailure == .authenticity)

        verifier.requireSignature = true
        let unsigned = verifier.verify(f.path).report
        #expect(unsigned.checks[1].detail == "unsigned, and a signature is required")
        #expect(unsigned.exitCode == 11)
    }

    @Test func keysAreNotOverwritten() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let keys = (f.directory as NSString).appendingPathComponent("k")
        _ = try SigningKeys.generate(in: keys, name: "a")
        #expect(throws: BundleError.self) { try SigningKeys.generate(in: keys, name: "a") }
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(keys)/a.key")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}

extension BundleFixture {
    /// A fixture handle over an existing bundle file, for tampering with a signed copy.
    static func copy(of path: String, into fixture: BundleFixture) -> BundleFixture {
        BundleFixture(directory: fixture.directory, path: path)
    }

    private init(directory: String, path: String) {
        self.directory = directory
        self.path = path
    }
}
