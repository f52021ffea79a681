# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cloud_apps role with authorizations on Alibaba and Huawei app items, and the plan report
showing them next to their identity."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from .conftest import HUAWEI_GATEWAY, HUAWEI_INSTANCE
from .test_plan_report import run_plan, table

ROLE = "cloudapps.provision.cloud_apps"
GROUP = "523e8dc7bbe04613b5b1d726c2a7889d"
ALI_A, ALI_B = "baacc592e63a4cb6a41920d9d3f91f38", "jkscc489e63a4cb6a41920d9d3f92d78"
HW_WEATHER, HW_CITY, HW_DRAFT = ("5f918d104dc84480a75166ba99efff21", "6a9f25b5e4a347f3b0ffb4e8c2c9e6a1",
                                 "7b0e36c6f5b458048110c5f9d3dae7b2")


ENV = "env-cti17hem1hktoruj98ug"
ROUTE_1, ROUTE_2 = "hr-cloudapps000000000001", "hr-cloudapps000000000002"


def lists(ali_ids, hw_ids, routes=(ROUTE_1,)):
    return {
        "cloud_apps_alicloud_apig_consumers": [
            {"name": "role-auth-consumer", "authorizations": [{"environment_id": ENV, "resource_ids": list(routes),
                                                               "purge": True}]}],
        "cloud_apps_alicloud_apigateway_apps": [
            {"name": "role_auth_app", "authorizations": [{"group_id": GROUP, "api_ids": ali_ids, "purge": True}]}],
        "cloud_apps_huaweicloud_apig_apps": [
            {"name": "role_auth_apig", "authorizations": [{"api_ids": hw_ids, "purge": True}]}],
    }


def env_of(emulator):
    env = dict(emulator.env("alibaba"), **emulator.env("apig"))
    env.update(emulator.env("huawei"))
    return env


def run_role(ansible, emulator, tmp_path, play_vars, check=False):
    path = str(tmp_path / "results.json")
    tasks = [{"ansible.builtin.import_role": {"name": ROLE}},
             {"name": "Save", "ansible.builtin.copy": {"content": "{{ cloud_apps_results | to_json }}", "dest": path,
                                                       "mode": "0600"},
              "check_mode": False, "changed_when": False, "tags": ["always"]}]
    play_vars = dict(play_vars, cloud_apps_huaweicloud_instance_id=HUAWEI_INSTANCE, cloud_apps_fail_on_error=False)
    run = ansible.playbook(tasks, env=env_of(emulator), play_vars=play_vars, check=check)
    with open(path) as handle:
        return run, json.load(handle)


def granted(emulator):
    state = emulator.state()
    ali = sorted(a["ApiId"] for a in state["alibaba"]["auths"].values())
    hw = sorted(a["api_id"] for a in state["huawei"].get("auths", {}).get(HUAWEI_GATEWAY, {}).values())
    return ali, hw


def test_role_applies_authorizations_after_the_identity(emulator, ansible, tmp_path):
    # Check mode on an empty account: the apps would be created, their authorizations added.
    run, results = run_role(ansible, emulator, tmp_path, lists([ALI_A, ALI_B], [HW_WEATHER]), check=True)
    assert run.rc == 0, run
    assert results["alicloud"]["role_auth_app"]["authorizations"][0]["added"] == sorted([ALI_A, ALI_B])
    assert emulator.mutating_calls() == 0

    run, results = run_role(ansible, emulator, tmp_path, lists([ALI_A, ALI_B], [HW_WEATHER]))
    assert run.rc == 0, run
    auth = results["alicloud"]["role_auth_app"]["authorizations"][0]
    assert (auth["action"], auth["added"], auth["scope"]) == ("add", sorted([ALI_A, ALI_B]), GROUP + " RELEASE")
    assert results["huaweicloud"]["role_auth_apig"]["authorizations"][0]["added"] == [HW_WEATHER]
    assert results["alicloud_apig"]["role-auth-consumer"]["authorizations"][0]["added"] == [ROUTE_1]
    assert granted(emulator) == (sorted([ALI_A, ALI_B]), [HW_WEATHER])
    assert [r["resourceId"] for r in emulator.state()["apig"]["rules"].values()] == [ROUTE_1]

    writes = emulator.mutating_calls()
    run, results = run_role(ansible, emulator, tmp_path, lists([ALI_A, ALI_B], [HW_WEATHER]))
    assert run.rc == 0 and "changed=0" in run.stdout, run
    assert emulator.mutating_calls() == writes
    assert results["alicloud"]["role_auth_app"]["authorizations"][0]["action"] == "unchanged"
    assert results["alicloud_apig"]["role-auth-consumer"]["authorizations"][0]["action"] == "unchanged"

    # Purge to one API each, and a Huawei API that is not published: recorded as a failure at the end.
    run, results = run_role(ansible, emulator, tmp_path, lists([ALI_B], [HW_CITY, HW_DRAFT]))
    assert results["alicloud"]["role_auth_app"]["authorizations"][0]["removed"] == [ALI_A]
    hw = results["huaweicloud"]["role_auth_apig"]["authorizations"][0]
    assert hw["action"] == "error" and "APIG.3708" in hw["error"]["message"]
    # The refused write stopped the run for that app: what was applied stays, the rest is reported.
    assert "not applied" in hw["error"]["message"] and HW_DRAFT in hw["error"]["message"]
    assert granted(emulator) == ([ALI_B], sorted([HW_WEATHER, HW_CITY]))


def test_plan_report_shows_authorization_changes_next_to_the_identity(emulator, ansible, tmp_path):
    run, unused = run_role(ansible, emulator, tmp_path, lists([ALI_A], [HW_WEATHER]))
    assert run.rc == 0, run
    run = run_plan(ansible, emulator, lists([ALI_B], [HW_WEATHER, HW_CITY], routes=(ROUTE_2,)), tmp_path)
    lines = table(run)
    ali = [line for line in lines if line.startswith("alicloud ") and ">" in line]
    assert len(ali) == 1 and "auth update" in ali[0] and "+" + ALI_B in ali[0] and "-" + ALI_A in ali[0], lines
    hw = [line for line in lines if line.startswith("huaweicloud") and ">" in line]
    assert len(hw) == 1 and "auth add" in hw[0] and "+" + HW_CITY in hw[0], lines
    apig = [line for line in lines if line.startswith("alicloud_apig") and ">" in line]
    assert len(apig) == 1 and "auth update" in apig[0] and "+" + ROUTE_2 in apig[0] and "-" + ROUTE_1 in apig[0], lines
    assert granted(emulator) == ([ALI_A], [HW_WEATHER])
