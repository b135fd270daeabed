# Ballast — see README.md. `make run` serves the demo; `make test` runs every test.
SHELL := /bin/bash
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
RELEASE_DIR := build/release
TEST_DIR := build/test
BENCH_DIR := build/bench
DEMO_DB ?= demo/ballast.db
PORT ?= 8080
FUZZ_SECONDS ?= 20
# e.g. BENCH_ARGS="--enterprises 50000" for a quicker benchmark
BENCH_ARGS ?=
BALLAST := $(RELEASE_DIR)/src/cli/ballast

.PHONY: run build test deps web bench demo clean deb load

deps:
	@bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DBALLAST_TESTS=OFF
	cmake --build $(RELEASE_DIR) -j $(JOBS) --target ballast

web: deps
	@if [ -f web/package-lock.json ]; then \
	  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules ]; then (cd web && npm ci --no-audit --no-fund); fi; \
	  (cd web && npm run build); \
	fi

demo: build
	@mkdir -p $(dir $(DEMO_DB))
	@if [ ! -f $(DEMO_DB) ]; then $(BALLAST) demo --db $(DEMO_DB); fi

run: build web demo
	$(BALLAST) serve --db $(DEMO_DB) --port $(PORT)

test: deps
	cmake -S . -B $(TEST_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBALLAST_WERROR=ON -DBALLAST_SANITIZE=ON \
	  -DBALLAST_SHARED=ON -DCMAKE_CXX_FLAGS_DEBUG=-g1
	cmake --build $(TEST_DIR) -j $(JOBS)
	cd $(TEST_DIR) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 bash scripts/pg-test.sh $(TEST_DIR)
	@bash scripts/web-test.sh $(TEST_DIR)/src/cli/ballast
	@bash scripts/fuzz.sh $(FUZZ_SECONDS)

bench: deps
	cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DBALLAST_TESTS=OFF -DBALLAST_BENCH=ON
	cmake --build $(BENCH_DIR) -j $(JOBS)
	bash bench/run.sh $(BENCH_DIR) $(BENCH_ARGS)

# The Debian package (CPack): binary, web UI, data, systemd units, default config; checked by
# listing it (scripts/deb-check.sh). Not part of `make test` (a release build).
deb: build web
	cmake -S . -B $(RELEASE_DIR)
	cmake --build $(RELEASE_DIR) -j $(JOBS) --target ballast
	cd $(RELEASE_DIR) && cpack -G DEB
	bash scripts/deb-check.sh $$(ls -t $(RELEASE_DIR)/ballast_*.deb | head -1)

# Measured load (issue 11 item 5): generated national set (LOAD_ENTERPRISES, default 500000),
# two instances behind nginx, wrk with the realistic mix for LOAD_DURATION (default 5m).
load: build
	bash scripts/load.sh $(BALLAST)

clean:
	rm -rf build
