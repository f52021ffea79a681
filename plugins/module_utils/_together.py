# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""run_modules' module: the reconciling modules of several vendors at the same time, in one process.

One process instead of one per module: a module's payload is built once and Python starts once,
which is most of a run that has nothing to change. Each module still validates its own arguments,
keeps its own rate limiter and masks its own answer, exactly as in a process of its own.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from ansible.module_utils import basic

from ansible_collections.cloudapps.provision.plugins.module_utils._embedded import PerThreadStdout, run_embedded


# Each module's body, imported when its run is started, in the runs' order: the first run (the
# slowest vendor) is under way while the next one's code is still loading. Explicit imports, so
# that the module's payload carries them.
def _volcengine_rtc_app():
    from ansible_collections.cloudapps.provision.plugins.module_utils._volcengine import run_rtc_app
    return run_rtc_app


def _alicloud_apigateway_app():
    from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud import run_apigateway_app
    return run_apigateway_app


def _alicloud_apig_consumer():
    from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud_apig import run_apig_consumer
    return run_apig_consumer


def _huaweicloud_apig_app_quota():
    from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud_quota import run_apig_app_quota
    return run_apig_app_quota


def _huaweicloud_apig_app():
    from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud import run_apig_app
    return run_apig_app


def _tencentcloud_apigateway_api_key():
    from ansible_collections.cloudapps.provision.plugins.module_utils._tencentcloud import run_api_key
    return run_api_key


BODIES = {
    "volcengine_rtc_app": _volcengine_rtc_app,
    "alicloud_apigateway_app": _alicloud_apigateway_app,
    "alicloud_apig_consumer": _alicloud_apig_consumer,
    "huaweicloud_apig_app_quota": _huaweicloud_apig_app_quota,
    "huaweicloud_apig_app": _huaweicloud_apig_app,
    "tencentcloud_apigateway_api_key": _tencentcloud_apigateway_api_key,
}


def _inputs(runs):
    """Each run's input as its module would read it: its arguments as they arrived (before this
    module decoded them) and this task's internal settings (check mode, diff, no_log, ...)."""
    raw = json.loads(basic._ANSIBLE_ARGS)["ANSIBLE_MODULE_ARGS"]
    internal = dict((key, value) for key, value in raw.items() if key.startswith("_ansible_"))
    inputs = {}
    for run, raw_run in zip(runs, raw["runs"]):
        arguments = dict(raw_run.get("args") or {}, **internal)
        arguments["_ansible_module_name"] = "cloudapps.provision." + run["module"]
        inputs[run["name"]] = json.dumps({"ANSIBLE_MODULE_ARGS": arguments}).encode()
    return inputs


def run_together(runs):
    """Each run's answer by name: every run at once, a run with ``after`` once that one ended."""
    if not runs:
        return {}
    inputs = _inputs(runs)
    done = dict((run["name"], threading.Event()) for run in runs)
    answers = {}

    def one(run, body):
        try:
            if run["after"] is not None:
                done[run["after"]].wait()
            answer = run_embedded(body, inputs[run["name"]])
            # Warnings are collected for the whole process: run_modules reports them once.
            for key in ("warnings", "deprecations"):
                answer.pop(key, None)
            answers[run["name"]] = answer
        finally:
            done[run["name"]].set()

    real_stdout = sys.stdout
    sys.stdout = PerThreadStdout(real_stdout)
    try:
        with ThreadPoolExecutor(max_workers=len(runs)) as pool:
            # Imported here, in this thread, one after the other (compiling code in several threads
            # at once gains nothing: it holds the interpreter lock).
            futures = [pool.submit(one, run, BODIES[run["module"]]()) for run in runs]
            for future in futures:
                future.result()
    finally:
        sys.stdout = real_stdout
    return dict((run["name"], answers[run["name"]]) for run in runs)
