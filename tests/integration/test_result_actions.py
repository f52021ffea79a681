# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module result says what was (or would be) done: ``action`` and ``changed_fields``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from .conftest import HUAWEI_INSTANCE

TENCENT = "cloudapps.provision.tencentcloud_apigateway_api_key"
HUAWEI = "cloudapps.provision.huaweicloud_apig_app"


def outcome(run, title):
    (entry,) = [e for e in run.results if e["task"] == title]
    result = entry["result"]
    status = entry["status"] if entry["status"] != "ok" else ("changed" if result.get("changed") else "ok")
    return status, result.get("action"), result.get("changed_fields"), result


def test_tencent_actions_and_check_mode_status(emulator, ansible):
    tasks = [
        {"name": "create", TENCENT: {"name": "actions_key"}},
        {"name": "rerun", TENCENT: {"name": "actions_key"}},
        {"name": "check disable", TENCENT: {"name": "actions_key", "enabled": False}, "check_mode": True},
        {"name": "disable", TENCENT: {"name": "actions_key", "enabled": False}},
        {"name": "immutable", TENCENT: {"name": "actions_key", "key_type": "manual", "access_key_id": "manual_id_01",
                                        "access_key_secret": "Manual_Secret_0001"}, "ignore_errors": True},
        {"name": "delete", TENCENT: {"name": "actions_key", "state": "absent"}},
        {"name": "delete again", TENCENT: {"name": "actions_key", "state": "absent"}},
    ]
    run = ansible.playbook(tasks, env=emulator.env("tencent"))
    assert "Traceback" not in run.stdout + run.stderr
    assert outcome(run, "create")[:3] == ("changed", "create", ["key_type"])
    assert outcome(run, "rerun")[:3] == ("ok", "unchanged", [])
    status, action, fields, result = outcome(run, "check disable")
    assert (status, action, fields) == ("changed", "update", ["enabled"])
    # Check mode previews the status the disable call would leave, next to enabled=false.
    assert result["api_key"]["enabled"] is False and result["api_key"]["status"] == 0
    assert outcome(run, "disable")[:3] == ("changed", "update", ["enabled"])
    status, action, fields, result = outcome(run, "immutable")
    assert (status, action) == ("failed", "error")
    assert fields == ["access_key_id", "key_type"]
    assert outcome(run, "delete")[:3] == ("changed", "delete", [])
    assert outcome(run, "delete again")[:3] == ("ok", "unchanged", [])


def test_huawei_changed_fields_are_option_names(emulator, ansible):
    tasks = [
        {"name": "create", HUAWEI: {"name": "actions_app", "instance_id": HUAWEI_INSTANCE}},
        {"name": "describe", HUAWEI: {"name": "actions_app", "description": "new text", "instance_id": HUAWEI_INSTANCE}},
    ]
    run = ansible.playbook(tasks, env=emulator.env("huawei"))
    assert "Module failed:" not in run.stdout and "Traceback" not in run.stdout + run.stderr
    assert outcome(run, "create")[:3] == ("changed", "create", [])
    # The API field is remark; the user set description, so that is what is reported.
    assert outcome(run, "describe")[:3] == ("changed", "update", ["description"])
