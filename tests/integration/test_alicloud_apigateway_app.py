# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cloudapps.provision.alicloud_apigateway_app against the emulator, through real ansible runs.

Several tasks share one playbook to keep the run time down; the emulator's request log then
tells, call by call, what each task did. Faults are changed between tasks with a uri task on
the emulator's admin API.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

MODULE = "cloudapps.provision.alicloud_apigateway_app"
NAME = u"测试_app"
DESCRIPTION = u"备注 \"~*+!'() \""


def task(label, check=None, ignore=False, **args):
    entry = {"name": label, MODULE: args, "register": "r"}
    if check is not None:
        entry["check_mode"] = check
    if ignore:
        entry["ignore_errors"] = True
    return entry


def faults(emulator, rules, label="set faults"):
    """A task that replaces the emulator's fault rules (the admin API is not an Alibaba call)."""
    return {"name": label, "ansible.builtin.uri": {"url": emulator.base_url + "/_emulator/faults", "method": "POST",
                                                   "body_format": "json", "body": rules}}


def failed(run, label):
    return [e["status"] for e in run.results if e["task"] == label] == ["failed"]


def actions(emulator):
    return [e["action"] for e in emulator.log("alibaba")]


def apps(emulator):
    return list(emulator.state()["alibaba"]["apps"].values())


def test_lifecycle_check_mode_diff_and_idempotence(emulator, ansible):
    tags = {"team": "payments", "env": "prod"}
    run = ansible.playbook([
        task("create (check)", check=True, name=NAME, description=DESCRIPTION, tags=tags),
        task("create", name=NAME, description=DESCRIPTION, tags=tags, extend="ext"),
        task("rerun", name=NAME, description=DESCRIPTION, tags=tags, extend="ext"),
        task("update (check)", check=True, name=NAME, description="new", tags={"team": "core"}),
        task("update", name=NAME, description="new", tags={"team": "core"}),
        task("add a tag", name=NAME, tags={"owner": "alice"}, purge_tags=False),
        task("rerun add", name=NAME, tags={"owner": "alice"}, purge_tags=False),
        task("delete (check)", check=True, name=NAME, state="absent"),
        task("delete", name=NAME, state="absent"),
        task("delete again", name=NAME, state="absent"),
    ], env=emulator.env("alibaba"), diff=True)
    assert run.rc == 0, run
    # Each check-mode task made its one read and nothing else. Tags are set at create by CreateApp and
    # later only by the tag calls: the update drops "env" and changes "team"; purge_tags=false only adds.
    assert actions(emulator) == [
        "DescribeAppAttributes",
        "DescribeAppAttributes", "CreateApp",
        "DescribeAppAttributes",
        "DescribeAppAttributes",
        "DescribeAppAttributes", "ModifyApp", "UntagResources", "TagResources",
        "DescribeAppAttributes", "TagResources",
        "DescribeAppAttributes",
        "DescribeAppAttributes",
        "DescribeAppAttributes", "DeleteApp",
        "DescribeAppAttributes",
    ]
    r = run.result
    assert r("create (check)")["changed"]
    assert r("create (check)")["app"] == {"app_name": NAME, "description": DESCRIPTION, "tags": tags}
    created = r("create")["app"]
    assert r("create")["changed"] and created["app_name"] == NAME and created["description"] == DESCRIPTION
    assert isinstance(created["app_id"], int) and created["tags"] == tags and created["extend"] == "ext"
    # Secrets are left out without return_secrets.
    assert not set(created) & {"app_key", "app_secret", "app_code"}
    assert len(r("create")["request_ids"]) == 2 and all(r("create")["request_ids"])
    rerun = r("rerun")
    assert not rerun["changed"] and len(rerun["request_ids"]) == 1
    assert rerun["app"]["app_id"] == created["app_id"] and rerun["app"]["enabled"] is True
    assert r("update (check)")["changed"] and r("update (check)")["app"]["description"] == "new"
    update = r("update")
    assert update["changed"] and update["app"]["description"] == "new" and update["app"]["tags"] == {"team": "core"}
    assert update["diff"]["before"]["description"] == DESCRIPTION and update["diff"]["after"]["description"] == "new"
    assert update["diff"]["before"]["tags"] == tags and update["diff"]["after"]["tags"] == {"team": "core"}
    assert len(update["request_ids"]) == 4
    # purge_tags=false keeps the other tags; the rerun reads them back from the vendor.
    assert r("add a tag")["changed"] and r("add a tag")["app"]["tags"] == {"team": "core", "owner": "alice"}
    assert not r("rerun add")["changed"] and r("rerun add")["app"]["tags"] == {"team": "core", "owner": "alice"}
    assert r("delete (check)")["changed"] and r("delete (check)")["app"] == {}
    assert r("delete")["changed"] and r("delete")["diff"]["before"]["app_name"] == NAME
    assert not r("delete again")["changed"]
    assert apps(emulator) == []


def test_vendor_state_after_update(emulator, ansible):
    run = ansible.playbook([
        task("create", name="demo_app", tags={"a": "1", "b": "2"}),
        task("retag", name="demo_app", tags={"a": "1", "c": "3"}, description=DESCRIPTION),
    ], env=emulator.env("alibaba"))
    assert run.rc == 0, run
    (app,) = apps(emulator)
    assert app["Tags"] == [{"Key": "a", "Value": "1"}, {"Key": "c", "Value": "3"}]
    assert app["Description"] == DESCRIPTION and app["AppName"] == "demo_app"
    assert actions(emulator) == ["DescribeAppAttributes", "CreateApp",
                                 "DescribeAppAttributes", "ModifyApp", "UntagResources", "TagResources"]


def test_full_tag_set_swap_and_clear(emulator, ansible):
    old = dict(("old%d" % i, "v") for i in range(20))
    new = dict(("new%d" % i, "w") for i in range(20))
    run = ansible.playbook([
        task("create", name="tagged_app", tags=old),
        # 20 tags replaced by 20 others: only possible when the removal comes before the additions.
        task("swap", name="tagged_app", tags=new),
        task("rerun swap", name="tagged_app", tags=new),
        task("empty tags with purge_tags false", name="tagged_app", tags={}, purge_tags=False),
        task("clear", name="tagged_app", tags={}),
        task("rerun clear", name="tagged_app", tags={}),
    ], env=emulator.env("alibaba"))
    assert run.rc == 0, run
    r = run.result
    assert r("swap")["changed"] and r("swap")["app"]["tags"] == new
    assert not r("rerun swap")["changed"] and r("rerun swap")["app"]["tags"] == new
    empty_keep = r("empty tags with purge_tags false")
    assert not empty_keep["changed"] and empty_keep["app"]["tags"] == new
    assert r("clear")["changed"] and r("clear")["app"]["tags"] == {}
    assert not r("rerun clear")["changed"] and r("rerun clear")["app"]["tags"] == {}
    (app,) = apps(emulator)
    assert app["Tags"] == []
    assert actions(emulator) == [
        "DescribeAppAttributes", "CreateApp",
        "DescribeAppAttributes", "UntagResources", "TagResources",
        "DescribeAppAttributes",
        "DescribeAppAttributes",
        "DescribeAppAttributes", "UntagResources",
        "DescribeAppAttributes",
    ]


def test_secrets_masked_in_verbose_output_and_returned_on_request(emulator, ansible, tmp_path):
    secrets = {"app_key": "Key12345678", "app_secret": "Secret_0001-abc", "app_code": "Code12345678abc"}
    new_secret = "Secret_0002-xyz"
    other_key = "Other1234567"
    dump = str(tmp_path / "app.json")
    env = emulator.env("alibaba")
    # Secrets reach the playbook the way vaulted variables do: as templates. Ansible prints the
    # source lines of a failed task, so literal secrets in the playbook would show up in any case.
    env.update(T_AK_SECRET=env.pop("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), T_APP_KEY=secrets["app_key"],
               T_APP_SECRET=secrets["app_secret"], T_APP_CODE=secrets["app_code"], T_NEW_SECRET=new_secret,
               T_OTHER_KEY=other_key)
    creds = {"access_key_secret": "{{ lookup('env', 'T_AK_SECRET') }}"}
    given = {"app_key": "{{ lookup('env', 'T_APP_KEY') }}", "app_secret": "{{ lookup('env', 'T_APP_SECRET') }}",
             "app_code": "{{ lookup('env', 'T_APP_CODE') }}"}
    run = ansible.playbook([
        task("create", name="secret_app", **dict(given, **creds)),
        task("rerun", name="secret_app", **dict(given, **creds)),
        task("rotate secret", name="secret_app", app_key=given["app_key"], app_secret="{{ lookup('env', 'T_NEW_SECRET') }}",
             **creds),
        task("change key", ignore=True, name="secret_app", app_key="{{ lookup('env', 'T_OTHER_KEY') }}", **creds),
        dict(task("read secrets", name="secret_app", return_secrets=True, **creds), no_log=True),
        {"name": "dump", "ansible.builtin.copy": {"content": "{{ r.app | to_json }}", "dest": dump}, "no_log": True},
        task("delete", name="secret_app", state="absent", **creds),
    ], env=env, diff=True, extra_args=["-vvv"])
    assert run.rc == 0, run
    output = run.stdout + run.stderr
    for value in list(secrets.values()) + [new_secret, other_key, emulator.secret_key]:
        assert value not in output
    # The access key id is not a secret and stays readable.
    assert emulator.access_key in output
    r = run.result
    assert r("create")["changed"] and not r("rerun")["changed"]
    rotate = r("rotate secret")
    assert rotate["changed"]
    assert rotate["diff"]["before"]["app_secret"] == "********"
    assert rotate["diff"]["after"]["app_secret"] == "******** (new value)"
    assert failed(run, "change key")
    assert "app_key cannot be changed in place" in r("change key")["msg"]
    with open(dump) as handle:
        returned = json.load(handle)
    assert returned["app_key"] == secrets["app_key"] and returned["app_code"] == secrets["app_code"]
    assert returned["app_secret"] == new_secret
    assert actions(emulator) == [
        "DescribeAppAttributes", "CreateApp",
        "DescribeAppAttributes", "DescribeAppSecurity",
        "DescribeAppAttributes", "DescribeAppSecurity", "ResetAppSecret",
        "DescribeAppAttributes", "DescribeAppSecurity",
        "DescribeAppAttributes", "DescribeAppSecurity",
        "DescribeAppAttributes", "DeleteApp",
    ]


def test_bad_input_fails_before_any_call(emulator, ansible):
    cases = [
        ("short name", {"name": "abc"}, "name:"),
        ("name with a dash", {"name": "demo-app"}, "name:"),
        ("name starting with a digit", {"name": "1demo"}, "name:"),
        ("long description", {"name": "demo_app", "description": "d" * 181}, "description:"),
        ("too many tags", {"name": "demo_app", "tags": dict(("k%d" % i, "v") for i in range(21))}, "tags:"),
        ("reserved tag key", {"name": "demo_app", "tags": {"acs:x": "v"}}, "tags:"),
        ("bad id", {"name": "demo_app", "id": "app-1"}, "id:"),
        ("malformed endpoint", {"name": "demo_app", "endpoint": "ftp://127.0.0.1"}, "endpoint:"),
        ("endpoint with a path", {"name": "demo_app", "endpoint": "http://127.0.0.1:1/x"}, "endpoint:"),
        ("missing secret", {"name": "demo_app", "access_key_secret": ""}, "access_key_secret"),
        ("bad region", {"name": "demo_app", "region": "Hangzhou!"}, "region:"),
        # The gateway's credential rules (InvalidParamter.AppSecret otherwise; NewAppSecret on an update).
        ("secret with a dot", {"name": "demo_app", "app_key": "DemoAppKey01", "app_secret": "Secret.Value01"},
         "app_secret: must be 8 to 64 letters, digits, '_' or '-'"),
        ("short secret", {"name": "demo_app", "app_key": "DemoAppKey01", "app_secret": "Short_1"}, "app_secret: must be"),
        ("key with a dash", {"name": "demo_app", "app_key": "Demo-App-Key", "app_secret": "GoodSecret_01"},
         "app_key: must be 8 to 64 letters or digits"),
        ("code too long", {"name": "demo_app", "app_code": "c" * 65}, "app_code: must be 8 to 64 letters or digits"),
    ]
    run = ansible.playbook([task(label, ignore=True, **args) for label, args, dummy in cases], env=emulator.env("alibaba"))
    for secret in ("Secret.Value01", "Short_1"):
        assert secret not in run.stdout
    assert run.rc == 0, run
    for label, dummy, fragment in cases:
        assert failed(run, label), label
        assert fragment in run.result(label)["msg"], (label, run.result(label)["msg"])
    assert emulator.calls("alibaba") == 0


def test_missing_region_without_endpoint(emulator, ansible):
    env = emulator.env("alibaba")
    env.pop("CLOUDAPPS_ALICLOUD_ENDPOINT")
    env.pop("ALIBABA_CLOUD_REGION_ID")
    run = ansible.playbook([task("no region", ignore=True, name="demo_app")], env=env)
    assert failed(run, "no region") and "region" in run.result("no region")["msg"]
    assert emulator.calls() == 0


def test_vendor_errors_show_code_request_id_and_category(emulator, ansible):
    env = emulator.env("alibaba")
    run = ansible.playbook([
        faults(emulator, [{"vendor": "alibaba", "action": "DescribeAppAttributes", "kind": "throttle", "count": -1}]),
        task("throttled", ignore=True, name="demo_app"),
        faults(emulator, [{"vendor": "alibaba", "action": "CreateApp", "kind": "server_error", "count": -1}]),
        task("server error", ignore=True, name="demo_app"),
        faults(emulator, [{"vendor": "alibaba", "kind": "clock_skew", "count": 1}]),
        task("clock skew", ignore=True, name="demo_app"),
        faults(emulator, []),
        task("wrong secret", ignore=True, name="demo_app", access_key_secret="WrongSecret"),
        task("unknown key id", ignore=True, name="demo_app", access_key_id="LTAIunknown"),
        {"name": "first", MODULE: {"name": "first_app"}, "register": "first"},
        task("second", name="second_app"),
        task("rename onto second", ignore=True, id="{{ first.app.app_id }}", name="second_app"),
        task("rename", id="{{ first.app.app_id }}", name="renamed_app"),
        task("unknown id", ignore=True, id="999999", name="demo_app"),
        task("unknown id absent", id="999999", name="demo_app", state="absent"),
    ], env=env)
    assert run.rc == 0, run
    expected = {
        "throttled": ("Throttling.Api", "throttled"),
        "server error": ("InternalError", "server"),
        "clock skew": ("InvalidTimeStamp.Expired", "signature"),
        "wrong secret": ("SignatureDoesNotMatch", "signature"),
        "unknown key id": ("InvalidAccessKeyId.NotFound", "auth"),
        "rename onto second": ("RepeatedAppName", "conflict"),
    }
    for label, (code, category) in expected.items():
        result = run.result(label)
        assert failed(run, label), label
        assert result["error"]["code"] == code and result["error"]["category"] == category, (label, result)
        request_id = result["error"]["request_id"]
        assert request_id and request_id in result["msg"] and code in result["msg"], (label, result["msg"])
        assert request_id in result["request_ids"]
        assert "Traceback" not in result.get("module_stderr", "")
    log = emulator.log("alibaba")
    # Reads are retried on throttling (5 attempts); a CreateApp that failed with a 5xx is not repeated
    # blindly: the module looks first, and tries once more only when nothing was created.
    throttled = [e for e in log if e["error_code"] == "Throttling.Api"]
    assert len(throttled) == 5
    failed_creates = [e for e in log if e["action"] == "CreateApp" and e["error_code"] == "InternalError"]
    assert len(failed_creates) == 2
    assert any("failed without an answer" in w for w in run.result("server error").get("warnings", []))
    assert "id: no Alibaba Cloud API Gateway app with id '999999'" in run.result("unknown id")["msg"]
    assert not run.result("unknown id absent")["changed"]
    names = sorted(a["AppName"] for a in apps(emulator))
    assert names == ["renamed_app", "second_app"]
    assert run.result("rename")["changed"] and run.result("rename")["app"]["app_name"] == "renamed_app"


def test_lost_create_answer_creates_exactly_one_app(emulator, ansible):
    emulator.faults([{"vendor": "alibaba", "action": "CreateApp", "kind": "drop_after", "count": 1}])
    run = ansible.playbook([task("create", name="dropped_app", description="d")], env=emulator.env("alibaba"))
    assert run.rc == 0, run
    result = run.result("create")
    assert result["changed"] and result["app"]["app_name"] == "dropped_app"
    assert any("answer to the create call was lost" in w for w in result.get("warnings", []))
    assert [a["AppName"] for a in apps(emulator)] == ["dropped_app"]
    assert actions(emulator) == ["DescribeAppAttributes", "CreateApp", "DescribeAppAttributes"]


def test_module_defaults_group_with_aliases_and_adhoc(emulator, ansible):
    env = {"ALIBABA_CLOUD_REGION_ID": "cn-hangzhou"}
    run = ansible.playbook(
        [task("create", name="grouped_app")],
        env=env,
        module_defaults={"group/cloudapps.provision.alicloud": {
            "alicloud_access_key": emulator.access_key, "alicloud_secret_key": emulator.secret_key,
            "endpoint": emulator.base_url}})
    assert run.rc == 0, run
    assert run.result("create")["changed"]
    run = ansible.playbook(
        [task("rerun", name="grouped_app")],
        env=env,
        module_defaults={"group/cloudapps.provision.cloudapps": {
            "access_key_id": emulator.access_key, "access_key_secret": emulator.secret_key,
            "endpoint": emulator.base_url}})
    assert run.rc == 0, run
    assert not run.result("rerun")["changed"]
    adhoc = ansible.adhoc(MODULE, "name=adhoc_app description='made by hand'", env=emulator.env("alibaba"))
    assert adhoc.rc == 0, adhoc
    assert "CHANGED" in adhoc.stdout
    assert sorted(a["AppName"] for a in apps(emulator)) == ["adhoc_app", "grouped_app"]


def test_repeated_commit_on_create_never_creates_twice(emulator, ansible):
    env = emulator.env("alibaba")
    # The create went through but was answered RepeatedCommit: the app is adopted.
    emulator.faults([{"vendor": "alibaba", "action": "CreateApp", "kind": "resubmit_after", "count": 1}])
    run = ansible.playbook([task("adopted", name="resubmit_app")], env=env)
    assert run.rc == 0, run
    assert any("answer to the create call was lost" in w for w in run.result("adopted").get("warnings", []))
    # RepeatedCommit without a commit: looked up, not there, created once more.
    emulator.faults([{"vendor": "alibaba", "action": "CreateApp", "kind": "resubmit", "count": 1}])
    run = ansible.playbook([task("retried", name="resubmit_app_2")], env=env)
    assert run.rc == 0, run
    assert sorted(a["AppName"] for a in apps(emulator)) == ["resubmit_app", "resubmit_app_2"]
    assert [a for a in actions(emulator) if a == "CreateApp"] == ["CreateApp"] * 3


def test_enabled_and_rotate_secret(emulator, ansible):
    run = ansible.playbook([
        task("create disabled", name="switch_app", enabled=False, return_secrets=True),
        task("rerun", name="switch_app", enabled=False),
        task("enable", name="switch_app", enabled=True),
        task("check rotate", check=True, name="switch_app", rotate_secret=True),
        task("rotate", name="switch_app", rotate_secret=True, return_secrets=True),
        task("rotate with a value", ignore=True, name="switch_app", rotate_secret=True, app_secret="MySecret_0001"),
    ], env=emulator.env("alibaba"), diff=True)
    assert "Traceback" not in run.stdout + run.stderr
    created = run.result("create disabled")
    assert created["changed"] and created["app"]["enabled"] is False
    assert not run.result("rerun")["changed"]
    assert run.result("enable")["changed_fields"] == ["enabled"]
    (stored,) = apps(emulator)
    assert stored["Disabled"] is False
    check = run.result("check rotate")
    assert (check["changed"], check["changed_fields"]) == (True, ["app_secret"])
    # A rotation adds a generated pair; the first one stays valid through previous_secret_grace.
    rotated = run.result("rotate")["app"]
    (stored,) = apps(emulator)
    (new_pair,) = stored["ExtraKeys"]
    assert (rotated["app_key"], rotated["app_secret"]) == (new_pair["AppKey"], new_pair["AppSecret"])
    assert rotated["app_secret"] != created["app"]["app_secret"] and stored["AppSecret"] == created["app"]["app_secret"]
    assert rotated["previous_app_keys"][0]["app_key"] == created["app"]["app_key"]
    assert run.result("rotate")["rotate_reason"] == "rotate_secret"
    assert failed(run, "rotate with a value")
    mutating = [e["action"] for e in emulator.log("alibaba") if e["mutating"]]
    assert mutating == ["CreateApp", "ModifyApp", "ModifyApp", "CreateAppKey", "ResetAppCode"]
    # The AppCode is reset with the rotation: the app has one.
    assert rotated["app_code"] == stored["AppCode"] != created["app"]["app_code"]
