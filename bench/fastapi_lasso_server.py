"""The peer of `make bench-serve`: FastAPI + scikit-learn doing what `ferry serve` does for one
prediction request on a Lasso bundle: check the bearer token (SHA-256, as Ferry keeps it), parse
the JSON rows, lay them out in the schema's order (a missing feature is 0), predict with
scikit-learn's Lasso (the bundle's coefficients, which are in the features' own units), log each
prediction in SQLite (WAL, synchronous=NORMAL as Ferry's store, one transaction per request) and
answer JSON.

    FERRY_BENCH_BUNDLE=B.tar.gz FERRY_BENCH_TOKEN_SHA256=HEX FERRY_BENCH_DB=peer.sqlite \\
        bench/.venv/bin/uvicorn fastapi_lasso_server:app --app-dir bench --workers 2 --port 18081
"""
import datetime
import hashlib
import os
import sqlite3
import sys

import numpy as np
from fastapi import FastAPI, Header, HTTPException, Request
from sklearn.linear_model import Lasso

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "clients", "python"))
import ferry_bundle  # noqa: E402

bundle = ferry_bundle.load(os.environ["FERRY_BENCH_BUNDLE"])
FEATURES = bundle.feature_names
TOKEN_SHA256 = os.environ["FERRY_BENCH_TOKEN_SHA256"]
model = Lasso()
model.coef_ = np.array(bundle.tensors["coef"].values)
model.intercept_ = bundle.tensors["intercept"].values[0]
model.n_features_in_ = len(FEATURES)

db = sqlite3.connect(os.environ["FERRY_BENCH_DB"], check_same_thread=False, isolation_level=None, timeout=30)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=NORMAL")  # as Ferry's store: no disk sync at every commit
db.execute("CREATE TABLE IF NOT EXISTS prediction (id INTEGER PRIMARY KEY, model TEXT, version TEXT, caller TEXT, "
           "instrument TEXT, as_of TEXT, value REAL, source TEXT, created_at TEXT)")
app = FastAPI()


@app.post("/v1/models/{name}/predict")
async def predict(name: str, request: Request, authorization: str | None = Header(None)):
    if not authorization or not authorization.startswith("Bearer ") or \
            hashlib.sha256(authorization[7:].encode()).hexdigest() != TOKEN_SHA256:
        raise HTTPException(status_code=401, detail="a bearer token is required")
    try:
        body = await request.json()
        rows = body["rows"]
        features = np.array([[float(row.get(feature, 0.0)) for feature in FEATURES] for row in rows])
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise HTTPException(status_code=400, detail=str(error))
    predictions = model.predict(features).tolist()
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    db.execute("BEGIN")
    db.executemany("INSERT INTO prediction (model, version, caller, instrument, as_of, value, source, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, 'api', ?)",
                   [(name, bundle.manifest["version"], "bench", body.get("instrument", "-"), now[:10], value, now)
                    for value in predictions])
    db.execute("COMMIT")
    return {"model": name, "version": bundle.manifest["version"], "variant": None, "predictions": predictions, "warnings": []}
