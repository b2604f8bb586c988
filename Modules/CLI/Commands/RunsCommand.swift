import ArgumentParser
import FerryCore
import FerryPipeline
import Foundation

/// `ferry runs`: the training runs the store has recorded.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, show and compare recorded training runs.",
        discussion: "ferry train records every run in the store; ferry export adds the digest of the bundle made from it.",
        subcommands: [RunsListCommand.self, RunsShowCommand.self, RunsCompareCommand.self])
}

/// `ferry runs list`.
struct RunsListCommand: ReportingCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List runs, newest first.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let runs = try RegistryQueries(store: storeOptions.location.open()).runs()
        if output.json { return try printJSON(runs.map(RunSummary.init)) }
        guard !runs.isEmpty else { return print("no runs recorded yet; ferry train records one") }
        for run in runs {
            let accuracy = RunSummary(run).testMetrics["directional_accuracy"].map { String(format: "dir_acc %.3f", $0) } ?? ""
            print(
                "\(run.id)  \(run.createdAt)  \(run.plugin) \(run.pluginVersion)  \(run.target)  \(accuracy)  bundle \(run.bundleDigest.map { String($0.prefix(12)) } ?? "-")"
            )
        }
    }
}

/// `ferry runs show ID`.
struct RunsShowCommand: ReportingCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one run: parameters, metrics, data, bundle.")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The run's id (or its start, when only one run has it).") var id: String
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let summary = RunSummary(try RegistryQueries(store: storeOptions.location.open()).run(id))
        if output.json { return try printJSON(summary) }
        print("run \(summary.id) (\(summary.createdAt))")
        print("  plugin \(summary.plugin) \(summary.pluginVersion), target \(summary.target), seed \(summary.seed)")
        print("  data \(summary.dataFingerprint.prefix(12)), bundle \(summary.bundleDigest ?? "none exported")")
        print("  parameters " + summary.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "  "))
        print(
            "  test metrics "
                + summary.testMetrics.sorted { $0.key < $1.key }.map { "\($0.key)=\(String(format: "%.6g", $0.value))" }.joined(
                    separator: "  "))
    }
}

/// `ferry runs compare A B`.
struct RunsCompareCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare two runs: the parameters that differ and every test metric side by side.")

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The first run.") var first: String
    @Argument(help: "The second run.") var second: String
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    struct Comparison: Encodable {
        let first: String
        let second: String
        /// Parameters whose values differ (or exist in one run only): [first, second].
        let parameters: [String: [String]]
        /// Test metrics of both models: [first, second].
        let testMetrics: [String: [Double?]]
        let sameData: Bool
    }

    func perform() throws {
        let queries = RegistryQueries(store: try storeOptions.location.open())
        let (a, b) = (RunSummary(try queries.run(first)), RunSummary(try queries.run(second)))
        let keys = Set(a.parameters.keys).union(b.parameters.keys)
        let parameters = Dictionary(
            uniqueKeysWithValues: keys.compactMap { key -> (String, [String])? in
                let pair = [a.parameters[key] ?? "-", b.parameters[key] ?? "-"]
                return pair[0] == pair[1] ? nil : (key, pair)
            })
        let metrics = Dictionary(
            uniqueKeysWithValues: Set(a.testMetrics.keys).union(b.testMetrics.keys).map {
                ($0, [a.testMetrics[$0], b.testMetrics[$0]])
            })
        let comparison = Comparison(
            first: a.id, second: b.id, parameters: parameters, testMetrics: metrics, sameData: a.dataFingerprint == b.dataFingerprint)
        if output.json { return try printJSON(comparison) }
        print(
            "\("".padding(toLength: 30, withPad: " ", startingAt: 0)) \(a.id.padding(toLength: 32, withPad: " ", startingAt: 0)) \(b.id)"
        )
        print(
            "\("plugin".padding(toLength: 30, withPad: " ", startingAt: 0)) \("\(a.plugin) \(a.pluginVersion)".padding(toLength: 32, withPad: " ", startingAt: 0)) \(b.plugin) \(b.pluginVersion)"
        )
        for (key, values) in parameters.sorted(by: { $0.key < $1.key }) {
            print(
                "\(key.padding(toLength: 30, withPad: " ", startingAt: 0)) \(values[0].padding(toLength: 32, withPad: " ", startingAt: 0)) \(values[1])"
            )
        }
        for (key, values) in metrics.sorted(by: { $0.key < $1.key }) {
            let text = values.map { $0.map { String(format: "%.6g", $0) } ?? "-" }
            print(
                "\("test \(key)".padding(toLength: 30, withPad: " ", startingAt: 0)) \(text[0].padding(toLength: 32, withPad: " ", startingAt: 0)) \(text[1])"
            )
        }
        print(comparison.sameData ? "same training data" : "different training data (fingerprints differ)")
    }
}

/// A run with its JSON columns read: parameters as text, the model's test metrics as numbers.
struct RunSummary: Encodable {
    let id: String, createdAt: String, plugin: String, pluginVersion: String, target: String, seed: Int64
    let parameters: [String: String]
    let testMetrics: [String: Double]
    let dataFingerprint: String
    let bundleDigest: String?

    init(_ run: RunEntry) {
        (id, createdAt, plugin, pluginVersion, target, seed) = (run.id, run.createdAt, run.plugin, run.pluginVersion, run.target, run.seed)
        (dataFingerprint, bundleDigest) = (run.dataFingerprint, run.bundleDigest)
        let parameters = (try? JSONDecoder().decode([String: JSONValue].self, from: Data(run.parameters.utf8))) ?? [:]
        self.parameters = parameters.mapValues { value in
            String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self).trimmingCharacters(
                in: CharacterSet(charactersIn: "\""))
        }
        let metrics = try? JSONDecoder().decode(StoredEvaluation.self, from: Data(run.metrics.utf8))
        testMetrics = metrics?.test["model"]?.values ?? [:]
    }

    /// The part of a run's evaluation JSON the summary reads.
    private struct StoredEvaluation: Decodable {
        let test: [String: MetricSet]
    }
}
