import ArgumentParser
import FerryCore
import FerryPipeline
import FerryServer
import Foundation

/// `ferry stream` (`consume`): scores bars from a stream's shards as they arrive.
struct StreamConsumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consume",
        abstract: "Score bars from a Redis stream as they arrive; log each prediction once and append it to an output stream.",
        discussion: """
            Reads entries (instrument, time, open, high, low, close, volume; reference when the \
            model's features need one) with a consumer group, computes the features bar by bar \
            (the batch's values to the bit, warmed up from --history), predicts, commits each \
            prediction to the store's log (once per stream and entry id, whatever is \
            redelivered), appends it to --out, checkpoints each shard's feature state in Redis, \
            and only then acknowledges the entries. Bad entries go to --dead-letters with the \
            reason; a bar repeated (same instrument and time) is skipped and counted. Several \
            consumers with one --group split the shards; one that stops renewing its leases \
            (--lease-ms) has its shards and pending entries taken over. SIGTERM or SIGINT: the \
            batch in hand is finished and checkpointed, the shards given up, exit 0. Example:
              ferry stream --model EURUSD-lasso@champion --in bars --shards 4 --history data/EURUSD-1h.csv --metrics-port 9108
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var signatures: SignatureOptions
    @Option(help: "A registered model: NAME, NAME@ALIAS or NAME@VERSION.") var model: String?
    @Option(help: "A bundle file instead of a registered model.") var bundle: String?
    @OptionGroup var location: StreamLocationOptions
    @Option(help: "The consumer group. (default: ferry)") var group = "ferry"
    @Option(help: "This consumer's name in the group. (default: HOST-PID)") var consumer: String?
    @Option(help: "The stream predictions are appended to. (default: IN.predictions)") var out: String?
    @Option(help: "The stream refused entries go to, with the reason. (default: IN.dead)") var deadLetters: String?
    @Option(help: "A bar file to warm the features up with (repeatable; the instrument is the file's name without .csv).")
    var history: [String] = []
    @Option(name: .customLong("with"), help: "The second series the model's features need, for --history.") var reference: String?
    @Option(help: "Entries read per shard per round.") var batch = 500
    @Option(help: "Milliseconds a shard stays with a consumer that stopped renewing its lease.") var leaseMs = 10_000
    @Option(help: "Milliseconds between checkpoints of each shard (its entries are acknowledged then); 0: after every batch.")
    var checkpointMs = 1_000
    @Option(help: "Serve Prometheus metrics on this port at /metrics (bars in, predictions out, dead letters, lag).") var metricsPort: Int?
    @Option(help: "The address the metrics listen on.") var metricsHost = "127.0.0.1"
    @Flag(help: "Stop once a read finds nothing new (to replay a stream), instead of waiting for more.") var drain = false
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if (model == nil) == (bundle == nil) { throw ValidationError("give either --model NAME[@ALIAS] or --bundle FILE") }
        if !(1...100_000).contains(batch) { throw ValidationError("--batch takes 1 to 100000 entries, not \(batch)") }
        if checkpointMs < 0 { throw ValidationError("--checkpoint-ms takes 0 or more milliseconds, not \(checkpointMs)") }
        if leaseMs < 300 { throw ValidationError("--lease-ms takes 300 or more milliseconds, not \(leaseMs)") }
        if let metricsPort, !(0...65535).contains(metricsPort) {
            throw ValidationError("--metrics-port takes 0 to 65535, not \(metricsPort)")
        }
    }

    func run() async throws {
        try await reportingFailuresAsync {
            let logger = global.logger(for: "stream")
            var options = StreamOptions(
                redis: location.redisURL, input: try StreamShards(name: location.input, count: location.shards), group: group,
                consumer: consumer ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())", output: out, deadLetters: deadLetters)
            (options.history, options.reference, options.batchSize) = (history, reference, batch)
            (options.leaseMilliseconds, options.checkpointMilliseconds, options.drain) = (leaseMs, checkpointMs, drain)
            options.blockMilliseconds = min(1_000, leaseMs / 3)
            let consumer = try StreamConsumer(
                model: bundle.map { .bundle($0) } ?? .registered(model ?? ""), store: try storeOptions.location.open(),
                verifier: try signatures.trust().verifier(), options: options)
            let signals = StopSignals { consumer.stop() }
            defer { signals.cancel() }
            let metrics = metricsPort.map { port in
                let application = MetricsEndpoint.application(
                    host: metricsHost, port: port, logger: logger, render: { consumer.metrics.render() }
                ) { bound in logger.notice("metrics", metadata: ["address": "http://\(metricsHost):\(bound)/metrics"]) }
                return Task { try await application.run() }
            }
            defer { metrics?.cancel() }
            logger.notice(
                "consuming",
                metadata: [
                    "model": "\(consumer.modelName) \(consumer.modelVersion)", "streams": "\(options.input.streams.joined(separator: ","))",
                    "group": "\(options.group)", "consumer": "\(options.consumer)", "out": "\(options.output)",
                ])
            let counts = try await runOffThePool { try consumer.run() }
            if output.json { return try printJSON(counts) }
            print(
                "\(counts.barsIn) bar(s) in, \(counts.predictionsOut) prediction(s) out, \(counts.deadLetters) dead letter(s), "
                    + "\(counts.duplicates) duplicate(s), \(counts.warmingUp) warming up")
        }
    }
}

/// Calls `stop` on SIGTERM or SIGINT (once each is caught, the default action no longer ends the process).
final class StopSignals {
    private let sources: [any DispatchSourceSignal]

    init(_ stop: @escaping @Sendable () -> Void) {
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: stop)
            source.resume()
            return source
        }
    }

    func cancel() { for source in sources { source.cancel() } }
}
