"""ferry.load: verified models from a path or bytes, their facts, and each refusal as its exception."""

import pathlib
import shutil
import subprocess

import pytest

import ferry
from conftest import EXAMPLE, sha256


def test_opens_a_bundle_verified_with_its_facts(example):
    model = ferry.load(example)
    assert (model.name, model.version, model.plugin) == ("SPX-lasso", "1.0.0", "lasso")
    assert model.digest == sha256(example)
    assert len(model.features) == 39 and model.features[0] == "sma_5"
    assert model.schema == {"features": model.features, "target": "next_return", "target_kind": "return"}
    assert set(model.verification) == {"integrity", "authenticity", "compatibility", "behaviour"}
    assert all(check["passed"] for check in model.verification.values())
    assert model.signer is None
    assert repr(model).startswith("<ferry.Model SPX-lasso 1.0.0 (lasso) sha256:")


def test_opens_the_same_bundle_from_bytes(example):
    assert ferry.load(example.read_bytes()).digest == ferry.load(str(example)).digest


def test_a_missing_file_is_not_found():
    with pytest.raises(ferry.NotFoundError) as raised:
        ferry.load("/no/such/bundle.tar.gz")
    assert isinstance(raised.value, FileNotFoundError) and raised.value.status == 3


def test_truncated_bytes_fail_integrity(example):
    data = example.read_bytes()
    with pytest.raises(ferry.IntegrityError) as raised:
        ferry.load(data[: len(data) // 2])
    assert isinstance(raised.value, ferry.VerificationError) and raised.value.status == 10


def test_a_tampered_file_fails_integrity_naming_it(example, tmp_path):
    extracted = tmp_path / "x"
    shutil.unpack_archive(example, extracted)
    card = next(extracted.glob("*/MODEL_CARD.md"))
    card.write_text(card.read_text() + "tampered\n")
    tampered = tmp_path / "tampered.tar.gz"
    files = sorted(str(path.relative_to(extracted)) for path in card.parent.iterdir())
    subprocess.run(["tar", "-czf", str(tampered), "-C", str(extracted), *files], check=True)
    with pytest.raises(ferry.IntegrityError, match="MODEL_CARD.md"):
        ferry.load(tampered)


def test_an_unsigned_bundle_is_refused_when_a_signature_is_required(example):
    with pytest.raises(ferry.AuthenticityError):
        ferry.load(example, require_signature=True)


def test_a_signed_bundle_opens_with_its_key_and_not_without(parity_dir):
    signed, keys, other_keys = parity_dir / "signed.tar.gz", parity_dir / "keys", parity_dir / "other-keys"
    model = ferry.load(signed, trusted_keys=keys, require_signature=True)
    assert model.signer is not None and model.verification["authenticity"]["passed"]
    with pytest.raises(ferry.AuthenticityError, match="not"):
        ferry.load(signed, trusted_keys=other_keys, require_signature=True)


def test_a_closed_model_says_so(example):
    with ferry.load(example) as model:
        pass
    with pytest.raises(ferry.InvalidArgumentError, match="closed"):
        model.predict([[0.0] * 39])


def test_help_explains_load():
    assert "verifies it in every class" in ferry.load.__doc__
    assert "trusted_keys" in ferry.load.__doc__ and "IntegrityError" in ferry.load.__doc__


def test_versions():
    assert ferry.__version__ == "0.1.0"
    assert ferry.library_version() == ferry.__version__


def test_a_missing_library_is_explained(tmp_path):
    import os
    import sys

    env = dict(os.environ, FERRY_LIBRARY=str(tmp_path / "libferry.so"))
    script = "import ferry\ntry:\n    ferry.load('x')\nexcept ferry.LibraryNotFoundError as e:\n    print(e)\n"
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    assert "libferry could not be loaded" in out and "FERRY_LIBRARY" in out
