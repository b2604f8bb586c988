/*
 * ferry.h: libferry, Ferry's C interface. Open a model bundle (verified in every class:
 * integrity, authenticity, compatibility, behaviour), read its facts, predict.
 *
 * Build: `scripts/build-libferry [debug|release]` gives .build/<config>/libferry.so (the FerryC
 * product under its C name). Link: cc -I clients/c/include app.c -L .build/release -lferry; at run
 * time the Swift runtime libraries must be findable (an rpath to the toolchain's usr/lib/swift/linux,
 * or the folder of libraries a wheel from `make wheel` carries). A team's libferry with its own
 * plugins: docs/c-api.md.
 *
 * Errors: every function that can fail returns a ferry_status; nothing traps or throws across
 * this boundary. When `error` is not NULL a failure stores a message there, which the caller
 * frees with ferry_string_free. Strings libferry returns are the caller's to free likewise.
 *
 * Threads: a ferry_model is immutable once open; any number of threads may call ferry_predict,
 * ferry_predict_last, ferry_features_from_bars and ferry_model_info_json on one handle at once.
 * Closing a handle while another thread uses it is the caller's error. Loading the library starts
 * no thread (OpenBLAS is opened on first use), so a process may fork after loading it.
 */
#ifndef FERRY_H
#define FERRY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this interface; ferry_abi_version() returns the library's. */
#define FERRY_ABI_VERSION 1

typedef enum {
    FERRY_OK = 0,
    FERRY_INVALID_ARGUMENT = 1, /* a NULL pointer, a count out of range, a value refused */
    FERRY_INVALID_DATA = 2,     /* rows that do not fit the schema (strict mode, NaN cells) */
    FERRY_NOT_FOUND = 3,        /* no bundle file at the path */
    FERRY_CONFLICT = 4,
    FERRY_REFUSED = 5,
    FERRY_UNAVAILABLE = 6,
    FERRY_IO = 7,               /* a file could not be read or written */
    FERRY_INTERNAL = 8,
    FERRY_INTEGRITY = 10,       /* verification failed: archive structure or checksums */
    FERRY_AUTHENTICITY = 11,    /* signature missing (when required), untrusted or wrong */
    FERRY_COMPATIBILITY = 12,   /* format version or plugin this library does not have */
    FERRY_BEHAVIOUR = 13,       /* the model does not load or reproduce its golden outputs */
    FERRY_FAILURE = 99          /* anything else */
} ferry_status;

/* An open, verified bundle. */
typedef struct ferry_model ferry_model;

int ferry_abi_version(void);

/* Ferry's version ("0.1.0"); static, do not free. */
const char *ferry_version(void);

/* Opens the bundle at `path`. `trusted_keys_dir` (may be NULL) is a folder of *.pub keys a
 * signature must come from; `require_signature` refuses unsigned bundles. On success stores a
 * handle in *model (close it with ferry_model_close). */
int ferry_open_path(const char *path, const char *trusted_keys_dir, int require_signature, ferry_model **model, char **error);

/* As ferry_open_path, for a bundle held in memory (at most 512 MiB). */
int ferry_open_bytes(const uint8_t *bytes, size_t length, const char *trusted_keys_dir, int require_signature, ferry_model **model,
                     char **error);

/* The model's facts as JSON: name, version, plugin, plugin_version, digest, target, target_kind,
 * features (in order), signer, verification. NULL for a NULL handle. Free with ferry_string_free. */
char *ferry_model_info_json(const ferry_model *model);

/* Predicts `row_count` rows of `column_count` doubles, row-major in `values`, the columns named by
 * `columns` (any order: they are aligned to the schema; a missing feature is filled with 0 and an
 * extra column dropped, each reported, or both refused when `strict` is non-zero). Writes
 * `row_count` predictions to `predictions`. When `warnings` is not NULL it receives a JSON array
 * of strings (free it). */
int ferry_predict(const ferry_model *model, const char *const *columns, size_t column_count, const double *values, size_t row_count,
                  int strict, double *predictions, char **warnings, char **error);

/* As ferry_predict, for the last row alone: the rows before it are its window (the serving case of
 * a model that reads a window of rows, the LSTM family: give it the last `lookback` rows or more,
 * and it computes one window instead of one per row). For a model that reads one row at a time it
 * is the last of ferry_predict's predictions, to the bit. Writes one value to `*prediction`. With
 * `warnings` NULL the warnings are not worded at all (a saving on windows out of the training range). */
int ferry_predict_last(const ferry_model *model, const char *const *columns, size_t column_count, const double *values, size_t row_count,
                       int strict, double *prediction, char **warnings, char **error);

/* Computes the model's features from raw bars with the feature pipeline the bundle carries (what
 * `ferry predict --data` does with a bar file), so a caller with bars gets exactly what training saw.
 * `bars` holds `bar_count` rows of six doubles: open, high, low, close, adj_close, volume; the bar
 * of row i closed at `timestamps[i]` (seconds since 1970-01-01 UTC, strictly increasing). Bars are
 * checked as a bar file's rows are (finite, not negative, low <= open, close <= high); the error
 * names each faulty row by its index from 0. A model whose features read a second series needs
 * `reference_*` (its own dates and values, NaN where missing; laid onto the bars' dates with past
 * observations only); otherwise pass NULL, NULL, 0. On success `*features` holds `*row_count` rows
 * of the model's features in schema order (ferry_model_info_json's "features"), the first for bar
 * `*first_bar` (the warm-up bars before it have none); free it with ferry_values_free. */
int ferry_features_from_bars(const ferry_model *model, const int64_t *timestamps, const double *bars, size_t bar_count,
                             const int64_t *reference_timestamps, const double *reference_values, size_t reference_count,
                             double **features, size_t *row_count, size_t *first_bar, char **error);

/* Frees an array libferry returned; NULL is ignored. */
void ferry_values_free(double *values);

/* Releases a handle; NULL, or a handle already closed, is ignored. libferry keeps the set of open
 * handles: a call with a closed handle returns FERRY_INVALID_ARGUMENT instead of reading freed
 * memory (closing a handle while another thread is inside a call with it is still the caller's error). */
void ferry_model_close(ferry_model *model);

/* Frees a string libferry returned; NULL is ignored. */
void ferry_string_free(char *text);

#ifdef __cplusplus
}
#endif

#endif
