import FerryStore
import FerryTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `ferry stream` as an operator runs it, against a real redis-server: killed with SIGKILL
/// midway and restarted, it logs every bar exactly once with the batch's values; it serves its
/// metrics and stops cleanly on SIGTERM.
@Suite(.serialized) struct StreamCommandTests {
    static let files = ["EURUSD-1h", "SPX", "GOOG"].map { TestRepository.path("data/\($0).csv") }

    /// `ferry predict`'s value for every bar of `files`, by instrument and time.
    static func batch(_ bundle: String) throws -> [String: Double] {
        var expected: [String: Double] = [:]
        for file in files {
            let result = try FerryProcess.run(["predict", "--bundle", bundle, "--data", file])
            for line in result.stdout.split(separator: "\n").dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                expected["\(cells[1]) \(cells[0])"] = Double(cells[2]) ?? .nan
            }
        }
        return expected
    }

    /// The log's stream predictions by instrument and time, and the keys logged more than once.
    static func logged(_ store: String, streams: [String]) throws -> (values: [String: Double], twice: [String]) {
        let store = try Store(path: store)
        var values: [String: Double] = [:]
        var twice: [String] = []
        for stream in streams {
            for entry in try store.streamPredictions(stream: stream).values
            where values.updateValue(entry.value ?? .nan, forKey: "\(entry.instrument) \(entry.asOf)") != nil {
                twice.append("\(entry.instrument) \(entry.asOf)")
            }
        }
        return (values, twice)
    }

    static func consumer(_ bundle: String, _ server: RedisServer, store: String, name: String, extra: [String] = [], output: String? = nil)
        throws -> SpawnedProcess
    {
        try SpawnedProcess(
            FerryProcess.executable.path,
            [
                "stream", "--bundle", bundle, "--redis", server.url, "--in", "bars", "--shards", "2", "--batch", "20", "--lease-ms", "600",
                "--consumer", name,
            ] + extra, environment: ["FERRY_STORE": store], output: output)
    }

    @Test func aConsumerKilledMidwayAndRestartedLogsEveryBarOnceWithTheBatchsValues() throws {
        let server = try RedisServer()
        let folder = try TemporaryFolder("stream-kill")
        defer { folder.remove() }
        let bundle = try MarketFixtureModel.bundle()
        let store = folder.file("ferry.sqlite")
        let publish = try FerryProcess.run(
            ["stream", "publish", "--redis", server.url, "--in", "bars", "--shards", "2", "--json"]
                + Self.files.flatMap { ["--data", $0] })
        #expect(publish.status == 0, "\(publish.stderr)")
        let expected = try Self.batch(bundle)
        #expect(expected.count == 12_032)
        // Three consumers in turn, each killed with SIGKILL once the log has grown past a mark.
        for (round, mark) in [2_000, 5_000, 8_000].enumerated() {
            let consumer = try Self.consumer(bundle, server, store: store, name: "killed-\(round)")
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, !consumer.hasExited, try Self.logged(store, streams: ["bars.0", "bars.1"]).values.count < mark {
                usleep(20_000)
            }
            consumer.send(SIGKILL)
            #expect(consumer.wait() == 128 + SIGKILL, "round \(round) was killed, not finished")
        }
        // The last one serves metrics, finishes the streams, and stops on SIGTERM.
        let port = try LoopbackPort.free()
        let output = folder.file("last.txt")
        let last = try Self.consumer(bundle, server, store: store, name: "last", extra: ["--metrics-port", String(port)], output: output)
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline, !last.hasExited, try Self.logged(store, streams: ["bars.0", "bars.1"]).values.count < expected.count {
            usleep(50_000)
        }
        // The log can be complete before the last consumer holds both shards (a killed consumer may
        // have logged a shard's last bars without acknowledging them): it takes the second shard once
        // the killed one's lease lapses.
        var metrics = ""
        let scrapeDeadline = Date().addingTimeInterval(20)
        repeat {
            metrics = (try? String(contentsOf: URL(string: "http://127.0.0.1:\(port)/metrics")!, encoding: .utf8)) ?? ""
            if metrics.contains("ferry_stream_shards_held 2") { break }
            usleep(100_000)
        } while Date() < scrapeDeadline
        #expect(metrics.contains("# TYPE ferry_stream_predictions_out_total counter"))
        #expect(metrics.contains("ferry_stream_dead_letters_total 0") && metrics.contains("ferry_stream_shards_held 2"), "\(metrics)")
        last.send(SIGTERM)
        let stopped = last.wait(atMost: 20)
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(stopped == 0, "SIGTERM: the batch in hand finished, exit 0; \(printed)")
        #expect(printed.contains("dead letter(s)"), "the summary is printed on the way out")
        let (logged, twice) = try Self.logged(store, streams: ["bars.0", "bars.1"])
        #expect(twice.isEmpty, "bars logged twice: \(twice.prefix(5))")
        #expect(logged.count == expected.count)
        let differing = expected.keys.filter { logged[$0]?.bitPattern != expected[$0]?.bitPattern }
        #expect(differing.isEmpty, "bars whose logged value differs from ferry predict's: \(differing.sorted().prefix(5))")
    }

    @Test func publishAndConsumeRefuseBadOptionsClearly() throws {
        let both = try FerryProcess.run(["stream", "--model", "m", "--bundle", "b.tar.gz", "--in", "bars"])
        #expect(both.status != 0 && both.stderr.contains("give either --model NAME[@ALIAS] or --bundle FILE"))
        let shards = try FerryProcess.run(["stream", "publish", "--in", "bars", "--shards", "0", "--data", "data/SPX.csv"])
        #expect(shards.status != 0 && shards.stderr.contains("0 shards: give 1 to 1024"))
        let noRedis = try FerryProcess.run(
            ["stream", "publish", "--in", "bars", "--redis", "redis://127.0.0.1:1", "--data", "data/SPX.csv"])
        #expect(noRedis.status != 0 && noRedis.stderr.contains("cannot connect to Redis at 127.0.0.1:1"))
    }
}
