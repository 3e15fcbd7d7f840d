#!/usr/bin/env bash
# Installs the real VS Code host that the end-to-end suite (test/e2e/run.mjs) drives, without downloading
# anything from Microsoft: code-server (which embeds VS Code) on Node 24, both from the npm registry, and
# Debian's Chromium. Everything but the apt packages goes into <repo>/.cache/vscode-host/.
# Idempotent: each piece is installed only when missing, so a second run takes about a second.
#
# Usage: bash scripts/setup-vscode-host.sh        (BACKEND_COACH_VSCODE_HOST=dir to install elsewhere)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST=${BACKEND_COACH_VSCODE_HOST:-$ROOT/.cache/vscode-host}
CODE_SERVER_VERSION=4.139.1 # embeds VS Code 1.139.1; its package.json wants Node 24 exactly
NODE_VERSION=24.21.0        # the npm package `node`, which installs the official binary for this platform
APT_PACKAGES=(chromium libkrb5-dev g++ make python3 pkg-config) # code-server's native modules build with these

fail() { echo "setup-vscode-host: $*" >&2; exit 1; }
T_ALL=$SECONDS
step_start=$SECONDS
step_done() { echo "setup-vscode-host: $1 ($((SECONDS - step_start)) s)"; step_start=$SECONDS; }

mkdir -p "$HOST"

# 1. Debian packages: only when one is missing, and then `apt-get update` first (a fresh image has no lists).
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "apt packages missing (${missing[*]}) and not root: install them, or run as root"
    SUDO=(sudo)
  fi
  echo "setup-vscode-host: apt-get install ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$HOST/apt.log" 2>&1 \
    || { tail -20 "$HOST/apt.log" >&2; fail "apt-get install ${missing[*]} failed (log: $HOST/apt.log)"; }
  step_done "apt packages installed"
else
  step_done "apt packages already installed"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing after the apt step"

# 2. Node 24 (beside the system Node; only code-server runs on it).
node24_bin() { compgen -G "$HOST/node24/node_modules/node/node_modules/node-*/bin/node" | head -1; }
N24=$(node24_bin || true)
if [ -z "$N24" ] || [ "$("$N24" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  rm -rf "$HOST/node24"
  mkdir -p "$HOST/node24"
  echo '{"name":"vscode-host-node24","private":true}' >"$HOST/node24/package.json"
  (cd "$HOST/node24" && npm install --no-audit --no-fund --no-save "node@$NODE_VERSION") >"$HOST/node24-install.log" 2>&1 \
    || { tail -20 "$HOST/node24-install.log" >&2; fail "npm install node@$NODE_VERSION failed (log: $HOST/node24-install.log)"; }
  N24=$(node24_bin || true)
  [ -n "$N24" ] && [ "$("$N24" --version)" = "v$NODE_VERSION" ] || fail "node@$NODE_VERSION installed but no working binary found under $HOST/node24"
  step_done "Node $("$N24" --version) installed"
else
  step_done "Node $("$N24" --version) already installed"
fi
N24_DIR=$(dirname "$(dirname "$N24")") # holds bin/node and include/node (headers for native modules)

# 3. code-server. Its postinstall builds native modules against Node 24: Node 24 goes first on PATH (the
# script checks the running Node's major) and nodedir points at its headers (a user ~/.npmrc may point
# nodedir at the system Node's). A marker written last makes a half-finished install count as missing.
CS_DIR=$HOST/code-server
MARKER=$CS_DIR/.installed-$CODE_SERVER_VERSION-node$NODE_VERSION
CS_ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js
if [ ! -f "$MARKER" ] || [ ! -f "$CS_ENTRY" ]; then
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  echo '{"name":"vscode-host-code-server","private":true}' >"$CS_DIR/package.json"
  (cd "$CS_DIR" && PATH="$N24_DIR/bin:$PATH" npm_config_nodedir="$N24_DIR" \
    npm install --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION") >"$HOST/code-server-install.log" 2>&1 \
    || { tail -30 "$HOST/code-server-install.log" >&2; fail "npm install code-server@$CODE_SERVER_VERSION failed (log: $HOST/code-server-install.log)"; }
  # Even --version writes into the XDG dirs: keep them out of $HOME.
  probe=$(mktemp -d)
  version=$(XDG_CONFIG_HOME=$probe XDG_DATA_HOME=$probe XDG_CACHE_HOME=$probe "$N24" "$CS_ENTRY" --version 2>/dev/null | tail -1) || true
  rm -rf "$probe"
  case "$version" in
    "$CODE_SERVER_VERSION "*) ;;
    *) fail "code-server installed but \`--version\` printed '$version' (log: $HOST/code-server-install.log)" ;;
  esac
  touch "$MARKER"
  step_done "code-server $version installed"
else
  step_done "code-server $CODE_SERVER_VERSION already installed"
fi

# 4. playwright-core drives Chromium; it is one of the repo's devDependencies, not part of the host.
[ -f "$ROOT/node_modules/playwright-core/package.json" ] \
  || echo "setup-vscode-host: note: $ROOT/node_modules/playwright-core is missing; run npm ci before the e2e suite" >&2

echo "setup-vscode-host: ready in $((SECONDS - T_ALL)) s: $HOST ($(du -sh "$HOST" 2>/dev/null | cut -f1)); $(/usr/bin/chromium --version 2>/dev/null)"
