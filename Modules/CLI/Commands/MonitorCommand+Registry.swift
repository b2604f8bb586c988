import ArgumentParser
import FerryCore
import FerryPipeline
import Foundation

extension MonitorCommand {
    /// `--model`: grades a registered model's served version and, with `--act`, applies its policy.
    func gradeRegistered(_ reference: String) async throws {
        let store = try storeOptions.location.open()
        let verifier = try input.trust().verifier()
        let logger = global.logger(for: "monitor")
        var actions = StatusActions(store: store, verifier: verifier)
        actions.user = actor.user
        if !data.isEmpty {
            var shadow = ShadowRetrain(champion: reference, dataPaths: data)
            shadow.reference = input.reference
            shadow.keeper = RunKeeper(directory: runsDir, store: store)
            shadow.folder = shadowDir
            actions.challenger = shadow.challengerMaker(verifier: verifier, logger: logger)
        }
        let outcome = try await actions.act(on: reference, dryRun: !act || dryRun, logger: logger)
        if output.json { try printJSON(outcome) } else { print(Self.describe(outcome)) }
        if outcome.status == "red" { throw FerryExitCode.red }
    }

    /// The outcome in a few lines.
    static func describe(_ outcome: StatusActions.Outcome) -> String {
        let report = outcome.report
        var lines = [
            "\(outcome.reference) \(outcome.version): \(outcome.status)" + (report.decidingMetric.map { " (\($0))" } ?? "")
                + " on \(report.predictionsWithOutcomes) graded predictions"
        ]
        let policy = outcome.policy
        lines.append(
            "  policy: at red \(policy.onRed.rawValue), at yellow \(policy.onYellow.rawValue)"
                + (policy.webhook.flatMap { URLComponents(string: $0)?.host }.map { "; webhook to \($0)" } ?? ""))
        if let action = outcome.action {
            let move = action.toVersion.map { " \(action.fromVersion ?? "-") -> \($0)" } ?? ""
            lines.append("  \(outcome.applied ? "done" : "would do"): \(action.kind.rawValue)\(move): \(action.reason)")
        } else if outcome.status == "unknown" {
            lines.append("  too few predictions with realised outcomes to grade; nothing recorded")
        }
        if !outcome.applied, outcome.status != "unknown" { lines.append("  (dry run: nothing recorded or changed; --act applies it)") }
        if let notification = outcome.notification, let host = notification.webhookHost {
            lines.append(
                "  webhook \(host): " + (notification.webhookStatus.map { "answered \($0)" } ?? notification.webhookError ?? "not reached"))
        }
        return lines.joined(separator: "\n")
    }
}
