import Crypto
import FerryCore
import FerryModels
import Foundation

/// Checks a bundle in four classes, in order: integrity (structure, checksums), authenticity
/// (signature against trusted keys), compatibility (format version, plugin, environment) and
/// behaviour (loads, reproduces the golden outputs). A class that cannot run because an earlier
/// one failed is reported as not checked.
public struct BundleVerifier: Sendable {
    /// The plugins this build has.
    public let registry: PluginRegistry
    /// Public keys the user trusts (raw Ed25519 bytes, as ``SigningKeys/trustedKeys(in:)`` reads them), by key id;
    /// `nil` when no trusted keys were given.
    public var trustedKeys: [String: Data]?
    /// Refuse unsigned bundles.
    public var requireSignature = false
    /// Pass a bundle whose plugin this build lacks after integrity and authenticity, leaving
    /// compatibility and behaviour (reported as not checked) to whoever loads it: what a push
    /// from a machine without a team's plugin needs. Off for `ferry verify` and every load.
    public var leavesMissingPluginToLoader = false
    /// The key ids of trusted signatures checked outside the bundle (an OCI referrer signature over
    /// the pushed manifest, which names the bundle's digest): they stand in for a signature inside.
    public var outsideSigners: [String] = []
    /// The environment to compare against.
    public var environment: EnvironmentManifest
    /// How the archive is read (its weights-in-memory limit, for instance).
    public var reader = BundleReader()

    /// Makes a verifier for this build's plugins and environment.
    public init(registry: PluginRegistry, environment: EnvironmentManifest) {
        self.registry = registry
        self.environment = environment
    }

    /// The report on the bundle at `path`; with it, on success, the opened bundle and its loaded model.
    public func verify(_ path: String) -> (report: VerificationReport, bundle: OpenedBundle?, model: (any TrainedModel)?) {
        verify(path, growing: nil)
    }

    /// ``verify(_:)`` of a bundle still being downloaded to `file.path`: the integrity check reads
    /// it as it grows, so verifying overlaps the download; the other classes follow once it is complete.
    public func verify(growing file: GrowingFile) -> (report: VerificationReport, bundle: OpenedBundle?, model: (any TrainedModel)?) {
        verify(file.path, growing: file)
    }

    private func verify(_ path: String, growing: GrowingFile?) -> (
        report: VerificationReport, bundle: OpenedBundle?, model: (any TrainedModel)?
    ) {
        var checks: [VerificationReport.Check] = []
        let opened: OpenedBundle
        do {
            opened = try growing.map(reader.read(growing:)) ?? reader.read(path)
            checks.append(.init(.integrity, passed: true, detail: "structure and every SHA-256 in checksums.sha256 match"))
        } catch let error as BundleError where error.failing == .compatibility {
            // A format version this build does not read: the checksums matched, the rest cannot be read.
            checks.append(.init(.integrity, passed: true, detail: "structure and every SHA-256 in checksums.sha256 match"))
            checks.append(.init(.authenticity, passed: false, detail: "not checked (the format version is unknown)", checked: false))
            checks.append(.init(error))
            return (VerificationReport(bundle: path, checks: checks + Self.notChecked(after: .compatibility), signer: nil), nil, nil)
        } catch {
            checks.append(.init(error))
            return (VerificationReport(bundle: path, checks: checks + Self.notChecked(after: .integrity), signer: nil), nil, nil)
        }
        let contents = opened.contents
        let signer = opened.signature?.keyID
        if let failure = authenticity(opened, into: &checks) {
            return (VerificationReport(bundle: path, checks: checks + Self.notChecked(after: failure), signer: signer), opened, nil)
        }
        if leavesMissingPluginToLoader, (try? registry.plugin(id: contents.manifest.plugin.id)) == nil {
            let left = "not checked: plugin \(contents.manifest.plugin.id) is not in this build; whoever loads the bundle checks it"
            checks.append(.init(.compatibility, passed: true, detail: left, checked: false))
            checks.append(.init(.behaviour, passed: true, detail: left, checked: false))
            return (VerificationReport(bundle: path, checks: checks, signer: signer), opened, nil)
        }
        do {
            try checkCompatibility(contents, into: &checks)
        } catch {
            checks.append(.init(error))
            return (VerificationReport(bundle: path, checks: checks + Self.notChecked(after: .compatibility), signer: signer), opened, nil)
        }
        do {
            let model = try loadAndReproduce(opened)
            checks.append(
                .init(
                    .behaviour, passed: true,
                    detail: "loaded; \(contents.golden.outputs.count) golden outputs reproduced within \(contents.golden.tolerance)"
                        + (opened.members.isEmpty ? "" : ", and each of its \(opened.members.count) members' own")))
            return (VerificationReport(bundle: path, checks: checks, signer: signer), opened, model)
        } catch {
            checks.append(.init(error))
            return (VerificationReport(bundle: path, checks: checks, signer: signer), opened, nil)
        }
    }

    private func authenticity(_ opened: OpenedBundle, into checks: inout [VerificationReport.Check]) -> BundleError.Class? {
        if !outsideSigners.isEmpty, opened.signature.map({ trustedKeys?[$0.keyID] == nil }) ?? true {
            let inside = opened.signature.map { "; the signature inside, by key \($0.keyID), is not by a trusted key" } ?? ""
            checks.append(
                .init(
                    .authenticity, passed: true,
                    detail:
                        "signed by trusted key \(outsideSigners.joined(separator: ", ")) over the pushed manifest (OCI referrer)\(inside)"))
            return nil
        }
        guard let signature = opened.signature else {
            checks.append(
                .init(
                    .authenticity, passed: !requireSignature,
                    detail: requireSignature ? "unsigned, and a signature is required" : "unsigned"))
            return requireSignature ? .authenticity : nil
        }
        guard signature.algorithm == "ed25519", let raw = Data(base64Encoded: signature.signature) else {
            checks.append(.init(.authenticity, passed: false, detail: "signature.ed25519 is not an Ed25519 signature"))
            return .authenticity
        }
        guard let trustedKeys else {
            checks.append(
                .init(
                    .authenticity, passed: !requireSignature,
                    detail: "signed by key \(signature.keyID); no trusted keys given, so not verified"))
            return requireSignature ? .authenticity : nil
        }
        guard let rawKey = trustedKeys[signature.keyID], let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawKey) else {
            checks.append(
                .init(
                    .authenticity, passed: false,
                    detail: "signed by key \(signature.keyID), which is not among the \(trustedKeys.count) trusted keys"))
            return .authenticity
        }
        guard key.isValidSignature(raw, for: opened.checksums) else {
            checks.append(
                .init(.authenticity, passed: false, detail: "the signature by key \(signature.keyID) does not match checksums.sha256"))
            return .authenticity
        }
        checks.append(.init(.authenticity, passed: true, detail: "signed by trusted key \(signature.keyID)"))
        return nil
    }

    private static func notChecked(after failing: BundleError.Class) -> [VerificationReport.Check] {
        let all = BundleError.Class.allCases
        guard let position = all.firstIndex(of: failing) else { return [] }
        return all[(position + 1)...].map { .init($0, passed: false, detail: "not checked (\(failing.rawValue) failed)", checked: false) }
    }
}

/// What `ferry verify` reports: one pass/fail line per class, with the reason.
public struct VerificationReport: Codable, Sendable {
    /// One class's result.
    public struct Check: Codable, Sendable {
        /// Which class.
        public let check: BundleError.Class
        /// Whether it passed.
        public let passed: Bool
        /// Why, in words.
        public let detail: String
        /// Whether it ran at all.
        public let checked: Bool

        init(_ check: BundleError.Class, passed: Bool, detail: String, checked: Bool = true) {
            self.check = check
            self.passed = passed
            self.detail = detail
            self.checked = checked
        }

        init(_ error: any Error) {
            let bundleError = error as? BundleError
            self.init(bundleError?.failing ?? .integrity, passed: false, detail: "\(error)")
        }
    }

    /// The bundle's path.
    public let bundle: String
    /// The four checks, in order.
    public let checks: [Check]
    /// The signer's key id, when signed.
    public let signer: String?

    /// Whether every class passed.
    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// The first failing class, if any.
    public var firstFailure: BundleError.Class? { checks.first { !$0.passed }?.check }

    /// The first failing check as the error a load throws (integrity when none says more).
    public var failureError: BundleError {
        let failure = checks.first { !$0.passed }
        return BundleError(failure?.check ?? .integrity, failure?.detail ?? "the bundle did not verify")
    }

    /// `ferry verify`'s exit code: 0 when all pass, else 10 integrity, 11 authenticity, 12 compatibility, 13 behaviour.
    public var exitCode: Int32 { firstFailure?.exitCode ?? 0 }
}

/// The one call every front end loads a bundle with: verify everything, then hand over the model.
public enum BundleLoader {
    /// The verified bundle at `path` and its ready model; throws the first failing check as a ``BundleError``.
    public static func load(_ path: String, verifier: BundleVerifier) throws -> (bundle: OpenedBundle, model: any TrainedModel) {
        let loaded = try loadReporting(path, verifier: verifier)
        return (loaded.bundle, loaded.model)
    }

    /// ``load(_:verifier:)`` with the verification report of the classes that all passed.
    public static func loadReporting(_ path: String, verifier: BundleVerifier) throws
        -> (bundle: OpenedBundle, model: any TrainedModel, report: VerificationReport)
    {
        try requireFile(path)
        let (report, bundle, model) = verifier.verify(path)
        guard report.passed, let bundle, let model else { throw report.failureError }
        return (bundle, model, report)
    }

    /// Throws ``FerryError`` `notFound` when there is no file at `path`: a missing input, not a
    /// bundle that failed its integrity check.
    public static func requireFile(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw FerryError(.notFound, "\(path): no such bundle file")
        }
    }
}
