import FerryCore
import Foundation

/// How a bundle file spells its keys. Format 2 writes every key in `snake_case`; the Swift types
/// keep their own names, and the few whose names differ are renamed here, by file and by the
/// path of the object that holds them, so that keys which are data (feature names, plugin ids,
/// hyperparameters, metric names) are never touched. Format 1 files are read as written.
///
/// Files written from Swift types are renamed by the coder's key strategy (which keeps a seed's
/// 64 bits exact); files kept as a ``JSONValue`` tree (the schema with its pipeline, the metrics)
/// are renamed in the tree, since JSON coders leave the keys of a `[String: …]` as they are.
enum BundleKeys {
    /// One field whose name in a format 2 file differs from its Swift name.
    struct Rename: Sendable {
        /// The file the field is in.
        let file: String
        /// The keys leading to the object that holds it; `*` stands for any array position.
        let parent: [String]
        /// Its Swift name (and its name in format 1).
        let swift: String
        /// Its name in format 2.
        let written: String
    }

    /// Every rename format 2 makes.
    static let renames: [Rename] = [
        Rename(file: BundleLayout.manifest, parent: [], swift: "formatVersion", written: "format_version"),
        Rename(file: BundleLayout.manifest, parent: [], swift: "ferryVersion", written: "ferry_version"),
        Rename(file: BundleLayout.manifest, parent: [], swift: "trainingData", written: "training_data"),
        Rename(file: BundleLayout.schema, parent: [], swift: "targetKind", written: "target_kind"),
        Rename(file: BundleLayout.schema, parent: [], swift: "missingFeaturePolicy", written: "missing_feature_policy"),
        Rename(file: BundleLayout.schema, parent: [], swift: "extraColumnPolicy", written: "extra_column_policy"),
        Rename(file: BundleLayout.schema, parent: ["features", "*"], swift: "trainingRange", written: "training_range"),
        Rename(file: BundleLayout.schema, parent: ["features", "*"], swift: "trainingQuantiles", written: "training_quantiles"),
        Rename(file: BundleLayout.schema, parent: ["pipeline"], swift: "dropWarmUp", written: "drop_warm_up"),
        Rename(file: BundleLayout.metrics, parent: ["evaluation"], swift: "skippedBaselines", written: "skipped_baselines"),
        Rename(file: BundleLayout.metrics, parent: ["evaluation"], swift: "financialSkipped", written: "financial_skipped"),
        Rename(file: BundleLayout.signature, parent: [], swift: "keyID", written: "key_id"),
    ]

    /// An encoder writing `file` in the current format's spelling.
    static func encoder(file: String) -> JSONEncoder {
        let encoder = FerryJSON.encoder(pretty: true)
        let renames = renames.filter { $0.file == file }
        guard !renames.isEmpty else { return encoder }
        encoder.keyEncodingStrategy = .custom { path in
            rename(path, renames) { $0.swift == $1 ? $0.written : nil }
        }
        return encoder
    }

    /// A decoder reading `file` as format `formatVersion` spells it, into the Swift names.
    static func decoder(file: String, formatVersion: Int) -> JSONDecoder {
        let decoder = FerryJSON.decoder()
        let renames = renames.filter { $0.file == file }
        guard formatVersion >= 2, !renames.isEmpty else { return decoder }
        decoder.keyDecodingStrategy = .custom { path in
            rename(path, renames) { $0.written == $1 ? $0.swift : nil }
        }
        return decoder
    }

    /// The direction of a rename.
    enum Direction {
        /// From the Swift names to the file's.
        case toFile
        /// From the file's names to the Swift names.
        case toSwift
    }

    /// `tree` with the keys of `file` renamed in `direction` (format 2's spelling on the file's side).
    static func renamed(_ tree: JSONValue, file: String, _ direction: Direction) -> JSONValue {
        let renames = renames.filter { $0.file == file }
        func walk(_ value: JSONValue, parent: [String]) -> JSONValue {
            switch value {
            case let .array(items): return .array(items.map { walk($0, parent: parent + ["*"]) })
            case let .object(fields):
                var renamedFields: [String: JSONValue] = [:]
                for (key, field) in fields {
                    let rule = renames.first { $0.parent == parent && (direction == .toFile ? $0.swift : $0.written) == key }
                    let newKey = rule.map { direction == .toFile ? $0.written : $0.swift } ?? key
                    // Parents are spelled alike in both directions (no rule renames a container).
                    renamedFields[newKey] = walk(field, parent: parent + [key])
                }
                return .object(renamedFields)
            default: return value
            }
        }
        return renames.isEmpty ? tree : walk(tree, parent: [])
    }

    /// `path` (Swift names) as `file` spells it in format `formatVersion`, such as `features[0].training_range`, for error messages.
    static func spelled(_ path: [any CodingKey], file: String, formatVersion: Int) -> String {
        let renames = formatVersion >= 2 ? renames.filter { $0.file == file } : []
        return path.indices.reduce(into: "") { text, end in
            if let position = path[end].intValue {
                text += "[\(position)]"
                return
            }
            let name = rename(Array(path[...end]), renames) { $0.swift == $1 ? $0.written : nil }.stringValue
            text += text.isEmpty ? name : ".\(name)"
        }
    }

    /// The last key of `path`, renamed when a rule matches it and the path of its parent.
    private static func rename(_ path: [any CodingKey], _ renames: [Rename], _ match: (Rename, String) -> String?) -> any CodingKey {
        guard let key = path.last else { return NamedKey("") }
        let parent = path.dropLast().map { $0.intValue == nil ? $0.stringValue : "*" }
        for rule in renames where rule.parent == parent {
            if let renamed = match(rule, key.stringValue) { return NamedKey(renamed) }
        }
        return key
    }

    /// A key made from a name.
    private struct NamedKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { nil }
    }
}
