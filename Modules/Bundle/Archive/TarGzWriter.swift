import CArchive
import FerryCore
import Foundation

/// Writes a gzip-compressed POSIX tar with libarchive, canonically: entries in path order, owner
/// 0:0 with no names, mode 0644, one fixed modification time, no gzip timestamp, the gzip stream
/// in ``BlockedGzip`` blocks (compressed in parallel). The same files always give the same bytes.
///
/// The archive is written to a temporary file beside `path` and renamed over it at the end, so a
/// failed write leaves nothing behind.
struct TarGzWriter {
    /// The gzip compression level (as `gzip -6`).
    var compressionLevel = 6

    /// Writes `files` (archive path → bytes) to `path`, each stamped with `modificationTime` (seconds since 1970).
    func write(_ files: [String: Data], to path: String, modificationTime: Int64) throws {
        let folder = (path as NSString).deletingLastPathComponent as NSString
        let temporary = folder.appendingPathComponent(".\((path as NSString).lastPathComponent).\(UUID().uuidString).partial")
        do {
            try writeArchive(files, to: temporary, modificationTime: modificationTime)
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    private func writeArchive(_ files: [String: Data], to path: String, modificationTime: Int64) throws {
        guard let archive = archive_write_new() else { throw BundleError.archive("libarchive could not start a writer") }
        defer { archive_write_free(archive) }
        try check(archive, archive_write_set_format_pax_restricted(archive))
        // The tar stream goes to Ferry's blocked gzip (BlockedGzip), compressed on every core.
        let output = try BlockedGzipOutput(path: path, level: Int32(compressionLevel))
        let context = Unmanaged.passUnretained(output).toOpaque()
        try check(
            archive,
            archive_write_open(
                archive, context, nil,
                { _, context, bytes, count in
                    guard let context, let bytes else { return -1 }
                    return la_ssize_t(
                        Unmanaged<BlockedGzipOutput>.fromOpaque(context).takeUnretainedValue().write(
                            UnsafeRawBufferPointer(start: bytes, count: count)))
                }, nil))
        for name in files.keys.sorted() {
            guard let data = files[name], let entry = archive_entry_new() else { continue }
            defer { archive_entry_free(entry) }
            archive_entry_set_pathname(entry, name)
            archive_entry_set_size(entry, Int64(data.count))
            archive_entry_set_filetype(entry, ferry_archive_regular_file_type())
            archive_entry_set_perm(entry, 0o644)
            archive_entry_set_mtime(entry, time_t(modificationTime), 0)
            archive_entry_set_uid(entry, 0)
            archive_entry_set_gid(entry, 0)
            try check(archive, archive_write_header(archive, entry))
            let written = data.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, data.count) }
            guard written == data.count else { throw BundleError.archive("writing \(name): \(Self.message(archive))") }
        }
        try check(archive, archive_write_close(archive))
        try withExtendedLifetime(output) { try output.finish() }
    }

    private func check(_ archive: OpaquePointer, _ status: Int32) throws {
        guard status == ARCHIVE_OK else { throw BundleError.archive(Self.message(archive)) }
    }

    static func message(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "libarchive error \(archive_errno(archive))"
    }
}
