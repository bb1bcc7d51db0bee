# Thin wrapper over CMake. The two commands a newcomer needs are
# `make demo` and `make test`; both install missing system packages first.

BUILD ?= build
BUILD_TYPE ?= Release
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX ?= /usr/local
KAAVA = $(BUILD)/kaava

.PHONY: all deps configure build demo test install clean bench-render

all: build

deps:
	@./scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DKAAVA_WERROR=ON \
	  -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Validates every example repository and renders its views: reports and
# SVG diagrams go into out/<example>/.
demo: build
	@mkdir -p out
	@set -e; for ex in examples/*/; do \
	  name=$$(basename $$ex); \
	  echo "== kaava validate $$ex"; \
	  $(KAAVA) validate $$ex; \
	  $(KAAVA) validate $$ex --format json --output out/$$name/validation.json; \
	  echo "== kaava render $$ex"; \
	  $(KAAVA) render $$ex --format svg -o out/$$name; \
	done
	@echo "demo: reports and diagrams are in out/"

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Not a test: kaava render against Graphviz's dot on the same DOT.
bench-render: build
	@python3 scripts/bench-render $(KAAVA)

install: build
	@cmake --install $(BUILD)

clean:
	@rm -rf $(BUILD) out
