#!/usr/bin/env bash
# Build the collection's HTML docs into build/docs/html with antsibull-docs and Sphinx, offline
# (no intersphinx download; docs/conf.py resolves the few Ansible labels itself), with every
# Sphinx warning an error. Its tools live in .cache/venv-docs, rebuilt when
# tests/requirements-docs.txt changes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
venv=$(scripts/tool_venv.sh docs tests/requirements-docs.txt)
# The collection as antsibull-docs looks it up: from the working tree, through a link.
collections="$root/.cache/collections"
mkdir -p "$collections/ansible_collections/cloudapps"
ln -sfn ../../../.. "$collections/ansible_collections/cloudapps/provision"
out="$root/build/docs"
rm -rf "$out"
mkdir -p "$out/rst"
chmod og-w "$out/rst"  # antsibull-docs wants the directory writable by its owner only
export PATH="$venv/bin:$PATH" ANSIBLE_COLLECTIONS_PATH="$collections"
antsibull-docs --config-file docs/antsibull-docs.cfg collection --cleanup everything --fail-on-error \
    --use-current --dest-dir "$out/rst" cloudapps.provision
cp docs/index.rst "$out/rst/index.rst"
# antsibull-docs finds no env: entries (modules document variables in their option text): the page
# is written from the modules' declarations instead of saying there are none.
PYTHONPATH="$collections" "$venv/bin/python" scripts/docs_env_vars.py "$out/rst/collections/environment_variables.rst"
sphinx-build -q -W --keep-going -b html -c docs "$out/rst" "$out/html"
echo "docs: $out/html/index.html"
