# kiln: the commands the README starts with.
#
#   make run     build kiln, compile examples/hello.erl natively and to wasm32-wasip1, run both
#   make test    the whole test suite (unit, snapshot, conformance on every target, diagnostics)
#   make setup   install missing system dependencies (Debian 12; idempotent)
#   make build   release build of kiln and of the wasm32-wasip1 runtime library
#   make bench   the benchmarks under kiln and under erl (JIT), with ratios
#   make fmt     cargo fmt
#   make otp-parse-check   parse every OTP source file that erlc accepts
#   make otp-check         `kiln check` every OTP source file that erlc compiles
#   make expected          regenerate tests/conformance/*.expected with real OTP
#
# Everything is built with the release profile only, so nothing compiles twice.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

# rustup installs into ~/.cargo/bin; make it visible to every recipe.
export PATH := $(HOME)/.cargo/bin:$(PATH)

CARGO ?= cargo
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
KILN := $(TARGET_DIR)/release/kiln

.PHONY: setup build test run bench fmt otp-parse-check otp-check expected

setup:
	scripts/setup.sh

build: setup
	$(CARGO) build --release
	$(CARGO) build --release -p kiln-runtime --target wasm32-wasip1

test: build
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	$(CARGO) fmt --all -- --check
	$(CARGO) test --release --workspace

run: build
	scripts/run-example.sh examples/hello.erl

bench: build
	python3 bench/run.py

fmt:
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	$(CARGO) fmt --all

otp-parse-check: build
	scripts/otp-parse-check.sh

otp-check: build
	scripts/otp-check.sh

expected:
	tests/gen-expected.sh
