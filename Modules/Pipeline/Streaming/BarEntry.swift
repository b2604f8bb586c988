import FerryCore
import FerryData
import FerryFeatures

/// One bar read from a stream entry's fields: `instrument`, `time` (ISO 8601, as bar files
/// write dates), `open`, `high`, `low`, `close`, `volume`, and `reference` (the second series'
/// value on the bar's date) when the model's features read one. An entry is untrusted input:
/// every field is checked, and what is wrong is said in a ``BarEntryProblem`` naming the field.
struct BarEntry: Equatable {
    /// The instrument the bar is for.
    let instrument: String
    /// The bar's time.
    let time: Timestamp
    /// Its prices, volume and reference value.
    let bar: StreamBar

    /// The longest instrument name taken, and the longest text of a number.
    static let maximumNameLength = 64
    static let maximumNumberLength = 64

    /// Reads `fields`, with a `reference` field required when `needsReference`.
    init(fields: [String: String], needsReference: Bool) throws(BarEntryProblem) {
        guard let instrument = fields["instrument"] else { throw BarEntryProblem("missing field instrument") }
        guard !instrument.isEmpty, instrument.utf8.count <= Self.maximumNameLength,
            instrument.utf8.allSatisfy(Self.isNameByte)
        else {
            throw BarEntryProblem("field instrument: not 1 to \(Self.maximumNameLength) letters, digits, '.', '_' or '-'")
        }
        guard let time = fields["time"] else { throw BarEntryProblem("missing field time") }
        guard time.utf8.count <= Self.maximumNumberLength, let parsed = Timestamp(iso8601: time) else {
            throw BarEntryProblem("field time: \(Self.shown(time)) is not an ISO 8601 date or date-time")
        }
        let open = try Self.number("open", in: fields)
        let high = try Self.number("high", in: fields)
        let low = try Self.number("low", in: fields)
        let close = try Self.number("close", in: fields)
        let volume = try Self.number("volume", in: fields)
        let reference = needsReference ? try Self.number("reference", in: fields) : .nan
        if let problem = BarRules.problems(open: open, high: high, low: low, close: close, volume: volume).first {
            throw BarEntryProblem(problem)
        }
        self.instrument = instrument
        self.time = parsed
        bar = StreamBar(open: open, high: high, low: low, close: close, volume: volume, reference: reference)
    }

    /// Whether `byte` may be in an instrument's name: an ASCII letter or digit, `.`, `_` or `-`.
    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }

    /// The finite number in field `name`.
    private static func number(_ name: String, in fields: [String: String]) throws(BarEntryProblem) -> Double {
        guard let text = fields[name] else { throw BarEntryProblem("missing field \(name)") }
        guard text.utf8.count <= maximumNumberLength, let value = Double(text), value.isFinite else {
            throw BarEntryProblem("field \(name): \(shown(text)) is not a finite number")
        }
        return value
    }

    /// `text` quoted for a message, cut to 40 characters (an entry may hold anything).
    static func shown(_ text: String) -> String {
        text.count <= 40 ? "'\(text)'" : "'\(text.prefix(40))…' (\(text.utf8.count) bytes)"
    }
}

/// Why a stream entry is not a bar Ferry can score: what the dead-letter stream records.
struct BarEntryProblem: Error, Equatable {
    /// What is wrong, naming the field.
    let reason: String

    init(_ reason: String) { self.reason = reason }
}
