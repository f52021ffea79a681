#!/usr/bin/env bash
# Release checks on the built tarball, with the ecosystem's own validators:
# 1. galaxy-importer (what Galaxy and Automation Hub run on upload), without its container-based
#    ansible-test step. Any ERROR or WARNING line fails the gate, not only a failed import.
# 2. ansible-builder create on extensions/ee/execution-environment.yml (no container engine needed).
# Both have pins of their own (attrs<24, ...), so they live in .cache/venv-importer, rebuilt
# when tests/requirements-importer.txt changes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
venv=$(scripts/tool_venv.sh importer tests/requirements-importer.txt)
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
# A home of its own: a copy of the collection installed in ~/.ansible/collections by an earlier
# run (molecule, a user) would shadow the tarball's modules in the importer's ansible-lint.
mkdir -p "$work/home"
HOME="$work/home" PATH="$venv/bin:$PATH" GALAXY_IMPORTER_CONFIG="$work/galaxy-importer.cfg" \
    python -m galaxy_importer.main "${tarballs[0]}" >"$work/out" 2>&1 || rc=$?
if [ "$rc" -ne 0 ] || grep -q -E '^(ERROR|WARNING)' "$work/out"; then
    cat "$work/out" >&2
    echo "galaxy-importer: ${tarballs[0]} failed (exit $rc)" >&2
    exit 1
fi
tail -n 1 "$work/out"
echo "galaxy-importer: ${tarballs[0]} imports cleanly"

"$venv/bin/ansible-builder" create -f extensions/ee/execution-environment.yml --context "$work/ee" >"$work/ee.out" 2>&1 || {
    cat "$work/ee.out" >&2
    echo "ansible-builder: extensions/ee/execution-environment.yml is not a valid definition" >&2
    exit 1
}
[ -s "$work/ee/Containerfile" ] || [ -s "$work/ee/Dockerfile" ]
echo "ansible-builder: extensions/ee/execution-environment.yml creates a build context"

# The same from this checkout: the context must carry the tarball built above.
"$venv/bin/ansible-builder" create -f extensions/ee/execution-environment-local.yml --context "$work/ee-local" \
    >"$work/ee-local.out" 2>&1 || {
    cat "$work/ee-local.out" >&2
    echo "ansible-builder: extensions/ee/execution-environment-local.yml is not a valid definition" >&2
    exit 1
}
local_tarball=$(sed -n 's/^ *- name: *//p' extensions/ee/requirements-local.yml)
if ! cmp -s "$work/ee-local/_build/$local_tarball" "${tarballs[0]}"; then
    echo "ansible-builder: the local EE context lacks $local_tarball (the tarball of this build)" >&2
    exit 1
fi
echo "ansible-builder: extensions/ee/execution-environment-local.yml creates a build context with this checkout's tarball"
