extension Timestamp {
    /// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS` (a `T` may stand for the
    /// space, a trailing `Z` is allowed), read as UTC; `nil` for anything else or an impossible date.
    public init?<S: StringProtocol>(iso8601 text: S) {
        var bytes = Array(text.utf8)
        if bytes.last == UInt8(ascii: "Z") { bytes.removeLast() }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        if bytes.count > 10 {
            guard bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
                bytes.count == 16 || bytes.count == 19, bytes[13] == UInt8(ascii: ":"),
                let h = number(11..<13), let m = number(14..<16)
            else { return nil }
            hour = h
            minute = m
            if bytes.count == 19 {
                guard bytes[16] == UInt8(ascii: ":"), let s = number(17..<19) else { return nil }
                second = s
            }
        }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// `YYYY-MM-DD`: the calendar day.
    public var isoDate: String {
        let (year, month, day) = civilDate
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `YYYY-MM-DD HH:MM:SS`: the calendar day and the time of day, UTC.
    public var isoDateTime: String {
        let seconds = Int(secondOfDay)
        return "\(isoDate) \(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
    }

    /// The shortest of ``isoDate`` and ``isoDateTime`` that loses nothing for this instant.
    public var iso8601: String { secondOfDay == 0 ? isoDate : isoDateTime }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension Timestamp: CustomStringConvertible {
    public var description: String { iso8601 }
}

extension Timestamp: Codable {
    /// Decodes an ISO 8601 string such as `2018-12-31` or `2017-04-19 09:00:00`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let timestamp = Timestamp(iso8601: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an ISO 8601 date"))
        }
        self = timestamp
    }

    /// Encodes as ``iso8601``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
