import FerryCore
import FerryRedis
import FerryStore
import FerryTestSupport
import Foundation
import Testing

@testable import FerryPipeline

/// The stream consumer against a real redis-server: replayed bars are scored to the batch's
/// bits, history warms the features up, two consumers split the shards, bad entries are
/// dead-lettered with their reasons.
@Suite(.serialized) struct StreamConsumerTests {
    static let files = ["EURUSD-1h", "SPX", "GOOG"].map { TestRepository.path("data/\($0).csv") }

    /// What `ferry predict` (the batch path) gives for each bar of `files`, by instrument and time.
    static func batch(_ files: [String]) throws -> [String: Double] {
        var expected: [String: Double] = [:]
        for file in files {
            let scored = try BundleScoring(model: .bundle(try MarketFixtureModel.bundle()), input: .bars([file], reference: nil))
                .run(verifier: FixtureModel.verifier)
            for row in scored.rows { expected["\(row.instrument) \(row.date.iso8601)"] = row.prediction }
        }
        return expected
    }

    /// Every logged stream prediction of `shards`, by instrument and time (a bar logged twice is recorded).
    static func logged(_ store: Store, _ shards: StreamShards) throws -> (values: [String: Double], twice: [String]) {
        var values: [String: Double] = [:]
        var twice: [String] = []
        for stream in shards.streams {
            for entry in try store.streamPredictions(stream: stream).values {
                let key = "\(entry.instrument) \(entry.asOf)"
                if values.updateValue(entry.value ?? .nan, forKey: key) != nil { twice.append(key) }
            }
        }
        return (values, twice)
    }

    /// Every entry of `stream` as its fields, in order.
    static func entries(of stream: String, at url: String) throws -> [[String: String]] {
        let reply = try RedisConnection(url: url).checkedCommand(["XRANGE", stream, "-", "+"])
        return (reply.elements ?? []).compactMap { entry in
            guard let values = entry.elements?.last?.elements else { return nil }
            return Dictionary(
                stride(from: 0, to: values.count - 1, by: 2).map { (values[$0].text ?? "", values[$0 + 1].text ?? "") },
                uniquingKeysWith: { $1 })
        }
    }

    static func differing(_ got: [String: Double], _ expected: [String: Double]) -> [String] {
        expected.keys.filter { key in got[key].map { $0.bitPattern != expected[key]?.bitPattern } ?? true }.sorted()
    }

    static func options(_ server: RedisServer, shards: StreamShards, consumer: String = "c1") -> StreamOptions {
        var options = StreamOptions(redis: server.url, input: shards, group: "g", consumer: consumer)
        (options.drain, options.leaseMilliseconds, options.blockMilliseconds, options.batchSize) = (true, 900, 300, 200)
        return options
    }

    @Test func replayedBarsAreScoredToTheBatchsBitsAndLoggedOnce() throws {
        let server = try RedisServer()
        let folder = try TemporaryFolder("stream-replay")
        defer { folder.remove() }
        let shards = try StreamShards(name: "bars", count: 4)
        let published = try StreamPublisher(redis: server.url, input: shards, files: Self.files).run()
        let bars = published.entries.values.reduce(0, +)
        #expect(bars == 12_179)
        let store = try Store(path: folder.file("ferry.sqlite"))
        let consumer = try StreamConsumer(
            model: .bundle(try MarketFixtureModel.bundle()), store: store, verifier: FixtureModel.verifier,
            options: Self.options(server, shards: shards))
        let counts = try consumer.run()
        let expected = try Self.batch(Self.files)
        let (logged, twice) = try Self.logged(store, shards)
        #expect(twice.isEmpty)
        #expect(logged.count == expected.count)
        #expect(counts.predictionsOut == expected.count)
        #expect(Self.differing(logged, expected).isEmpty, "bars whose logged prediction differs from the batch's")
        #expect(counts.warmingUp == 3 * 49)
        #expect(counts.deadLetters == 0)
        #expect(counts.duplicates == 0)
        let out = try Self.entries(of: "bars.predictions", at: server.url)
        #expect(out.count == expected.count)
        let published_ = Dictionary(out.map { ("\($0["instrument"] ?? "") \($0["time"] ?? "")", Double($0["prediction"] ?? "") ?? .nan) }) {
            first, _ in first
        }
        #expect(Self.differing(published_, expected).isEmpty, "the output stream's text gives the batch's doubles back")
    }

    @Test func historyWarmsTheFeaturesUpFromTheBatchsFirstBar() throws {
        let server = try RedisServer()
        let folder = try TemporaryFolder("stream-history")
        defer { folder.remove() }
        let lines = try String(contentsOfFile: MarketFixtureModel.eurusd, encoding: .utf8).split(separator: "\n")
        let history = folder.file("EURUSD-1h.csv")
        try (lines.prefix(3_001).joined(separator: "\n") + "\n").write(toFile: history, atomically: true, encoding: .utf8)
        let shards = try StreamShards(name: "fx", count: 1)
        var publisher = StreamPublisher(redis: server.url, input: shards, files: [MarketFixtureModel.eurusd])
        publisher.after = Timestamp(iso8601: String(lines[3_000].prefix(19)))
        #expect(try publisher.run().entries["fx"] == 2_000)
        var options = Self.options(server, shards: shards)
        options.history = [history]
        let store = try Store(path: folder.file("ferry.sqlite"))
        let counts = try StreamConsumer(
            model: .bundle(try MarketFixtureModel.bundle()), store: store, verifier: FixtureModel.verifier, options: options
        ).run()
        #expect(counts.warmingUp == 0)
        #expect(counts.predictionsOut == 2_000)
        let expected = try Self.batch([MarketFixtureModel.eurusd]).filter { key, _ in
            key > "EURUSD-1h \(String(lines[3_000].prefix(19)))"
        }
        let (logged, _) = try Self.logged(store, shards)
        #expect(expected.count == 2_000 && Self.differing(logged, expected).isEmpty)
    }

    @Test func twoConsumersSplitTheShardsAndScoreEveryBarOnce() async throws {
        let server = try RedisServer()
        let folder = try TemporaryFolder("stream-two")
        defer { folder.remove() }
        // Two shards: SPX in bars.0, EUR/USD and GOOG in bars.1 (FNV-1a), so each consumer's shard has bars.
        let shards = try StreamShards(name: "bars", count: 2)
        let store = try Store(path: folder.file("ferry.sqlite"))
        let consumers = try ["one", "two"].map { name in
            var options = Self.options(server, shards: shards, consumer: name)
            options.drain = false
            return try StreamConsumer(
                model: .bundle(try MarketFixtureModel.bundle()), store: store, verifier: FixtureModel.verifier, options: options)
        }
        async let first = runOffThePool { try consumers[0].run() }
        async let second = runOffThePool { try consumers[1].run() }
        let split = await Self.waitUntil(seconds: 10) { consumers.allSatisfy { $0.metrics.current.shardsHeld == 1 } }
        #expect(split, "each of two consumers holds one of the two shards")
        _ = try StreamPublisher(redis: server.url, input: shards, files: Self.files).run()
        let expected = try Self.batch(Self.files)
        let done = await Self.waitUntil(seconds: 60) {
            consumers.map(\.metrics.current.predictionsOut).reduce(0, +) >= expected.count
        }
        for consumer in consumers { consumer.stop() }
        let counts = try await [first, second]
        #expect(done && counts.allSatisfy { $0.predictionsOut > 0 }, "both consumers scored: \(counts.map(\.predictionsOut))")
        let total = counts.map(\.predictionsOut).reduce(0, +)
        #expect(total == expected.count)
        #expect(counts.allSatisfy { $0.alreadyLogged == 0 })
        let (logged, twice) = try Self.logged(store, shards)
        #expect(twice.isEmpty && Self.differing(logged, expected).isEmpty)
        #expect(try Self.entries(of: "bars.predictions", at: server.url).count == expected.count, "no bar scored twice")
    }

    @Test func badEntriesAreDeadLetteredWithTheirReasonAndTheConsumerGoesOn() throws {
        let server = try RedisServer()
        let folder = try TemporaryFolder("stream-bad")
        defer { folder.remove() }
        let redis = try RedisConnection(url: server.url)
        let lines = try String(contentsOfFile: MarketFixtureModel.eurusd, encoding: .utf8).split(separator: "\n").dropFirst()
        func bar(_ index: Int, _ change: (inout [String: String]) -> Void = { _ in }) -> [(String, String)] {
            let cells = lines[lines.startIndex + index].split(separator: ",").map(String.init)
            var fields = [
                "instrument": "EURUSD-1h", "time": cells[0], "open": cells[1], "high": cells[2], "low": cells[3], "close": cells[4],
                "volume": cells[6],
            ]
            change(&fields)
            return fields.sorted { $0.key < $1.key }
        }
        for index in 0..<60 { try redis.append(to: "fx", bar(index)) }
        let bad: [(fields: [(String, String)], reason: String)] = [
            (bar(60) { $0["close"] = nil }, "missing field close"),
            (bar(60) { $0["close"] = "abc" }, "field close: 'abc' is not a finite number"),
            (bar(60) { ($0["high"], $0["low"]) = ("1.0", "1.2") }, "High 1.0 is below Low 1.2"),
            (bar(10), "older than EURUSD-1h's last bar"),
            (bar(60) { $0["instrument"] = "EUR USD;" }, "field instrument"),
            (bar(60) { $0["time"] = "yesterday" }, "field time: 'yesterday'"),
        ]
        var ids: [String] = []
        for entry in bad { ids.append(try redis.append(to: "fx", entry.fields)) }
        try redis.append(to: "fx", bar(59))  // the same instrument and time again: a duplicate
        for index in 60..<70 { try redis.append(to: "fx", bar(index)) }
        let store = try Store(path: folder.file("ferry.sqlite"))
        let counts = try StreamConsumer(
            model: .bundle(try MarketFixtureModel.bundle()), store: store, verifier: FixtureModel.verifier,
            options: Self.options(server, shards: try StreamShards(name: "fx", count: 1))
        ).run()
        #expect(counts.deadLetters == bad.count)
        #expect(counts.duplicates == 1)
        #expect(counts.predictionsOut == 70 - 49)
        let letters = try Self.entries(of: "fx.dead", at: server.url)
        #expect(letters.map { $0["entry"] ?? "" } == ids)
        for (letter, entry) in zip(letters, bad) {
            #expect(letter["reason"]?.contains(entry.reason) == true, "\(letter["reason"] ?? "no reason") for \(entry.reason)")
            #expect(letter["stream"] == "fx" && letter["fields"]?.hasPrefix("{") == true)
        }
        let expected = try Self.batch([MarketFixtureModel.eurusd]).filter { key, _ in
            key <= "EURUSD-1h \(lines[lines.startIndex + 69].prefix(19))"
        }
        let (logged, _) = try Self.logged(store, try StreamShards(name: "fx", count: 1))
        #expect(expected.count == 21 && Self.differing(logged, expected).isEmpty, "bad entries changed no state")
    }

    @Test func aRegisteredModelIsResolvedOnceAndRefusedWhilePaused() throws {
        let server = try RedisServer()
        let folder = try TemporaryFolder("stream-registered")
        defer { folder.remove() }
        let store = try Store(path: folder.file("ferry.sqlite"))
        _ = try BundleRegistration(store: store, verifier: FixtureModel.verifier).add(try MarketFixtureModel.bundle(), by: "test")
        let shards = try StreamShards(name: "fx", count: 1)
        try RegistryChanges(store: store).pause("EURUSD-lasso", reason: "bad data upstream", by: "test")
        let paused = #expect(throws: ModelPausedError.self) {
            try StreamConsumer(
                model: .registered("EURUSD-lasso"), store: store, verifier: FixtureModel.verifier,
                options: Self.options(server, shards: shards))
        }
        #expect(paused?.pause.reason == "bad data upstream")
        try RegistryChanges(store: store).resume("EURUSD-lasso", reason: "fixed", by: "test")
        var publisher = StreamPublisher(redis: server.url, input: shards, files: [MarketFixtureModel.eurusd])
        publisher.after = Timestamp(iso8601: "2017-12-01")
        _ = try publisher.run()
        let consumer = try StreamConsumer(
            model: .registered("EURUSD-lasso"), store: store, verifier: FixtureModel.verifier, options: Self.options(server, shards: shards)
        )
        #expect(consumer.modelName == "EURUSD-lasso" && consumer.modelVersion == "1.0.0")
        let counts = try consumer.run()
        #expect(counts.predictionsOut > 0 && counts.warmingUp == 49)
        let logged = try store.streamPredictions(stream: "fx").values
        #expect(logged.allSatisfy { $0.model == "EURUSD-lasso" && $0.source == "stream" && $0.caller == "c1" })
    }

    /// Polls `condition` every 50 ms for at most `seconds`; whether it came true.
    static func waitUntil(seconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return condition()
    }
}
