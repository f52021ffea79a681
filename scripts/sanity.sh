#!/usr/bin/env bash
# Sanity gate: `ansible-test sanity` on a staged copy of the collection.
# ansible-test needs the tree at .../ansible_collections/<ns>/<name>; the copy
# holds only what git would commit, so local state (.venv, .cache) is not tested.
# No git repo is needed in the copy: ansible-test then lists files by walking the tree.
#
# Caching: ansible-test keeps one virtualenv per sanity test (pylint, pep8,
# validate-modules, yamllint, import, ...) under ~/.ansible/test/venv, keyed on a
# hash of its pinned requirements, and reuses it on later runs. That place is
# fixed by ansible-test; it also outlives a fresh clone on the same machine,
# which a cache inside the work tree would not. The first run on a new machine
# installs those venvs from PyPI (~1-2 min).
#
# Extra arguments go to ansible-test, e.g. scripts/sanity.sh --test pep8
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
py=${SANITY_PYTHON:-3.11}

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudapps-sanity.XXXXXX")
trap 'rm -rf "$work"' EXIT
src=$(scripts/stage.sh "$work")

# The rule of this project: no tests/sanity/ignore-*.txt; fix the code instead.
shopt -s nullglob
ignores=("$src"/tests/sanity/ignore-*.txt)
if [ ${#ignores[@]} -gt 0 ]; then
    echo "sanity: ignore files are not allowed: ${ignores[*]#"$src"/}" >&2
    exit 1
fi

# ansible-test puts pip into each venv with a get-pip.py that it downloads from
# outside PyPI; provide the stand-in (see scripts/get_pip_shim.py) unless a real
# copy is already cached.
# The pip version is read from ansible-test itself, with the interpreter it runs on.
at_python=$(sed -n '1s/^#! *//p' "$(command -v ansible-test)")
pip_version=$($at_python - <<'PY'
import re
import ansible_test._internal.python_requirements as r
with open(r.__file__, encoding='utf-8') as f:
    print(re.search(r"\bpip='([0-9.]+)'", f.read()).group(1))
PY
)
get_pip="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
# An older copy of the stand-in is refreshed; a real get-pip.py is left alone.
if [ ! -s "$get_pip" ] || { grep -q 'Stand-in for the get-pip.py' "$get_pip" && ! cmp -s scripts/get_pip_shim.py "$get_pip"; }; then
    mkdir -p "$(dirname "$get_pip")"
    cp scripts/get_pip_shim.py "$get_pip"
fi

cd "$src"
# --color no keeps CI logs readable.
ansible-test sanity --python "$py" --color no "$@"
