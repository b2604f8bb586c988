// swift-format-ignore-file: NeverForceUnwrap, NeverUseForceTry

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import FerryCore
import Foundation
import Testing

@testable import FerryStore

/// The registry: adding, resolving names, stages with their history, aliases.
@Suite struct RegistryTests {
    static func entry(_ name: String = "SPX-lasso", _ version: String = "1.0.0", digest: String? = nil) -> RegisteredBundle {
        RegisteredBundle(
            name: name, version: version, digest: digest ?? "\(name)-\(version)-digest", plugin: "lasso", pluginVersion: "1.0.0",
            target: "next_return", signer: nil, parentRun: "run-1", dataFingerprint: "abc", path: "/tmp/\(name)-\(version).tar.gz",
            registeredAt: "2026-11-21T10:00:0\(version.last!)Z", registeredBy: "ana")
    }

    @Test(arguments: StoreBackend.allCases) func addsOnceAndRefusesAnotherBundleUnderTheSameVersion(backend: StoreBackend) throws {
        let store = try backend.store()
        #expect(try store.register(Self.entry()).added)
        #expect(try store.register(Self.entry()).added == false, "the same bundle again changes nothing")
        let clash = try #require(throws: FerryError.self) { try store.register(Self.entry(digest: "other")) }
        #expect(clash.message.contains("SPX-lasso 1.0.0 is already registered with another bundle"))
        #expect(clash.code == .conflict)
        #expect(throws: FerryError.self) { try store.register(Self.entry("SPX-lasso", "2.0.0", digest: "SPX-lasso-1.0.0-digest")) }
        #expect(try store.bundles().count == 1)
        #expect(try store.schemaVersion() == "v8-store-setting")
    }

    @Test(arguments: StoreBackend.allCases) func resolvesAliasesVersionsAndTheProductionVersion(backend: StoreBackend) throws {
        let store = try backend.store()
        for version in ["1.0.0", "1.0.1", "1.0.2"] { try store.register(Self.entry("SPX-lasso", version)) }
        #expect(try store.resolve(ModelReference("SPX-lasso")).version == "1.0.2", "no production version: the newest")
        try store.setStage(name: "SPX-lasso", version: "1.0.1", to: .production, by: "ana")
        #expect(try store.resolve(ModelReference("SPX-lasso")).version == "1.0.1")
        try store.setAlias("challenger", name: "SPX-lasso", version: "1.0.2", by: "ben")
        #expect(try store.resolve(ModelReference("SPX-lasso@challenger")).version == "1.0.2")
        #expect(try store.resolve(ModelReference("SPX-lasso@1.0.0")).version == "1.0.0")
        let unknown = try #require(throws: FerryError.self) { try store.resolve(ModelReference("GOOG-lasso")) }
        #expect(unknown.message == "no model 'GOOG-lasso' in the registry; it has: SPX-lasso")
        #expect(unknown.code == .notFound)
        #expect(throws: FerryError.self) { try store.resolve(ModelReference("SPX-lasso@champion")) }
        #expect(try #require(throws: FerryError.self) { try ModelReference("@champion") }.code == .invalidArgument)
    }

    @Test(arguments: StoreBackend.allCases) func promotingArchivesThePreviousProductionVersionAndKeepsTheHistory(backend: StoreBackend)
        throws
    {
        let store = try backend.store()
        try store.register(Self.entry("SPX-lasso", "1.0.0"))
        try store.register(Self.entry("SPX-lasso", "1.0.1"))
        try store.setStage(name: "SPX-lasso", version: "1.0.0", to: .production, by: "ana")
        try store.setAlias("champion", name: "SPX-lasso", version: "1.0.0", by: "ana")
        try store.setStage(name: "SPX-lasso", version: "1.0.1", to: .production, by: "ben")
        let stages = Dictionary(uniqueKeysWithValues: try store.bundles().map { ($0.version, $0.stage) })
        #expect(stages == ["1.0.0": .archived, "1.0.1": .production])
        #expect(try store.bundles().first { $0.version == "1.0.0" }?.stageChangedBy == "ben")
        #expect(try store.aliases(name: "SPX-lasso").isEmpty, "an archived version loses its aliases")
        let history = try store.stageHistory(name: "SPX-lasso").map { "\($0.version) \($0.fromStage ?? "-")>\($0.toStage) \($0.changedBy)" }
        #expect(
            history == [
                "1.0.0 ->staging ana", "1.0.1 ->staging ana", "1.0.0 staging>production ana", "1.0.0 production>archived ben",
                "1.0.1 staging>production ben",
            ])
        let archived = try #require(throws: FerryError.self) {
            try store.setAlias("champion", name: "SPX-lasso", version: "1.0.0", by: "ana")
        }
        #expect(archived.message.contains("archived"))
        #expect(archived.code == .refused)
        #expect(throws: FerryError.self) { try store.setAlias("1st", name: "SPX-lasso", version: "1.0.1", by: "ana") }
    }
}

/// A store that takes only signed bundles: an unsigned one is neither registered nor aliased.
@Suite struct RequiredSignatureTests {
    @Test(arguments: StoreBackend.allCases) func anUnsignedVersionIsNeitherRegisteredNorAliased(backend: StoreBackend) throws {
        let store = try backend.store()
        try store.register(RegistryTests.entry("SPX-lasso", "1.0.0"))
        var signed = RegistryTests.entry("SPX-lasso", "1.0.1")
        signed.signer = "0123456789abcdef"
        try store.register(signed)
        #expect(try store.requiresSignatures() == false)
        try store.setRequiresSignatures(true, by: "ana", reason: "model-risk policy MR-12")
        #expect(try store.requiresSignatures())
        let alias = try #require(throws: FerryError.self) { try store.setAlias("champion", name: "SPX-lasso", version: "1.0.0", by: "ana") }
        #expect(alias.code == .refused && alias.message.contains("SPX-lasso 1.0.0 is unsigned"), "\(alias.message)")
        try store.setAlias("champion", name: "SPX-lasso", version: "1.0.1", by: "ana")
        let unsigned = try #require(throws: FerryError.self) { try store.register(RegistryTests.entry("SPX-lasso", "1.0.2")) }
        #expect(unsigned.code == .refused)
        let setting = try store.auditTrail().filter { $0.action == .setting }
        #expect(setting.count == 1 && setting.first?.value == "on" && setting.first?.previous == "off")
        #expect(setting.first?.reason == "model-risk policy MR-12")
        try store.setRequiresSignatures(false, by: "ana")
        #expect(try store.register(RegistryTests.entry("SPX-lasso", "1.0.2")).added)
        #expect(try store.verifyAudit().intact)
    }
}

/// Bearer tokens: kept as hashes, found by the token, ordered roles.
@Suite struct AccessTokenTests {
    @Test(arguments: StoreBackend.allCases) func keepsOnlyTheHashAndFindsTheRole(backend: StoreBackend) throws {
        let store = try backend.store()
        let (token, entry) = try store.createToken(role: .predict, name: "desk", by: "ana")
        #expect(token.hasPrefix("ferry_\(entry.id)_") && token.count == 6 + 8 + 1 + 64)
        #expect(entry.hash == AccessToken.hash(token) && !entry.hash.contains(token))
        #expect(try store.accessToken(matching: token)?.role == .predict)
        #expect(try store.accessToken(matching: token + "x") == nil)
        let other = try store.createToken(role: .read, name: "", by: "ana").token
        #expect(other != token)
        try store.revokeToken(id: entry.id, by: "ana")
        #expect(try store.accessToken(matching: token) == nil)
        #expect(throws: FerryError.self) { try store.revokeToken(id: entry.id, by: "ana") }
        #expect(TokenRole.read < .predict && .predict < .admin)
    }
}
