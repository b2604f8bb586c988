# Ferry: two commands on a fresh Debian machine.
#   make demo   the model lifecycle on the embedded real data
#   make test   every test
# Both install what they need first (scripts/bootstrap: system packages; SwiftPM: Swift packages).

SWIFT ?= swift

.PHONY: bootstrap build demo test clean

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build

demo: build
	$(SWIFT) run --skip-build ferry demo --log-level info

test: bootstrap
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build
