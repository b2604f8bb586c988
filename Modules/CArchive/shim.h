// libarchive for Swift: the headers Ferry's bundle reader and writer use.
#ifndef FERRY_CARCHIVE_SHIM_H
#define FERRY_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

/// The file-type bits of a regular file, which Swift cannot import as a macro.
static inline unsigned int ferry_archive_regular_file_type(void) { return AE_IFREG; }
/// The file-type bits of a directory.
static inline unsigned int ferry_archive_directory_type(void) { return AE_IFDIR; }
#endif
