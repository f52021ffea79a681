#!/usr/bin/env bash
# Print the path of .cache/venv-NAME, a virtualenv of pinned tools, (re)built from REQUIREMENTS
# when it is missing or the file is newer than its stamp. Tools whose pins clash with the test
# tool chain (galaxy-importer, antsibull-docs, an older ansible-core) each get one of these.
# Usage: venv=$(scripts/tool_venv.sh NAME REQUIREMENTS)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
name=$1
requirements=$root/$2
venv="$root/.cache/venv-$name"
stamp="$venv/.requirements.stamp"
if [ ! -x "$venv/bin/python" ] || [ "$requirements" -nt "$stamp" ]; then
    "${PYTHON:-python3}" -m venv "$venv" >&2
    "$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar off -q -r "$requirements" >&2
    touch "$stamp"
fi
printf '%s\n' "$venv"
