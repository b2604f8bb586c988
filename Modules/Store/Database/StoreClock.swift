import Foundation

/// The store's timestamps: UTC, ISO 8601 to the second (`2026-11-21T10:31:09Z`), so they sort as text.
public enum StoreClock {
    /// `date` (now, by default) as the store writes it.
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
