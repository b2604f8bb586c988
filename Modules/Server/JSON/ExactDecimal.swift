/// Clinger's fast path for decimal numbers: a number whose digits fit in 53 bits and whose
/// decimal exponent is at most 22 either way is its digits (an exact Double) times or divided by
/// a power of ten (also exact), so one IEEE operation gives the correctly rounded value, the same
/// bits `strtod` gives. Most feature values a client sends (up to 16 significant digits) qualify;
/// the rest go to `strtod`. A tenth of a 100-row request's time went to `strtod` before.
enum ExactDecimal {
    /// The value of `spelling`, a JSON number already checked by ``JSONReader``, when the fast
    /// path gives it exactly; `nil` when `strtod` must.
    static func value(_ spelling: UnsafeRawBufferPointer) -> Double? {
        var index = 0
        let negative = spelling.first == UInt8(ascii: "-")
        if negative { index += 1 }
        var digits: UInt64 = 0
        var significant = 0
        var exponent = 0
        var afterPoint = false
        while index < spelling.count {
            let byte = spelling[index]
            if byte == UInt8(ascii: ".") {
                afterPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard let written = writtenExponent(spelling, from: index + 1) else { return nil }
                exponent += written
                break
            } else {
                let digit = UInt64(byte &- UInt8(ascii: "0"))
                if digits != 0 || digit != 0 { significant += 1 }
                guard significant <= 16 else { return nil }
                digits = digits * 10 + digit
                if afterPoint { exponent -= 1 }
            }
            index += 1
        }
        guard digits <= maxExactDigits else { return nil }
        let magnitude: Double
        if digits == 0 {
            magnitude = 0
        } else if exponent >= 0 {
            guard exponent < powersOfTen.count else { return nil }
            magnitude = Double(digits) * powersOfTen[exponent]
        } else {
            guard -exponent < powersOfTen.count else { return nil }
            magnitude = Double(digits) / powersOfTen[-exponent]
        }
        return negative ? -magnitude : magnitude
    }

    /// The exponent after `e`, when it is small enough to matter here.
    private static func writtenExponent(_ spelling: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        var negative = false
        if index < spelling.count, spelling[index] == UInt8(ascii: "-") || spelling[index] == UInt8(ascii: "+") {
            negative = spelling[index] == UInt8(ascii: "-")
            index += 1
        }
        var value = 0
        while index < spelling.count {
            value = value * 10 + Int(spelling[index] &- UInt8(ascii: "0"))
            guard value <= 1_000 else { return nil }
            index += 1
        }
        return negative ? -value : value
    }

    /// The largest integer every smaller one of which a Double holds exactly (2^53).
    private static let maxExactDigits: UInt64 = 1 << 53

    /// 10^0 ... 10^22: every power of ten a Double holds exactly.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
