import FerryBundle
import Testing

@Suite struct ArchiveLibrariesTests {
    @Test func reportsLinkedLibraryVersions() {
        let numbers = { (text: String) in text.split(separator: ".").compactMap { Int($0) } }
        #expect(numbers(ArchiveLibraries.libarchiveVersion).count == 3, "\(ArchiveLibraries.libarchiveVersion)")
        #expect(numbers(ArchiveLibraries.libarchiveVersion).first == 3)
        #expect(numbers(ArchiveLibraries.zlibVersion).first == 1, "\(ArchiveLibraries.zlibVersion)")
    }
}
