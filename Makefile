# Ferry: two commands on a fresh Debian machine.
#   make demo   the model lifecycle on the embedded real data
#   make test   every test
# Both install what they need first (scripts/bootstrap: system packages; SwiftPM: Swift packages).

SWIFT ?= swift

.PHONY: bootstrap build demo test format install image python wheel clean bench-env bench-fixtures bench-features bench-stream bench-stream-consumer bench-tune bench-lasso bench-bundle bench-oci bench-ks bench-lstm bench-lstm-bundle lstm-results bench-serve bench-serve-postgres bench-serve-v2 bench-spark bench-python test-dashboard

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build

demo: build
	$(SWIFT) run --skip-build ferry demo --log-level info

# Each phase prints its time (scripts/phase), so CI's log shows where the minutes go.
test: bootstrap
	scripts/phase format scripts/check-format
	scripts/phase build $(SWIFT) build --build-tests
	scripts/phase swift-test $(SWIFT) test --skip-build --disable-xctest
	scripts/phase docs scripts/check-docs
	scripts/phase c-example scripts/test-c-example
	scripts/phase python scripts/test-python
	scripts/phase wheel scripts/test-wheel
	scripts/phase python-reader scripts/test-python-reader
	scripts/phase oci scripts/test-oci
	scripts/phase api scripts/test-api
	scripts/phase shared-store scripts/test-shared-store
	scripts/phase image scripts/test-image
	scripts/phase deploy scripts/test-deploy
	scripts/phase spark scripts/test-spark
	scripts/phase team-plugin scripts/test-team-plugin

# An OCI image of ferry serve (buildah, FROM scratch, no shell, non-root) into dist/ferry-image; see docs/deploy.md.
image: bootstrap
	scripts/build-image dist/ferry-image

# The release binary (much faster than .build/debug/ferry for training) into $(PREFIX)/bin.
PREFIX ?= /usr/local
install: bootstrap
	$(SWIFT) build -c release --product ferry
	install -D -m 755 .build/release/ferry $(DESTDIR)$(PREFIX)/bin/ferry

# The Python package into the current Python environment, with the release libferry (needs Swift here).
python: bootstrap
	FERRY_LIBRARY=$$(scripts/build-libferry release) python3 -m pip install ./clients/python
	rm -rf clients/python/build clients/python/ferry.egg-info

# A self-contained wheel (libferry + the Swift runtime + its C libraries) into dist/, for machines without Swift.
wheel: bootstrap
	scripts/build-wheel release dist

# Applies the house formatting (.swift-format); `make test` checks it.
format:
	swift format format -i --parallel -r Package.swift Modules Plugins Tests bench fuzz

clean:
	rm -rf .build

# Benchmarks and peer fixtures (need Python 3; peers install into bench/.venv, ignored by git).
BENCH_PY = bench/.venv/bin/python

bench-env:
	@test -x $(BENCH_PY) || python3 -m venv bench/.venv
	$(BENCH_PY) -m pip install -q -r bench/requirements.txt

bench-fixtures: bench-env
	$(BENCH_PY) bench/ta_lib_fixtures.py
	$(BENCH_PY) bench/sklearn_fixtures.py
	$(BENCH_PY) bench/safetensors_fixtures.py
	$(BENCH_PY) bench/scipy_fixtures.py
	$(BENCH_PY) bench/empyrical_fixtures.py
	$(BENCH_PY) bench/torch_fixtures.py

bench-features: bench-env
	$(BENCH_PY) bench/features_vs_talib.py

bench-stream: bench-env
	$(BENCH_PY) bench/stream_vs_talipp.py

# ferry stream end to end: throughput with the log and XADD-to-prediction latency, beside a Python consumer.
bench-stream-consumer: bench-env
	bench/stream_consumer.sh

bench-lasso: bench-env
	$(BENCH_PY) bench/lasso_vs_sklearn.py

# ferry tune vs GridSearchCV(Lasso, cv=TimeSeriesSplit(5)) on the S&P 500 feature table at 100,000 rows.
bench-tune: bench-env
	$(BENCH_PY) bench/tune_vs_gridsearch.py

bench-bundle:
	bench/bundle_vs_tar.sh

bench-oci:
	bench/oci_vs_skopeo.sh

bench-ks: bench-env
	$(BENCH_PY) bench/ks_vs_scipy.py

bench-lstm: bench-env
	$(BENCH_PY) bench/lstm_vs_torch.py

bench-lstm-bundle: bench-env
	bench/lstm_bundle_in_torch.sh

# Every plugin judged on walk-forward folds beside the baselines: the README's results table.
lstm-results:
	python3 bench/lstm_results.py

bench-serve: bench-env
	bench/serve_vs_fastapi.sh

# The prediction log on PostgreSQL against SQLite's, and two replicas on one database (docs/benchmarks.md).
bench-serve-postgres:
	bench/serve_postgres.sh

# /v2 vs /v1, one row vs /health, 100-row batches vs FastAPI + scikit-learn (docs/benchmarks.md).
bench-serve-v2: bench-env
	bench/serve_v2_and_batches.sh

bench-spark:
	bench/spark_vs_mlflow.sh

bench-python: bench-env
	bench/python_vs_peers.sh

# The dashboard in headless Chromium (installs Debian's chromium when missing).
test-dashboard: bootstrap
	scripts/test-dashboard
