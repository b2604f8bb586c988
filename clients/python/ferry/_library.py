"""Finds libferry and declares its C functions (clients/c/include/ferry.h) for ctypes.

Nothing is loaded at import time beyond the library itself, and libferry starts no thread when
it is loaded, so a process may fork after ``import ferry`` (Spark, gunicorn).
"""

from __future__ import annotations

import ctypes
import os
import pathlib

#: The C interface version this package speaks (ferry.h's FERRY_ABI_VERSION).
ABI_VERSION = 1

_c_double_p = ctypes.POINTER(ctypes.c_double)
_c_int64_p = ctypes.POINTER(ctypes.c_int64)
_c_size_t_p = ctypes.POINTER(ctypes.c_size_t)
_c_void_pp = ctypes.POINTER(ctypes.c_void_p)

# ferry_predict and ferry_predict_last: model, columns, column count, values, row count, strict,
# output, &warnings, &error.
_PREDICT_ARGUMENTS = [
    ctypes.c_void_p,
    ctypes.POINTER(ctypes.c_char_p),
    ctypes.c_size_t,
    ctypes.c_void_p,
    ctypes.c_size_t,
    ctypes.c_int,
    ctypes.c_void_p,
    _c_void_pp,
    _c_void_pp,
]

# name: (result type, argument types), as ferry.h declares them. Strings libferry hands out are
# declared c_void_p so the package can free them after reading; the predict functions' value and
# output arrays are c_void_p too, passed as numpy's addresses (cheaper per call than data_as).
_SIGNATURES = {
    "ferry_abi_version": (ctypes.c_int, []),
    "ferry_version": (ctypes.c_char_p, []),
    "ferry_open_path": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, _c_void_pp, _c_void_pp]),
    "ferry_open_bytes": (
        ctypes.c_int,
        [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_int, _c_void_pp, _c_void_pp],
    ),
    "ferry_model_info_json": (ctypes.c_void_p, [ctypes.c_void_p]),
    "ferry_predict": (ctypes.c_int, _PREDICT_ARGUMENTS),
    "ferry_predict_last": (ctypes.c_int, _PREDICT_ARGUMENTS),
    "ferry_features_from_bars": (
        ctypes.c_int,
        [
            ctypes.c_void_p,
            _c_int64_p,
            _c_double_p,
            ctypes.c_size_t,
            _c_int64_p,
            _c_double_p,
            ctypes.c_size_t,
            ctypes.POINTER(_c_double_p),
            _c_size_t_p,
            _c_size_t_p,
            _c_void_pp,
        ],
    ),
    "ferry_values_free": (None, [_c_double_p]),
    "ferry_model_close": (None, [ctypes.c_void_p]),
    "ferry_string_free": (None, [ctypes.c_void_p]),
}


class LibraryNotFoundError(ImportError):
    """libferry could not be found or loaded; the message says where it was looked for."""


def _candidates() -> list[pathlib.Path]:
    """Where libferry is looked for: $FERRY_LIBRARY, then the copy a wheel carries."""
    found = []
    explicit = os.environ.get("FERRY_LIBRARY")
    if explicit:
        found.append(pathlib.Path(explicit))
    found.append(pathlib.Path(__file__).parent / "_lib" / "libferry.so")
    return found


def load() -> ctypes.CDLL:
    """Loads libferry and declares its functions; raises LibraryNotFoundError saying what to do."""
    tried = []
    for path in _candidates():
        if not path.is_file():
            tried.append(f"{path} (no such file)")
            continue
        try:
            library = ctypes.CDLL(str(path))
        except OSError as error:
            tried.append(f"{path} ({error})")
            continue
        for name, (result, arguments) in _SIGNATURES.items():
            function = getattr(library, name)
            function.restype = result
            function.argtypes = arguments
        abi = library.ferry_abi_version()
        if abi != ABI_VERSION:
            raise LibraryNotFoundError(f"{path} speaks C interface {abi}; this package needs {ABI_VERSION}")
        return library
    raise LibraryNotFoundError(
        "libferry could not be loaded; looked in: "
        + "; ".join(tried)
        + ". Install a wheel built by `make wheel`, or build it with `scripts/build-libferry release`"
        " and set FERRY_LIBRARY to the path it prints."
    )


def take_string(library: ctypes.CDLL, pointer: int | None) -> str | None:
    """The text of a string libferry handed out, freed after reading (None for NULL)."""
    if not pointer:
        return None
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        library.ferry_string_free(pointer)
