import FerryCore
import Logging

/// A model type Ferry can train, export and load: the one protocol a plugin implements.
///
/// A plugin is a type with a stable ``id`` and a ``version``; its hyperparameters are a Codable
/// value with defaults and validation. Bundles name the plugin id and version that reads them,
/// and never carry code: a front end loads only the plugins it was built with.
public protocol ModelPlugin: Sendable {
    /// The plugin's hyperparameters, with a default for each.
    associatedtype Hyperparameters: PluginHyperparameters

    /// A stable, lowercase id such as `lasso`, written into every bundle the plugin makes.
    static var id: String { get }

    /// The plugin's version; a bundle is readable by the same major version, same or newer.
    static var version: SemanticVersion { get }

    /// One line saying what the model is, for `ferry plugins list` and model cards.
    static var summary: String { get }

    /// Whether the plugin is a naive baseline that evaluations report beside every model.
    static var isBaseline: Bool { get }

    /// Whether a baseline applies to a target with these training values (a majority class needs
    /// a 0/1 target); an evaluation leaves out, without reporting it skipped, one that does not.
    static func applies(toTarget values: [Double]) -> Bool

    /// Trains a model; deterministic for a given `context.seed` and data.
    static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws
        -> any TrainedModel

    /// Rebuilds a trained model from its tensors; throws ``TensorError`` for a tensor it does not expect.
    static func load(tensors: [String: Tensor], hyperparameters: Hyperparameters, schema: FeatureSchema) throws
        -> any TrainedModel
}

extension ModelPlugin {
    /// Whether the plugin is a naive baseline that evaluations report beside every model (false unless a plugin says so).
    public static var isBaseline: Bool { false }

    /// Every target (unless a plugin says otherwise).
    public static func applies(toTarget values: [Double]) -> Bool { true }
}

/// A plugin's hyperparameters: Codable, with defaults, and validated before use.
public protocol PluginHyperparameters: Codable, Sendable, Equatable {
    /// The defaults.
    init()

    /// Throws a ``HyperparameterError`` naming the field and its allowed range when a value is out of it.
    func validate() throws
}

/// A hyperparameter was refused: a value out of its allowed range (what a plugin's `validate()`
/// throws), a name the plugin does not have, or a value of the wrong type.
public struct HyperparameterError: CodedError, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with it; new kinds can be added without breaking callers.
    public struct Problem: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The value is outside ``allowed``.
        public static let outOfRange = Problem(rawValue: "out_of_range")
        /// The plugin has no hyperparameter named ``field``; ``allowed`` lists the ones it has.
        public static let unknownName = Problem(rawValue: "unknown_name")
        /// The value is not of the field's type (``allowed`` says which: a number, true or false).
        public static let wrongType = Problem(rawValue: "wrong_type")
    }

    /// The field at fault.
    public let field: String
    /// The value given, as text.
    public let value: String
    /// What is allowed, such as `> 0`, `1...10000`, `a number`, or the known names.
    public let allowed: String
    /// What is wrong.
    public let problem: Problem

    /// A value out of its allowed range.
    public init(field: String, value: String, allowed: String) {
        self.init(field: field, value: value, allowed: allowed, problem: .outOfRange)
    }

    private init(field: String, value: String, allowed: String, problem: Problem) {
        self.field = field
        self.value = value
        self.allowed = allowed
        self.problem = problem
    }

    /// A name the plugin does not have; `known` are the names it has.
    public static func unknownName(_ field: String, value: String, known: [String]) -> Self {
        Self(field: field, value: value, allowed: known.sorted().joined(separator: ", "), problem: .unknownName)
    }

    /// A value that is not of the field's type, `expected` (`a number`, `true or false`).
    public static func wrongType(_ field: String, value: String, expected: String) -> Self {
        Self(field: field, value: value, allowed: expected, problem: .wrongType)
    }

    /// `invalidArgument`: the caller gave it.
    public var code: FerryError.Code { .invalidArgument }

    public var description: String {
        switch problem {
        case .wrongType: return "hyperparameter '\(field)' = \(value) is not \(allowed)"
        case .unknownName:
            let known = allowed.components(separatedBy: ", ")
            let hint = ClosestName.to(field, in: known).map { "did you mean \($0)? " } ?? ""
            return "unknown hyperparameter '\(field)'; \(hint)(known: \(allowed))"
        default: return "hyperparameter '\(field)' = \(value) is out of range (allowed: \(allowed))"
        }
    }
}

/// A trained model: predicts, and hands over its parameters as named tensors.
public protocol TrainedModel: Sendable {
    /// The features the model reads, in order.
    var schema: FeatureSchema { get }

    /// One prediction per row of `features`, whose columns follow ``schema``.
    func predict(_ features: Frame) throws -> [Double]

    /// The prediction for the last row of `features` alone: the serving case of a model that reads
    /// a window of rows (the LSTM family), which then need not predict every row before it.
    /// Defaults to the last of ``predict(_:)``.
    func predictLast(_ features: Frame) throws -> Double

    /// Every parameter, by name, for `weights.safetensors`.
    var tensors: [String: Tensor] { get }

    /// The largest difference between this model's outputs and a reload's on another machine
    /// that still counts as the same model: the golden outputs' tolerance.
    var goldenTolerance: Double { get }
}

extension TrainedModel {
    /// 1e-9: a model computed in `Double` with a fixed order of operations repeats itself closely.
    public var goldenTolerance: Double { 1e-9 }

    /// The last of ``predict(_:)`` (`nan` for no rows).
    public func predictLast(_ features: Frame) throws -> Double { try predict(features).last ?? .nan }
}

/// A model that also predicts straight from rows laid out one after another in schema order,
/// without a `Frame` (FerryCore): the fast path an embedding front end (libferry, Python) takes
/// for a large block of rows whose columns are already the schema's. It must give, to the bit,
/// what ``TrainedModel/predict(_:)`` gives for the same rows.
public protocol RowMajorPredicting: TrainedModel {
    /// Writes one prediction per row of `values` (`rowCount` rows of `schema.features.count`
    /// finite values each) into `predictions`.
    func predict(rowMajor values: UnsafeBufferPointer<Double>, rowCount: Int, into predictions: UnsafeMutableBufferPointer<Double>)
}

/// What a plugin trains on: a feature frame and the target aligned with its rows.
public struct TrainingData: Sendable {
    /// The features, one column per schema feature.
    public let features: Frame
    /// The value to predict, one per row.
    public let target: [Double]

    /// Pairs features with a target; throws `FrameError` (FerryCore) when their lengths differ.
    public init(features: Frame, target: [Double]) throws {
        guard target.count == features.rowCount else {
            throw FrameError.lengthMismatch(column: "target", expected: features.rowCount, actual: target.count)
        }
        self.features = features
        self.target = target
    }
}

/// What a training run gives a plugin besides data: a seed, a logger and a place to report progress.
public struct TrainingContext: Sendable {
    /// The seed every random choice derives from.
    public let seed: UInt64
    /// Where the plugin logs.
    public let logger: Logger
    /// Called with the share of training done, from 0 to 1.
    public let progress: @Sendable (Double) -> Void
    /// The plugins of this build, for plugins made of other plugins (an ensemble trains its members by id).
    public var plugins: PluginRegistry?

    /// Makes a context; progress is ignored unless a handler is given.
    public init(
        seed: UInt64 = 42, logger: Logger = Logger(label: "ferry.train"), progress: @escaping @Sendable (Double) -> Void = { _ in },
        plugins: PluginRegistry? = nil
    ) {
        self.seed = seed
        self.logger = logger
        self.progress = progress
        self.plugins = plugins
    }
}

/// The training data does not suit a plugin (a column it needs is missing, a target is not 0/1, ...).
public struct TrainingDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the column or row.
    public let message: String

    /// Makes the error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// A plugin whose models are built from other plugins' models (an ensemble).
///
/// ``PluginRegistry/load(id:tensors:hyperparameters:schema:)`` calls the registry-aware `load`
/// below, so members are rebuilt through the same registry; the plain `load` is never enough.
///
/// Member `k`'s tensors are named with ``MemberTensors/prefix(_:)`` (`member.<k>.`) among the
/// composite's own, so a bundle can carry each member as a bundle of its own and the loader can
/// put the names back together.
public protocol CompositeModelPlugin: ModelPlugin {
    /// Rebuilds a model and its members from its tensors, through `registry`.
    static func load(tensors: [String: Tensor], hyperparameters: Hyperparameters, schema: FeatureSchema, registry: PluginRegistry) throws
        -> any TrainedModel

    /// The member plugins' ids, in order, for these hyperparameters.
    static func memberIDs(_ hyperparameters: Hyperparameters) -> [String]
}

/// How a composite names its members' tensors among its own.
public enum MemberTensors {
    /// Where member `position` (from 0) keeps its tensors: `member.<position>.<name>`.
    public static func prefix(_ position: Int) -> String { "member.\(position)." }
}
