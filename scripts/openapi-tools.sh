# Installs the OpenAPI checking tools into a local, gitignored dir (sourced by the openapi scripts).
# Sets OPENAPI_VENV (Python venv: openapi-spec-validator, jsonschema, openapi-python-client)
# and REDOCLY (the @redocly/cli binary). Installs only when the pinned versions changed.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${OPENAPI_TOOLS_DIR:-$REPO_ROOT/.tools/openapi}"
OPENAPI_VENV="$TOOLS_DIR/venv"
REDOCLY="$TOOLS_DIR/node/node_modules/.bin/redocly"

PY_PACKAGES=(
  "openapi-spec-validator==0.9.0"
  "jsonschema==4.26.0"
  "openapi-python-client==0.29.1"
)
NPM_PACKAGES=("@redocly/cli@2.77.0")

# Redocly: no telemetry, no update check (CI has no network beyond the package registries).
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

openapi_tools_install() {
  local want="${PY_PACKAGES[*]} ${NPM_PACKAGES[*]}"
  local stamp="$TOOLS_DIR/installed"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$REDOCLY" && -x "$OPENAPI_VENV/bin/python" ]]; then
    return 0
  fi
  echo "openapi tools: installing into $TOOLS_DIR" >&2
  mkdir -p "$TOOLS_DIR/node"
  python3 -m venv "$OPENAPI_VENV"
  "$OPENAPI_VENV/bin/pip" install --quiet --disable-pip-version-check "${PY_PACKAGES[@]}"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR/node" "${NPM_PACKAGES[@]}" >&2
  echo "$want" >"$stamp"
}
