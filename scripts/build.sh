#!/usr/bin/env bash
# Build gate: build the collection tarball from a clean staging copy, install the
# tarball into a throw-away collections path, and run ansible-doc on every module
# from that installed copy (so a module whose docs break, or that needs a file the
# tarball leaves out, fails here rather than for a user).
# Output: the tarball is kept in build/ (git-ignored).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

work=$(mktemp -d "${TMPDIR:-/tmp}/cloudapps-build.XXXXXX")
trap 'rm -rf "$work"' EXIT

src=$(scripts/stage.sh "$work/src")
mkdir -p build
rm -f build/cloudapps-provision-*.tar.gz
ansible-galaxy collection build --force --output-path "$root/build" "$src"
tarball=$(ls build/cloudapps-provision-*.tar.gz)

# Nothing meant for development only may end up in the published artifact.
leaked=$(tar -tzf "$tarball" | grep -E '^(\.venv|\.cache|\.ci|\.git|tests/(unit|integration|emulator|output)|extensions/molecule|scripts|Makefile)(/|$)' || true)
if [ -n "$leaked" ]; then
    printf 'build: development files in %s:\n%s\n' "$tarball" "$leaked" >&2
    exit 1
fi

# Install from the tarball only: ANSIBLE_COLLECTIONS_PATH is pinned to the empty
# install dir so the source tree (or a user's copy) cannot shadow what we test.
install_dir="$work/installed"
export ANSIBLE_COLLECTIONS_PATH="$install_dir"
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
ansible-galaxy collection install --force --offline -p "$install_dir" "$tarball"

installed="$install_dir/ansible_collections/cloudapps/provision"
count=0
shopt -s nullglob
# Every plugin the collection ships: modules, filters and the role.
plugins=()
for mod in "$installed"/plugins/modules/*.py; do
    plugins+=("module cloudapps.provision.$(basename "$mod" .py)")
done
for filter in "$installed"/plugins/filter/*.py; do
    plugins+=("filter cloudapps.provision.$(basename "$filter" .py)")
done
for role in "$installed"/roles/*/; do
    plugins+=("role cloudapps.provision.$(basename "$role")")
done
for entry in "${plugins[@]}"; do
    kind=${entry%% *}
    fqcn=${entry#* }
    # ansible-doc prints a warning, not an error, for some failures: treat any
    # stderr output as a failure too, except the deprecation notice of a deprecated module.
    rc=0
    ansible-doc -t "$kind" "$fqcn" >"$work/doc.out" 2>"$work/doc.raw" || rc=$?
    grep -v -e "^\[DEPRECATION WARNING\]: $fqcn has been deprecated" \
        -e '^\[WARNING\]: Deprecation warnings can be disabled' "$work/doc.raw" >"$work/doc.err" || true
    if [ "$rc" -ne 0 ] || [ -s "$work/doc.err" ] || [ ! -s "$work/doc.out" ]; then
        echo "build: ansible-doc -t $kind $fqcn failed:" >&2
        cat "$work/doc.err" >&2
        exit 1
    fi
    # The JSON form also exercises the docs through the metadata dumper.
    ansible-doc --json -t "$kind" "$fqcn" >/dev/null
    count=$((count + 1))
done
ansible-galaxy collection list cloudapps.provision
echo "build: $tarball built, installed, ansible-doc ok for $count plugin(s): modules, filters and roles"
