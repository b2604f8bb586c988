"""Ferry in Python: open a model bundle verified, compute its features, predict.

    >>> import ferry
    >>> model = ferry.load("bundles/example/SPX-lasso-1.0.0.tar.gz")
    >>> features = model.features_from_bars(spx_bars, reference=wti)
    >>> predictions = model.predict(features)

Every call goes to libferry, the same Swift code the ``ferry`` CLI and server run, so a
prediction is the same number, to the bit, wherever it is made.
"""

from ._errors import (
    AuthenticityError,
    BehaviourError,
    CompatibilityError,
    ConflictError,
    FerryError,
    FerryIOError,
    FerryWarning,
    IntegrityError,
    InternalError,
    InvalidArgumentError,
    InvalidDataError,
    NotFoundError,
    RefusedError,
    UnavailableError,
    VerificationError,
)
from ._library import LibraryNotFoundError
from ._model import BAR_COLUMNS, Model, library_version, load

__version__ = "0.1.0"

__all__ = [
    "AuthenticityError",
    "BAR_COLUMNS",
    "BehaviourError",
    "CompatibilityError",
    "ConflictError",
    "FerryError",
    "FerryIOError",
    "FerryWarning",
    "IntegrityError",
    "InternalError",
    "InvalidArgumentError",
    "InvalidDataError",
    "LibraryNotFoundError",
    "Model",
    "NotFoundError",
    "RefusedError",
    "UnavailableError",
    "VerificationError",
    "__version__",
    "library_version",
    "load",
]
