#!/usr/bin/env bash
# Print the path of a Python interpreter of at least version MAJOR.MINOR (default 3.12), or fail
# saying what to install. Tries $CORE221_PYTHON, python3.13/python3.12 on PATH (a pyenv shim
# counts only when it runs), then pyenv's installed versions.
set -euo pipefail
want=${1:-3.12}
check='import sys; want = tuple(int(p) for p in sys.argv[1].split(".")); sys.exit(sys.version_info[:2] < want)'
candidates=()
[ -n "${CORE221_PYTHON:-}" ] && candidates+=("$CORE221_PYTHON")
candidates+=(python3.14 python3.13 python3.12)
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
for dir in "$pyenv_root"/versions/3.1[2-9]* "$pyenv_root"/versions/3.[2-9][0-9]*; do
    [ -x "$dir/bin/python" ] && candidates+=("$dir/bin/python")
done
for candidate in "${candidates[@]}"; do
    if "$candidate" -c "$check" "$want" >/dev/null 2>&1; then
        "$candidate" -c 'import sys; print(sys.executable)'
        exit 0
    fi
done
echo "no Python $want or newer found (tried: ${candidates[*]}); install one (for example python3.12) or set CORE221_PYTHON" >&2
exit 1
