#!/usr/bin/env bash
# Installs Alibaba's official Python SDK core (its RPC signature composer is the independent signer
# the runtime's loopback tests check every request against) into .tools/python-sdk (gitignored).
# Installs only when the pinned version changed. Run by .ci/run; run it by hand to check locally.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools/python-sdk"
VENV="$TOOLS_DIR/venv"
PACKAGE="aliyun-python-sdk-core==2.16.1"
stamp="$TOOLS_DIR/installed"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$PACKAGE" && -x "$VENV/bin/python" ]]; then
  exit 0
fi
echo "python-sdk: installing $PACKAGE into $TOOLS_DIR" >&2
mkdir -p "$TOOLS_DIR"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "$PACKAGE"
"$VENV/bin/python" -c "from aliyunsdkcore.auth.composer import rpc_signature_composer"
echo "$PACKAGE" >"$stamp"
