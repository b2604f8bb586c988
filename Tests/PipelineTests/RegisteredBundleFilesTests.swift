import FerryCore
import FerryStore
import FerryTestSupport
import Foundation
import Testing

@testable import FerryPipeline

/// A shared store keeps bundles by reference: the registered path, else the same file name in
/// this machine's bundles folder; the bytes must be the registered ones; a missing bundle with
/// no registry to pull from is named.
@Suite struct RegisteredBundleFilesTests {
    @Test func aBundleIsFoundWhereThisMachineKeepsItAndMustHoldTheRegisteredBytes() async throws {
        let folder = try TemporaryFolder("bundle-files")
        defer { folder.remove() }
        let store = try Store(path: folder.file("store/ferry.sqlite"))
        let bundle = try FixtureModel.shared().export(name: "model-f", to: folder.file("model-f.tar.gz"))
        let (entry, _) = try BundleRegistration(store: store, verifier: FixtureModel.verifier).add(bundle.path, by: "test")
        let files = RegisteredBundleFiles(store: store)
        #expect(files.folder == folder.file("store/bundles"))
        #expect(try files.required(entry).path == entry.path)

        var elsewhere = entry
        elsewhere.path = "/mnt/other-machine/bundles/" + (entry.path as NSString).lastPathComponent
        #expect(try files.required(elsewhere).path == entry.path, "the same file name in this machine's folder")
        #expect(try await files.local(elsewhere).path == entry.path)

        let other = try FixtureModel.shared().export(name: "model-g", to: folder.file("model-g.tar.gz"))
        try FileManager.default.removeItem(atPath: entry.path)
        try FileManager.default.copyItem(atPath: other.path, toPath: entry.path)
        let replaced = #expect(throws: FerryError.self) { try files.required(entry) }
        #expect(replaced?.code == .conflict)
        #expect(replaced?.message.contains("is not the bundle registered as model-f 1.0.0") == true, "\(replaced?.message ?? "")")

        try FileManager.default.removeItem(atPath: entry.path)
        let missing = #expect(throws: FerryError.self) { try files.required(entry) }
        #expect(missing?.code == .notFound)
        #expect(missing?.message.contains("model-f 1.0.0: its bundle is not on this machine") == true, "\(missing?.message ?? "")")
        await #expect(throws: FerryError.self) { try await files.local(entry) }
    }
}
