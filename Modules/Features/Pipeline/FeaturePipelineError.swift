/// A feature pipeline description cannot be used as written.
public struct FeaturePipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Equatable {
        case wrongParameterCount(kind: String, expected: [String], given: Int)
        case parameterOutOfRange(kind: String, parameter: String, value: Int, allowed: String)
        case duplicateName(String)
        case needsReference(String)
        case tooFewRows(rows: Int, warmUp: Int)
        case unsupportedVersion(Int)
    }

    private let kind: Kind

    static func wrongParameterCount(kind: String, expected: [String], given: Int) -> Self {
        Self(kind: .wrongParameterCount(kind: kind, expected: expected, given: given))
    }

    static func parameterOutOfRange(kind: String, parameter: String, value: Int, allowed: String) -> Self {
        Self(kind: .parameterOutOfRange(kind: kind, parameter: parameter, value: value, allowed: allowed))
    }

    static func duplicateName(_ name: String) -> Self { Self(kind: .duplicateName(name)) }

    static func needsReference(_ name: String) -> Self { Self(kind: .needsReference(name)) }

    static func tooFewRows(rows: Int, warmUp: Int) -> Self { Self(kind: .tooFewRows(rows: rows, warmUp: warmUp)) }

    static func unsupportedVersion(_ version: Int) -> Self { Self(kind: .unsupportedVersion(version)) }

    public var description: String {
        switch kind {
        case let .wrongParameterCount(kind, expected, given):
            let wanted = expected.isEmpty ? "no periods" : "periods [\(expected.joined(separator: ", "))]"
            return "feature '\(kind)' takes \(wanted), not \(given)"
        case let .parameterOutOfRange(kind, parameter, value, allowed):
            return "feature '\(kind)': \(parameter) = \(value) is out of range (allowed: \(allowed))"
        case let .duplicateName(name):
            return "two features produce the column '\(name)'"
        case let .needsReference(name):
            return "feature '\(name)' needs a second series (a reference series), and none was given"
        case let .tooFewRows(rows, warmUp):
            return "\(rows) rows are too few: the features need \(warmUp) warm-up rows and at least one more"
        case let .unsupportedVersion(version):
            return "feature pipeline version \(version) is not supported (this build reads version \(FeaturePipeline.currentVersion))"
        }
    }
}
