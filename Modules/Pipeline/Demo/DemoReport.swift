import FerryBundle
import FerryCore
import FerryData
import FerryStore

/// What `ferry demo` did with the embedded data, step by step; printed for people or as JSON.
public struct DemoReport: Codable, Sendable {
    /// One loaded file.
    public struct LoadedFile: Codable, Sendable {
        /// The file's path.
        public let file: String
        /// The instrument or series name.
        public let instrument: String
        /// `prices` or `macro`.
        public let kind: String
        /// Validated rows.
        public let rows: Int
        /// First date.
        public let first: Timestamp
        /// Last date.
        public let last: Timestamp
        /// Typical step.
        public let frequency: Frequency?
        /// Dates a macro series lists without a value.
        public let missingValues: Int
    }

    /// The macro series laid onto the primary instrument's dates.
    public struct Alignment: Codable, Sendable {
        /// The macro series.
        public let series: String
        /// The instrument whose dates it was laid onto.
        public let onto: String
        /// The policy used.
        public let policy: CalendarAlignment
        /// Dates with a same-day observation.
        public let sameDay: Int
        /// Dates filled from an earlier observation.
        public let forwardFilled: Int
        /// Dates left missing.
        public let missing: Int
    }

    /// The feature table computed from the primary instrument.
    public struct Features: Codable, Sendable {
        /// Feature columns, in order.
        public let names: [String]
        /// Target columns.
        public let targets: [String]
        /// Rows kept after the warm-up.
        public let rows: Int
        /// Warm-up rows dropped.
        public let droppedWarmUpRows: Int
    }

    /// One set of rows of a split or fold.
    public struct RowSet: Codable, Sendable {
        /// How many rows.
        public let rows: Int
        /// The first row's date.
        public let first: Timestamp
        /// The last row's date.
        public let last: Timestamp

        init(_ range: Range<Int>, of timestamps: [Timestamp]) {
            rows = range.count
            first = timestamps[range.lowerBound]
            last = timestamps[range.upperBound - 1]
        }
    }

    /// One walk-forward fold.
    public struct Fold: Codable, Sendable {
        /// The fold's number.
        public let number: Int
        /// Its training rows.
        public let train: RowSet
        /// Its test rows.
        public let test: RowSet
    }

    /// The data folder read.
    public let dataDirectory: String
    /// Every file loaded and validated.
    public let files: [LoadedFile]
    /// The instrument split and modelled.
    public let primary: String
    /// The macro join.
    public let alignment: Alignment
    /// The features computed on the primary instrument, with the macro series as reference.
    public let features: Features
    /// Rows purged before each evaluation set (the longest target horizon).
    public let splitGap: Int
    /// The chronological split's sets of feature rows, by name (`train`, `validation`, `test`).
    public let split: [String: RowSet]
    /// The walk-forward folds over the training and validation rows.
    public let walkForward: [Fold]
    /// The training run: the model, its evaluation against the baselines, where it is kept.
    public let run: RunRecord
    /// The exported bundle's path.
    public let bundle: String
    /// The bundle's verification.
    public let verification: VerificationReport
    /// The bundled model's monitoring status on the test split.
    public let monitoring: MonitorReport
    /// The store the demo registered its bundle in.
    public let store: String
    /// The bundle's registry entry.
    public let registered: RegisteredBundle
    /// The daily batch run with the registered model.
    public let batch: BatchJob.Outcome
}
