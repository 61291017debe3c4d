#!/usr/bin/env bash
# Prints the console's real output for the README's first case (README.md, "A first case in the
# console"); test/docs/examples.test.ts checks the README's snippet against the same run.
set -euo pipefail
dir=$(mktemp -d)
printf '%s\n' '/as agent li' '我买了三件白T恤只收到两件，少发了一件' '/as supervisor wang' '/show c1' '/approve' '/approve' |
  SETTLE_DB_PATH="$dir/settle.db" SETTLE_LOG_FILE="$dir/settle.log" node "$(dirname "$0")/../bin/settle.js" start
rm -rf "$dir"
