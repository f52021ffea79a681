# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cloudapps.provision.volcengine_rtc_app driven by real ansible-playbook / ansible runs against
the emulator. Calls are attributed to tasks through the request ids each task returns, so one
playbook can cover several steps."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

MODULE = "cloudapps.provision.volcengine_rtc_app"
NAME = "测试_app"


def _task(name, args, **extra):
    task = {"name": name, MODULE: args, "register": "r"}
    task.update(extra)
    return task


def _calls(emulator, result):
    """The emulator log entries of the calls one task made (matched by request id)."""
    ids = set(result.get("request_ids") or [])
    return [e for e in emulator.log("volcengine") if e["request_id"] in ids]


def _mutating(entries):
    return [e["action"] for e in entries if e["mutating"]]


def _failed(run, task_name):
    """The result of a task that must have failed (the callback records the status beside it)."""
    entry = next(e for e in run.results if e["task"] == task_name)
    assert entry["status"] == "failed", (task_name, entry)
    return entry["result"]


def _apps(emulator):
    return emulator.state()["volcengine"]["apps"]


def test_lifecycle_check_mode_diff_and_absent(emulator, ansible):
    tasks = [
        _task("check create", {"name": NAME}, check_mode=True),
        _task("create", {"name": NAME}),
        _task("rerun", {"name": NAME}),
        _task("check disable", {"name": NAME, "enabled": False}, check_mode=True),
        _task("disable", {"name": NAME, "enabled": False}),
        _task("rerun disabled", {"name": NAME, "enabled": False}),
        _task("enable", {"name": NAME, "enabled": True}),
        _task("check absent", {"name": NAME, "state": "absent"}, check_mode=True),
        _task("absent", {"name": NAME, "state": "absent"}),
        _task("absent again", {"name": NAME, "state": "absent"}),
        _task("check absent of a missing app", {"name": "never_created", "state": "absent"}, check_mode=True),
        _task("absent of a missing app", {"name": "never_created", "state": "absent"}),
        _task("read secrets", {"name": NAME, "return_secrets": True}),
    ]
    run = ansible.playbook(tasks, env=emulator.env("volcengine"), diff=True)
    assert run.rc == 0, run
    res = run.result
    apps = _apps(emulator)
    assert len(apps) == 1, apps
    app = apps[0]

    # Check mode on create: reports the change, calls nothing that mutates.
    assert res("check create")["changed"] is True
    assert [e["action"] for e in _calls(emulator, res("check create"))] == ["ListApps"]
    assert "app_id" not in res("check create")["app"]

    created = res("create")
    assert created["changed"] is True
    assert [e["action"] for e in _calls(emulator, created)] == ["ListApps", "CreateApp"]
    assert created["app"]["app_id"] == app["AppId"]
    assert created["app"]["app_name"] == NAME and created["app"]["enabled"] is True
    assert "app_key" not in created["app"] and "secondary_app_key" not in created["app"]
    assert created["diff"]["before"] == {} and created["diff"]["after"]["app_name"] == NAME

    # No-change rerun: one call, none mutating.
    rerun = res("rerun")
    assert rerun["changed"] is False
    assert [e["action"] for e in _calls(emulator, rerun)] == ["ListApps"]
    assert set(rerun["app"]) == set(created["app"])  # the same keys whether created or listed

    check_disable = res("check disable")
    assert check_disable["changed"] is True and _mutating(_calls(emulator, check_disable)) == []
    assert check_disable["diff"]["before"]["enabled"] is True and check_disable["diff"]["after"]["enabled"] is False

    disable = res("disable")
    assert disable["changed"] is True and _mutating(_calls(emulator, disable)) == ["ModifyAppStatus"]
    assert disable["app"]["status"] == 98 and disable["app"]["enabled"] is False
    assert res("rerun disabled")["changed"] is False
    assert _mutating(_calls(emulator, res("rerun disabled"))) == []
    assert res("enable")["changed"] is True and res("enable")["app"]["status"] == 1

    # absent cannot delete: it disables, warns, and still returns the app.
    check_absent = res("check absent")
    assert check_absent["changed"] is True and _mutating(_calls(emulator, check_absent)) == []
    assert check_absent["app"]["enabled"] is False
    absent = res("absent")
    assert absent["changed"] is True and _mutating(_calls(emulator, absent)) == ["ModifyAppStatus"]
    assert absent["app"]["app_id"] == app["AppId"] and absent["app"]["enabled"] is False
    assert any("still exists" in w and "quota of 100" in w and app["AppId"] in w for w in absent["warnings"])
    again = res("absent again")
    assert again["changed"] is False and _mutating(_calls(emulator, again)) == []
    assert again["app"]["app_id"] == app["AppId"]
    assert any("still exists" in w for w in again["warnings"])
    assert app["Status"] == 98

    for task in ("check absent of a missing app", "absent of a missing app"):
        assert res(task)["changed"] is False and res(task)["app"] == {}

    secrets = res("read secrets")
    assert secrets["changed"] is False and secrets["app"]["enabled"] is False  # enabled unset: status kept
    assert secrets["app"]["app_key"] == app["AppKey"]
    assert secrets["app"]["secondary_app_key"] == app["SecondaryAppKey"]
    # Diffs (printed with --diff) never show key material.
    assert app["AppKey"] not in run.stdout and app["SecondaryAppKey"] not in run.stdout


def test_secrets_never_in_diff_or_verbose_output(emulator, ansible):
    token = "STS.token-for-test/with+chars="
    args = {"name": "verbose_app", "access_key": emulator.access_key, "secret_key": emulator.secret_key,
            "session_token": token, "endpoint": emulator.base_url}
    tasks = [
        _task("create", dict(args)),
        _task("disable", dict(args, enabled=False)),
        _task("read keys", dict(args, return_secrets=True), no_log=True),
        _task("absent", dict(args, state="absent")),
    ]
    run = ansible.playbook(tasks, diff=True, extra_args=["-vvv"])
    assert run.rc == 0, run
    app = _apps(emulator)[0]
    output = run.stdout + run.stderr
    for secret in (emulator.secret_key, token, app["AppKey"], app["SecondaryAppKey"]):
        assert secret not in output
    assert "verbose_app" in output  # the run really printed its results
    assert emulator.access_key in output  # key ids are not masked


def test_enabled_unset_keeps_status_and_create_disabled(emulator, ansible):
    tasks = [
        _task("create disabled", {"name": "off_app", "enabled": False}),
        _task("present without enabled", {"name": "off_app"}),
    ]
    run = ansible.playbook(tasks, env=emulator.env("volcengine"))
    assert run.rc == 0, run
    first = run.result("create disabled")
    assert first["changed"] is True
    assert [e["action"] for e in _calls(emulator, first)] == ["ListApps", "CreateApp", "ModifyAppStatus"]
    assert first["app"]["enabled"] is False
    second = run.result("present without enabled")
    assert second["changed"] is False and second["app"]["enabled"] is False
    assert _apps(emulator)[0]["Status"] == 98


def test_select_by_id(emulator, ansible):
    env = emulator.env("volcengine")
    run = ansible.playbook([_task("create", {"name": "by_id_app"})], env=env)
    app_id = run.result("create")["app"]["app_id"]
    tasks = [
        _task("same name", {"id": app_id, "name": "by_id_app", "enabled": False}),
        _task("rename", {"id": app_id, "name": "new_name"}, ignore_errors=True),
        _task("unknown id present", {"id": "0" * 24, "name": "by_id_app"}, ignore_errors=True),
        _task("unknown id absent", {"id": "0" * 24, "name": "by_id_app", "state": "absent"}),
    ]
    run = ansible.playbook(tasks, env=env)
    assert run.rc == 0, run
    same = run.result("same name")
    assert same["changed"] is True and same["app"]["app_id"] == app_id and same["app"]["enabled"] is False
    rename = _failed(run, "rename")
    assert "app_name cannot be changed in place" in rename["msg"]
    unknown = _failed(run, "unknown id present")
    assert unknown["msg"].startswith("id: no Volcengine RTC app with id")
    assert run.result("unknown id absent")["changed"] is False
    assert [a["AppName"] for a in _apps(emulator)] == ["by_id_app"]
    assert emulator.mutating_calls("volcengine") == 2  # the create and one ModifyAppStatus


def _sdk_create_app(emulator, name):
    """CreateApp through the official SDK (test-only dependency): the module never makes duplicates."""
    from volcengine.ApiInfo import ApiInfo  # pylint: disable=import-outside-toplevel
    from volcengine.Credentials import Credentials  # pylint: disable=import-outside-toplevel
    from volcengine.ServiceInfo import ServiceInfo  # pylint: disable=import-outside-toplevel
    from volcengine.base.Service import Service  # pylint: disable=import-outside-toplevel

    credentials = Credentials(emulator.access_key, emulator.secret_key, "rtc", "cn-north-1")
    info = ServiceInfo(emulator.base_url.split("://", 1)[1], {"Accept": "application/json"}, credentials, 5, 5, "http")
    api = {"CreateApp": ApiInfo("POST", "/", {"Action": "CreateApp", "Version": "2023-11-01"}, {}, {})}
    service = Service(info, api)
    # Service.init may have read ~/.volc or VOLC_* variables: use the emulator's keys.
    credentials.set_ak(emulator.access_key)
    credentials.set_sk(emulator.secret_key)
    return json.loads(service.json("CreateApp", {}, json.dumps({"AppName": name})))["Result"]["AppId"]


def test_duplicate_names_fail_listing_ids(emulator, ansible):
    ids = [_sdk_create_app(emulator, "dup_app"), _sdk_create_app(emulator, "dup_app")]
    before = emulator.calls("volcengine")
    run = ansible.playbook([_task("present", {"name": "dup_app"}, ignore_errors=True),
                            _task("absent", {"name": "dup_app", "state": "absent"}, ignore_errors=True),
                            _task("by id", {"id": ids[1], "name": "dup_app", "enabled": False})],
                           env=emulator.env("volcengine"))
    assert run.rc == 0, run
    for task in ("present", "absent"):
        result = _failed(run, task)
        assert "found 2 Volcengine RTC apps named 'dup_app'" in result["msg"], result["msg"]
        assert all(app_id in result["msg"] for app_id in ids)
    # id picks one of the duplicates.
    assert run.result("by id")["changed"] is True
    assert [a["Status"] for a in _apps(emulator)] == [1, 98]
    assert [e["action"] for e in emulator.log("volcengine")[before:] if e["mutating"]] == ["ModifyAppStatus"]


def test_bad_input_fails_before_any_call(emulator, ansible):
    env = emulator.env("volcengine")
    cases = [
        ("long name", {"name": "测" * 25}, "name: must be at most 24 characters (got 25)"),
        ("bad char", {"name": "demo-app"}, "name: may contain only CJK characters, letters, digits and underscores"),
        ("empty name", {"name": ""}, "name: must not be empty"),
        ("bad endpoint scheme", {"name": "ok", "endpoint": "ftp://127.0.0.1:1"}, "endpoint: must start with https:// or http://"),
        ("endpoint with path", {"name": "ok", "endpoint": "http://127.0.0.1:1/api"}, "endpoint: must be a base URL without a path"),
        ("bad region", {"name": "ok", "region": "CN_NORTH"}, "region: 'CN_NORTH' is not a region id"),
        ("zero timeout", {"name": "ok", "timeout": 0}, "timeout: must be a finite number of seconds above 0"),
        ("non-ascii token", {"name": "ok", "session_token": "令牌"}, "session_token: must contain only printable ASCII characters"),
        ("rotate", {"name": "ok", "rotate_secret": True},
         "rotate_secret: Volcengine RTC app has no API to regenerate its secret; rotate it in the RTC console: "
         "enable the secondary AppKey, move your clients to it, then swap the keys"),
    ]
    tasks = [_task(case[0], case[1], ignore_errors=True) for case in cases]
    tasks.append(_task("no credentials", {"name": "ok"}, ignore_errors=True,
                       environment={"VOLCENGINE_ACCESS_KEY": "", "VOLCENGINE_SECRET_KEY": ""}))
    run = ansible.playbook(tasks, env=env)
    assert run.rc == 0, run
    for name, dummy, fragment in cases:
        result = _failed(run, name)
        assert fragment in result["msg"], (name, result["msg"])
    missing = _failed(run, "no credentials")
    assert "missing credential access_key" in missing["msg"]
    assert emulator.calls() == 0


def test_vendor_errors_by_category_and_lost_creates(emulator, ansible):
    emulator.faults([
        {"vendor": "volcengine", "action": "ListApps", "kind": "throttle", "count": 5},
        {"vendor": "volcengine", "action": "ListApps", "kind": "server_error", "count": 5},
        {"vendor": "volcengine", "action": "ListApps", "kind": "clock_skew", "count": 1},
        {"vendor": "volcengine", "action": "CreateApp", "kind": "drop_after", "count": 1},
        {"vendor": "volcengine", "action": "CreateApp", "kind": "drop_before", "count": 1},
    ])
    cases = [
        ("throttled", {}, "FlowLimitExceeded", "throttled"),
        ("server", {}, "InternalError", "server"),
        ("clock skew", {}, "InvalidTimestamp", "signature"),
        ("wrong secret", {"secret_key": "not-the-secret"}, "SignatureDoesNotMatch", "signature"),
        ("unknown key", {"access_key": "AKIDUNKNOWN"}, "InvalidAccessKey", "auth"),
    ]
    tasks = [_task(name, dict({"name": "err_app"}, **args), ignore_errors=True) for name, args, dummy, dummy2 in cases]
    tasks += [_task("lost answer", {"name": "lost_after"}), _task("never arrived", {"name": "lost_before"})]
    run = ansible.playbook(tasks, env=emulator.env("volcengine"))
    assert run.rc == 0, run
    log = emulator.log("volcengine")
    for name, dummy, code, category in cases:
        result = _failed(run, name)
        assert result["error"]["code"] == code and result["error"]["category"] == category, (name, result["error"])
        request_id = result["error"]["request_id"]
        assert request_id and request_id in result["msg"] and code in result["msg"]
        assert request_id in [e["request_id"] for e in log]
        assert "Traceback" not in result["msg"] and "module_stderr" not in result
    # Throttling and server errors of a read are retried up to 5 attempts, then reported.
    assert len(run.result("throttled")["request_ids"]) == 5
    assert len(run.result("server")["request_ids"]) == 5
    assert len(run.result("clock skew")["request_ids"]) == 1

    # A create whose answer was lost is not repeated blindly: exactly one app each.
    names = [a["AppName"] for a in _apps(emulator)]
    assert sorted(names) == ["lost_after", "lost_before"]
    lost = run.result("lost answer")
    assert lost["changed"] is True and lost["app"]["app_name"] == "lost_after"
    assert any("answer to the create call was lost" in w for w in lost["warnings"])
    assert run.result("never arrived")["app"]["app_name"] == "lost_before"


def test_module_defaults_groups_and_adhoc(emulator, ansible):
    defaults = {"access_key": emulator.access_key, "secret_key": emulator.secret_key, "endpoint": emulator.base_url}
    run = ansible.playbook([_task("vendor group", {"name": "group_app"})],
                           module_defaults={"group/cloudapps.provision.volcengine": defaults})
    assert run.rc == 0, run
    assert run.result("vendor group")["changed"] is True
    run = ansible.playbook([_task("all group", {"name": "group_app", "enabled": False})],
                           module_defaults={"group/cloudapps.provision.cloudapps": defaults})
    assert run.rc == 0, run
    assert run.result("all group")["changed"] is True

    adhoc = ansible.adhoc(MODULE, "name=测试_adhoc enabled=true", env=emulator.env("volcengine"))
    assert adhoc.rc == 0, adhoc
    assert adhoc.results[0]["result"]["changed"] is True
    assert "CHANGED" in adhoc.stdout
    assert sorted(a["AppName"] for a in _apps(emulator)) == ["group_app", "测试_adhoc"]


def test_project_name_scopes_the_listing_and_cannot_create(emulator, ansible):
    env = emulator.env("volcengine")
    run = ansible.playbook([
        _task("create in default", {"name": "proj_app"}),
        _task("default project", {"name": "proj_app", "project_name": "default", "enabled": False}),
        _task("other project", {"name": "proj_app", "project_name": "billing"}, ignore_errors=True),
        _task("bad project", {"name": "proj_app", "project_name": "bad project!"}, ignore_errors=True),
    ], env=env, diff=True)
    assert "Traceback" not in run.stdout + run.stderr
    assert run.result("default project")["changed"] is True
    assert run.result("default project")["app"]["project_name"] == "default"
    other = _failed(run, "other project")
    assert "cannot create an app in a project" in other["msg"] and other["action"] == "error"
    assert "project_name: must be 1 to 64" in _failed(run, "bad project")["msg"]
    log = emulator.log("volcengine")
    # The scoped tasks listed with ProjectName; nothing was created for the other project.
    assert _mutating(log) == ["CreateApp", "ModifyAppStatus"]
    assert len(_apps(emulator)) == 1


def test_an_app_in_arrears_warns_in_a_single_task_in_items_and_through_the_role(emulator, ansible):
    """The warning lives where the item is observed, so every way an item comes in shows it."""
    emulator.seed("volcengine", 1, "arrears_", status=6)
    play_vars = {"cloud_apps_volcengine_rtc_apps": [{"name": "arrears_0000"}]}
    run = ansible.playbook([
        {"name": "single", MODULE: {"name": "arrears_0000"}},
        {"name": "items", MODULE: {"items": [{"name": "arrears_0000"}]}},
        {"ansible.builtin.import_role": {"name": "cloudapps.provision.cloud_apps"}},
    ], env=emulator.env("volcengine"), play_vars=play_vars)
    assert run.rc == 0, run
    warned = [e["task"] for e in run.results
              if any("suspended for arrears" in w for w in (e["result"].get("warnings") or []))]
    assert len(warned) == 3, (warned, [e["task"] for e in run.results])
    assert emulator.mutating_calls() == 0
