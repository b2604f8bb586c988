/// The embedded data folder was not found.
public struct EmbeddedDataError: CodedError, Sendable, CustomStringConvertible {
    /// Every folder looked in.
    public let searched: [String]
    /// The file that marks the data folder.
    public let file: String

    /// `notFound`: the data folder is an input that was not found.
    public var code: FerryError.Code { .notFound }

    /// Makes the error.
    package init(searched: [String], file: String) {
        self.searched = searched
        self.file = file
    }

    public var description: String {
        "no embedded data (\(file)) in: \(searched.joined(separator: ", ")); name the data folder or set FERRY_DATA"
    }
}
