import CArchive
import CZlib

/// The versions of the compression libraries this build writes and reads bundles with.
///
/// A bundle's `environment.json` records them, so a reader on another machine can tell what differs.
public enum ArchiveLibraries {
    /// libarchive's version, such as `3.6.2`.
    public static var libarchiveVersion: String {
        // archive_version_details() and the string both start "libarchive X.Y.Z".
        let text = String(cString: archive_version_string())
        return text.hasPrefix("libarchive ") ? String(text.dropFirst("libarchive ".count)) : text
    }

    /// zlib's version, such as `1.2.13`.
    public static var zlibVersion: String { String(cString: CZlib.zlibVersion()) }
}
