# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``items`` option: many resources in one task, listed once, planned, applied concurrently."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import json
import math

import pytest

from tests.vendors import BY_EMULATOR

from .conftest import start_emulator, stop_emulator

VOLC = "cloudapps.provision.volcengine_rtc_app"
ALI = "cloudapps.provision.alicloud_apigateway_app"
HUAWEI = "cloudapps.provision.huaweicloud_apig_app"
TENCENT = "cloudapps.provision.tencentcloud_apigateway_api_key"

INSTANCE = "eddc4d25480b4cd6b512f270a1b8b341"
PROJECT = "05041fffa40025702f6dc009cc6f8f33"

# module, vendor key of the emulator, list action, page size of the module, item name pattern
VENDORS = [
    (VOLC, "volcengine", "ListApps", 100, "batch_app_%03d"),
    (ALI, "alibaba", "DescribeAppAttributes", 100, "batch_app_%03d"),
    (HUAWEI, "huawei", "ListApps", 500, "batch_app_%03d"),
    (TENCENT, "tencent", "DescribeApiKeysStatus", 100, "batch_key_%03d"),
]


@pytest.fixture(scope="module")
def big_emulator(tmp_path_factory):
    # A Huawei gateway's credential quota is 50 by default and raised on request; 100 items need more.
    process, server = start_emulator(tmp_path_factory.mktemp("batch_emulator"), ["--huawei-app-quota", "500"])
    yield server
    stop_emulator(process)


def task_args(module, items, **extra):
    args = dict(items=items, **extra)
    if module == HUAWEI:
        args.update(instance_id=INSTANCE, project_id=PROJECT)
    return {module: args}


def busiest_second(entries):
    """The most requests whose timestamps fall in any window of one second."""
    stamps = sorted(entry["ts"] for entry in entries)
    best = 0
    start = 0
    for end, stamp in enumerate(stamps):
        while stamp - stamps[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def status(run, task):
    (entry,) = [entry for entry in run.results if entry["task"] == task]
    return entry["status"]


def assert_no_crash(run):
    text = run.stdout + run.stderr
    assert "Traceback" not in text and "MODULE FAILURE" not in text, run


@pytest.mark.parametrize("module,vendor,list_action,page_size,pattern", VENDORS, ids=[v[1] for v in VENDORS])
def test_hundred_items_converge_then_rerun_with_one_listing(big_emulator, ansible, module, vendor, list_action,
                                                            page_size, pattern):
    big_emulator.reset()
    env = big_emulator.env(vendor)
    items = [{"name": pattern % number} for number in range(100)]
    tasks = [{"name": "batch", "register": "batch", **task_args(module, items)}]
    run = ansible.playbook(tasks, env=env)
    assert_no_crash(run)
    assert run.rc == 0, run
    result = run.result("batch")
    assert result["changed"] is True
    assert [entry["action"] for entry in result["item_results"]] == ["create"] * 100
    assert [entry["name"] for entry in result["item_results"]] == [item["name"] for item in items]
    log = big_emulator.log(vendor)
    assert busiest_second(log) <= BY_EMULATOR[vendor].published_rate
    assert not [entry for entry in log if entry.get("limited")]

    before = len(big_emulator.log(vendor))
    rerun = ansible.playbook(tasks, env=env)
    assert rerun.rc == 0, rerun
    result = rerun.result("batch")
    assert result["changed"] is False
    assert collections.Counter(entry["action"] for entry in result["item_results"]) == {"unchanged": 100}
    calls = big_emulator.log(vendor)[before:]
    assert len(calls) <= math.ceil(100 / page_size) + 1
    assert {entry["action"] for entry in calls} == {list_action}


def test_mixed_batch_reports_every_item_and_fails_naming_only_the_bad_ones(emulator, ansible):
    env = emulator.env("tencent")
    existing = [{"name": name} for name in ("mix_keep", "mix_update", "mix_delete", "mix_fixed")]
    setup = [{"name": "setup", TENCENT: {"items": existing}}]
    assert ansible.playbook(setup, env=env).rc == 0
    items = [
        {"name": "mix_create"},
        {"name": "mix_keep"},
        {"name": "mix_update", "enabled": False},
        {"name": "mix_delete", "state": "absent"},
        {"name": "mix_fixed", "key_type": "manual", "access_key_id": "manualid01", "access_key_secret": "Manual_Secret_01"},
        {"name": "mix_" + "x" * 70},
        {"name": "mix_create_2", "colour": "red"},
    ]
    run = ansible.playbook([{"name": "mixed", "register": "mixed", "ignore_errors": True, TENCENT: {"items": items}}],
                           env=env)
    assert_no_crash(run)
    result = run.result("mixed")
    assert status(run, "mixed") == "failed"
    actions = [(entry["name"], entry["action"]) for entry in result["item_results"]]
    assert actions == [("mix_create", "create"), ("mix_keep", "unchanged"), ("mix_update", "update"),
                       ("mix_delete", "delete"), ("mix_fixed", "error"), ("mix_" + "x" * 70, "error"),
                       ("mix_create_2", "error")]
    failed_names = [entry["name"] for entry in result["item_results"] if entry["action"] == "error"]
    for name in failed_names:
        assert repr(name) in result["msg"]
    for name in ("mix_create'", "mix_keep", "mix_update", "mix_delete"):
        assert name not in result["msg"]
    assert "3 of 7 items failed" in result["msg"]
    assert result["item_results"][4]["changed_fields"] == ["access_key_id", "key_type"]
    assert "colour" in result["item_results"][6]["msg"]
    # The good items were carried out although others failed.
    keys = {key["SecretName"]: key for key in emulator.state()["tencent"]["keys"].values()}
    assert "mix_create" in keys and "mix_delete" not in keys and "mix_create_2" not in keys
    assert keys["mix_update"]["Status"] == 0
    assert "Manual_Secret_01" not in run.stdout + run.stderr


def test_duplicate_items_are_an_error_naming_both_positions_before_any_call(emulator, ansible):
    env = emulator.env("alibaba")
    items = [{"name": "dup_app_one"}, {"name": "dup_app_two"}, {"name": "dup_app_one", "description": "again"}]
    run = ansible.playbook([{"name": "dup", "register": "dup", "ignore_errors": True, ALI: {"items": items}}], env=env)
    assert_no_crash(run)
    result = run.result("dup")
    assert status(run, "dup") == "failed"
    assert "items[0] and items[2]" in result["msg"]
    assert [entry["action"] for entry in result["item_results"]] == ["error", "create", "error"]
    names = [app["AppName"] for app in emulator.state()["alibaba"]["apps"].values()]
    assert names == ["dup_app_two"]


def test_throttling_mid_batch_creates_each_name_exactly_once(emulator, ansible):
    env = emulator.env("volcengine")
    emulator.faults([{"vendor": "volcengine", "action": "CreateApp", "kind": "throttle", "count": 6},
                     {"vendor": "volcengine", "action": "CreateApp", "kind": "drop_after", "count": 2}])
    items = [{"name": "throttled_%02d" % number} for number in range(30)]
    run = ansible.playbook([{"name": "throttled", "register": "throttled", VOLC: {"items": items}}], env=env)
    assert_no_crash(run)
    assert run.rc == 0, run
    names = collections.Counter(app["AppName"] for app in emulator.state()["volcengine"]["apps"])
    assert names == collections.Counter(item["name"] for item in items)
    assert [entry for entry in emulator.log("volcengine") if entry.get("fault")], "the faults did not fire"
    rerun = ansible.playbook([{"name": "throttled", "register": "throttled", VOLC: {"items": items}}], env=env)
    assert rerun.rc == 0 and rerun.result("throttled")["changed"] is False


def test_check_mode_makes_no_write_and_diff_masks_secrets(emulator, ansible):
    env = emulator.env("alibaba")
    setup = [{"name": "setup", ALI: {"items": [{"name": "check_app_a"}, {"name": "check_app_b"}]}}]
    assert ansible.playbook(setup, env=env).rc == 0
    before = emulator.mutating_calls("alibaba")
    items = [{"name": "check_app_a", "description": "desc_from_check"},
             {"name": "check_app_b", "app_secret": "CheckModeSecret0001x"},
             {"name": "check_app_c"}]
    run = ansible.playbook([{"name": "check", "register": "check", ALI: {"items": items}}], env=env, check=True,
                           diff=True)
    assert_no_crash(run)
    assert run.rc == 0, run
    assert emulator.mutating_calls("alibaba") == before
    result = run.result("check")
    assert [entry["action"] for entry in result["item_results"]] == ["update", "update", "create"]
    assert "CheckModeSecret0001x" not in run.stdout + run.stderr
    # The diff of each changed item is shown with its header.
    assert "desc_from_check" in run.stdout and "check_app_a (items[0])" in run.stdout


def test_secret_items_are_not_printed_at_vvv(emulator, ansible):
    env = emulator.env("huawei")
    secret = "HuaweiBatchSecret_0001"
    items = [{"name": "secret_app_a", "app_secret": secret}, {"name": "secret_app_b"}]
    tasks = [{"name": "secrets", "register": "secrets",
              **task_args(HUAWEI, items)}]
    run = ansible.playbook(tasks, env=env, extra_args=["-vvv"], diff=True)
    assert_no_crash(run)
    assert run.rc == 0, run
    text = run.stdout + run.stderr
    assert secret not in text
    for value in emulator.secrets():
        assert value not in text
        assert json.dumps(value)[1:-1] not in text


def test_item_secrets_are_masked_when_the_task_fails_early(emulator, ansible):
    secret = "EarlyFailSecret_0001"
    tasks = []
    for number, extra in enumerate(({"bogus": 1}, {"timeout": 0}, {"region": "BAD REGION"})):
        args = {"items": [{"name": "early_app", "app_secret": secret}], "instance_id": "eddc4d25480b4cd6b512f270a1b8b341"}
        args.update(extra)
        tasks.append({"name": "early %d" % number, HUAWEI: args, "ignore_errors": True})
    run = ansible.playbook(tasks, env=emulator.env("huawei"), extra_args=["-vvv"])
    assert_no_crash(run)
    assert [status(run, "early %d" % number) for number in range(3)] == ["failed"] * 3
    assert secret not in run.stdout + run.stderr
    assert emulator.calls("huawei") == 0


def test_no_log_hides_returned_secrets_of_every_item(emulator, ansible):
    env = emulator.env("tencent")
    tasks = [{"name": "returned", TENCENT: {"items": [{"name": "nolog_a"}, {"name": "nolog_b"}],
                                            "return_secrets": True},
              "no_log": True, "register": "returned"}]
    run = ansible.playbook(tasks, env=env, extra_args=["-vvv"])
    assert_no_crash(run)
    assert run.rc == 0, run
    secrets = emulator.secrets()
    assert len(secrets) == 2
    for value in secrets:
        assert value not in run.stdout + run.stderr


def test_an_item_on_the_shared_gateway_does_not_take_the_tasks_instance(emulator, ansible):
    env = emulator.env("huawei")
    items = [{"name": "dedicated_app"}, {"name": "legacy_app", "shared_gateway": True},
             {"name": "both_app", "shared_gateway": True, "instance_id": "eddc4d25480b4cd6b512f270a1b8b341"}]
    run = ansible.playbook([{"name": "gateways", "register": "gateways", "ignore_errors": True,
                             HUAWEI: {"items": items, "instance_id": "eddc4d25480b4cd6b512f270a1b8b341"}}], env=env)
    result = run.result("gateways")
    assert [entry["action"] for entry in result["item_results"]] == ["create", "create", "error"]
    assert "cannot be true together with instance_id" in result["item_results"][2]["msg"]
    gateways = emulator.state()["huawei"]["gateways"]
    assert [app["name"] for app in gateways["shared"].values()] == ["legacy_app"]
    assert [app["name"] for key, gateway in gateways.items() if key != "shared" for app in gateway.values()] == [
        "dedicated_app"]
