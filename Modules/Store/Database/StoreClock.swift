import FerryCore
import Foundation

/// The store's timestamps: UTC, ISO 8601 to the second (`2026-11-21T10:31:09Z`), so they sort as text.
public enum StoreClock {
    /// `date` (now, by default) as the store writes it. (Made from FerryCore's `Timestamp`: a
    /// Foundation `ISO8601DateFormatter` per call was a tenth of a served prediction's time.)
    public static func timestamp(_ date: Date = Date()) -> String {
        let moment = Timestamp(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))
        return moment.isoDate + "T" + moment.isoDateTime.dropFirst(moment.isoDate.count + 1) + "Z"
    }
}
