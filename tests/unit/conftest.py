# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make ``ansible_collections.cloudapps.provision`` importable when pytest runs from the source tree.

ansible-test already places the collection under ``ansible_collections/cloudapps/provision``;
a plain ``pytest`` run from the repository does not, so a temporary directory with that
layout (a symlink to the repository root) is put on ``sys.path``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import atexit
import importlib
import os
import shutil
import sys
import tempfile


def _ensure_collection_importable():
    try:
        importlib.import_module("ansible_collections.cloudapps.provision.plugins")
        return
    except ImportError:
        pass
    repo_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    tmp = tempfile.mkdtemp(prefix="cloudapps-provision-")
    # rmtree removes the symlink itself, never the repository it points to.
    atexit.register(shutil.rmtree, tmp, True)
    namespace = os.path.join(tmp, "ansible_collections", "cloudapps")
    os.makedirs(namespace)
    os.symlink(repo_root, os.path.join(namespace, "provision"))
    sys.path.insert(0, tmp)
    # A namespace package imported before the path change may have cached a stale __path__.
    for name in [m for m in sys.modules if m == "ansible_collections.cloudapps" or m.startswith("ansible_collections.cloudapps.")]:
        del sys.modules[name]


_ensure_collection_importable()

# The tests' own shared code (tests.vendors, tests.emulator) is imported from the repository root.
_REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if _REPO_ROOT not in sys.path:
    sys.path.insert(0, _REPO_ROOT)
