import FerryCore
import Foundation
import Testing

/// ``FerryJSON/stringArray(_:)`` and ``FerryJSON/escaped(_:)``: what a JSON parser reads back is what was written.
@Suite struct FerryJSONStringsTests {
    @Test func anArrayOfAwkwardStringsReadsBackAsItWas() throws {
        let texts = [
            "plain", "", "quote \" and backslash \\", "line\nfeed\r\ttab", "bell \u{07} and \u{1F}", "ünïcödé ✓ 📈", "rows[3].sma_5",
        ]
        let written = FerryJSON.stringArray(texts)
        let read = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String]
        #expect(read == texts)
        #expect(FerryJSON.stringArray([]) == "[]")
        #expect(FerryJSON.escaped("a\"b") == "a\\\"b" && FerryJSON.escaped("\u{01}") == "\\u0001")
    }
}
