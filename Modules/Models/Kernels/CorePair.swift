internal import CFerryKernels

/// Two cores on one job: the calling thread runs part 0 and Ferry's one partner thread part 1, the
/// two meeting at ``meet(part:)`` barriers, as a single-window LSTM prediction splits each step's
/// units between two cores. The partner thread is started on first use (never when the library
/// loads, so a process may load Ferry and fork: a forked child starts its own), spins a little
/// between jobs, then sleeps. One job at a time in a process.
public enum CorePair {
    /// Runs `work(0)` on this thread and `work(1)` on the partner thread at the same time, and returns
    /// true once both have returned; false, with nothing run, when the partner is busy with another
    /// job (or cannot be started): then do the work on one thread. `work` runs on two threads at once.
    public static func run(_ work: (Int) -> Void) -> Bool {
        withoutActuallyEscaping(work) { work in
            let box = Unmanaged.passRetained(WorkBox(work))
            defer { box.release() }
            return ferry_pair_run(
                { context, part in
                    guard let context else { return }
                    Unmanaged<WorkBox>.fromOpaque(context).takeUnretainedValue().work(Int(part))
                }, box.toOpaque()) == 0
        }
    }

    /// Inside ``run(_:)``'s work, part `part` (0 or 1): returns once the other part has called it as
    /// many times. Both parts must call it equally often.
    public static func meet(part: Int) {
        ferry_pair_meet(Int32(part))
    }

    /// The work, held for the C trampoline.
    private final class WorkBox {
        let work: (Int) -> Void
        init(_ work: @escaping (Int) -> Void) { self.work = work }
    }
}
