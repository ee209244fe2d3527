#!/usr/bin/env bash
# Benchmark infragate over the shared corpus; every figure in one run.
#
#   scripts/bench.sh [benchmark flags...]      e.g. -sections scan,mr
#
# Environment:
#   CORPUS    unpacked real-world corpus (default $TMPDIR/corpus/realworld;
#             unpacked there from ../shared/corpus/realworld.tar.gz if missing)
#   BENCH     directory with tf.txt, k8s.txt and policy/ (default ../shared/bench)
#   CONFTEST  conftest binary for side-by-side runs (default: conftest on PATH;
#             install: GOBIN=$TMPDIR/bin go install github.com/open-policy-agent/conftest@v0.69.0)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=${TMPDIR:-/tmp}
shared=$(cd .. && pwd)/shared
CORPUS=${CORPUS:-$tmp/corpus/realworld}
BENCH=${BENCH:-$shared/bench}
if [ ! -d "$CORPUS" ]; then
	mkdir -p "$(dirname "$CORPUS")"
	tar -xzf "$shared/corpus/realworld.tar.gz" -C "$(dirname "$CORPUS")"
fi
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/infragate" .
go build -o "$bin/benchmark" ./bench/cmd/benchmark
"$bin/benchmark" -infragate "$bin/infragate" -corpus "$CORPUS" -lists "$BENCH" "$@"
