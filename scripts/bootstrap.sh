#!/usr/bin/env bash
# Provision a fresh machine for Puentes: uv, the locked virtualenv and a development .env.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! command -v uv >/dev/null 2>&1; then
    if [ -x "$HOME/.local/bin/uv" ]; then
        export PATH="$HOME/.local/bin:$PATH"
    else
        echo "==> Installing uv with pip"
        "$PYTHON" -m pip install --quiet --user uv 2>/dev/null || "$PYTHON" -m pip install --quiet uv
        export PATH="$HOME/.local/bin:$PATH"
    fi
fi
echo "==> uv sync --frozen"
uv sync --frozen --quiet

if [ ! -f .env ]; then
    echo "==> Creating .env for development (DEBUG on, random SECRET_KEY)"
    secret="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
    sed "s|^SECRET_KEY=.*|SECRET_KEY=${secret}|" .env.example > .env
fi
mkdir -p var/static var/media
