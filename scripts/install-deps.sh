#!/bin/sh
# Installs the Debian packages that building and testing kaava need.
# Idempotent: packages that are already installed are skipped, and apt-get
# runs only when something is missing. Uses sudo when not run as root.
set -eu

# git: `kaava validate --rev/--staged` and `render --rev` read revisions through
# git's plumbing, and the git.* tests build temporary repositories with it.
# nlohmann-json3-dev: a real JSON parser and writer (baselines, the JSON
# export and the JSON Schema, JSON import). libxml2-dev: the ArchiMate
# exchange format is XML, read with libxml2's reader (no DTDs, no external
# entities) and written with its writer. libcsv-dev: Archi's CSV files, read
# and written as RFC 4180 says (quotes, line breaks in fields, ; or tab).
# libxxhash-dev: XXH3, the hash that keys the parse cache (.kaava-cache/) by
# each file's bytes, fast enough to hash every model file on every run.
# libcpp-httplib-dev: kaava serve's HTTP server (GET, HEAD, server-sent
# events), a kept library rather than a hand-written server.
# The tool itself (`make install TESTS=OFF`, the workflow `kaava init` writes):
TOOL="g++ cmake make pkg-config libyaml-cpp-dev libcli11-dev libfmt-dev libkainjow-mustache-dev libgraphviz-dev graphviz fonts-dejavu-core git nlohmann-json3-dev libxml2-dev libcsv-dev libxxhash-dev libcpp-httplib-dev"
# The tests: Catch2 (version 2 or 3), python3 for the end-to-end tests,
# jsonschema for the SARIF schema, xmllint for the JUnit schema, chromium
# for the docs.browser test (kaava docs' site loaded, searched and clicked
# in a real browser, driven headless over the DevTools protocol).
# python3-yaml: the schema tests read the examples' YAML to check them
# against kaava's JSON Schemas. neovim: a real LSP client (headless, its
# built-in client) for the lsp.neovim test of kaava lsp.
PACKAGES="$TOOL catch2 python3 python3-jsonschema python3-yaml libxml2-utils chromium neovim"

# `--tool`: only what building and installing the tool needs.
if [ "${1:-}" = "--tool" ]; then
  PACKAGES="$TOOL"
fi

# `--fuzz`: also what `make fuzz` needs (clang with libFuzzer).
if [ "${1:-}" = "--fuzz" ]; then
  PACKAGES="$PACKAGES clang libclang-rt-14-dev"
fi

missing=""
for pkg in $PACKAGES; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done

if [ -z "$missing" ]; then
  exit 0
fi

echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "install-deps: missing packages:$missing" >&2
  echo "install-deps: not root and sudo is not available; install them with apt-get as root" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: apt-get not found; this script supports Debian 12 (and derivatives)" >&2
  echo "install-deps: install these packages by other means:$missing" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -q; then
  echo "install-deps: 'apt-get update' failed (no network or no package sources?)" >&2
  exit 1
fi
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -q --no-install-recommends $missing; then
  echo "install-deps: could not install:$missing" >&2
  exit 1
fi
