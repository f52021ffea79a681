# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action of cloudapps.provision.run_modules: checks the runs and applies module_defaults to each, on the
controller; the module then runs them all at the same time, in one process."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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

from ansible_collections.cloudapps.provision.plugins.module_utils._run_modules import RUNNABLE, run_modules_argument_spec

COLLECTION = "cloudapps.provision."
ARGUMENT_SPEC = run_modules_argument_spec()


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

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
        if not runs:
            result.update(changed=False, results={})
            return result
        # Each run's arguments over the module_defaults that apply to its module, as its own task would get them.
        resolved = [dict(name=run["name"], module=modules[run["name"]], after=run["after"],
                         args=self._module_args(COLLECTION + modules[run["name"]], run["args"])) for run in runs]
        try:
            answer = self._execute_module(module_name=COLLECTION + "run_modules", module_args=dict(runs=resolved),
                                          task_vars=task_vars or {})
        finally:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return self._combined(result, runs, answer)

    def _problems(self, runs):
        """Input problems, before any run; and each run's module by its short name."""
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
            found = loader.find_plugin_with_context(wanted)  # says so when the module is deprecated
            name = found.resolved_fqcn if found.resolved else None
            short = name[len(COLLECTION):] if name and name.startswith(COLLECTION) else None
            if short not in RUNNABLE:
                problems.append("%s.module: %r is not a module run_modules runs (%s)"
                                % (where, run["module"], ", ".join(RUNNABLE)))
            modules[run["name"]] = short
        return problems, modules

    def _module_args(self, name, args):
        # A null argument is left out, as omit would be: the module's default or a module_defaults value applies.
        args = dict((key, value) for key, value in args.items() if value is not None)
        if _apply_action_arg_defaults is not None:
            return _apply_action_arg_defaults(name, self._task, args, self._templar)
        return get_action_args_with_defaults(name, args, self._task.module_defaults, self._templar,
                                             action_groups=self._task._parent._play._action_groups)

    @staticmethod
    def _combined(result, runs, answer):
        """The task's result: each run's answer under its name, every diff, the failed runs named."""
        for key in ("warnings", "deprecations", "ansible_facts"):
            if answer.get(key):
                result[key] = answer[key]
        if "run_results" in answer:
            ordered = dict((run["name"], answer["run_results"][run["name"]]) for run in runs)
        else:
            # The module itself failed (its interpreter, its input): no run started, and each says why.
            failure = dict((key, answer[key]) for key in ("msg", "exception", "module_stderr", "module_stdout", "rc")
                           if key in answer)
            failure.update(failed=True, changed=False)
            failure.setdefault("msg", "run_modules failed without a message")
            ordered = dict((run["name"], dict(failure)) for run in runs)
        diffs = []
        for run_result in ordered.values():
            diff = run_result.get("diff")
            diffs.extend(diff if isinstance(diff, list) else [diff] if diff else [])
        failed = [name for name, run_result in ordered.items() if run_result.get("failed")]
        result.update(results=ordered, changed=any(r.get("changed") for r in ordered.values()))
        if diffs:
            result["diff"] = diffs
        if failed:
            result.update(failed=True, msg="; ".join("%s: %s" % (name, ordered[name].get("msg")) for name in failed))
        return result
