# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The EXAMPLES of every info module run as written, as one play against the emulator (the
endpoint comes from the environment, as an AWX credential would set it)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import glob
import os

import pytest
import yaml

from .conftest import HUAWEI_GATEWAY, REPO

MODULES = sorted(glob.glob(os.path.join(REPO, "plugins", "modules", "*_info.py")))
SEED = {"volcengine_rtc_app_info": ("volcengine", {}), "alicloud_apigateway_app_info": ("alibaba", {}),
        "huaweicloud_apig_app_info": ("huawei", {"gateway": HUAWEI_GATEWAY}),
        "tencentcloud_apigateway_api_key_info": ("tencent", {}), "alicloud_apig_consumer_info": ("apig", {})}


def _examples(path):
    with open(path) as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "EXAMPLES":
            return yaml.safe_load(node.value.value)
    raise AssertionError("no EXAMPLES in %s" % path)


def _flatten(tasks):
    for task in tasks:
        if "block" in task:
            yield from _flatten(task["block"])
        else:
            yield task


def test_every_info_module_has_examples():
    assert sorted(os.path.basename(m)[:-3] for m in MODULES) == sorted(SEED)


@pytest.mark.parametrize("path", MODULES, ids=[os.path.basename(m) for m in MODULES])
def test_examples_run_as_written(emulator, ansible, path):
    emulator_name, options = SEED[os.path.basename(path)[:-3]]
    # Names the examples filter on, so that each example finds something.
    for prefix in ("demo_app", "team_a_", "partner_", "legacy_"):
        emulator.seed(emulator_name, 1, prefix, **options)
    tasks = _examples(path)
    run = ansible.playbook(tasks, env=emulator.env(emulator_name))
    assert run.rc == 0, run
    assert len([e for e in run.results if e["status"] == "ok"]) == len(tasks), run.results
    # Every module task of the examples called the vendor (those with no_log are censored: counted
    # only in the total), and none wrote.
    module_tasks = [t for t in _flatten(tasks) if any(key.startswith("cloudapps.provision.") for key in t)]
    shown = [t["name"] for t in module_tasks if not t.get("no_log")]
    assert shown and all(run.result(name).get("request_ids") for name in shown), run.results
    assert emulator.calls(emulator_name) >= sum(len(run.result(name)["request_ids"]) for name in shown) + len(
        module_tasks) - len(shown)
    assert emulator.mutating_calls() == 0
