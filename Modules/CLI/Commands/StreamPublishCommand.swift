import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry stream publish`: replays bar files into a stream's shards, as a feed would add them.
struct StreamPublishCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Replay bar files into a stream: one entry per bar, in time order across the files.",
        discussion: """
            Each entry holds instrument (the file's name without .csv), time, open, high, low, \
            close, volume, and reference (with --with: the second series on the bar's date). \
            Numbers are written in their shortest exact form, so a consumer reads the batch's \
            very values. --after DATE publishes only later bars (those a consumer warmed up \
            with --history has not seen). Example:
              ferry stream publish --data data/EURUSD-1h.csv --in bars --shards 4
            """)

    @OptionGroup var location: StreamLocationOptions
    @Option(help: "A bar file to replay (repeatable; the instrument is the file's name without .csv).") var data: [String] = []
    @Option(name: .customLong("with"), help: "The second series to lay onto each bar's date as its reference field.") var reference: String?
    @Option(help: "Only bars after this time (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS).") var after: String?
    @Option(help: "Bars per second (default: as fast as Redis takes them).") var rate: Double?
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if data.isEmpty { throw ValidationError("give at least one --data bar file to replay") }
        if let rate, !(rate > 0) { throw ValidationError("--rate takes a number of bars per second above 0, not \(rate)") }
    }

    func perform() throws {
        var publisher = StreamPublisher(
            redis: location.redisURL, input: try StreamShards(name: location.input, count: location.shards), files: data)
        publisher.reference = reference
        publisher.rate = rate
        if let after {
            guard let time = Timestamp(iso8601: after) else {
                throw ValidationError("--after '\(after)' is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DD HH:MM:SS)")
            }
            publisher.after = time
        }
        let outcome = try publisher.run()
        if output.json { return try printJSON(outcome) }
        for (stream, count) in outcome.entries.sorted(by: { $0.key < $1.key }) { print("\(stream): \(count) bar(s)") }
    }
}
