import CArchive
import FerryCore
import Foundation

/// Streams the entries of an untrusted gzip-compressed tar, refusing anything that is not a plain
/// file at a safe path, within size limits.
///
/// Nothing is extracted to disk: each entry's bytes are handed to the caller as they are inflated.
/// Refused: absolute paths, `..`, links, devices, FIFOs and other non-regular entries, duplicate
/// names, entries or totals beyond the limits, compression ratios beyond the limit (decompression
/// bombs), and truncated or corrupt gzip or tar data.
struct TarGzReader {
    /// Limits on what an archive may hold.
    struct Limits: Sendable {
        /// The most entries.
        var entries = 64
        /// The largest single entry, in bytes.
        var entryBytes: Int64 = 8 << 30
        /// The most bytes all entries may inflate to.
        var totalBytes: Int64 = 16 << 30
        /// The most inflated bytes per compressed byte, checked once more than `ratioFloor` bytes are inflated.
        var compressionRatio: Int64 = 200
        /// Below this many inflated bytes the ratio is not checked (small JSON compresses well).
        var ratioFloor: Int64 = 1 << 20
    }

    var limits = Limits()

    /// Calls `visit` for each entry of the file at `path` with its name, and `consume` with each chunk of its bytes.
    func read(
        _ path: String, visit: (_ name: String, _ size: Int64) throws -> Void,
        consume: (_ name: String, _ chunk: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let compressed = attributes[.size] as? Int64 else {
            throw BundleError.unreadable(path)
        }
        if let probe = FileBytes(path: path), BlockedGzip.memberSize(header: try probe.read(upTo: BlockedGzip.headerSize)) != nil,
            let bytes = FileBytes(path: path)
        {
            return try readBlocked(label: path, compressedBytes: compressed, visit: visit, consume: consume, read: bytes.read(upTo:))
        }
        try read(label: path, compressedBytes: compressed, visit: visit, consume: consume) { archive in
            archive_read_open_filename(archive, path, 1 << 16)
        }
    }

    /// The same, over a file still being written (``GrowingFile``): reads wait for the writer.
    func read(
        growing file: GrowingFile, visit: (_ name: String, _ size: Int64) throws -> Void,
        consume: (_ name: String, _ chunk: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        defer { file.closeReading() }
        let blocked = BlockedGzip.memberSize(header: try file.read(upTo: BlockedGzip.headerSize)) != nil
        file.rewind()
        do {
            if blocked {
                return try readBlocked(
                    label: file.path, compressedBytes: file.expectedSize, visit: visit, consume: consume, read: file.read(upTo:))
            }
            try read(label: file.path, compressedBytes: file.expectedSize, visit: visit, consume: consume) { archive in
                archive_read_open(
                    archive, Unmanaged.passUnretained(file).toOpaque(), nil,
                    { _, context, bytes in
                        guard let context, let bytes else { return -1 }
                        return la_ssize_t(Unmanaged<GrowingFile>.fromOpaque(context).takeUnretainedValue().readNext(bytes))
                    }, nil)
            }
        } catch {
            // The download's own failure says more than the archive's "truncated" that follows it.
            if let failure = file.writerFailure { throw failure }
            throw error
        }
        if let failure = file.writerFailure { throw failure }
    }

    /// The same, over an archive held in memory.
    func read(
        bytes: Data, visit: (_ name: String, _ size: Int64) throws -> Void,
        consume: (_ name: String, _ chunk: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        if BlockedGzip.memberSize(header: bytes.prefix(BlockedGzip.headerSize)) != nil {
            let memory = MemoryBytes(bytes)
            return try readBlocked(
                label: "bundle", compressedBytes: Int64(bytes.count), visit: visit, consume: consume, read: memory.read(upTo:))
        }
        try bytes.withUnsafeBytes { raw in
            try read(label: "bundle", compressedBytes: Int64(bytes.count), visit: visit, consume: consume) { archive in
                archive_read_open_memory(archive, raw.baseAddress, raw.count)
            }
        }
    }

    /// Reads a ``BlockedGzip`` stream: its blocks inflated on every core (``BlockInflation``)
    /// and handed to libarchive as the plain tar they make.
    private func readBlocked(
        label: String, compressedBytes: Int64, visit: (_ name: String, _ size: Int64) throws -> Void,
        consume: (_ name: String, _ chunk: UnsafeRawBufferPointer) throws -> Void, read: @escaping @Sendable (Int) throws -> Data
    ) throws {
        let inflation = BlockInflation { try BlockedGzip.nextMember(read) }
        defer { inflation.cancel() }
        let feed = BlockFeed(inflation)
        do {
            try withExtendedLifetime(feed) {
                try self.read(label: label, compressedBytes: compressedBytes, inflatedByLibarchive: false, visit: visit, consume: consume) {
                    archive in
                    archive_read_open(
                        archive, Unmanaged.passUnretained(feed).toOpaque(), nil,
                        { _, context, bytes in
                            guard let context, let bytes else { return -1 }
                            return la_ssize_t(Unmanaged<BlockFeed>.fromOpaque(context).takeUnretainedValue().next(bytes))
                        }, nil)
                }
            }
        } catch {
            throw feed.failure ?? error
        }
    }

    private func read(
        label path: String, compressedBytes compressed: Int64, inflatedByLibarchive: Bool = true,
        visit: (_ name: String, _ size: Int64) throws -> Void,
        consume: (_ name: String, _ chunk: UnsafeRawBufferPointer) throws -> Void, open: (OpaquePointer) -> Int32
    ) throws {
        guard let archive = archive_read_new() else { throw BundleError.archive("libarchive could not start a reader") }
        defer { archive_read_free(archive) }
        archive_read_support_filter_gzip(archive)
        archive_read_support_format_tar(archive)
        guard open(archive) == ARCHIVE_OK else {
            throw BundleError.corrupt("\(path): \(TarGzWriter.message(archive))")
        }
        var seen = Set<String>()
        var total: Int64 = 0
        var entry: OpaquePointer?
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let status = archive_read_next_header(archive, &entry)
            if status == ARCHIVE_EOF { break }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
                throw BundleError.corrupt("\(path): \(TarGzWriter.message(archive))")
            }
            guard !inflatedByLibarchive || archive_filter_code(archive, 0) == ARCHIVE_FILTER_GZIP else {
                throw BundleError.corrupt("\(path) is not gzip-compressed (a bundle is a .tar.gz)")
            }
            var name = archive_entry_pathname(entry).map { String(cString: $0) } ?? ""
            if name.hasSuffix("/") { name.removeLast() }  // a directory entry's name; its type is refused below
            try Self.checkPath(name)
            guard archive_entry_filetype(entry) == ferry_archive_regular_file_type(), archive_entry_hardlink(entry) == nil,
                archive_entry_symlink(entry) == nil
            else { throw BundleError.notRegularFile(name) }
            guard seen.insert(name).inserted else { throw BundleError.duplicateEntry(name) }
            guard seen.count <= limits.entries else { throw BundleError.tooLarge("more than \(limits.entries) entries") }
            let size = archive_entry_size(entry)
            guard size >= 0, size <= limits.entryBytes else {
                throw BundleError.tooLarge("\(name) declares \(size) bytes (limit \(limits.entryBytes))")
            }
            try visit(name, size)
            var entryTotal: Int64 = 0
            while true {
                let count = archive_read_data(archive, buffer.baseAddress, buffer.count)
                if count == 0 { break }
                guard count > 0 else { throw BundleError.corrupt("\(name): \(TarGzWriter.message(archive))") }
                entryTotal += Int64(count)
                total += Int64(count)
                guard entryTotal <= limits.entryBytes, total <= limits.totalBytes else {
                    throw BundleError.tooLarge(
                        "\(name) inflates past the limit (\(limits.entryBytes) per entry, \(limits.totalBytes) in all)")
                }
                if total > limits.ratioFloor, total > limits.compressionRatio * max(compressed, 1) {
                    throw BundleError.tooLarge("compression ratio above \(limits.compressionRatio):1 (a decompression bomb?)")
                }
                try consume(name, UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            }
        }
    }

    /// Refuses absolute paths, `..` and empty or odd components.
    static func checkPath(_ name: String) throws {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\0") else { throw BundleError.unsafePath(name) }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else { throw BundleError.unsafePath(name) }
    }
}
