import FerryStore
import Foundation

/// What the served rows looked like, per model, since the server started: how many rows, and
/// per feature how many values fell outside the range seen in training (the schema alignment
/// flags them) or were missing and filled. The dashboard draws it as drift per feature.
public final class ServedInputs: @unchecked Sendable {
    /// One feature's counts.
    public struct Feature: Encodable, Sendable {
        /// The feature.
        public let name: String
        /// Served values outside the range seen in training.
        public let outsideTrainingRange: Int
        /// Served rows that lacked the feature (filled).
        public let missing: Int
        /// The share of served rows either way.
        public let share: Double
    }

    /// A model's served rows since the server started.
    public struct Report: Encodable, Sendable {
        /// The model's name.
        public let model: String
        /// Rows served.
        public let rows: Int
        /// When counting started.
        public let since: String
        /// Features, the largest share outside the training range (or missing) first.
        public let features: [Feature]
    }

    private let lock = NSLock()
    private let started = Date()
    private var rows: [String: Int] = [:]
    private var outside: [String: [String: Int]] = [:]
    private var missing: [String: [String: Int]] = [:]

    func record(model: String, rows count: Int, outsideRange columns: [String], missing filled: [String]) {
        lock.lock()
        defer { lock.unlock() }
        rows[model, default: 0] += count
        for column in columns { outside[model, default: [:]][column, default: 0] += 1 }
        for column in filled { missing[model, default: [:]][column, default: 0] += count }
    }

    func report(model: String, features: [String]) -> Report {
        lock.lock()
        defer { lock.unlock() }
        let total = rows[model] ?? 0
        let entries = features.map { name -> Feature in
            let out = outside[model]?[name] ?? 0
            let gone = missing[model]?[name] ?? 0
            return Feature(name: name, outsideTrainingRange: out, missing: gone, share: total == 0 ? 0 : Double(out + gone) / Double(total))
        }
        return Report(
            model: model, rows: total, since: StoreClock.timestamp(started),
            features: entries.sorted { ($0.share, $1.name) > ($1.share, $0.name) })
    }
}
