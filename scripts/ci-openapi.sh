#!/usr/bin/env bash
# What CI checks of the OpenAPI output: every committed generated/<product>/openapi.json and any
# further documents named as arguments (`cargo xtask test` passes the corpus crates' documents), each
# validated and consumed by a generated client. A named document that does not exist is an error.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

files=(generated/*/openapi.json "$@")
for file in "${files[@]}"; do
  if [[ ! -f "$file" ]]; then
    echo "error: $file does not exist (run \`cargo xtask gen\` / \`cargo xtask corpus-crates DIR\` first)" >&2
    exit 1
  fi
done

scripts/validate-openapi.sh "${files[@]}"
scripts/openapi-client-check.sh "${files[@]}"
echo "openapi: ${#files[@]} passed, 0 failed"
