import FerryStore
import Foundation

/// What the served rows looked like, per model, since the server started: how many rows, and
/// per feature how many values fell outside the range seen in training (the schema alignment
/// flags them) or were missing and filled. The dashboard draws it as drift per feature.
final class ServedInputs: @unchecked Sendable {
    struct Feature: Encodable {
        let name: String
        let outsideTrainingRange: Int
        let missing: Int
        let share: Double
    }

    struct Report: Encodable {
        let model: String
        let rows: Int
        let since: String
        /// Features, the largest share outside the training range (or missing) first.
        let features: [Feature]
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
            let out = outside[model]?[name] ?? 0, gone = missing[model]?[name] ?? 0
            return Feature(name: name, outsideTrainingRange: out, missing: gone, share: total == 0 ? 0 : Double(out + gone) / Double(total))
        }
        return Report(
            model: model, rows: total, since: StoreClock.timestamp(started),
            features: entries.sorted { ($0.share, $1.name) > ($1.share, $0.name) })
    }
}
