import ArgumentParser
import FerryBundle
import FerryData
import Foundation

/// Ferry's exit codes, after BSD's sysexits so scripts can tell the failures apart.
enum FerryExitCode {
    /// The input data was refused.
    static let dataRefused = ExitCode(65)
    /// An input file or folder was not found.
    static let noInput = ExitCode(66)
    /// Monitoring graded the model red.
    static let red = ExitCode(20)
    /// The promotion gate refused the challenger.
    static let refused = ExitCode(21)
}

/// Runs a command's body; prints a failure as `ferry: error: ...` on standard error and exits with its code.
/// - Parameter offersLenient: The command takes `--lenient`, so a refused file's message says what it would do.
func reportingFailures(offersLenient: Bool = false, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("ferry: error: \(error)")
        if offersLenient, let refused = error as? DataValidationError, refused.rowsCanBeDropped {
            printError("  (--lenient drops the rows named above and reports each one)")
        }
        switch error {
        case is DataValidationError: throw FerryExitCode.dataRefused
        case is EmbeddedDataError: throw FerryExitCode.noInput
        case let refused as BundleError: throw ExitCode(refused.failing.exitCode)
        default: throw ExitCode.failure
        }
    }
}

/// ``reportingFailures(offersLenient:_:)`` for an async body.
func reportingFailuresAsync(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        try reportingFailures { throw error }
    }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
