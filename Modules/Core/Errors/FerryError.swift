/// An error from one of Ferry's libraries: a ``Code`` that says what kind of failure it is, a
/// message naming the thing at fault (the file, field, model or run), and the error underneath.
///
/// Front ends never parse messages: the CLI maps ``code`` to an exit code and the server to an
/// HTTP status, each in one exhaustive switch.
///
/// ```swift
/// do {
///     try store.resolve(ModelReference("SPX-lasso@champion"))
/// } catch let error as FerryError where error.code == .notFound {
///     print(error.message)   // "SPX-lasso has no alias or version 'champion'"
/// }
/// ```
///
/// After swift-nio's `FileSystemError`: the stored parts stay private so fields can be added
/// without breaking callers. ``Code`` is a public enum on purpose: the two mappings switch over
/// it without a `default`, so a new code does not compile until both say what it means.
public struct FerryError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure an error is; front ends map it to exit codes and HTTP statuses.
    public enum Code: String, Sendable, CaseIterable, Codable {
        /// A value the caller gave is not acceptable (a name, a reference, a hyperparameter, a date).
        case invalidArgument
        /// Input data was refused (a file's or a request's content).
        case invalidData
        /// What was asked for does not exist (a model, a version, a run, a file).
        case notFound
        /// The request contradicts what is already there (a version registered with other bytes).
        case conflict
        /// The request is well formed but not allowed in the current state (an archived version).
        case refused
        /// A dependency is not available right now (a model that cannot be loaded, a busy store).
        case unavailable
        /// A file could not be read or written.
        case io
        /// A fault inside Ferry: a bug to report.
        case `internal`
    }

    private struct Storage: Sendable {
        var code: Code
        var message: String
        var field: String?
        var cause: (any Error & Sendable)?
    }

    private var storage: Storage

    /// Makes an error of `code`.
    /// - Parameters:
    ///   - code: What kind of failure this is; front ends map it to an exit code or HTTP status.
    ///   - message: What is wrong, naming the thing at fault; never a command-line flag.
    ///   - field: The input field at fault, when there is one (`rows[3].sma_5`, `alpha`).
    ///   - cause: The underlying error.
    public init(_ code: Code, _ message: String, field: String? = nil, cause: (any Error & Sendable)? = nil) {
        storage = Storage(code: code, message: message, field: field, cause: cause)
    }

    /// What kind of failure this is.
    public var code: Code { storage.code }
    /// What is wrong.
    public var message: String { storage.message }
    /// The input field at fault, if any.
    public var field: String? { storage.field }
    /// The error underneath, if any.
    public var cause: (any Error)? { storage.cause }

    public var description: String { storage.message }
}

extension FerryError {
    /// An invalid argument, naming `field`.
    public static func invalidArgument(_ message: String, field: String? = nil) -> FerryError {
        FerryError(.invalidArgument, message, field: field)
    }
    /// Input data refused.
    public static func invalidData(_ message: String, field: String? = nil) -> FerryError {
        FerryError(.invalidData, message, field: field)
    }
    /// Something asked for does not exist.
    public static func notFound(_ message: String) -> FerryError { FerryError(.notFound, message) }
    /// A clash with what is there.
    public static func conflict(_ message: String) -> FerryError { FerryError(.conflict, message) }
    /// Not allowed in the current state.
    public static func refused(_ message: String) -> FerryError { FerryError(.refused, message) }
}
