import FerryCore
import FerryStore
import Foundation

/// Changes to the registry that any front end makes the same way: an alias moved, a version
/// promoted or archived, each resolved from a reference first and recorded with who made it.
public struct RegistryChanges: Sendable {
    /// The store whose registry changes.
    public let store: Store

    /// Makes the use case over `store`.
    public init(store: Store) { self.store = store }

    /// Points `alias` at the version `reference` resolves to, recorded in the audit trail with who
    /// and why (`reason`, or `forcedBecause`); a version whose last grade was red needs `forcedBecause`.
    /// - Throws: ``FerryError`` `notFound` for an unknown model or version, `invalidArgument` for a
    ///   malformed alias, `refused` for an archived version or a red one without a reason.
    @discardableResult
    public func setAlias(
        _ alias: String, to reference: String, by user: String, reason: String? = nil, forcedBecause forced: String? = nil
    ) throws -> RegisteredBundle {
        let entry = try store.resolve(ModelReference(reference))
        if let forced = try forcedMove(of: entry, alias: alias, reason: forced, by: user) {
            try store.apply(forced)
        } else {
            try store.setAlias(alias, name: entry.name, version: entry.version, by: user, reason: forced ?? reason)
        }
        return entry
    }

    /// Moves the version `reference` resolves to into `stage`, recorded with who and why; returns
    /// the entry as it was before. Into production, a version whose last grade was red needs `forcedBecause`.
    /// - Throws: ``FerryError`` as ``setAlias(_:to:by:reason:forcedBecause:)`` does.
    @discardableResult
    public func setStage(
        _ reference: String, to stage: RegisteredBundle.Stage, by user: String, reason: String? = nil, forcedBecause forced: String? = nil
    ) throws -> RegisteredBundle {
        let entry = try store.resolve(ModelReference(reference))
        if stage == .production, let forced = try forcedMove(of: entry, alias: "", reason: forced, by: user) {
            try store.apply(forced)
        } else {
            try store.setStage(name: entry.name, version: entry.version, to: stage, by: user, reason: forced ?? reason)
        }
        return entry
    }

    /// Sets model `name`'s status policy; throws ``FerryError`` `notFound` for an unknown model,
    /// `invalidArgument` for a webhook that is not an http(s) URL.
    public func setPolicy(_ policy: ModelPolicy) throws {
        if let webhook = policy.webhook {
            guard let url = URLComponents(string: webhook), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false else {
                throw FerryError(.invalidArgument, "webhook '\(webhook)' is not an http(s) URL", field: "webhook")
            }
        }
        var policy = policy
        policy.setAt = StoreClock.timestamp()
        try store.setPolicy(policy)
    }

    /// Pauses `reference` (`NAME` or `NAME@ALIAS`) by hand, recorded with `reason`.
    /// - Throws: ``FerryError`` `invalidArgument` without a reason or for a version reference,
    ///   `notFound` for an unknown model.
    public func pause(_ reference: String, reason: String, by user: String) throws {
        let parsed = try ModelReference(reference)
        try Self.requireReason(reason, for: "a pause")
        let entry = try store.resolve(parsed)
        if let selector = parsed.selector, !(try store.aliases(name: parsed.name).contains { $0.alias == selector }) {
            throw FerryError(
                .invalidArgument, "\(reference): pause NAME (its production version) or NAME@ALIAS; '\(selector)' is not an alias")
        }
        try store.apply(
            PolicyAction(
                name: parsed.name, alias: parsed.selector ?? "", kind: .pause, status: "manual", fromVersion: entry.version, toVersion: nil,
                reason: reason, report: nil, at: StoreClock.timestamp(), by: user))
    }

    /// Lifts the pause on `reference` (`NAME` or `NAME@ALIAS`), recorded with `reason`.
    /// - Throws: ``FerryError`` `invalidArgument` without a reason, `notFound` when it is not paused.
    public func resume(_ reference: String, reason: String, by user: String) throws {
        let parsed = try ModelReference(reference)
        try Self.requireReason(reason, for: "lifting a pause")
        try store.apply(
            PolicyAction(
                name: parsed.name, alias: parsed.selector ?? "", kind: .resume, status: "manual", fromVersion: nil, toVersion: nil,
                reason: reason, report: nil, at: StoreClock.timestamp(), by: user))
    }

    /// Refuses an empty `reason`: the history keeps why `what` was done.
    private static func requireReason(_ reason: String, for what: String) throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FerryError(.invalidArgument, "\(what) needs a reason for the history", field: "reason")
        }
    }

    /// The forced move of `alias` (`""`: production) onto `entry` when its last grade was red;
    /// `nil` when the version was not graded red.
    private func forcedMove(of entry: RegisteredBundle, alias: String, reason: String?, by user: String) throws -> PolicyAction? {
        guard let grade = try store.lastGrade(name: entry.name, version: entry.version), grade.status == "red" else { return nil }
        let place = alias.isEmpty ? "production" : "@\(alias)"
        guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FerryError(
                .refused,
                "\(entry.name) \(entry.version) was graded red on \(grade.gradedAt) (\(grade.decidingMetric ?? "status")); moving \(place) onto it needs force and a reason",
                field: "force")
        }
        let current =
            try alias.isEmpty
            ? store.bundles(name: entry.name).first { $0.stage == .production }?.version
            : store.aliases(name: entry.name).first { $0.alias == alias }?.version
        return PolicyAction(
            name: entry.name, alias: alias, kind: .forcedAlias, status: "manual", fromVersion: current, toVersion: entry.version,
            reason: reason, report: nil, at: StoreClock.timestamp(), by: user)
    }
}
