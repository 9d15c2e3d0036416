# Sourced by scripts/voicekit and scripts/test: make .venv if missing and (re)install the project
# when pyproject.toml changes. Needs only Python >= 3.10 with venv and pip.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
EXTRAS="${1:-}"
PY="${PYTHON:-python3}"

if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
    echo "voicekit needs Python 3.10 or newer (found: $("$PY" --version 2>&1 || echo none)); set PYTHON=/path/to/python3" >&2
    exit 2
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV" || { echo "could not create $VENV (on Debian/Ubuntu: install python3-venv)" >&2; exit 2; }
fi
STAMP="$VENV/.voicekit-installed"   # one line per extras set installed for this pyproject.toml
SUM="$(cat "$ROOT/pyproject.toml" "$ROOT/scripts/_bootstrap.sh" | cksum)"
if ! grep -qxF "$SUM $EXTRAS" "$STAMP" 2>/dev/null; then
    LOG="$VENV/install.log"
    echo "voicekit: installing into .venv (log: .venv/install.log)" >&2
    # uv (a Rust installer from PyPI) downloads, unpacks and byte-compiles in parallel: the test extras take ~15 s
    # with it against ~30 s with pip. pip does the install when uv cannot be had or fails.
    # compat: a plain path entry for the checkout (the default editable finder costs every start ~25 ms)
    # uv reads its own settings, not pip's: an index, links or constraints given to pip in the environment
    # are passed on (pip's config files are not read; uv failing on them hands over to pip).
    if ! { "$VENV/bin/python" -m pip install -q --disable-pip-version-check "uv>=0.4" >"$LOG" 2>&1 \
        && UV_INDEX_URL="${UV_INDEX_URL:-${PIP_INDEX_URL:-}}" \
            UV_EXTRA_INDEX_URL="${UV_EXTRA_INDEX_URL:-${PIP_EXTRA_INDEX_URL:-}}" \
            UV_FIND_LINKS="${UV_FIND_LINKS:-${PIP_FIND_LINKS:-}}" UV_CONSTRAINT="${UV_CONSTRAINT:-${PIP_CONSTRAINT:-}}" \
            "$VENV/bin/uv" pip install --python "$VENV/bin/python" --compile-bytecode -C editable_mode=compat \
            -e "$ROOT$EXTRAS" >>"$LOG" 2>&1; }; then
        echo "voicekit: uv could not install; using pip" >>"$LOG"
        if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --config-settings editable_mode=compat \
            -e "$ROOT$EXTRAS" >>"$LOG" 2>&1; then
            tail -20 "$LOG" >&2
            echo "voicekit: installing failed; the whole log is in $LOG" >&2
            exit 2
        fi
    fi
    { grep -F "$SUM " "$STAMP" 2>/dev/null || true; echo "$SUM $EXTRAS"; } >"$STAMP.new"
    mv "$STAMP.new" "$STAMP"
fi
# Byte-compile voicekit (quick when nothing changed): Python skips writing .pyc files when
# PYTHONDONTWRITEBYTECODE is set, and then compiles every module again in every process.
"$VENV/bin/python" -m compileall -q -j 0 "$ROOT/voicekit" >/dev/null 2>&1 || true
