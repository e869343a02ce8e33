#!/usr/bin/env bash
# `make demo`: validates the shipped rules, decides the example
# transactions, screens a few names against the SDN list, and runs the two
# example host programs.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/bin
echo "== interdict check rules/us"
"$bin/interdict" check rules/us
echo
echo "== interdict eval --policy rules/us < examples/transactions.jsonl"
"$bin/interdict" eval --policy rules/us < examples/transactions.jsonl
echo
echo "== interdict screen --list rules/us/lists/ofac-sdn.json (exit 1: some name matched)"
"$bin/interdict" screen --list rules/us/lists/ofac-sdn.json "Tikhonov Andrey" "Andrei Tikhonov" "Khamis Al" "Jane Doe" ||
  [[ $? -eq 1 ]]
if [[ -x "$bin/checkout" ]]; then
  echo
  echo "== examples/checkout.cc"
  "$bin/checkout" rules/us
  echo
  echo "== examples/license_server.cc"
  "$bin/license_server" rules/us
fi
