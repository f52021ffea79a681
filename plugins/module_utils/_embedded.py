# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Several modules in one process (run_modules): in each thread a module reads its own arguments and
prints its own answer, exactly as it would in a process of its own."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import io
import json
import sys
import threading
import traceback

_local = threading.local()
# AnsibleModule reads its arguments from one global: modules are made one at a time.
_arguments_lock = threading.Lock()


def new_module(factory):
    """``factory()`` (an AnsibleModule): given this thread's arguments when it runs embedded."""
    arguments = getattr(_local, "arguments", None)
    if arguments is None:
        return factory()
    from ansible.module_utils import basic
    with _arguments_lock:
        saved = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = arguments
        try:
            return factory()
        finally:
            basic._ANSIBLE_ARGS = saved


class PerThreadStdout:
    """sys.stdout while modules run embedded: each thread's writes go to its own buffer."""

    def __init__(self, real):
        self._real = real
        self.buffers = {}

    def _target(self):
        return self.buffers.get(threading.get_ident(), self._real)

    def write(self, text):
        return self._target().write(text)

    def flush(self):
        return self._target().flush()

    def __getattr__(self, name):
        return getattr(self._real, name)


def run_embedded(body, arguments):
    """Run a module's whole ``body`` in this thread with ``arguments`` (the JSON bytes a module reads)
    and return its answer; sys.stdout must be a PerThreadStdout."""
    buffer = io.StringIO()
    sys.stdout.buffers[threading.get_ident()] = buffer
    _local.arguments = arguments
    crash = None
    try:
        body()
    except SystemExit:
        pass  # exit_json and fail_json end the module with sys.exit, after printing the answer
    except Exception as error:  # pylint: disable=broad-except
        crash = "%s: %s" % (type(error).__name__, error), traceback.format_exc()
    finally:
        _local.arguments = None
        del sys.stdout.buffers[threading.get_ident()]
    text = buffer.getvalue().strip()
    if crash is None and text:
        try:
            return json.loads(text)
        except ValueError:
            pass
    if crash is not None:
        return dict(failed=True, msg="MODULE FAILURE: %s" % crash[0], exception=crash[1])
    return dict(failed=True, msg="MODULE FAILURE: the module ended without an answer")
