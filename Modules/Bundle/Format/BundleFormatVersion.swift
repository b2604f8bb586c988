import FerryCore
import Foundation

extension BundleLayout {
    /// The format version a `manifest.json` declares (`format_version` from format 2 on,
    /// `formatVersion` in format 1), read before anything else so each file is decoded as its
    /// version spells it.
    /// - Throws: ``BundleError`` of class `integrity` when the manifest declares none, and of
    ///   class `compatibility` when it declares one this build does not read.
    static func formatVersion(ofManifest data: Data) throws -> Int {
        struct Declared: Decodable {
            let format_version: Int?
            let formatVersion: Int?
        }
        let declared: Declared
        do {
            declared = try FerryJSON.decoder().decode(Declared.self, from: data)
        } catch {
            throw BundleError.malformed(manifest, "not valid JSON, or not an object")
        }
        guard let version = declared.format_version ?? declared.formatVersion else {
            throw BundleError.malformed(manifest, "missing field format_version")
        }
        guard readableFormatVersions.contains(version) else {
            throw BundleError.compatibility(
                "format version \(version); this build reads versions \(readableFormatVersions.lowerBound) to \(readableFormatVersions.upperBound)"
            )
        }
        return version
    }
}

extension BundleLayout {
    /// `tree`, part of `file` at the path `under`, with its keys spelled as format `formatVersion`
    /// writes them (for output that shows a bundle's files as they are).
    public static func asWritten(_ tree: JSONValue, file: String, under path: [String] = [], formatVersion: Int) -> JSONValue {
        guard formatVersion >= 2 else { return tree }
        var wrapped = tree
        for key in path.reversed() { wrapped = .object([key: wrapped]) }
        var written = BundleKeys.renamed(wrapped, file: file, .toFile)
        for key in path {
            guard case let .object(fields) = written, let inner = fields[key] else { return tree }
            written = inner
        }
        return written
    }
}

extension BundleContents {
    /// Checks the fields format 2 requires that format 1 lacked (the Swift types keep them
    /// optional so format 1 bundles still read).
    /// - Throws: ``BundleError`` naming the file and field that is missing.
    func checkFormatTwoFields() throws {
        if manifest.splits == nil { throw BundleError.malformed(BundleLayout.manifest, "missing field splits") }
        if schema.targetKind == nil { throw BundleError.malformed(BundleLayout.schema, "missing field target_kind") }
        if environment.packages == nil { throw BundleError.malformed(BundleLayout.environment, "missing field packages") }
    }
}
