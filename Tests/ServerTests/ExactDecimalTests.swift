import Foundation
import Testing

@testable import FerryServer

/// The fast path must give the very bits `strtod` gives, or step aside.
@Suite struct ExactDecimalTests {
    static func exact(_ spelling: String) -> Double? {
        Array(spelling.utf8).withUnsafeBytes { ExactDecimal.value($0) }
    }

    @Test func everyValueItGivesIsStrtodsToTheBit() {
        var generator = SystemRandomNumberGenerator()
        var taken = 0
        for index in 0..<50_000 {
            let digits = Int.random(in: 1...17, using: &generator)
            let mantissa = UInt64.random(in: 0..<UInt64(pow(10, Double(digits))), using: &generator)
            let point = Int.random(in: 0...digits, using: &generator)
            var text = String(mantissa)
            if point < text.count { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            if text.hasPrefix(".") { text = "0" + text }
            if index % 3 == 0 { text += "e\(Int.random(in: -30...30, using: &generator))" }
            if index % 2 == 0 { text = "-" + text }
            guard let value = Self.exact(text) else { continue }
            taken += 1
            #expect(value.bitPattern == strtod(text, nil).bitPattern, "\(text)")
        }
        #expect(taken > 20_000, "the fast path took \(taken) of 50,000")
    }

    @Test func edgesGoToStrtodOrMatchIt() {
        for text in ["0", "-0", "-0.0", "0.000", "1e22", "-1e-22", "9007199254740992", "123e-22", "1.5E+7", "0.1", "34.10248475638416"] {
            #expect(Self.exact(text)?.bitPattern == strtod(text, nil).bitPattern, "\(text)")
        }
        for text in ["9007199254740993", "1e23", "1e-23", "30.596239025495606", "123456789012345678", "1e400", "4.9e-324"] {
            #expect(Self.exact(text) == nil, "\(text) is not exactly reachable in one operation")
        }
    }
}
