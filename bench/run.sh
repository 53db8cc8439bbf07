#!/usr/bin/env bash
# Reproduces the core's figures in docs/performance.md: the core beside libsodium and BouncyCastle
# under .NET 10's JIT, then the core alone under mono's interpreter (a stand-in for nanoCLR).
# Arguments: seconds per JIT batch (default 0.3), seconds per interpreter batch (default 0.5), and
# optionally a text: only the entries whose name contains it (e.g. "press to first onion bytes").
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v mono >/dev/null; then
    apt-get update && apt-get install -y mono-runtime
fi
echo "## .NET 10 JIT"
dotnet run -c Release --project bench/Session.Core.Micro.Bench -- "${1:-0.3}" "${3:-}"
echo
echo "## mono --interpreter"
dotnet build -c Release bench/Session.Core.Micro.InterpreterBench >/dev/null
mono --interpreter bench/Session.Core.Micro.InterpreterBench/bin/Release/net472/Session.Core.Micro.InterpreterBench.exe "${2:-0.5}" "${3:-}"
