#!/usr/bin/env python3
"""The Python package against its peers, in one run (make bench-python; docs/benchmarks.md).

    FERRY_LIBRARY=.build/release/libferry.so bench/.venv/bin/python bench/python_vs_peers.py LSTM_BUNDLE...

- `Model.predict` on 100,000 rows of the demo Lasso bundle (bundles/example), a float64 array in
  schema order, against scikit-learn's `Lasso.predict` on the same array (a Lasso fitted on 200
  of the rows: the timed work, the array times the coefficients plus the intercept, does not
  depend on their values). Ferry's call includes what scikit-learn's does not: alignment to the
  schema and the training-range check of every cell.
- One window's prediction (the serving case) for each LSTM bundle given: Ferry's
  `Model.predict_last` on the last `lookback` rows against PyTorch's network with the bundle's
  weights (bench/torch_loads_ferry_bundle.py), standardising the rows and applying the head's
  output function, in eval mode under `torch.inference_mode()`, on the same threads.
- `import ferry` in a fresh interpreter, and `ferry.load` of the demo bundle (verify included).

Each measurement is taken RUNS times, the peers interleaved; the median and the spread
(min-max) are printed as JSON lines.
"""

import json
import os
import pathlib
import statistics
import subprocess
import sys
import time
import warnings

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
RUNS = 7
ROWS = 100_000
DEMO = ROOT / "bundles" / "example" / "SPX-lasso-1.0.0.tar.gz"


def summary(times):
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def timed(call, repeat):
    """The best of `repeat` calls of `call`, in seconds (one measurement)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def demo_features(model):
    """The model's features over the embedded S&P 500 bars (with WTI), in schema order."""
    import pandas as pd

    bars = pd.read_csv(ROOT / "data" / "SPX.csv", parse_dates=["Date"])
    oil = pd.read_csv(ROOT / "data" / "WTI.csv", parse_dates=["Date"], na_values=".").set_index("Date")["Value"]
    return model.features_from_bars(bars, reference=oil).to_numpy()


def demo_rows(model):
    features = demo_features(model)
    return np.ascontiguousarray(np.resize(features, (ROWS, features.shape[1])))


def bench_predict(ferry):
    from sklearn.linear_model import Lasso

    model = ferry.load(DEMO)
    X = demo_rows(model)
    peer = Lasso()
    rng = np.random.default_rng(0)
    peer.fit(X[:200], rng.normal(size=200))  # shapes only; the timed work is X @ coef + intercept
    ours, theirs = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(RUNS):
            ours.append(timed(lambda: model.predict(X), 5))
            theirs.append(timed(lambda: peer.predict(X), 5))
    return {"bench": "predict_100k_lasso", "rows": ROWS, "features": X.shape[1], "ferry_s": summary(ours),
            "sklearn_s": summary(theirs), "ratio_median": statistics.median(ours) / statistics.median(theirs)}


def bench_window(ferry, bundle):
    """One window's prediction with each LSTM bundle, in three cases, against PyTorch."""
    import torch
    from torch_loads_ferry_bundle import VARIANTS, read_bundle
    from torch_lstm_network import Network
    from safetensors.torch import load as load_safetensors

    files = read_bundle(bundle)
    manifest, golden = json.loads(files["manifest.json"]), json.loads(files["golden.json"])
    settings = manifest["hyperparameters"]
    tensors = load_safetensors(files["weights.safetensors"])
    hidden, layers = VARIANTS[settings["variant"]]
    heads = settings.get("heads", 0) if manifest["plugin"]["id"] == "attention-lstm" else 0
    network = Network(len(golden["features"]), hidden, layers, heads)
    network.load_state_dict({n: t for n, t in tensors.items() if n.split(".")[0] in ("lstm", "attention", "fc")}, strict=True)
    network.eval()
    lookback = settings["lookback"]
    model = ferry.load(bundle)
    mean, scale = tensors["scaler.mean"].numpy(), tensors["scaler.scale"].numpy()
    features = demo_features(model)
    results = []
    # Days inside the training range (no warnings), and the last days of the data, where most
    # features lie outside it (each reported as a FerryWarning: the wording's cost shows).
    # The recent window once more with FerryWarning ignored by a filter: the package then does not
    # ask for the warnings' wording (as warn=False); the values are still checked.
    windows = (("in_range", features[1000:1000 + lookback], "always"), ("recent", features[-lookback:], "always"),
               ("recent_silenced", features[-lookback:], "ignore"))
    for name, window, action in windows:
        window = np.ascontiguousarray(window)

        def torch_window():
            with torch.inference_mode():
                rows = torch.from_numpy((window - mean) / scale).float().unsqueeze(0)
                head = network(rows).double()[0]
                if "target.mean" in tensors:
                    return float(head * tensors["target.scale"][0] + tensors["target.mean"][0])
                return float(torch.sigmoid(head))

        def ferry_window():
            return model.predict_last(window)

        ours, theirs = [], []
        with warnings.catch_warnings(record=True) as shown:
            # "always": every warning worded and recorded (as shown, without the terminal's cost).
            warnings.simplefilter(action, ferry.FerryWarning)
            assert abs(torch_window() - ferry_window()) < 1e-4, (torch_window(), ferry_window())
            for _ in range(RUNS):
                ours.append(timed(ferry_window, 200))
                theirs.append(timed(torch_window, 200))
                shown.clear()
        results.append({
            "bench": "lstm_single_window", "window": name, "plugin": manifest["plugin"]["id"], "variant": settings["variant"],
            "lookback": lookback, "features": len(golden["features"]), "threads": torch.get_num_threads(),
            "ferry_s": summary(ours), "torch_s": summary(theirs), "ratio_median": statistics.median(ours) / statistics.median(theirs),
        })
    return results


def bench_import_and_load():
    script = ("import time; t = time.perf_counter(); import ferry; i = time.perf_counter() - t; "
              f"t = time.perf_counter(); ferry.load({str(DEMO)!r}); first = time.perf_counter() - t; "
              f"t = time.perf_counter(); ferry.load({str(DEMO)!r}); again = time.perf_counter() - t; print(i, first, again)")
    imports, firsts, agains = [], [], []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
        imports.append(float(out[0]))
        firsts.append(float(out[1]))
        agains.append(float(out[2]))
    return {"bench": "import_and_load", "import_s": summary(imports), "first_load_s": summary(firsts), "second_load_s": summary(agains)}


def main():
    import ferry
    import torch

    threads = int(os.environ.get("OPENBLAS_NUM_THREADS", "1"))
    torch.set_num_threads(threads)
    print(json.dumps({"ferry": ferry.library_version(), "numpy": np.__version__, "torch": torch.__version__,
                      "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"), "threads": threads}))
    print(json.dumps(bench_import_and_load()))
    print(json.dumps(bench_predict(ferry)))
    for bundle in sys.argv[1:]:
        for result in bench_window(ferry, bundle):
            print(json.dumps(result))


if __name__ == "__main__":
    main()
