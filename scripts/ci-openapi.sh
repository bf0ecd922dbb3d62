#!/usr/bin/env bash
# What CI checks of the OpenAPI output: generated/openapi.json (or, before `gen` writes one, the
# seed's document) and the document of the whole ../shared/corpus/ecs, each validated and
# consumed by a generated client. Without ../shared, fails in CI (CI=true) and skips the corpus elsewhere.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out=target/openapi
mkdir -p "$out"
files=()
if [[ -f generated/openapi.json ]]; then
  files+=(generated/openapi.json)
else
  cargo xtask openapi --spec spec/ecs --overrides spec/overrides.toml --out "$out/seed.json"
  files+=("$out/seed.json")
fi
if [[ -d ../shared/corpus/ecs ]]; then
  cargo xtask openapi --spec ../shared/corpus/ecs --meta spec/ecs/product.toml \
    --overrides spec/overrides.toml --out "$out/corpus.json"
  files+=("$out/corpus.json")
elif [[ "${CI:-}" == "true" ]]; then
  echo "error: ../shared/corpus/ecs is missing; CI needs the shared reference data" >&2
  exit 1
else
  echo "skipping the corpus document: ../shared/corpus/ecs is absent" >&2
fi

scripts/validate-openapi.sh "${files[@]}"
scripts/openapi-client-check.sh "${files[@]}"
echo "openapi: ${#files[@]} passed, 0 failed"
