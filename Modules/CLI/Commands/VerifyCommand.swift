import ArgumentParser
import FerryPipeline
import Foundation

/// `ferry verify`: integrity, authenticity, compatibility and behaviour of a bundle.
struct VerifyCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a bundle: integrity, authenticity, compatibility, behaviour.",
        discussion: """
            Exit codes: 0 all pass, 10 integrity (structure, checksums, unsafe or oversized entries), \
            11 authenticity (signature), 12 compatibility (format version, plugin), 13 behaviour \
            (loading, golden outputs). An unsigned bundle passes unless --require-signature.
            """)

    @Argument(help: "The bundle (.tar.gz).") var bundle: String
    @OptionGroup var signatures: SignatureOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let report = try signatures.trust().verify(bundle)
        if output.json {
            try printJSON(report)
        } else {
            print(bundle)
            for check in report.checks {
                print(
                    "  \(check.check.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(check.checked ? (check.passed ? "pass" : "FAIL") : "----")  \(check.detail)"
                )
            }
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
