import FerryPipeline

/// How `ferry serve` runs: where it listens, what it accepts, and how it splits traffic.
public struct ServerConfiguration: Sendable {
    /// The address to listen on (`127.0.0.1` by default: reachable from this machine only).
    public var host = "127.0.0.1"
    /// The port; 0 picks a free one.
    public var port = 8080
    /// Refuse unsigned bundle uploads.
    public var requireSignature = false
    /// Refuse request rows that lack a feature or carry an extra field (a request's `"strict"` overrides it).
    public var strict = false
    /// The largest request body for predictions, in bytes (larger: 413).
    public var maxPredictBytes = 1 << 20
    /// The largest bundle upload, in bytes (larger: 413).
    public var maxBundleBytes = 512 << 20
    /// A/B splits by model name: which aliases or versions share its traffic, by weight.
    public var splits: [String: TrafficSplit] = [:]
    /// How often every model's status policy is applied (``StatusPolicySchedule``); `nil`: never
    /// (`ferry monitor --model NAME --act` applies it on demand).
    public var actEvery: Duration?

    /// The defaults.
    public init() {}
}
