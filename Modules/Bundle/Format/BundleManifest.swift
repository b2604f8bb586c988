import FerryCore
import FerryModels

/// `manifest.json`: what the bundle is, which plugin reads it, and what it was trained on.
public struct BundleManifest: Codable, Sendable, Equatable {
    /// The plugin that reads the weights.
    public struct Plugin: Codable, Sendable, Equatable {
        /// Its id.
        public let id: String
        /// The version that wrote the weights.
        public let version: SemanticVersion

        /// Names a plugin and its version.
        public init(id: String, version: SemanticVersion) {
            self.id = id
            self.version = version
        }
    }

    /// The training data.
    public struct TrainingData: Codable, Sendable, Equatable {
        /// SHA-256 over the input files' names and hashes.
        public let fingerprint: String
        /// Each input file's name, SHA-256 and size.
        public let files: [JSONValue]
        /// The first training date.
        public let first: Timestamp?
        /// The last date used (end of the test set).
        public let last: Timestamp?

        /// Describes the training data.
        public init(fingerprint: String, files: [JSONValue], first: Timestamp?, last: Timestamp?) {
            self.fingerprint = fingerprint
            self.files = files
            self.first = first
            self.last = last
        }
    }

    /// A member of a composite bundle (an ensemble's model), carried inside it as a complete
    /// bundle and named by its digest (format 2).
    public struct Member: Codable, Sendable, Equatable {
        /// The member's file in the bundle (`member-1.tar.gz`, …), in the composite's order.
        public let file: String
        /// The member bundle's SHA-256 (its digest, as `sha256sum` prints it).
        public let sha256: String
        /// The member's name and version (its folder inside its archive).
        public let name: String, version: String
        /// The plugin that reads the member.
        public let plugin: Plugin

        /// Describes a member.
        public init(file: String, sha256: String, name: String, version: String, plugin: Plugin) {
            (self.file, self.sha256, self.name, self.version, self.plugin) = (file, sha256, name, version, plugin)
        }
    }

    /// The bundle format version.
    public let formatVersion: Int
    /// The bundle's name.
    public let name: String
    /// The bundle's version.
    public let version: String
    /// The plugin.
    public let plugin: Plugin
    /// The predicted column.
    public let target: String?
    /// The training data.
    public let trainingData: TrainingData
    /// The split's sets (format 2; `nil` in format 1 bundles).
    public let splits: SplitSummary?
    /// The members a composite bundle carries, in order (format 2; `nil` for other bundles).
    /// ``BundleWriter`` fills it from ``BundleContents/members``.
    public var members: [Member]?
    /// The hyperparameters used.
    public let hyperparameters: JSONValue
    /// How they were chosen by walk-forward tuning (format 2, optional; absent when they were given).
    public var tuning: TuningRecord?
    /// The training seed.
    public let seed: UInt64
    /// When the bundle was made: from `SOURCE_DATE_EPOCH` or the data, never the clock, so exports repeat.
    public let created: Timestamp
    /// The Ferry version that wrote it.
    public let ferryVersion: String

    /// Makes a manifest for the current format version.
    public init(
        name: String, version: String, plugin: Plugin, target: String?, trainingData: TrainingData, splits: SplitSummary?,
        hyperparameters: JSONValue, seed: UInt64, created: Timestamp, ferryVersion: String
    ) {
        formatVersion = BundleLayout.formatVersion
        self.name = name
        self.version = version
        self.plugin = plugin
        self.target = target
        self.trainingData = trainingData
        self.splits = splits
        self.hyperparameters = hyperparameters
        self.seed = seed
        self.created = created
        self.ferryVersion = ferryVersion
    }

    /// The bundle's folder name: `<name>-<version>`.
    public var folder: String { "\(name)-\(version)" }
}
