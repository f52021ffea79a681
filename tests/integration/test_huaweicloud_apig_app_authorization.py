# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cloudapps.provision.huaweicloud_apig_app_authorization through ansible-playbook against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from .conftest import HUAWEI_GATEWAY, HUAWEI_INSTANCE

MODULE = "cloudapps.provision.huaweicloud_apig_app_authorization"
APP_MODULE = "cloudapps.provision.huaweicloud_apig_app"
RELEASE, TEST = "DEFAULT_ENVIRONMENT_RELEASE_ID", "7a1ad0c350844ee69479b47df9a881cb"
WEATHER, CITY, DRAFT = "5f918d104dc84480a75166ba99efff21", "6a9f25b5e4a347f3b0ffb4e8c2c9e6a1", "7b0e36c6f5b458048110c5f9d3dae7b2"


def _task(title, args, **extra):
    task = {"name": title, MODULE: dict({"instance_id": HUAWEI_INSTANCE, "app": "auth_app", "env_id": RELEASE}, **args),
            "register": "r"}
    task.update(extra)
    return task


APP = {"name": "app", APP_MODULE: {"name": "auth_app", "instance_id": HUAWEI_INSTANCE}}


def _calls(emulator, result):
    ids = set(result.get("request_ids") or [])
    return [e["action"] for e in emulator.log("huawei") if e["request_id"] in ids]


def _failed(run, task_name):
    entry = next(e for e in run.results if e["task"] == task_name)
    assert entry["status"] == "failed", (task_name, entry)
    return entry["result"]


def _authorized(emulator, env=RELEASE):
    auths = emulator.state()["huawei"].get("auths", {}).get(HUAWEI_GATEWAY, {})
    return sorted(a["api_id"] for a in auths.values() if a["env_id"] == env)


def test_authorize_rerun_purge_and_remove(emulator, ansible):
    tasks = [
        APP,
        _task("check authorize", {"api_ids": [WEATHER, CITY]}, check_mode=True),
        _task("authorize", {"api_ids": [WEATHER, CITY]}),
        _task("rerun", {"api_ids": [CITY, WEATHER]}),
        _task("test env", {"api_ids": [WEATHER], "env_id": TEST}),
        _task("purge", {"api_ids": [CITY], "purge": True}),
        _task("remove all", {"state": "absent"}),
        _task("remove all again", {"state": "absent"}),
    ]
    run = ansible.playbook(tasks, env=emulator.env("huawei"), diff=True)
    assert run.rc == 0, run
    check = run.result("check authorize")
    assert check["changed"] and check["added"] == sorted([WEATHER, CITY]) and "CreateAuthorizingApps" not in _calls(emulator, check)
    done = run.result("authorize")
    assert _calls(emulator, done) == ["ListApps", "ListApisBindedToApp", "CreateAuthorizingApps"]
    assert [a["api_id"] for a in done["authorized"]] == sorted([WEATHER, CITY])
    assert done["diff"]["after"] == {"api_ids": sorted([WEATHER, CITY])}
    rerun = run.result("rerun")
    assert rerun["changed"] is False and _calls(emulator, rerun) == ["ListApps", "ListApisBindedToApp"]
    purge = run.result("purge")
    assert purge["removed"] == [WEATHER] and _calls(emulator, purge)[-1] == "CancelingAuthorization"
    assert run.result("remove all")["removed"] == [CITY] and run.result("remove all again")["changed"] is False
    assert _authorized(emulator) == [] and _authorized(emulator, TEST) == [WEATHER]


def test_partial_failure_names_each_api_and_the_environment(emulator, ansible):
    run = ansible.playbook([APP, _task("with a draft", {"api_ids": [WEATHER, DRAFT]}, ignore_errors=True)],
                           env=emulator.env("huawei"))
    failed = _failed(run, "with a draft")
    assert failed["added"] == [WEATHER] and failed["not_added"] == [DRAFT] and failed["changed"] is True
    assert DRAFT in failed["msg"] and RELEASE in failed["msg"] and "APIG.3708" in failed["msg"]
    assert failed["error"]["request_id"] and [a["api_id"] for a in failed["authorized"]] == [WEATHER]
    assert _authorized(emulator) == [WEATHER]


def test_errors_before_and_from_the_vendor(emulator, ansible):
    too_many = ["api%04d" % n for n in range(1001)]
    tasks = [
        _task("no such app", {"api_ids": [WEATHER]}, ignore_errors=True),
        APP,
        _task("too many", {"api_ids": too_many}, ignore_errors=True),
        _task("unknown api", {"api_ids": ["ffffffffffffffffffffffffffffffff"]}, ignore_errors=True),
        _task("unknown env", {"api_ids": [WEATHER], "env_id": "no-such-env"}, ignore_errors=True),
    ]
    run = ansible.playbook(tasks, env=emulator.env("huawei"))
    failed = _failed(run, "no such app")
    assert "app: no Huawei Cloud APIG app named 'auth_app'" in failed["msg"] and _calls(emulator, failed) == ["ListApps"]
    failed = _failed(run, "too many")
    assert "api_ids: at most 1000 APIs" in failed["msg"] and failed["request_ids"] == []
    assert _failed(run, "unknown api")["error"]["code"] == "APIG.3002"
    assert _failed(run, "unknown env")["error"]["code"] == "APIG.3003"
    assert _authorized(emulator) == []


def test_a_lost_answer_is_retried_without_harm(emulator, ansible):
    emulator.faults([{"vendor": "huawei", "action": "CreateAuthorizingApps", "kind": "drop_after", "count": 1},
                     {"vendor": "huawei", "action": "CancelingAuthorization", "kind": "drop_after", "count": 1}])
    tasks = [APP, _task("authorize", {"api_ids": [WEATHER, CITY]}), _task("remove", {"api_ids": [CITY], "state": "absent"})]
    run = ansible.playbook(tasks, env=emulator.env("huawei"))
    assert run.rc == 0, run
    assert _calls(emulator, run.result("authorize")).count("CreateAuthorizingApps") == 1  # the lost one had no id
    assert [e["action"] for e in emulator.log("huawei")].count("CreateAuthorizingApps") == 2
    assert [e["action"] for e in emulator.log("huawei")].count("CancelingAuthorization") == 2
    assert _authorized(emulator) == [WEATHER]


def test_paging_over_more_than_one_page_and_add_without_purge(emulator, ansible):
    emulator.seed("huawei", 520, "bulk_api_", kind="api", gateway=HUAWEI_GATEWAY)
    apis = emulator.state()["huawei"]["apis"][HUAWEI_GATEWAY]
    ids = sorted(api_id for api_id, api in apis.items() if api["name"].startswith("bulk_api_"))
    tasks = [APP, _task("authorize 520", {"api_ids": ids}), _task("rerun 520", {"api_ids": ids}),
             _task("add one without purge", {"api_ids": [WEATHER]})]
    run = ansible.playbook(tasks, env=emulator.env("huawei"))
    assert run.rc == 0, run
    assert len(_authorized(emulator)) == 521
    rerun = run.result("rerun 520")
    # 520 authorizations: two pages of 500, no write.
    assert rerun["changed"] is False and _calls(emulator, rerun) == ["ListApps", "ListApisBindedToApp", "ListApisBindedToApp"]
    added = run.result("add one without purge")
    assert added["added"] == [WEATHER] and added["removed"] == [] and len(added["authorized"]) == 521
