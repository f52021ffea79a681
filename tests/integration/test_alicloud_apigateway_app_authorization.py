# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cloudapps.provision.alicloud_apigateway_app_authorization through ansible-playbook against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

MODULE = "cloudapps.provision.alicloud_apigateway_app_authorization"
APP_MODULE = "cloudapps.provision.alicloud_apigateway_app"
GROUP = "523e8dc7bbe04613b5b1d726c2a7889d"
API_A, API_B, API_C = "baacc592e63a4cb6a41920d9d3f91f38", "jkscc489e63a4cb6a41920d9d3f92d78", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


def _task(title, args, **extra):
    task = {"name": title, MODULE: dict({"app": "auth_app", "group_id": GROUP}, **args), "register": "r"}
    task.update(extra)
    return task


def _calls(emulator, result):
    ids = set(result.get("request_ids") or [])
    return [e["action"] for e in emulator.log("alibaba") if e["request_id"] in ids]


def _failed(run, task_name):
    entry = next(e for e in run.results if e["task"] == task_name)
    assert entry["status"] == "failed", (task_name, entry)
    return entry["result"]


def _authorized(emulator, stage="RELEASE"):
    return sorted(a["ApiId"] for a in emulator.state()["alibaba"]["auths"].values() if a["StageName"] == stage)


def test_authorize_rerun_purge_and_remove(emulator, ansible):
    tasks = [
        {"name": "app", APP_MODULE: {"name": "auth_app"}},
        _task("check authorize", {"api_ids": [API_A, API_B]}, check_mode=True),
        _task("authorize", {"api_ids": [API_A, API_B], "description": "partner access"}),
        _task("rerun", {"api_ids": [API_B, API_A]}),
        _task("add one, keep others", {"api_ids": [API_C]}),
        _task("other stage", {"api_ids": [API_A], "stage_name": "TEST"}),
        _task("check purge", {"api_ids": [API_C], "purge": True}, check_mode=True),
        _task("purge", {"api_ids": [API_C], "purge": True}),
        _task("remove one", {"api_ids": [API_C], "state": "absent"}),
        _task("remove again", {"api_ids": [API_C], "state": "absent"}),
        _task("remove all in TEST", {"stage_name": "TEST", "state": "absent"}),
    ]
    run = ansible.playbook(tasks, env=emulator.env("alibaba"), diff=True)
    assert run.rc == 0, run
    check = run.result("check authorize")
    assert check["changed"] and check["action"] == "add" and check["added"] == sorted([API_A, API_B])
    assert "SetApisAuthorities" not in _calls(emulator, check)
    done = run.result("authorize")
    assert _calls(emulator, done) == ["DescribeAppAttributes", "DescribeAuthorizedApis", "SetApisAuthorities"]
    assert [a["api_id"] for a in done["authorized"]] == sorted([API_A, API_B])
    assert all(a["group_id"] == GROUP and a["stage_name"] == "RELEASE" for a in done["authorized"])
    assert done["diff"] == {"before": {"api_ids": []}, "after": {"api_ids": sorted([API_A, API_B])}}
    rerun = run.result("rerun")
    assert rerun["changed"] is False and _calls(emulator, rerun) == ["DescribeAppAttributes", "DescribeAuthorizedApis"]
    assert run.result("add one, keep others")["added"] == [API_C] and run.result("add one, keep others")["removed"] == []
    assert run.result("check purge")["removed"] == sorted([API_A, API_B])
    purge = run.result("purge")
    assert purge["action"] == "remove" and _calls(emulator, purge)[-1] == "RemoveApisAuthorities"
    assert run.result("remove one")["removed"] == [API_C] and run.result("remove again")["changed"] is False
    assert run.result("remove all in TEST")["removed"] == [API_A]
    assert _authorized(emulator) == [] and _authorized(emulator, "TEST") == []


def test_identity_and_vendor_errors_fail_clearly(emulator, ansible):
    tasks = [
        _task("no such app", {"api_ids": [API_A]}, ignore_errors=True),
        {"name": "app", APP_MODULE: {"name": "auth_app"}},
        _task("unknown api", {"api_ids": [API_A, "ffffffffffffffffffffffffffffffff"]}, ignore_errors=True),
        _task("unknown group", {"api_ids": [API_A], "group_id": "0000000000000000000000000000dead"}, ignore_errors=True),
        _task("comma in an id", {"api_ids": ["a,b"]}, ignore_errors=True),
        {"name": "present without ids", MODULE: {"app": "auth_app", "group_id": GROUP}, "register": "r", "ignore_errors": True},
    ]
    run = ansible.playbook(tasks, env=emulator.env("alibaba"))
    failed = _failed(run, "no such app")
    assert "app: no Alibaba Cloud API Gateway app named 'auth_app'" in failed["msg"]
    # Only the lookup: no authorization call for an app that does not exist.
    assert _calls(emulator, failed) == ["DescribeAppAttributes"]
    # Of the later tasks only the unknown API and the unknown group reached the vendor's write.
    assert [e["error_code"] for e in emulator.log("alibaba") if e["action"] == "SetApisAuthorities"] == [
        "NotFoundApi", "NotFoundApiGroup"]
    failed = _failed(run, "unknown api")
    assert failed["error"]["code"] == "NotFoundApi" and failed["error"]["request_id"] in failed["msg"]
    assert "not applied: add" in failed["msg"] and failed["not_added"] == sorted([API_A, "ffffffffffffffffffffffffffffffff"])
    assert _failed(run, "unknown group")["error"]["code"] == "NotFoundApiGroup"
    assert "is not an API id" in _failed(run, "comma in an id")["msg"]
    assert "api_ids: required with state=present" in _failed(run, "present without ids")["msg"]
    assert _authorized(emulator) == []


def test_more_than_100_ids_are_split_and_a_lost_answer_is_retried(emulator, ansible):
    emulator.seed("alibaba", 150, "bulk_api_", kind="api", group_id=GROUP)
    group = emulator.state()["alibaba"]["groups"][GROUP]["apis"]
    ids = sorted(api_id for api_id, name in group.items() if name.startswith("bulk_api_"))
    emulator.faults([{"vendor": "alibaba", "action": "SetApisAuthorities", "kind": "drop_after", "count": 1}])
    tasks = [{"name": "app", APP_MODULE: {"name": "auth_app"}}, _task("authorize 150", {"api_ids": ids}),
             _task("rerun 150", {"api_ids": ids})]
    run = ansible.playbook(tasks, env=emulator.env("alibaba"))
    assert run.rc == 0, run
    calls = _calls(emulator, run.result("authorize 150"))
    # 150 ids: two calls of at most 100; the first answer was lost and retried once.
    assert calls.count("SetApisAuthorities") == 2 and len(_authorized(emulator)) == 150
    sets = [e for e in emulator.log("alibaba") if e["action"] == "SetApisAuthorities"]
    assert len(sets) == 3 and sets[0].get("fault") == "drop_after"
    rerun = run.result("rerun 150")
    # One listing of 150 authorizations: two pages of 100.
    assert rerun["changed"] is False
    assert _calls(emulator, rerun) == ["DescribeAppAttributes", "DescribeAuthorizedApis", "DescribeAuthorizedApis"]


def test_a_failed_second_batch_reports_what_was_applied(emulator, ansible):
    emulator.seed("alibaba", 120, "bulk_api_", kind="api", group_id=GROUP)
    ids = sorted(api_id for api_id, name in emulator.state()["alibaba"]["groups"][GROUP]["apis"].items()
                 if name.startswith("bulk_api_"))
    # The first SetApisAuthorities goes through (a zero delay); the second is refused, not retried.
    emulator.faults([{"vendor": "alibaba", "action": "SetApisAuthorities", "kind": "delay", "count": 1, "delay": 0},
                     {"vendor": "alibaba", "action": "SetApisAuthorities", "kind": "gone", "count": 1}])
    tasks = [{"name": "app", APP_MODULE: {"name": "auth_app"}}, _task("authorize 120", {"api_ids": ids}, ignore_errors=True)]
    run = ansible.playbook(tasks, env=emulator.env("alibaba"))
    failed = _failed(run, "authorize 120")
    assert failed["added"] == ids[:100] and failed["not_added"] == ids[100:]
    assert failed["changed"] is True and failed["error"]["code"] == "InvalidAction.NotFound"
    assert "applied: added" in failed["msg"] and "not applied: add" in failed["msg"]
    assert [a["api_id"] for a in failed["authorized"]] == ids[:100] == _authorized(emulator)


def test_check_mode_plans_the_authorizations_of_an_app_not_created_yet(emulator, ansible):
    tasks = [
        {"name": "app", APP_MODULE: {"name": "auth_app"}, "check_mode": True},
        _task("plan", {"api_ids": [API_A, API_B]}, check_mode=True),
    ]
    run = ansible.playbook(tasks, env=emulator.env("alibaba"))
    assert run.rc == 0, run
    plan = run.result("plan")
    assert plan["changed"] and plan["added"] == sorted([API_A, API_B])
    assert any("planned as for a new" in w for w in plan.get("warnings", []))
    assert emulator.mutating_calls() == 0
