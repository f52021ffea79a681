# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/plan.yml: the role in check mode, one table of every item, failed when an item is in error."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

from .conftest import HUAWEI_INSTANCE, REPO

PLAN = os.path.join(REPO, "playbooks", "plan.yml")
ALI = "cloudapps.provision.alicloud_apigateway_app"
TENCENT = "cloudapps.provision.tencentcloud_apigateway_api_key"
# Read calls whose purpose is reading a secret: a plan never makes them.
SECRET_READS = {"DescribeAppSecurity", "DescribeApiKey"}


def run_plan(ansible, emulator, lists, tmp_path):
    extra = dict(lists, cloud_apps_huaweicloud_instance_id=HUAWEI_INSTANCE)
    path = str(tmp_path / "vars.json")
    with open(path, "w") as handle:
        json.dump(extra, handle)
    env = emulator.env_all()
    argv = [os.path.join(ansible.bindir, "ansible-playbook"), "-i", "localhost,", PLAN, "-e", "@" + path]
    return ansible._run(argv, env)


def table(run):
    (entry,) = [e for e in run.results if e["task"] == "Show the plan"]
    return entry["result"]["msg"]


def test_plan_reports_every_item_without_writes_or_secret_reads(emulator, ansible, tmp_path):
    setup = [
        {"name": "apps", ALI: {"items": [{"name": "plan_keep", "app_key": "PlanKey0001", "app_secret": "PlanSecret_0001"},
                                         {"name": "plan_change"}, {"name": "plan_gone"}]}},
        {"name": "keys", TENCENT: {"name": "plan_dup_2"}},
    ]
    setup_run = ansible.playbook(setup, env=dict(emulator.env("alibaba"), **emulator.env("tencent")))
    assert setup_run.rc == 0, setup_run
    state = emulator.state()
    before = len(emulator.log())
    lists = {
        "cloud_apps_alicloud_apigateway_apps": [
            # Not compared: that would need DescribeAppSecurity, a secret-reading call.
            {"name": "plan_keep", "app_key": "PlanKey0001", "app_secret": "PlanSecret_0002"},
            {"name": "plan_change", "description": "new text"},
            {"name": "plan_gone", "state": "absent"},
            {"name": "plan_new"},
        ],
        "cloud_apps_tencentcloud_apigateway_api_keys": [
            {"name": "plan_dup_2", "key_type": "manual", "access_key_id": "manual_id_9",
             "access_key_secret": "Manual_Secret_9"},
            {"name": "plan bad"},
        ],
        "cloud_apps_volcengine_rtc_apps": [{"name": "plan_rtc"}],
    }
    run = run_plan(ansible, emulator, lists, tmp_path)
    text = run.stdout + run.stderr
    assert "Traceback" not in text
    assert run.rc != 0, run  # items in error fail the run, after the report
    lines = table(run)
    assert lines[0].split() == ["VENDOR", "NAME", "ACTION", "CHANGED", "FIELDS", "REASON"]
    rows = dict((tuple(line.split()[:2]), line) for line in lines[1:])
    assert rows[("alicloud", "plan_keep")].split()[2] == "unchanged"
    assert rows[("alicloud", "plan_change")].split()[2:4] == ["update", "description"]
    assert rows[("alicloud", "plan_gone")].split()[2] == "delete"
    assert rows[("alicloud", "plan_new")].split()[2] == "create"
    assert rows[("volcengine", "plan_rtc")].split()[2] == "create"
    immutable = rows[("tencentcloud", "plan_dup_2")]
    assert immutable.split()[2] == "error" and "(invalid_parameter)" in immutable and "cannot be changed" in immutable
    (bad,) = [line for line in lines if line.startswith("tencentcloud") and "plan bad" in line]
    assert " error " in bad and "name: may contain only" in bad
    calls = emulator.log()[before:]
    assert not [e for e in calls if e["mutating"]]
    assert not SECRET_READS & set(e["action"] for e in calls)
    for secret in ("PlanSecret_0002", "Manual_Secret_9") + tuple(emulator.secrets(state)):
        assert secret not in text


def test_plan_of_a_converged_account_passes(emulator, ansible, tmp_path):
    lists = {"cloud_apps_volcengine_rtc_apps": [{"name": "steady_rtc"}]}
    assert ansible.playbook([{"name": "setup", "cloudapps.provision.volcengine_rtc_app": {"name": "steady_rtc"}}],
                            env=emulator.env("volcengine")).rc == 0
    run = run_plan(ansible, emulator, lists, tmp_path)
    assert run.rc == 0, run
    assert [line.split()[:3] for line in table(run)[1:]] == [["volcengine", "steady_rtc", "unchanged"]]
