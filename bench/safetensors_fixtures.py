#!/usr/bin/env python3
"""Writes a small safetensors file with Python's reference `safetensors` package, for Ferry's
byte-for-byte format test (Tests/ModelsTests/Fixtures/reference.safetensors).

    bench/.venv/bin/python bench/safetensors_fixtures.py
"""
import os

import numpy as np
from safetensors.numpy import save_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "ModelsTests", "Fixtures", "reference.safetensors")

tensors = {
    "coef": np.array([0.5, -1.25, 3.0], dtype=np.float64),
    "intercept": np.array([0.125], dtype=np.float64),
    "lstm.weight_ih_l0": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
save_file(tensors, OUT, metadata={"plugin": "lasso", "format": "ferry"})
print(f"wrote {OUT}: {os.path.getsize(OUT)} bytes")
