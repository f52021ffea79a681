#!/usr/bin/env bash
# Run galaxy-importer (the validator Galaxy and Automation Hub run on upload) on the built
# tarball, without its container-based ansible-test step. It has pins of its own (attrs<24, ...),
# so it lives in its own virtualenv, .cache/venv-importer, rebuilt when its requirements change.
# Any ERROR or WARNING line in its output fails the gate, not only a failed import.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
py=${PYTHON:-python3}
venv="$root/.cache/venv-importer"
stamp="$venv/.requirements.stamp"
if [ ! -x "$venv/bin/python" ] || [ tests/requirements-importer.txt -nt "$stamp" ]; then
    "$py" -m venv "$venv"
    "$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar off -q -r tests/requirements-importer.txt
    touch "$stamp"
fi
shopt -s nullglob
tarballs=(build/cloudapps-provision-*.tar.gz)
if [ ${#tarballs[@]} -ne 1 ]; then
    echo "galaxy-importer: expected one tarball in build/ (run scripts/build.sh first), found ${#tarballs[@]}" >&2
    exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudapps-importer.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat >"$work/galaxy-importer.cfg" <<'CFG'
[galaxy-importer]
RUN_ANSIBLE_TEST = False
RUN_ANSIBLE_LINT = True
LOG_LEVEL_MAIN = INFO
CFG
rc=0
PATH="$venv/bin:$PATH" GALAXY_IMPORTER_CONFIG="$work/galaxy-importer.cfg" \
    python -m galaxy_importer.main "${tarballs[0]}" >"$work/out" 2>&1 || rc=$?
if [ "$rc" -ne 0 ] || grep -q -E '^(ERROR|WARNING)' "$work/out"; then
    cat "$work/out" >&2
    echo "galaxy-importer: ${tarballs[0]} failed (exit $rc)" >&2
    exit 1
fi
tail -n 1 "$work/out"
echo "galaxy-importer: ${tarballs[0]} imports cleanly"
