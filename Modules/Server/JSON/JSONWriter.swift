import FerryCore
import NIOCore

/// Writes JSON text straight into a `ByteBuffer`, for the predict route's answer (`JSONEncoder`
/// took a fourteenth of a request's CPU time). The caller lays out the punctuation; the writer
/// escapes strings and spells numbers (shortest form that reads back the same `Double`; not
/// finite is `null`).
struct JSONWriter {
    /// The text so far.
    private(set) var buffer: ByteBuffer

    /// An empty text with room for `capacity` bytes.
    init(capacity: Int = 256) {
        buffer = ByteBuffer()
        buffer.reserveCapacity(capacity)
    }

    /// Writes `text` as it is: punctuation and keys the caller knows need no escaping.
    mutating func raw(_ text: StaticString) {
        buffer.writeStaticString(text)
    }

    /// Writes `text` as a JSON string, quoted and escaped.
    mutating func string(_ text: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeString(FerryJSON.escaped(text))
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    /// Writes `value` as a JSON number, or `null` when it is missing or not finite.
    mutating func number(_ value: Double?) {
        guard let value, value.isFinite else { return raw("null") }
        buffer.writeString(value.description)
    }

    /// Writes `value` as a JSON integer.
    mutating func integer(_ value: Int) {
        buffer.writeString(String(value))
    }

    /// Writes each element with `write`, separated by commas, inside brackets.
    mutating func array<Element>(_ elements: [Element], _ write: (inout JSONWriter, Element) -> Void) {
        raw("[")
        for (position, element) in elements.enumerated() {
            if position > 0 { raw(",") }
            write(&self, element)
        }
        raw("]")
    }
}
