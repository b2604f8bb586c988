import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry ab`: A/B tests between a model's arms.
struct ABCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ab", abstract: "A/B tests between a served model's arms (ferry serve --split).", subcommands: [ABReportCommand.self])
}

/// `ferry ab report`: the arms compared on their graded predictions.
struct ABReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compare a model's A/B arms on their graded predictions: MAE, directional accuracy, a test and a verdict.",
        discussion: """
            Reads the prediction log (each prediction carries the arm its caller was routed to) \
            joined to realised outcomes. Each arm is compared with arm A (champion, or \
            --incumbent): MAE and directional accuracy per arm, the difference B - A with Welch's \
            two-sample t-test and its 95% confidence interval. The verdict is on MAE: keep testing \
            until both arms have --min-graded graded predictions, then B better or A better when \
            the difference is significant at 5% (two-sided), else no difference. Decide once, when \
            the arms reach the minimum: stopping at the first significant look raises the \
            false-positive rate.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The model's name.") var model: String
    @Option(help: "Arm A, the incumbent. (default: champion, else the first arm by name)") var incumbent: String?
    @Option(help: "Graded predictions each arm needs before a verdict.") var minGraded = 100
    @OptionGroup var input: BundleInputOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard minGraded >= 2 else { throw ValidationError("--min-graded must be at least 2") }
    }

    func run() async throws {
        try await reportingFailuresAsync {
            let serving = ModelServing(store: try storeOptions.location.open(), verifier: try input.trust().verifier())
            var report = ABReport(serving: serving)
            report.minimumPerArm = minGraded
            let result = try await report.report(model: model, incumbent: incumbent)
            if output.json { return try printJSON(result) }
            print("\(result.model): arm A is \(result.incumbent ?? "-")")
            for comparison in result.comparisons {
                for arm in [comparison.a, comparison.b] {
                    print(
                        "  \(arm.name): \(arm.graded) graded, MAE \(Self.number(arm.mae)), directional accuracy \(Self.number(arm.directionalAccuracy))"
                    )
                }
                if let test = comparison.maeDifference {
                    print(
                        "  MAE \(comparison.b.name) - \(comparison.a.name): \(Self.number(test.difference)) (95% CI \(Self.number(test.low)) to \(Self.number(test.high)), Welch p = \(Self.number(test.pValue)))"
                    )
                }
                let reason =
                    comparison.verdict == .keepTesting ? " (each arm needs \(comparison.minimumPerArm) graded predictions)" : ""
                print("  verdict: \(comparison.verdict.rawValue)\(reason)")
            }
        }
    }

    private static func number(_ value: Double) -> String { value.formatted(.number.precision(.significantDigits(4))) }
}
