import FerryBundle
import FerryCore
import FerryMonitoring
import FerryStore
import Foundation
import Logging

/// Acts on a served model's status as its ``ModelPolicy`` says: grades the version a reference
/// serves from its logged predictions and realised outcomes (``ServedMonitoring``), keeps the
/// grade, and at red rolls the reference back to the newest earlier version that verifies and
/// was green when last graded (or pauses it), at yellow registers a shadow-retrained challenger;
/// every action is recorded with the report that caused it, and notified.
///
/// ```swift
/// var actions = StatusActions(store: store, verifier: verifier)
/// let outcome = try await actions.act(on: "SPX-lasso@champion", dryRun: false, logger: logger)
/// print(outcome.status, outcome.action?.kind as Any)   // red rollback
/// ```
public struct StatusActions: Sendable {
    /// The registry and prediction log.
    public let store: Store
    /// Verifies bundles before they serve again.
    public let verifier: BundleVerifier
    /// Who the actions are recorded as made by.
    public var user = "ferry-monitor"
    /// Tells people.
    public var notifier = StatusNotifier()
    /// Trains a challenger for the given champion entry and returns its bundle's path (policy
    /// `shadow` at yellow); without one, such a grade is refused before anything is recorded,
    /// or noted when ``notesShadowWithoutChallenger``.
    public var challenger: (@Sendable (RegisteredBundle) async throws -> String)?
    /// The serving use case whose loaded (verified) models grading reuses, such as a server's own;
    /// without one, each grading loads the bundle anew.
    public var serving: ModelServing?
    /// Note a yellow grade under policy `shadow` (saying where to train the challenger) instead
    /// of refusing it when there is no ``challenger`` (the server's schedule has no bars to train on).
    public var notesShadowWithoutChallenger = false

    /// Makes the use case over `store`.
    public init(store: Store, verifier: BundleVerifier) {
        self.store = store
        self.verifier = verifier
    }

    /// What grading did.
    public struct Outcome: Encodable, Sendable {
        /// The reference graded, and the version it served.
        public let reference: String
        public let version: String
        /// `green`, `yellow`, `red`, or `unknown` (too few graded predictions: nothing recorded).
        public let status: String
        /// The policy applied.
        public let policy: ModelPolicy
        /// What was done (or, on a dry run, would be); `nil` when green or unknown.
        public let action: PolicyAction?
        /// Whether the grade and the action were recorded and made (false on a dry run).
        public let applied: Bool
        /// How people were told, when they were.
        public let notification: StatusNotifier.Delivery?
        /// The report the status comes from.
        public let report: ServedMonitoringReport
    }

    /// Grades `reference` (`NAME` for its production version, or `NAME@ALIAS`) and applies its
    /// policy; with `dryRun`, says what it would do and changes nothing.
    /// - Throws: ``FerryError`` `invalidArgument` for a version reference (a version cannot be rolled back);
    ///   as ``ModelServing/model(_:caller:)`` for an unknown model; what the challenger throws.
    public func act(on reference: String, dryRun: Bool, logger: Logger) async throws -> Outcome {
        let parsed = try ModelReference(reference)
        let alias = try actedAlias(parsed)
        let report = try await ServedMonitoring(serving: serving ?? ModelServing(store: store, verifier: verifier)).report(reference)
        return try await act(on: report, reference: reference, alias: alias, dryRun: dryRun, logger: logger)
    }

    /// Applies the policy to `report`, the grade of `reference` (acting on `alias`).
    func act(on report: ServedMonitoringReport, reference: String, alias: String, dryRun: Bool, logger: Logger) async throws -> Outcome {
        let policy = try store.policy(name: report.model) ?? ModelPolicy(name: report.model, setBy: "default")
        guard let status = report.overall else {
            return Outcome(
                reference: reference, version: report.version, status: report.status, policy: policy, action: nil, applied: false,
                notification: nil, report: report)
        }
        var action = try await decide(status: status, report: report, alias: alias, policy: policy, dryRun: dryRun)
        if let noted = action, noted.kind == .noted, try isRepeat(of: noted) { action = nil }
        guard !dryRun else {
            return Outcome(
                reference: reference, version: report.version, status: report.status, policy: policy, action: action, applied: false,
                notification: nil, report: report)
        }
        try store.recordGrade(
            ModelGrade(
                name: report.model, version: report.version, status: status.rawValue, decidingMetric: report.decidingMetric,
                pairs: report.predictionsWithOutcomes, gradedAt: StoreClock.timestamp()))
        var notification: StatusNotifier.Delivery?
        if let action {
            try store.apply(action)
            serving?.registryChanged()
            notification = await notifier.notify(action, policy: policy, logger: logger)
        }
        return Outcome(
            reference: reference, version: report.version, status: report.status, policy: policy, action: action, applied: true,
            notification: notification, report: report)
    }

    /// Grades and acts on every model that has a policy: its default reference and each of its
    /// aliases but `challenger`. A reference that cannot be graded is reported and skipped.
    /// - Returns: Each reference with its outcome, or the error that stopped it.
    public func actOnEveryPolicy(logger: Logger) async throws -> [(reference: String, result: Result<Outcome, any Error>)] {
        var results: [(reference: String, result: Result<Outcome, any Error>)] = []
        for policy in try store.policies() {
            let aliases = try store.aliases(name: policy.name).map(\.alias).filter { $0 != "challenger" }
            for reference in [policy.name] + aliases.map({ "\(policy.name)@\($0)" }) {
                do {
                    results.append((reference, .success(try await act(on: reference, dryRun: false, logger: logger))))
                } catch {
                    logger.warning("status policy not applied", metadata: ["model": .string(reference), "error": .string("\(error)")])
                    results.append((reference, .failure(error)))
                }
            }
        }
        return results
    }

    /// Whether `action` (a note) says again what the last action on its reference said: the same
    /// status of the same version. A schedule grading every hour notes a state once, not every hour.
    private func isRepeat(of action: PolicyAction) throws -> Bool {
        guard let last = try store.actions(name: action.name).last(where: { $0.alias == action.alias }) else { return false }
        return last.kind == action.kind && last.status == action.status && last.fromVersion == action.fromVersion
    }

    /// The alias a reference acts on: `""` for the bare name (its production version).
    private func actedAlias(_ reference: ModelReference) throws -> String {
        guard let selector = reference.selector else { return "" }
        guard try store.aliases(name: reference.name).contains(where: { $0.alias == selector }) else {
            throw FerryError(
                .invalidArgument, "\(reference): act on NAME (its production version) or NAME@ALIAS; '\(selector)' is not an alias")
        }
        return selector
    }

    /// The action `status` calls for under `policy`, made ready (a challenger trained and
    /// registered unless `dryRun`), not yet recorded.
    private func decide(
        status: HealthStatus, report: ServedMonitoringReport, alias: String, policy: ModelPolicy, dryRun: Bool
    ) async throws -> PolicyAction? {
        let name = report.model
        let why =
            "status \(status.rawValue)" + (report.decidingMetric.map { " (\($0))" } ?? "")
            + " on \(report.predictionsWithOutcomes) graded predictions"
        func action(_ kind: PolicyAction.Kind, to version: String?, _ reason: String) throws -> PolicyAction {
            PolicyAction(
                name: name, alias: alias, kind: kind, status: status.rawValue, fromVersion: report.version, toVersion: version,
                reason: reason, report: String(decoding: try FerryJSON.encoder().encode(report), as: UTF8.self),
                at: StoreClock.timestamp(), by: user)
        }
        switch (status, policy.onRed, policy.onYellow) {
        case (.green, _, _):
            return nil
        case (.red, _, _) where try store.pause(name: name, alias: alias) != nil:
            return try action(.noted, to: report.version, "\(why); already paused")
        case (.red, .rollback, _):
            guard let earlier = try rollbackTarget(name: name, current: report.version) else {
                return try action(.pause, to: nil, "\(why); no earlier version verifies and was green when last graded, so paused")
            }
            return try action(.rollback, to: earlier.version, "\(why); back to \(earlier.version), green when last graded")
        case (.red, .pause, _):
            return try action(.pause, to: nil, why)
        case (.yellow, _, .shadow):
            guard !dryRun else { return try action(.shadow, to: nil, "\(why); would train and register a challenger") }
            guard let challenger else {
                throw FerryError(
                    .invalidArgument, "\(name): policy shadow retrains a challenger at yellow; no data was given to train it on")
            }
            let champion = try RegisteredBundleFiles(store: store).required(
                try store.resolve(ModelReference(alias.isEmpty ? name : "\(name)@\(alias)")))
            let path = try await challenger(champion)
            let registered = try BundleRegistration(store: store, verifier: verifier).add(path, by: user).entry
            return try action(.shadow, to: registered.version, "\(why); challenger \(registered.version) registered, nothing promoted")
        default:
            return try action(.noted, to: report.version, "\(why); the policy does nothing at \(status.rawValue)")
        }
    }

    /// The newest version registered before `current` whose last grade was green and whose bundle
    /// is on this machine, holds the registered bytes, and still verifies.
    private func rollbackTarget(name: String, current: String) throws -> RegisteredBundle? {
        let versions = try store.bundles(name: name)
        let files = RegisteredBundleFiles(store: store)
        guard let position = versions.firstIndex(where: { $0.version == current }) else { return nil }
        for candidate in versions[..<position].reversed() {
            guard try store.lastGrade(name: name, version: candidate.version)?.status == HealthStatus.green.rawValue else { continue }
            // Its archive as this machine has it (a shared store's bundles are kept by reference), the registered bytes.
            if let local = try? files.onDisk(candidate), verifier.verify(local.path).report.passed { return candidate }
        }
        return nil
    }
}
