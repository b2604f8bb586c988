import FerryCore
import FerryData
import FerryRedis
import Foundation

/// Replays bar files into a stream's shards, in time order across the files, as a market-data
/// feed would add them (what `ferry stream publish` runs, and the tests' producer): one entry
/// per bar with `instrument`, `time`, `open`, `high`, `low`, `close`, `volume`, and `reference`
/// when a second series is given. Numbers are written in their shortest exact form, so a
/// consumer reads back the very doubles the batch reads from the files.
public struct StreamPublisher: Sendable {
    /// The Redis server and the input stream's shards.
    public var redis: String
    public var input: StreamShards
    /// The bar files (the instrument is each file's stem), and the second series to lay onto their dates.
    public var files: [String]
    public var reference: String?
    /// Only bars after this time (the ones a consumer warmed up with history has not seen).
    public var after: Timestamp?
    /// Bars per second; `nil`: as fast as Redis takes them (in pipelined groups of 1,000).
    public var rate: Double?

    /// Makes a publisher.
    public init(redis: String, input: StreamShards, files: [String]) {
        (self.redis, self.input, self.files) = (redis, input, files)
    }

    /// What a replay added, by shard stream.
    public struct Outcome: Sendable, Codable, Equatable {
        /// Entries added to each shard stream.
        public let entries: [String: Int]
        /// The bars' instruments, each with its shard stream.
        public let instruments: [String: String]
    }

    /// Adds every bar (after ``after``); throws ``FerryError`` for a file that does not read or
    /// `unavailable` when Redis fails.
    public func run() throws -> Outcome {
        let reader = MarketFileReader()
        var bars: [(time: Timestamp, fields: [String])] = []
        var instruments: [String: String] = [:]
        for path in files {
            guard case let .prices(series) = try reader.read(path).data else { throw FerryError(.invalidData, "\(path) is not a bar file") }
            let name = series.instrument.rawValue
            instruments[name] = input.stream(for: name)
            let aligned = try reference.map {
                try FeatureComputation(pipeline: .standard()).alignedReference($0, onto: series, reader: reader)
            }
            for index in 0..<series.count where after.map({ series.timestamps[index] > $0 }) ?? true {
                var fields = [
                    "instrument", name, "time", series.timestamps[index].iso8601, "open", "\(series.open[index])", "high",
                    "\(series.high[index])", "low", "\(series.low[index])", "close", "\(series.close[index])", "volume",
                    "\(series.volume[index])",
                ]
                if let aligned { fields += ["reference", "\(aligned.values[index])"] }
                bars.append((series.timestamps[index], fields))
            }
        }
        // Time order across the files; a file's own order within one time.
        let ordered = bars.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        var counts: [String: Int] = [:]
        do {
            let connection = try RedisConnection(url: redis)
            let group = rate == nil ? 1_000 : 1
            let started = Date()
            for first in stride(from: 0, to: ordered.count, by: group) {
                let slice = ordered[first..<min(first + group, ordered.count)]
                if let rate {
                    let due = Double(first) / rate - Date().timeIntervalSince(started)
                    if due > 0 { Thread.sleep(forTimeInterval: due) }
                }
                let commands = slice.map { bar in ["XADD", input.stream(for: bar.fields[1]), "*"] + bar.fields }
                for (reply, command) in zip(try connection.pipeline(commands), commands) {
                    if case let .error(message) = reply { throw RedisError(.server, "Redis refused XADD \(command[1]): \(message)") }
                    counts[command[1], default: 0] += 1
                }
            }
        } catch let refused as RedisError {
            throw FerryError(.unavailable, refused.message, field: "redis", cause: refused)
        }
        return Outcome(entries: counts, instruments: instruments)
    }
}
