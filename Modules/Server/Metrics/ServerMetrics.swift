import Foundation

/// What `/metrics` reports, in Prometheus' text format: requests by route and status, their
/// latencies (a histogram per route), predictions by model and version, and each model's last
/// monitoring status (0 green, 1 yellow, 2 red).
public final class ServerMetrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

    private let lock = NSLock()
    private var requests: [String: Int] = [:]
    private var latencyCounts: [String: [Int]] = [:]
    private var latencySums: [String: Double] = [:]
    private var predictions: [String: Int] = [:]
    private var statuses: [String: Int] = [:]

    /// Makes empty counters.
    public init() {}

    func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        requests[#"method="\#(method)",route="\#(route)",status="\#(status)""#, default: 0] += 1
        let key = #"route="\#(route)""#
        var counts = latencyCounts[key] ?? [Int](repeating: 0, count: Self.buckets.count + 1)
        counts[Self.buckets.firstIndex { seconds <= $0 } ?? Self.buckets.count] += 1
        latencyCounts[key] = counts
        latencySums[key, default: 0] += seconds
    }

    func recordPredictions(model: String, version: String, count: Int) {
        lock.lock()
        predictions[#"model="\#(model)",version="\#(version)""#, default: 0] += count
        lock.unlock()
    }

    func recordStatus(model: String, level: Int) {
        lock.lock()
        statuses[#"model="\#(model)""#] = level
        lock.unlock()
    }

    /// The text `/metrics` serves.
    func render() -> String {
        lock.lock()
        defer { lock.unlock() }
        var lines = ["# HELP ferry_requests_total HTTP requests by method, route and status.", "# TYPE ferry_requests_total counter"]
        lines += requests.sorted { $0.key < $1.key }.map { "ferry_requests_total{\($0.key)} \($0.value)" }
        lines += ["# HELP ferry_request_duration_seconds Time to answer a request.", "# TYPE ferry_request_duration_seconds histogram"]
        for (key, counts) in latencyCounts.sorted(by: { $0.key < $1.key }) {
            var total = 0
            for (index, count) in counts.enumerated() {
                total += count
                let bound = index < Self.buckets.count ? "\(Self.buckets[index])" : "+Inf"
                lines.append("ferry_request_duration_seconds_bucket{\(key),le=\"\(bound)\"} \(total)")
            }
            lines.append("ferry_request_duration_seconds_sum{\(key)} \(latencySums[key, default: 0])")
            lines.append("ferry_request_duration_seconds_count{\(key)} \(total)")
        }
        lines += ["# HELP ferry_predictions_total Predictions served by model and version.", "# TYPE ferry_predictions_total counter"]
        lines += predictions.sorted { $0.key < $1.key }.map { "ferry_predictions_total{\($0.key)} \($0.value)" }
        lines += ["# HELP ferry_model_status Last monitoring status: 0 green, 1 yellow, 2 red.", "# TYPE ferry_model_status gauge"]
        lines += statuses.sorted { $0.key < $1.key }.map { "ferry_model_status{\($0.key)} \($0.value)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
