"""Ferry's errors as Python exceptions: one class per libferry status (ferry.h's ferry_status)."""

from __future__ import annotations


class FerryError(Exception):
    """Anything libferry refused; ``status`` is the C status code, ``str()`` libferry's message."""

    status = 99

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


class InvalidArgumentError(FerryError, ValueError):
    """An argument out of range or of the wrong shape."""

    status = 1


class InvalidDataError(FerryError, ValueError):
    """Rows or bars that do not fit (a NaN cell, a strict-mode mismatch, a broken bar)."""

    status = 2


class NotFoundError(FerryError, FileNotFoundError):
    """No bundle at the path given."""

    status = 3


class ConflictError(FerryError):
    """The request conflicts with what exists."""

    status = 4


class RefusedError(FerryError):
    """The request is understood and refused (e.g. features from bars for a table-trained model)."""

    status = 5


class UnavailableError(FerryError):
    """Something needed is not available now."""

    status = 6


class FerryIOError(FerryError, OSError):
    """A file could not be read or written."""

    status = 7


class InternalError(FerryError):
    """A fault inside Ferry; please report it."""

    status = 8


class VerificationError(FerryError):
    """A bundle failed one of the four verification classes."""


class IntegrityError(VerificationError):
    """The archive's structure or checksums are wrong (damaged or tampered with)."""

    status = 10


class AuthenticityError(VerificationError):
    """The signature is missing (when required), from an untrusted key, or wrong."""

    status = 11


class CompatibilityError(VerificationError):
    """The bundle's format version or plugin is one this libferry does not have."""

    status = 12


class BehaviourError(VerificationError):
    """The model does not load, or does not reproduce its golden outputs."""

    status = 13


_BY_STATUS = {
    cls.status: cls
    for cls in (
        InvalidArgumentError,
        InvalidDataError,
        NotFoundError,
        ConflictError,
        RefusedError,
        UnavailableError,
        FerryIOError,
        InternalError,
        IntegrityError,
        AuthenticityError,
        CompatibilityError,
        BehaviourError,
    )
}


def error_for(status: int, message: str | None) -> FerryError:
    """The exception for a libferry status and message."""
    return _BY_STATUS.get(status, FerryError)(message or f"libferry failed with status {status}", status)


class FerryWarning(UserWarning):
    """What libferry reported while predicting (features filled, columns dropped)."""
