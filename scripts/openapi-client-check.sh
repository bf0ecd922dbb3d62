#!/usr/bin/env bash
# One real consumer of the OpenAPI document: generates a Python client with openapi-python-client
# (failing on any generator warning), imports every module of it, and round-trips each operation
# whose 200 response has an example through the client: an RPC one against a mock transport, a
# RESTful (ROA) one over a real socket to a loopback HTTP server that checks what arrives.
# Usage: scripts/openapi-client-check.sh FILE...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/openapi-tools.sh"

if [[ $# -eq 0 ]]; then
  echo "usage: $0 FILE..." >&2
  exit 2
fi
openapi_tools_install

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'post_hooks: []\n' >"$work/config.yaml"
for file in "$@"; do
  echo "== $file"
  rm -rf "$work/openapi_client"
  "$OPENAPI_VENV/bin/openapi-python-client" generate --path "$file" --output-path "$work/openapi_client" \
    --meta none --config "$work/config.yaml" --fail-on-warning
  PYTHONPATH="$work" "$OPENAPI_VENV/bin/python" "$REPO_ROOT/scripts/openapi_client_smoke.py" "$file" openapi_client
done
