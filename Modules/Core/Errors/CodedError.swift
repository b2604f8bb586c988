/// An error that says what kind of failure it is with a ``FerryError/Code``, whatever its own
/// type: the CLI maps the code to an exit code and the server to an HTTP status, so a domain
/// error (a refused data file, an unknown hyperparameter) is classified where it is thrown.
public protocol CodedError: Error {
    /// What kind of failure this is.
    var code: FerryError.Code { get }
}

extension FerryError: CodedError {}
