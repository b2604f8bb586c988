// The stream consumer's latency, as a feed sees it: bars added to the input stream at a steady
// rate, each one's time from XADD to its prediction appearing on the output stream (matched by
// the `entry` field `ferry stream` writes). Run by bench/stream_consumer.sh beside a running
// `ferry stream`; prints one JSON line: count, p50, p99, max in milliseconds.
import Dispatch
import FerryRedis
import Foundation

struct Arguments {
    var redis = "redis://127.0.0.1:6379", input = "bars", output = "bars.predictions", data = "data/EURUSD-1h.csv"
    var rate = 1_000.0, seconds = 8.0, instruments = 4

    init(_ arguments: [String]) {
        var rest = arguments.makeIterator()
        while let flag = rest.next(), let value = rest.next() {
            switch flag {
            case "--redis": redis = value
            case "--in": input = value
            case "--out": output = value
            case "--data": data = value
            case "--rate": rate = Double(value) ?? rate
            case "--seconds": seconds = Double(value) ?? seconds
            case "--instruments": instruments = Int(value) ?? instruments
            default: FileHandle.standardError.write(Data("unknown flag \(flag)\n".utf8))
            }
        }
    }
}

/// The send time of each entry id, shared by the producer and the reader.
final class SendTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [String: UInt64] = [:]
    func record(_ id: String, _ time: UInt64) { lock.withLock { times[id] = time } }
    func time(of id: String) -> UInt64? { lock.withLock { times[id] } }
}

let arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
let rows = try String(contentsOfFile: arguments.data, encoding: .utf8).split(separator: "\n").dropFirst().map {
    $0.split(separator: ",").map(String.init)
}
let total = Int(arguments.rate * arguments.seconds)
let sent = SendTimes()
let reader = try RedisConnection(url: arguments.redis, timeoutMilliseconds: 0)
var last = "$"
let producerDone = DispatchSemaphore(value: 0)
let producer = Thread {
    do {
        let redis = try RedisConnection(url: arguments.redis)
        let start = DispatchTime.now().uptimeNanoseconds
        for index in 0..<total {
            let due = start + UInt64(Double(index) / arguments.rate * 1e9)
            let now = DispatchTime.now().uptimeNanoseconds
            if due > now { usleep(UInt32((due - now) / 1_000)) }
            let row = rows[(index / arguments.instruments) % rows.count]
            let fields = [
                ("instrument", "LAT\(index % arguments.instruments)"), ("time", row[0]), ("open", row[1]), ("high", row[2]),
                ("low", row[3]),
                ("close", row[4]), ("volume", row[6]),
            ]
            let sentAt = DispatchTime.now().uptimeNanoseconds
            sent.record(try redis.append(to: arguments.input, fields), sentAt)
        }
    } catch {
        FileHandle.standardError.write(Data("producer: \(error)\n".utf8))
    }
    producerDone.signal()
}
producer.start()
// Predictions as they arrive (source entry id, time); matched with the send times once the
// producer is done, since a prediction may arrive before its XADD's reply has been recorded.
var arrivals: [(source: String, at: UInt64)] = []
let warmUp = 49 * arguments.instruments
let deadline = Date().addingTimeInterval(arguments.seconds + 10)
while arrivals.count < total - warmUp, Date() < deadline {
    let reply = try reader.checkedCommand(["XREAD", "BLOCK", "1000", "COUNT", "1000", "STREAMS", arguments.output, last])
    let received = DispatchTime.now().uptimeNanoseconds
    for stream in reply.elements ?? [] {
        for entry in stream.elements?.last?.elements ?? [] {
            guard let parts = entry.elements, let id = parts.first?.text, let values = parts.last?.elements else { continue }
            last = id
            for index in stride(from: 0, to: values.count - 1, by: 2) where values[index].text == "entry" {
                if let source = values[index + 1].text { arrivals.append((source, received)) }
            }
        }
    }
}
producerDone.wait()
let sorted = arrivals.compactMap { arrival in sent.time(of: arrival.source).map { Double(arrival.at - $0) / 1e6 } }.sorted()
let percentile = { (p: Double) -> Double in sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(p * Double(sorted.count)))] }
print(
    #"{"count": \#(sorted.count), "expected": \#(total - warmUp), "p50_ms": \#(percentile(0.5)), "p99_ms": \#(percentile(0.99)), "max_ms": \#(sorted.last ?? .nan)}"#
)
