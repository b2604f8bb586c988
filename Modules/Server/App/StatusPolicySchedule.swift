import FerryPipeline
import Logging
import ServiceLifecycle

/// `ferry serve --act-every`: applies every model's status policy on a schedule, as
/// `ferry monitor --model NAME --act` does for one reference (a yellow grade under policy
/// `shadow` is noted: the server has no bars to train a challenger on). Runs beside the HTTP
/// server and stops with it; its actions use the server's serving use case (``StatusActions/serving``),
/// so models load once and what it changes is served at once.
struct StatusPolicySchedule: Service {
    /// Grades and acts.
    let actions: StatusActions
    /// Time between two rounds; the first round runs one interval after start.
    let interval: Duration
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: interval)
                    await actOnce()
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// One round: every policy applied; returns how many actions were taken.
    @discardableResult
    func actOnce() async -> Int {
        do {
            let results = try await actions.actOnEveryPolicy(logger: logger)
            let taken = results.filter { (try? $0.result.get().action) != nil }.count
            logger.info("status policies applied", metadata: ["references": "\(results.count)", "actions": "\(taken)"])
            return taken
        } catch {
            logger.error("status policies could not be read", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
