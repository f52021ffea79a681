# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Smoke tests against real vendor accounts (``make smoke``), opt-in per vendor.

For every vendor whose credentials are in the environment (the variables the modules read; Huawei
also needs CLOUDAPPS_SMOKE_HUAWEICLOUD_INSTANCE_ID, a dedicated gateway), one ansible-playbook
runs a short lifecycle on a resource named ``cloudapps_smoke_<random>``: remove leftovers of an
interrupted run (found by that prefix), create, rerun (changed=0), check-mode update (nothing
changes), update, rotate_secret where the vendor can, the info module, delete, delete again. A
cleanup runs whatever failed. The report says per vendor passed, failed (step, vendor code,
request id) or not run (no credentials); with no credentials at all it exits 1.

The same playbooks run in ``make test`` against the emulator: the endpoint variables point at it.

    python -m tests.smoke [--vendor NAME ...] [--keep-going]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import secrets
import string
import subprocess
import sys
import tempfile

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)
# Makes ansible_collections.cloudapps.provision importable from the source tree.
import tests.unit.conftest  # noqa: E402,F401  pylint: disable=wrong-import-position,unused-import
from ansible_collections.cloudapps.provision.plugins.module_utils import (  # noqa: E402  pylint: disable=wrong-import-position
    _alicloud, _alicloud_apig, _huaweicloud, _tencentcloud, _volcengine,
)

PREFIX = "cloudapps_smoke_"
HUAWEI_GATEWAY_ENV = "CLOUDAPPS_SMOKE_HUAWEICLOUD_INSTANCE_ID"


class Vendor:
    """One vendor's lifecycle: its modules, keys and the options each step sets."""

    def __init__(self, name, declaration, module, list_key, name_key, id_key, create, update, rotate,
                 deletes=True, extra=None, extra_env=(), note="", rotate_with=None, result_keys=None):
        self.name = name
        self.declaration = declaration          # the module_utils Vendor: credentials and region variables
        self.module = "cloudapps.provision." + module
        self.info = self.module + "_info"
        self.list_key = list_key
        self.name_key = name_key
        self.id_key = id_key
        self.create = create                    # options of the create (besides name)
        self.update = update                    # options the update changes
        self.rotate = rotate                    # whether rotate_secret is supported
        self.rotate_with = rotate_with or {}    # options the rotation needs (Tencent rotates enabled keys)
        self.result_keys = result_keys or {}    # option -> key of the returned resource, where they differ
        self.deletes = deletes                  # False: state=absent disables (Volcengine)
        self.extra = extra or {}                # options every task needs (a gateway)
        self.extra_env = extra_env              # variables needed besides the credentials: (name, alias...) each
        self.note = note

    def missing(self, env):
        """The variables this vendor still needs (first name of each), [] when it can run."""
        needed = [cred.env for cred in self.declaration.credentials if cred.required]
        if self.declaration.default_region is None:
            needed.append(self.declaration.region_env)
        needed.extend(self.extra_env)
        return [names[0] for names in needed if not any(env.get(name) for name in names)]


VENDORS = (
    Vendor("volcengine", _volcengine.VENDOR, "volcengine_rtc_app", "apps", "app_name", "app_id",
           create={}, update={"enabled": False}, rotate=False, deletes=False,
           note="the RTC API cannot delete an app: smoke apps are disabled and count against the quota of 100 "
                "apps until deleted in the console"),
    Vendor("alicloud", _alicloud.VENDOR, "alicloud_apigateway_app", "apps", "app_name", "app_id",
           create={"description": "cloudapps smoke test"}, update={"description": "cloudapps smoke test, updated"},
           rotate=True),
    Vendor("alicloud_apig", _alicloud_apig.VENDOR, "alicloud_apig_consumer", "consumers", "name", "consumer_id",
           create={"description": "cloudapps smoke test", "api_key": {"source": "header", "field": "X-API-Key"}},
           update={"description": "cloudapps smoke test, updated"}, rotate=True),
    Vendor("huaweicloud", _huaweicloud.VENDOR, "huaweicloud_apig_app", "apps", "name", "id",
           create={"description": "cloudapps smoke test"}, update={"description": "cloudapps smoke test, updated"},
           rotate=True, extra={"instance_id": "{{ lookup('ansible.builtin.env', '%s') }}" % HUAWEI_GATEWAY_ENV},
           result_keys={"description": "remark"},
           # A dedicated gateway and the project it is in.
           extra_env=((HUAWEI_GATEWAY_ENV,),) + tuple(c.env for c in _huaweicloud.VENDOR.credentials if c.option == "project_id")),
    Vendor("tencentcloud", _tencentcloud.VENDOR, "tencentcloud_apigateway_api_key", "api_keys", "secret_name",
           "access_key_id", create={}, update={"enabled": False}, rotate=True, rotate_with={"enabled": True}),
)


# failed_when replaces the module's own verdict: keep it, and add "must not change".
UNCHANGED = "(smoke_step.failed | default(false)) or smoke_step.changed"


def _task(title, module, args, **extra):
    task = {"name": title, module: args}
    task.update(extra)
    return task


def playbook(vendor, name, report):
    """The lifecycle of ``vendor`` on ``name``; its outcome goes to the JSON file ``report``."""
    args = dict(vendor.extra)
    named = dict(args, name=name)
    first_update = dict(named, **vendor.update)
    steps = [
        _task("find leftovers of an interrupted run", vendor.info, dict(args, name_prefix=PREFIX), register="smoke_leftovers"),
        _task("remove leftovers", vendor.module,
              dict(args, name="{{ item.%s }}" % vendor.name_key, id="{{ item.%s }}" % vendor.id_key, state="absent"),
              loop="{{ smoke_leftovers.%s }}" % vendor.list_key, loop_control={"label": "{{ item.%s }}" % vendor.name_key}),
        _task("create", vendor.module, dict(named, **vendor.create), register="smoke_step", failed_when="not smoke_step.changed"),
        _task("rerun: nothing to change", vendor.module, dict(named, **vendor.create), register="smoke_step",
              failed_when=UNCHANGED),
        _task("check-mode update", vendor.module, first_update, register="smoke_step", check_mode=True,
              failed_when="not smoke_step.changed"),
        _task("read after check mode", vendor.info, named, register="smoke_read",
              failed_when="smoke_read.%s | length != 1" % vendor.list_key),
        _task("check mode changed nothing", "ansible.builtin.assert", {"that": [
            "smoke_read.%s[0].%s != %r" % (vendor.list_key, vendor.result_keys.get(key, key), value)
            for key, value in vendor.update.items()]}),
        _task("update", vendor.module, first_update, register="smoke_step", failed_when="not smoke_step.changed"),
    ]
    if vendor.rotate:
        steps.append(_task("rotate_secret", vendor.module, dict(first_update, rotate_secret=True, **vendor.rotate_with),
                           register="smoke_step", failed_when="not smoke_step.changed"))
    steps += [
        _task("info module finds it", vendor.info, named, register="smoke_read",
              failed_when="smoke_read.%s | length != 1" % vendor.list_key),
        # Volcengine's update already disabled the app, which is all its state=absent does.
        _task("delete" if vendor.deletes else "delete (disables)", vendor.module, dict(named, state="absent"),
              register="smoke_step", failed_when="not smoke_step.changed" if vendor.deletes else UNCHANGED),
        _task("delete again", vendor.module, dict(named, state="absent"), register="smoke_step",
              failed_when=UNCHANGED),
        _task("record success", "ansible.builtin.copy",
              {"dest": report, "mode": "0600", "content": json.dumps({"result": "passed"})}),
    ]
    failure = ("{{ {'result': 'failed', 'step': ansible_failed_task.name,"
               " 'code': (ansible_failed_result.error | default({})).code | default(none),"
               " 'request_id': (ansible_failed_result.error | default({})).request_id"
               " | default((ansible_failed_result.request_ids | default([none], true)) | last),"
               " 'msg': (ansible_failed_result.msg | default(''))[:300]} | to_json }}")
    play = {
        "name": "cloudapps.provision smoke test of %s" % vendor.name,
        "hosts": "localhost", "connection": "local", "gather_facts": False,
        # The controller's Python (which has requests), not one discovered on the machine.
        "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}"},
        "tasks": [{
            "name": "Lifecycle of %s" % name,
            "block": steps,
            "rescue": [_task("record the failure", "ansible.builtin.copy",
                             {"dest": report, "mode": "0600", "content": failure})],
            "always": [_task("clean up whatever happened", vendor.module, dict(named, state="absent"),
                             failed_when=False)],
        }],
    }
    return [play]


def run_vendor(vendor, env, workdir):
    # Within every vendor's name rule: ASCII letters, digits and '_', at most 24 characters.
    name = PREFIX + "".join(secrets.choice(string.ascii_lowercase + string.digits) for unused in range(8))
    report = os.path.join(workdir, vendor.name + ".json")
    path = os.path.join(workdir, vendor.name + ".yml")
    with open(path, "w") as handle:
        yaml.safe_dump(playbook(vendor, name, report), handle, sort_keys=False)
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", path]
    proc = subprocess.run(command, env=env, capture_output=True, universal_newlines=True, check=False)
    try:
        with open(report) as handle:
            outcome = json.load(handle)
    except (OSError, ValueError):
        outcome = {"result": "failed", "step": "ansible-playbook", "msg": _first_failure(proc.stdout + proc.stderr)}
    if outcome["result"] == "passed" and proc.returncode != 0:
        outcome = {"result": "failed", "step": "clean up", "msg": "ansible-playbook exited %d" % proc.returncode}
    outcome["name"] = name
    return outcome


def _first_failure(output):
    """The module's own message (and what it printed) of the first failed task, else the last lines."""
    for line in output.splitlines():
        if "FAILED! =>" in line:
            try:
                result = json.loads(line.split("FAILED! =>", 1)[1])
            except ValueError:
                return line.strip()[:300]
            printed = (result.get("module_stderr") or result.get("module_stdout") or "").strip()
            return ("%s%s" % (result.get("msg") or "failed", " (%s)" % printed if printed else ""))[:300]
    return " / ".join(output.strip().splitlines()[-3:])[:300]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.smoke", description=__doc__.splitlines()[0])
    parser.add_argument("--vendor", action="append", choices=[v.name for v in VENDORS],
                        help="only these vendors (default: every vendor with credentials)")
    options = parser.parse_args(argv)
    env = dict(os.environ)
    env.setdefault("ANSIBLE_COLLECTIONS_PATH", os.path.join(REPO, ".cache", "collections"))
    selected = [v for v in VENDORS if not options.vendor or v.name in options.vendor]
    report = {}
    with tempfile.TemporaryDirectory(prefix="cloudapps-smoke-") as workdir:
        for vendor in selected:
            missing = vendor.missing(env)
            if missing:
                report[vendor.name] = {"result": "not run (no credentials)", "missing": missing}
                continue
            report[vendor.name] = run_vendor(vendor, env, workdir)
    print("cloudapps.provision smoke test")
    for vendor in selected:
        outcome = report[vendor.name]
        line = "  %-14s %s" % (vendor.name, outcome["result"])
        if outcome["result"] == "failed":
            line += " at %r (code %s, request id %s): %s" % (
                outcome.get("step"), outcome.get("code"), outcome.get("request_id"), outcome.get("msg"))
        elif outcome["result"].startswith("not run"):
            line += ": set %s" % ", ".join(outcome["missing"])
        elif vendor.note:
            line += " (%s)" % vendor.note
        print(line)
    ran = [o for o in report.values() if not o["result"].startswith("not run")]
    if not ran:
        print("smoke: no vendor has credentials in the environment; nothing was tested (this is not a pass)")
        return 1
    return 0 if all(o["result"] == "passed" for o in ran) else 1


if __name__ == "__main__":
    sys.exit(main())
