# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The EXAMPLES of the authorization modules run as written against the emulator, after the
identity they name was created (the examples use the emulator's seeded ids)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import os

import pytest
import yaml

from .conftest import REPO

CASES = {
    "alicloud_apigateway_app_authorization": ("alibaba", {"cloudapps.provision.alicloud_apigateway_app": {
        "name": "demo_app", "region": "cn-hangzhou"}}),
    "huaweicloud_apig_app_authorization": ("huawei", {"cloudapps.provision.huaweicloud_apig_app": {
        "name": "demo_app", "instance_id": "eddc4d25480b4cd6b512f270a1b8b341", "region": "cn-north-4"}}),
    "alicloud_apig_consumer_authorization": ("apig", {"cloudapps.provision.alicloud_apig_consumer": {
        "name": "partner-billing", "region": "cn-hangzhou"}}),
}


def _examples(module):
    with open(os.path.join(REPO, "plugins", "modules", module + ".py")) as handle:
        tree = ast.parse(handle.read())
    (node,) = [n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == "EXAMPLES"]
    return yaml.safe_load(node.value.value)


@pytest.mark.parametrize("module", sorted(CASES))
def test_examples_run_as_written(emulator, ansible, module):
    vendor, identity = CASES[module]
    tasks = [dict(identity, name="the identity the examples name")] + _examples(module)
    run = ansible.playbook(tasks, env=emulator.env(vendor))
    assert run.rc == 0, run
    assert len([e for e in run.results if e["status"] == "ok"]) == len(tasks), run.results
    # The examples authorize, then remove everything: each changed something.
    assert all(e["result"].get("changed") for e in run.results[1:]), run.results


IDENTITY_EXAMPLES = {"alicloud_apigateway_app": "alibaba", "huaweicloud_apig_app": "huawei",
                     "alicloud_apig_consumer": "apig"}


@pytest.mark.parametrize("module", sorted(IDENTITY_EXAMPLES))
def test_identity_module_example_with_authorizations_runs_as_written(emulator, ansible, module):
    vendor = IDENTITY_EXAMPLES[module]
    # The first example with authorizations (later ones show them with other options).
    example = [task for task in _examples(module)
               if "authorizations" in (task.get("cloudapps.provision." + module) or {})][0]
    run = ansible.playbook([example, dict(example, name="again")], env=emulator.env(vendor))
    assert run.rc == 0, run
    first, again = run.results[0]["result"], run.results[1]["result"]
    wanted = example["cloudapps.provision." + module]["authorizations"][0]
    ids = wanted.get("api_ids") or wanted.get("resource_ids")
    assert first["action"] == "create" and first["authorizations"][0]["added"] == sorted(ids), first
    assert again["changed"] is False and again["authorizations"][0]["action"] == "unchanged", again
