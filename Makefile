# Thin wrapper over CMake. The two commands a newcomer needs are
# `make demo` and `make test`; both install missing system packages first.

BUILD ?= build
BUILD_TYPE ?= Release
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX ?= /usr/local
KAAVA = $(BUILD)/kaava
# Warnings as errors belong in CI (.ci/run sets WERROR=ON), not in a
# newcomer's first build on a newer compiler.
WERROR ?= OFF
# Unity builds (eight sources per compiler run) halve a clean build, which
# is what CI and a first `make demo` do; when editing one file again and
# again, `make UNITY=OFF` rebuilds less.
UNITY ?= ON
CMAKE_UNITY = -DCMAKE_UNITY_BUILD=$(UNITY) -DCMAKE_UNITY_BUILD_BATCH_SIZE=8
# TESTS=OFF builds the tool alone (no Catch2 needed): `make install TESTS=OFF`.
TESTS ?= ON

.PHONY: all deps configure build demo test test-asan fuzz install clean bench bench-render format lint
FUZZ_SECONDS ?= 120

all: build

deps:
	@./scripts/install-deps.sh $(if $(filter OFF,$(TESTS)),--tool,)

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DKAAVA_WERROR=$(WERROR) \
	  -DKAAVA_BUILD_TESTS=$(TESTS) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_UNITY) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Validates every example repository and renders its views: the JSON
# report goes to out/<example>/validation.json, the SVG diagrams into
# out/<example>/views/ (a folder that only kaava writes).
demo: build
	@mkdir -p out
	@set -e; for ex in examples/*/; do \
	  name=$$(basename $$ex); \
	  echo "== kaava validate $$ex"; \
	  $(KAAVA) validate $$ex; \
	  $(KAAVA) validate $$ex --format json --output out/$$name/validation.json; \
	  echo "== kaava render $$ex"; \
	  $(KAAVA) render $$ex --format svg -o out/$$name/views; \
	done
	@echo "== kaava docs examples/esimerkkiopisto"
	@$(KAAVA) docs examples/esimerkkiopisto -o out/site
	@$(KAAVA) docs examples/esimerkkiopisto --format markdown -o out/markdown
	@echo "demo: reports are in out/<example>/validation.json, diagrams in out/<example>/views/,"
	@echo "      the example's site in out/site (open out/site/index.html), its Markdown in out/markdown"

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Not tests: kaava validate against a bare yaml-cpp parse on generated
# models of 1k, 10k and 50k elements, start-up, and a 2,000-node render.
bench: build
	@python3 scripts/bench $(BUILD)

# Not a test: kaava render against Graphviz's dot on the same DOT.
bench-render: build
	@python3 scripts/bench-render $(KAAVA)

# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DKAAVA_SANITIZE=ON -DKAAVA_WERROR=$(WERROR) $(CMAKE_UNITY) >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

# Fuzzes load + validate + every report for FUZZ_SECONDS (default 120) with
# libFuzzer (clang). New inputs go to build-fuzz/corpus; a crash is written
# to tests/fuzz/crashes/ (fix it, then keep the file: ctest replays it).
fuzz:
	@./scripts/install-deps.sh --fuzz
	@CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAAVA_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target kaava_fuzz
	@mkdir -p build-fuzz/corpus
	@build-fuzz/tests/kaava_fuzz build-fuzz/corpus tests/fuzz/corpus tests/fuzz/crashes \
	  -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
	  -artifact_prefix=tests/fuzz/crashes/ -print_final_stats=1

# Formats the C++ sources in place with clang-format (.clang-format).
FORMAT_FILES = $(shell git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'tools/*.cpp' 'bench/*.cpp')
format:
	@command -v clang-format >/dev/null || { echo "format: clang-format is not installed (apt-get install clang-format)" >&2; exit 1; }
	@clang-format -i $(FORMAT_FILES)

# clang-tidy (.clang-tidy) over the library and the CLI, from the build's
# compile_commands.json; its findings fail the target.
lint: configure
	@command -v run-clang-tidy >/dev/null || { echo "lint: clang-tidy is not installed (apt-get install clang-tidy)" >&2; exit 1; }
	@run-clang-tidy -p $(BUILD) -quiet -j $(JOBS) -extra-arg=-Wno-unknown-warning-option '$(CURDIR)/src/.*\.cpp$$'

install: build
	@cmake --install $(BUILD)

clean:
	@rm -rf $(BUILD) build-asan build-fuzz out
