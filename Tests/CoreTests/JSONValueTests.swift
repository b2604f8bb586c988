import FerryCore
import Testing

@Suite struct JSONValueTests {
    @Test(arguments: [
        JSONValue.bool(true), .number(0.0001), .number(1000), .number(-2.5e-7), .string("cyclic"),
        .array([.number(5), .number(10), .number(20)]), .array([.string("lasso"), .string("ridge")]),
    ])
    func overrideTextReadsBackAsTheSameValue(_ value: JSONValue) throws {
        let text = try #require(value.overrideText)
        #expect(value.replaced(by: text) == value, "\(text)")
    }

    @Test func objectsAndNullsHaveNoOverrideText() {
        #expect(JSONValue.object(["a": .number(1)]).overrideText == nil)
        #expect(JSONValue.null.overrideText == nil)
        #expect(JSONValue.array([.number(1), .object([:])]).overrideText == nil)
    }
}
