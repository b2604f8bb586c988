import FerryBundle
import FerryCore
import FerryFeatures
import FerryModels
import Foundation

/// A bundle opened for prediction by a caller with neither a store nor a command line: verified
/// once (every class), then answering rows of numbers. What an embedding front end (libferry's C
/// functions, the Python package on top of them) calls, so its numbers are the CLI's and the
/// server's to the bit.
///
/// ```swift
/// let model = try BundleModel.open(path: "bundles/SPX-lasso-1.0.0.tar.gz", trust: BundleTrust(plugins: registry))
/// let answer = try model.predict(columns: model.featureNames, rows: rows)
/// print(answer.predictions, answer.warnings)
/// ```
///
/// A model is immutable once open: one instance may predict from many threads at once.
public final class BundleModel: Sendable {
    /// The bundle's name, version, plugin and target, as its manifest says.
    public let name: String, version: String, pluginID: String, pluginVersion: String, target: String?
    /// What the target measures (direction or return).
    public let targetKind: TargetKind
    /// The SHA-256 of the bundle's bytes, hex.
    public let digest: String
    /// The id of the key that signed it, or `nil` when unsigned.
    public let signer: String?
    /// Every verification class with its verdict.
    public let verification: VerificationReport
    /// The features the model reads, in order.
    public var featureNames: [String] { aligner.featureNames }

    private let model: any TrainedModel
    private let aligner: RowAligner

    /// The largest bundle ``open(bytes:trust:)`` takes: 512 MiB, as the server's uploads.
    public static let maximumBytes = 512 << 20

    private init(digest: String, opened: OpenedBundle, model: any TrainedModel, verification: VerificationReport) {
        let manifest = opened.contents.manifest
        (name, version, pluginID, pluginVersion) = (
            manifest.name, manifest.version, manifest.plugin.id, manifest.plugin.version.description
        )
        target = manifest.target
        targetKind = opened.contents.schema.resolvedTargetKind
        (self.digest, signer, self.verification, self.model) = (digest, opened.signer, verification, model)
        aligner = RowAligner(schema: model.schema)
    }

    /// Opens the bundle at `path`, verifying every class first.
    /// - Throws: ``FerryError`` `notFound` for a missing file; ``BundleError`` of the first failed class.
    public static func open(path: String, trust: BundleTrust) throws -> BundleModel {
        let (opened, model, report) = try BundleLoader.loadReporting(path, verifier: try trust.verifier())
        return BundleModel(digest: try BundleDigest.sha256(of: path), opened: opened, model: model, verification: report)
    }

    /// Opens a bundle held in memory (written to a private temporary file, removed before returning).
    /// - Throws: ``FerryError`` `invalidArgument` for more than ``maximumBytes``; as ``open(path:trust:)`` otherwise.
    public static func open(bytes: [UInt8], trust: BundleTrust) throws -> BundleModel {
        guard bytes.count <= maximumBytes else {
            throw FerryError(.invalidArgument, "a bundle of \(bytes.count) bytes is over the \(maximumBytes)-byte limit")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bundle.tar.gz")
        do {
            try Data(bytes).write(to: file)
        } catch {
            throw FerryError(.io, "\(file.path): cannot be written (\(error.localizedDescription))", cause: error)
        }
        return try open(path: file.path, trust: trust)
    }

    /// Predicts `rows` (each in `columns` order), aligned to the schema with the bundle's own
    /// policies: a missing feature filled with 0 and an extra column dropped, each reported, or
    /// both refused when `strict`. Warnings name fields as `rows[3].sma_5` (rows from 0).
    /// - Returns: One prediction per row (not finite where the model gave none), and the warnings.
    /// - Throws: ``FerryError`` `invalidData` naming the row and field that do not fit.
    public func predict(columns: [String], rows: [[Double]], strict: Bool = false) throws -> (predictions: [Double], warnings: [String]) {
        let aligned = try aligner.align(columns: columns, rows: rows, strict: strict)
        return (try model.predict(aligned.frame), aligned.report.servedWarnings(featureCount: featureNames.count))
    }
}
