# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action of cloudapps.provision.run_modules: this collection's modules run at the same time in one task."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextvars
import threading
from concurrent.futures import ThreadPoolExecutor

from ansible.errors import AnsibleError
from ansible.plugins.action import ActionBase

# How module_defaults reach a module an action starts: the call changed name in ansible-core 2.19.
try:
    from ansible.executor.module_common import _apply_action_arg_defaults
except ImportError:
    _apply_action_arg_defaults = None
try:
    from ansible.executor.module_common import get_action_args_with_defaults
except ImportError:
    get_action_args_with_defaults = None

from ansible_collections.cloudapps.provision.plugins.module_utils._run_modules import run_modules_argument_spec

COLLECTION = "cloudapps.provision."
ARGUMENT_SPEC = run_modules_argument_spec()


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def __init__(self, *args, **kwargs):
        super(ActionModule, self).__init__(*args, **kwargs)
        self._build_lock = threading.Lock()

    def _configure_module(self, *args, **kwargs):
        # Payloads are built one at a time (each run's module executes while the next is built):
        # building parses module_utils with Python's ast, which threads must not do at the same time
        # (CPython: "AST constructor recursion depth mismatch").
        with self._build_lock:
            return super(ActionModule, self)._configure_module(*args, **kwargs)

    def run(self, tmp=None, task_vars=None):
        self._supports_check_mode = True
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        dummy, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        runs = args["runs"]
        problems, modules = self._problems(runs)
        if problems:
            result.update(failed=True, msg="invalid input: " + "; ".join(problems))
            return result
        # Modules are copied to one temporary directory (unless pipelining): made once, before the threads.
        if not self._is_pipelining_enabled("new") and self._connection._shell.tmpdir is None:
            self._make_tmp_path()
        try:
            results = self._run_all(runs, modules, task_vars or {})
        finally:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return self._combined(result, runs, results)

    def _problems(self, runs):
        problems, modules, names = [], {}, []
        loader = self._shared_loader_obj.module_loader
        for index, run in enumerate(runs):
            where = "runs[%d]" % index
            if run["name"] in names:
                problems.append("%s.name: %r is given twice; each run needs its own name" % (where, run["name"]))
            if run["after"] is not None and run["after"] not in names:
                problems.append("%s.after: %r is not the name of an earlier run" % (where, run["after"]))
            names.append(run["name"])
            # A short name is this collection's.
            wanted = run["module"] if "." in run["module"] else COLLECTION + run["module"]
            found = loader.find_plugin_with_context(wanted)
            name = found.resolved_fqcn if found.resolved else None
            if not name or not name.startswith(COLLECTION) or name == COLLECTION + "run_modules":
                problems.append("%s.module: %r is not a module of cloudapps.provision" % (where, run["module"]))
            modules[run["name"]] = name
        return problems, modules

    def _module_args(self, name, args):
        args = dict((key, value) for key, value in args.items() if value is not None)
        if _apply_action_arg_defaults is not None:
            return _apply_action_arg_defaults(name, self._task, args, self._templar)
        return get_action_args_with_defaults(name, args, self._task.module_defaults, self._templar,
                                             action_groups=self._task._parent._play._action_groups)

    def _run_all(self, runs, modules, task_vars):
        # Arguments (module_defaults templated) are made here, in this thread, before any run starts.
        arguments = dict((run["name"], self._module_args(modules[run["name"]], run["args"])) for run in runs)
        done = dict((run["name"], threading.Event()) for run in runs)
        results = {}

        def one(run):
            key = run["name"]
            try:
                if run["after"] is not None:
                    done[run["after"]].wait()
                results[key] = self._execute_module(module_name=modules[key], module_args=arguments[key],
                                                    task_vars=task_vars)
            except AnsibleError as error:
                results[key] = dict(failed=True, msg="%s: %s" % (modules[key], error))
            finally:
                done[key].set()

        with ThreadPoolExecutor(max_workers=len(runs)) as pool:
            # Each run in a context of its own: ansible-core keeps per-callstack templating state there.
            futures = [pool.submit(contextvars.Context().run, one, run) for run in runs]
            for future in futures:
                future.result()
        return results

    @staticmethod
    def _combined(result, runs, results):
        ordered = dict((run["name"], results[run["name"]]) for run in runs)
        diffs, warnings, facts = [], [], {}
        for run_result in ordered.values():
            # An interpreter found by discovery is kept as a fact, as a module task of its own keeps it.
            facts.update((name, value) for name, value in (run_result.pop("ansible_facts", None) or {}).items()
                         if name.startswith("discovered_interpreter_"))
            diff = run_result.get("diff")
            diffs.extend(diff if isinstance(diff, list) else [diff] if diff else [])
            warnings.extend(run_result.get("warnings") or [])
        failed = [key for key, run_result in ordered.items() if run_result.get("failed")]
        result.update(results=ordered, changed=any(r.get("changed") for r in ordered.values()))
        if diffs:
            result["diff"] = diffs
        if warnings:
            result["warnings"] = warnings
        if facts:
            result["ansible_facts"] = facts
        if failed:
            result.update(failed=True, msg="; ".join("%s: %s" % (key, ordered[key].get("msg")) for key in failed))
        return result
