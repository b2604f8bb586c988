import FerryCore

/// Refuses any evaluation row that does not come strictly after the end of training.
///
/// Every split Ferry makes passes through this guard, so a model is never scored on a row whose
/// time it could have seen (or preceded) in training, whatever order the rows arrived in.
public enum LeakageGuard {
    /// Throws a leakage ``SplitError`` naming the first `evaluation` row at or before training's last time.
    public static func check(_ timestamps: [Timestamp], train: Range<Int>, evaluation: Range<Int>, name: String) throws {
        guard let trainEnd = timestamps[train].max() else { return }
        if let row = evaluation.first(where: { timestamps[$0] <= trainEnd }) {
            throw SplitError.leakage(set: name, row: row, date: timestamps[row], trainEnd: trainEnd)
        }
    }
}
