import FerryCore
import Foundation
import Hummingbird
import Testing

@testable import FerryServer

/// The predict route reads and writes its JSON by hand (JSONReader, JSONWriter): checked against
/// Foundation's JSONSerialization on the same texts, and on what RFC 8259 refuses.
@Suite struct PredictBodyTests {
    static func read(_ text: String, expected: [String] = []) throws -> PredictRequest {
        try PredictRequest(ByteBuffer(string: text), expectedColumns: expected)
    }

    static func message(_ text: String) -> String {
        do {
            _ = try read(text)
            return "accepted"
        } catch let error as HTTPError {
            return error.body ?? ""
        } catch {
            return "\(error)"
        }
    }

    @Test func numbersReadToTheNearestDouble() throws {
        // Shortest and 17-digit spellings must give back the very Double; others the C library's
        // correctly rounded reading. (Foundation's JSONSerialization here misses some by one ulp.)
        var generator = SystemRandomNumberGenerator()
        var cases: [(spelling: String, value: Double)] = (0..<400).map { index in
            let value = Double.random(in: -1e6...1e6, using: &generator) * pow(10, Double(Int.random(in: -300...300, using: &generator)))
            switch index % 4 {
            case 0: return (value.description, value)
            case 1: return (String(format: "%.17g", value), value)
            case 2:
                let text = String(format: "%.3e", value)
                return (text, strtod(text, nil))
            default: return ("\(index - 200)", Double(index - 200))
            }
        }
        for text in ["-0", "0.5", "1E2", "1e+2", "1e-2", "-1.5E-3", "123456789012345678901234567890", "4.9e-324", "1.7976931348623157e308"]
        {
            cases.append((text, strtod(text, nil)))
        }
        let body = #"{"rows": [{"# + cases.enumerated().map { "\"f\($0.offset)\": \($0.element.spelling)" }.joined(separator: ", ") + "}]}"
        let request = try Self.read(body)
        #expect(request.columns == cases.indices.map { "f\($0)" }, "the first row's order is kept")
        for (read, wanted) in zip(request.rows[0], cases) {
            #expect(read.bitPattern == wanted.value.bitPattern, "\(wanted.spelling) read as \(read)")
        }
    }

    @Test func stringsDecodeEscapesAndUnicode() throws {
        let key = #"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00"#
        let request = try Self.read(#"{"instrument": "\#(key)", "as_of": null, "rows": [{"\#(key)": 1}]}"#)
        #expect(request.instrument == "a\"b\\c/d\u{08}\u{0C}\n\r\té😀")
        #expect(request.columns == [request.instrument ?? ""] && request.asOf == nil)
        #expect(try Self.read(#"{"rows": [{"x": 1}], "as_of": "2020-01-05"}"#).asOf == "2020-01-05")
    }

    @Test func unknownMembersOfAnyShapeAreSkipped() throws {
        let request = try Self.read(
            #" { "meta" : {"a": [1, 2.5e3, {"b": [true, false, null, "x\"y"]}], "c": {}, "d": { }}, "list": [ ], "rows": [{"x": 1}] } "#)
        #expect(request.columns == ["x"] && request.rows == [[1]])
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(Self.message(#"{"meta": \#(deep), "rows": [{"x": 1}]}"#).contains("at most 64 levels of nesting"))
    }

    @Test func laterRowsMayOrderTheirFieldsFreely() throws {
        let body = #"{"rows": [{"a": 1, "b": 2, "c": 3}, {"c": 6, "a": 4, "b": 5}, {"a": 7, "b": 8, "c": 9}]}"#
        let plain = try Self.read(body)
        #expect(plain.columns == ["a", "b", "c"] && plain.rows == [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        for expected in [["a", "b", "c"], ["c", "b", "a"], ["a", "b"], ["a", "b", "c", "d"]] {
            let hinted = try Self.read(body, expected: expected)
            #expect(
                hinted.columns == plain.columns && hinted.rows == plain.rows, "the expected columns only make reading faster: \(expected)")
        }
        for body in [#"{"rows": [{"a": 1, "b": 2, "a": 3}]}"#, #"{"rows": [{"a": 1, "b": 2, "c": 3, "b": 4}]}"#] {
            #expect(throws: HTTPError.self, "a repeated field is refused with the hint too: \(body)") {
                try Self.read(body, expected: ["a", "b", "c"])
            }
        }
    }

    @Test func badBodiesNameTheFieldOrTheByte() {
        let cases: [(String, String)] = [
            ("", "not valid JSON at byte 0: expected a value"),
            ("{", "not valid JSON at byte 1"),
            (#"{"rows": [{"x": 1}]} tail"#, "expected the end of the body"),
            (#"{"rows": [{"x": 01}]}"#, "expected ',' or '}'"),
            (#"{"rows": [{"x": +1}]}"#, "expected a value"),
            (#"{"rows": [{"x": 1.}]}"#, "expected a digit"),
            (#"{"rows": [{"x": .5}]}"#, "expected a value"),
            (#"{"rows": [{"x": NaN}]}"#, "expected a value"),
            (#"{"rows": [{"x": 1e999}]}"#, "field 'rows[0].x' is too large for a Double"),
            (#"{"rows": [{"x": "1"}]}"#, "field 'rows[0].x' must be a number, not a string"),
            (#"{"rows": [{"x": 1}, 2]}"#, "field 'rows[1]' must be an object, not a number"),
            (#"{"rows": [{"x": 1, "x": 2}]}"#, "rows[0]: field 'x' appears twice"),
            (#"{"rows": [{"x": 1}, {"x": 2, "x": 3}]}"#, "rows[1]: field 'x' appears twice"),
            (#"{"rows": [{"x": 1, "y": 2}, {"y": 3}]}"#, "rows[1]: field 'x' is in some rows but not others"),
            (#"{"rows": [{"x": 1}], "instrument": 5}"#, "field 'instrument' must be a string, not a number"),
            (#"{"rows": [{"x": 1}], "instrument": "a\qb"}"#, "expected an escape"),
            (#"{"rows": [{"x": 1}], "instrument": "\ud83d"}"#, "expected the low half of a surrogate pair"),
            ("{\"rows\": [{\"x\": 1}], \"instrument\": \"a\nb\"}", "expected no control character inside a string"),
            (#"{"rows": []}"#, "field 'rows' must hold 1 to 10000 rows, not 0"),
            (#"{"rows": {"x": 1}}"#, "field 'rows' must be an array of objects, not an object"),
            (#"["rows"]"#, "the body must be a JSON object, not an array"),
            (#"{"rowz": [{"x": 1}]}"#, "field 'rows' is missing"),
        ]
        for (body, words) in cases {
            let message = Self.message(body)
            #expect(message.contains(words), "\(body): \(message)")
        }
    }

    @Test func mangledBodiesAreRefusedWithA400NeverACrash() throws {
        // Bytes deleted, repeated or replaced at random in a valid body: each reading either
        // succeeds or is a 400 (out-of-bounds reads would trap here, in a debug build).
        let valid = Array(
            #"{"rows": [{"a": -1.5e-3, "b\u00e9": 2}, {"b\u00e9": 3, "a": 4}], "instrument": "S\"PX", "meta": [null, true, {"x": []}]}"#
                .utf8)
        var generator = SeededGenerator(seed: 9)
        var refused = 0
        for _ in 0..<3_000 {
            var body = valid
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0..<body.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: body.remove(at: at)
                case 1: body.insert(body[at], at: at)
                default: body[at] = valid.randomElement(using: &generator) ?? 0
                }
                if body.isEmpty { break }
            }
            do {
                _ = try PredictRequest(ByteBuffer(bytes: body))
            } catch let error as HTTPError {
                #expect(error.status == .badRequest, "\(String(decoding: body, as: UTF8.self))")
                refused += 1
            }
        }
        #expect(refused > 1_000, "most mangled bodies are refused: \(refused)")
    }

    @Test func responsesAreJSONThatReadsBackTheSameValues() throws {
        let predictions = [0.1, -1e-300, 1.7976931348623157e308, .leastNonzeroMagnitude, 42, .nan, .infinity]
        let warnings = ["plain", "quote \" backslash \\ slash /", "control \u{01}\n\t", "unicode é 😀"]
        let response = PredictResponse(
            model: "m\"odel", version: "1.0.0", variant: "champion", predictions: predictions, warnings: warnings
        ).json
        let text = Array(response.readableBytesView)
        let json = try #require(JSONSerialization.jsonObject(with: Data(text)) as? [String: Any])
        #expect(json["model"] as? String == "m\"odel" && json["variant"] as? String == "champion" && json["version"] as? String == "1.0.0")
        #expect(json["warnings"] as? [String] == warnings)
        let read = try #require(json["predictions"] as? [Any])
        #expect(zip(read, predictions).allSatisfy { ($0.0 as? NSNumber)?.doubleValue == $0.1 || ($0.0 is NSNull && !$0.1.isFinite) })
        #expect(
            String(decoding: text, as: UTF8.self).hasPrefix(#"{"model":"m\"odel","predictions":[0.1,"#),
            "keys sorted, as JSONEncoder sorts them")
        let plain = PredictResponse(model: "m", version: "1", variant: nil, predictions: [1], warnings: []).json
        #expect(plain.readableBytesView.elementsEqual(#"{"model":"m","predictions":[1.0],"version":"1","warnings":[]}"#.utf8))
    }
}
