import Foundation
import Testing

/// The plugin SDK's DocC catalog shows a compiled plugin, not a copy that drifts from it.
@Suite struct DocumentationTests {
    static let article = "Modules/Models/FerryModels.docc/WritingAPlugin.md"
    static let example = "Plugins/ExampleTeamPlugin/Sources/CrossoverPlugin/CrossoverPlugin.swift"

    /// The Swift code blocks of a Markdown text, in order.
    static func swiftBlocks(of markdown: String) -> [String] {
        markdown.components(separatedBy: "```swift\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
    }

    @Test func writingAPluginShowsTheCompiledExamplePlugin() throws {
        let root = ImportRuleTests.repository
        let article = try String(contentsOf: root.appendingPathComponent(Self.article), encoding: .utf8)
        let source = try String(contentsOf: root.appendingPathComponent(Self.example), encoding: .utf8)
        let trimmed = source.trimmingCharacters(in: .newlines)
        #expect(
            Self.swiftBlocks(of: article).contains(trimmed),
            "\(Self.article) must show \(Self.example) whole, as it is compiled; copy the file into its code block")
    }

    /// The check finds a block, and notices one that differs.
    @Test func swiftBlocksAreFoundWhole() {
        let markdown = "text\n```swift\nlet a = 1\nlet b = 2\n```\nmore\n```sh\nls\n```\n```swift\nprint(a)\n```\n"
        #expect(Self.swiftBlocks(of: markdown) == ["let a = 1\nlet b = 2", "print(a)"])
    }
}
