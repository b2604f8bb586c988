#!/usr/bin/env python3
"""Read a Ferry model bundle with the Python standard library only.

    python3 ferry_bundle.py BUNDLE.tar.gz [--trusted-keys DIR]   # verify, then print what it holds

As a library:

    import ferry_bundle
    bundle = ferry_bundle.load("SPX-lasso-1.0.0.tar.gz")   # verifies first; raises BundleError
    bundle.manifest, bundle.schema, bundle.tensors["coef"].values

Verification: the archive holds one folder of regular files with safe names, every file is
listed in checksums.sha256 with a matching SHA-256, the JSON parses and the safetensors header
is in bounds. A signature (signature.ed25519) is checked against the *.pub keys in
--trusted-keys DIR when the `cryptography` package is importable (the standard library has no
Ed25519); without it the reader says the signature was not checked. Nothing is extracted to disk.
"""
import base64
import hashlib
import io
import json
import math
import pathlib
import struct
import sys
import tarfile

KNOWN_FILES = {"manifest.json", "weights.safetensors", "schema.json", "environment.json", "metrics.json",
               "golden.json", "MODEL_CARD.md", "checksums.sha256", "signature.ed25519"}
MEMBER_FILES = {f"member-{number}.tar.gz" for number in range(1, 17)}  # a composite's members (format 2)
READABLE_FORMATS = (1, 2)
MAX_MEMBER_BYTES = 8 << 30
MAX_HEADER_BYTES = 100 << 20


class BundleError(Exception):
    """The bundle is malformed or was tampered with."""


class Tensor:
    """One tensor: its dtype, shape and values (row-major floats)."""

    def __init__(self, dtype, shape, values):
        self.dtype, self.shape, self.values = dtype, shape, values


class Bundle:
    """A verified bundle's contents."""

    def __init__(self, folder, files):
        self.folder = folder
        self.files = files
        self.manifest = json.loads(files["manifest.json"])
        self.schema = json.loads(files["schema.json"])
        self.environment = json.loads(files["environment.json"])
        self.metrics = json.loads(files["metrics.json"])
        self.golden = json.loads(files["golden.json"])
        self.model_card = files["MODEL_CARD.md"].decode("utf-8")
        self.tensors = read_safetensors(files["weights.safetensors"])

    @property
    def format_version(self):
        """The format version the manifest declares (`format_version`; `formatVersion` in format 1)."""
        return self.manifest.get("format_version", self.manifest.get("formatVersion"))

    @property
    def feature_names(self):
        return [feature["name"] for feature in self.schema["features"]]


def read_files(path, fileobj=None):
    """The bundle's files by name, after the structural and checksum checks."""
    files, folder = {}, None
    with tarfile.open(path, mode="r:gz", fileobj=fileobj) as archive:
        for member in archive:
            if not member.isreg():
                raise BundleError(f"'{member.name}' is not a regular file")
            parts = member.name.split("/")
            if member.name.startswith("/") or ".." in parts or len(parts) != 2 or not all(parts):
                raise BundleError(f"unsafe or unexpected path '{member.name}'")
            if folder is not None and parts[0] != folder:
                raise BundleError(f"two top-level folders: {folder} and {parts[0]}")
            folder = parts[0]
            if parts[1] not in KNOWN_FILES | MEMBER_FILES:
                raise BundleError(f"unexpected file '{parts[1]}'")
            if parts[1] in files:
                raise BundleError(f"'{parts[1]}' appears twice")
            if member.size > MAX_MEMBER_BYTES:
                raise BundleError(f"'{parts[1]}' is larger than {MAX_MEMBER_BYTES} bytes")
            files[parts[1]] = archive.extractfile(member).read()
    if folder is None:
        raise BundleError("the archive is empty")
    listed = {}
    for number, line in enumerate(files.get("checksums.sha256", b"").decode("utf-8").splitlines(), 1):
        digest, separator, name = line.partition("  ")
        if not separator or len(digest) != 64:
            raise BundleError(f"checksums.sha256 line {number} is not '<sha256>  <file>'")
        listed[name] = digest
    for name, data in files.items():
        if name in ("checksums.sha256", "signature.ed25519"):
            continue
        if name not in listed:
            raise BundleError(f"{name} is not listed in checksums.sha256")
        if hashlib.sha256(data).hexdigest() != listed[name]:
            raise BundleError(f"{name}: SHA-256 does not match checksums.sha256")
    for name in listed:
        if name not in files:
            raise BundleError(f"{name} is listed in checksums.sha256 but missing")
    return folder, files


def read_safetensors(data):
    """Tensors by name from safetensors bytes, with bounds checks."""
    if len(data) < 8:
        raise BundleError("weights.safetensors is too short")
    (length,) = struct.unpack("<Q", data[:8])
    if length > MAX_HEADER_BYTES or 8 + length > len(data):
        raise BundleError("weights.safetensors header is too large or runs past the end")
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        fmt, width = {"F64": ("d", 8), "F32": ("f", 4)}.get(info["dtype"], (None, 0))
        count = math.prod(info["shape"])
        if fmt is None or not 0 <= start <= end <= len(body) or end - start != count * width:
            raise BundleError(f"tensor '{name}' has an unsupported dtype or an out-of-bounds range")
        tensors[name] = Tensor(info["dtype"], info["shape"], list(struct.unpack(f"<{count}{fmt}", body[start:end])))
    return tensors


def load(path, fileobj=None):
    """The verified bundle at `path` (or in `fileobj`), its members' checksums verified too."""
    folder, files = read_files(path, fileobj)
    bundle = Bundle(folder, files)
    listed = bundle.manifest.get("members") or []
    if sorted(m["file"] for m in listed) != sorted(name for name in files if name in MEMBER_FILES):
        raise BundleError("the member files are not the manifest's members")
    for member in listed:
        if hashlib.sha256(files[member["file"]]).hexdigest() != member["sha256"]:
            raise BundleError(f"{member['file']}: SHA-256 does not match the manifest's")
        inner = load(member["file"], io.BytesIO(files[member["file"]]))
        if inner.manifest.get("members"):
            raise BundleError(f"{member['file']} carries members of its own")
    bundle.members = listed
    if bundle.folder != f"{bundle.manifest['name']}-{bundle.manifest['version']}":
        raise BundleError("the folder does not match the manifest's name and version")
    if bundle.format_version not in READABLE_FORMATS:
        raise BundleError(f"format version {bundle.format_version}; this reader reads versions 1 and 2")
    return bundle


def check_signature(bundle, trusted_keys):
    """The signature's verdict as a line of text; raises BundleError for a bad or untrusted one."""
    raw = bundle.files.get("signature.ed25519")
    if raw is None:
        return "unsigned"
    signature = json.loads(raw)
    key_id = signature.get("key_id", signature.get("keyID", "?"))  # format 2 spelling, then format 1
    if signature.get("algorithm") != "ed25519":
        raise BundleError(f"signature.ed25519: algorithm {signature.get('algorithm')!r} is not ed25519")
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError:
        return f"signed by key {key_id}, not checked: the `cryptography` package is not importable here (pip install cryptography)"
    if trusted_keys is None:
        return f"signed by key {key_id}, not checked: give --trusted-keys DIR (the signers' *.pub files)"
    keys = {}
    for path in sorted(pathlib.Path(trusted_keys).glob("*.pub")):
        public = base64.b64decode(path.read_text().strip())
        keys[hashlib.sha256(public).hexdigest()[:16]] = public
    if key_id not in keys:
        raise BundleError(f"signed by key {key_id}, which is not among the {len(keys)} trusted key(s) in {trusted_keys}")
    try:
        Ed25519PublicKey.from_public_bytes(keys[key_id]).verify(
            base64.b64decode(signature["signature"]), bundle.files["checksums.sha256"])
    except InvalidSignature:
        raise BundleError(f"signature.ed25519 does not match checksums.sha256 for key {key_id}") from None
    return f"verified: signed by trusted key {key_id}"


def reproduce_golden(bundle):
    """For linear plugins: the golden outputs recomputed from coef and intercept, and the largest difference."""
    plugin = bundle.manifest["plugin"]["id"]
    if plugin not in ("lasso", "ridge", "elasticnet", "logistic"):
        return None
    coef, intercept = bundle.tensors["coef"].values, bundle.tensors["intercept"].values[0]
    outputs = []
    for row in bundle.golden["inputs"]:
        score = intercept + sum(c * x for c, x in zip(coef, row))
        outputs.append(1 / (1 + math.exp(-score)) if plugin == "logistic" else score)
    return max(abs(a - b) for a, b in zip(outputs, bundle.golden["outputs"]))


def main(argv):
    if len(argv) == 2 and argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    trusted_keys = None
    if len(argv) == 4 and argv[2] == "--trusted-keys":
        trusted_keys = argv[3]
    elif len(argv) != 2:
        print("usage: " + __doc__.strip().splitlines()[2].strip() + "  (--help for more)", file=sys.stderr)
        return 64
    try:
        bundle = load(argv[1])
        verdict = check_signature(bundle, trusted_keys)
    except (BundleError, tarfile.TarError, EOFError, OSError, ValueError, KeyError) as error:
        print(f"{argv[1]}: refused: {error}", file=sys.stderr)
        return 1
    manifest = bundle.manifest
    print(f"{bundle.folder}: checksums verified (format {bundle.format_version})")
    print(f"  signature {verdict}")
    print(f"  plugin    {manifest['plugin']['id']} {manifest['plugin']['version']}, target {manifest.get('target')}")
    print(f"  features  {len(bundle.feature_names)}: {', '.join(bundle.feature_names[:6])}{', ...' if len(bundle.feature_names) > 6 else ''}")
    if getattr(bundle, "members", None):
        print(f"  members   {len(bundle.members)}, each a bundle with verified checksums: "
              f"{', '.join(m['plugin']['id'] for m in bundle.members)}")
    print(f"  tensors   {', '.join(f'{name} {tensor.shape}' for name, tensor in sorted(bundle.tensors.items()))}")
    difference = reproduce_golden(bundle)
    if difference is not None:
        tolerance = bundle.golden["tolerance"]
        print(f"  golden    reproduced in Python, largest difference {difference:.3e} (tolerance {tolerance})")
        if difference > tolerance:
            return 1
    else:
        print(f"  golden    not checked: the {manifest['plugin']['id']} plugin's outputs need Ferry to recompute "
              "(ferry verify, or the Python package); linear plugins are checked here")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
