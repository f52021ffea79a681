#!/usr/bin/env bash
# Print the path of a fresh staging copy of the collection at
# <tmp>/ansible_collections/cloudapps/provision (the layout ansible-test and
# ansible-galaxy expect). Only files git would commit are copied: tracked plus
# untracked-not-ignored, so .venv, .cache and build output never leak in.
# Usage: dest=$(scripts/stage.sh [BASE_DIR])
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base=${1:-$(mktemp -d "${TMPDIR:-/tmp}/cloudapps-stage.XXXXXX")}
dest="$base/ansible_collections/cloudapps/provision"
rm -rf "$dest"
mkdir -p "$dest"
cd "$root"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # -z keeps odd file names intact; files deleted but not yet staged are skipped.
    git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
        tar --null -T - -cf - | tar -xf - -C "$dest"
else
    # Not a git checkout (e.g. an unpacked tarball): copy all but local state.
    tar --exclude=./.venv --exclude=./.cache --exclude=./.git --exclude=./tests/output \
        --exclude=./build --exclude='*.tar.gz' -cf - . | tar -xf - -C "$dest"
fi
printf '%s\n' "$dest"
