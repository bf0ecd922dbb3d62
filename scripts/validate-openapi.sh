#!/usr/bin/env bash
# Validates OpenAPI documents with openapi-spec-validator and `redocly lint`, and checks every embedded
# example (and default) against its schema. Installs the tools into .tools/openapi on first use.
# Usage: scripts/validate-openapi.sh FILE...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/openapi-tools.sh"

if [[ $# -eq 0 ]]; then
  echo "usage: $0 FILE..." >&2
  exit 2
fi
openapi_tools_install

for file in "$@"; do
  echo "== $file"
  "$OPENAPI_VENV/bin/openapi-spec-validator" "$file"
  "$REDOCLY" lint --config "$REPO_ROOT/redocly.yaml" "$file"
  "$OPENAPI_VENV/bin/python" "$REPO_ROOT/scripts/check_openapi_examples.py" "$file"
done
