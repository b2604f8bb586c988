import Crypto
import FerryBaselines
import FerryBundle
import FerryCore
import FerryLinear
import FerryModels
import FerryPipeline
import FerryTestSupport
import Foundation
import Logging

/// A real bundle exported from a small training run, and helpers to tamper with copies of it.
struct BundleFixture {
    static let repository = TestRepository.root
    static let registry = FixtureModel.registry

    let directory: String
    let path: String

    /// Trains ridge on the fixture table and exports it into a fresh temporary folder.
    init(name: String = "fixture") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-bundle-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = (directory as NSString).appendingPathComponent("\(name).tar.gz")
        try FixtureModel.shared().export(to: path)
    }

    /// A fixture over a bundle already at `path`, with tampered copies written into `directory`.
    init(existing path: String, directory: String) {
        self.path = path
        self.directory = directory
    }

    static func train() throws -> TrainingOutcome { try FixtureModel.job.run(registry: registry, logger: FixtureModel.quietLogger) }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    var verifier: BundleVerifier {
        BundleVerifier(registry: Self.registry, environment: .current(ferryVersion: FerryVersion.current, plugins: [:]))
    }

    /// The bundle's files, by path inside the archive.
    var entries: [(String, Data)] { CraftedArchive.files(path) }

    /// A copy at a new path with `change` applied to the entries; `rehash` recomputes checksums.sha256 afterwards.
    func tampered(_ name: String, rehash: Bool = false, _ change: (inout [(String, Data)]) -> Void) -> String {
        var files = entries
        change(&files)
        if rehash, let index = files.firstIndex(where: { $0.0.hasSuffix("/checksums.sha256") }) {
            let listed = files.filter { !$0.0.hasSuffix("/checksums.sha256") && !$0.0.hasSuffix("/signature.ed25519") }
                .map { (($0.0 as NSString).lastPathComponent, $0.1) }.sorted { $0.0 < $1.0 }
            let text = listed.map { "\(SHA256.hash(data: $0.1).map { String(format: "%02x", $0) }.joined())  \($0.0)\n" }.joined()
            files[index].1 = Data(text.utf8)
        }
        let out = (directory as NSString).appendingPathComponent("\(name).tar.gz")
        CraftedArchive.write(files.map { .init(name: $0.0, kind: .file($0.1)) }, to: out)
        return out
    }

    /// A copy whose file `file` is replaced by `data`, checksums recomputed so only the content is wrong.
    func replacing(_ file: String, with data: Data, as name: String) -> String {
        tampered(name, rehash: true) { files in
            if let index = files.firstIndex(where: { $0.0.hasSuffix("/\(file)") }) { files[index].1 = data }
        }
    }

    var folder: String { (entries.first?.0 as NSString?)?.pathComponents.first ?? "" }
}
