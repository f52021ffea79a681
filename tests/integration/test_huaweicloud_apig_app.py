# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cloudapps.provision.huaweicloud_apig_app against the emulator, through real ansible runs.

Several tasks share one playbook to keep the run time down; the emulator's request log then
tells, call by call, what each task did.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from .conftest import HUAWEI_GATEWAY, HUAWEI_INSTANCE as INSTANCE, HUAWEI_PROJECT as PROJECT

MODULE = "cloudapps.provision.huaweicloud_apig_app"
NAME = u"测试_app"
DESCRIPTION = u"备注 \"~*+!'() \""


def task(label, check=None, ignore=False, **args):
    """A task on the dedicated test gateway, unless args choose the shared one or set instance_id=None."""
    if "instance_id" not in args and not args.get("shared_gateway"):
        args["instance_id"] = INSTANCE
    if args.get("instance_id", "") is None:
        del args["instance_id"]
    entry = {"name": label, MODULE: args, "register": "r"}
    if check is not None:
        entry["check_mode"] = check
    if ignore:
        entry["ignore_errors"] = True
    return entry


def failed(run, label):
    """True when the task failed (the recorded status; ignore_errors keeps the play going)."""
    return [e["status"] for e in run.results if e["task"] == label] == ["failed"]


def actions(emulator):
    return [e["action"] for e in emulator.log("huawei")]


def apps(emulator, gateway=HUAWEI_GATEWAY):
    return list(emulator.state()["huawei"]["gateways"].get(gateway, {}).values())


def test_lifecycle_check_mode_diff_and_idempotence(emulator, ansible):
    run = ansible.playbook([
        task("create (check)", check=True, name=NAME, description=DESCRIPTION),
        task("create", name=NAME, description=DESCRIPTION),
        task("rerun", name=NAME, description=DESCRIPTION),
        task("update (check)", check=True, name=NAME, description="new"),
        task("update", name=NAME, description="new"),
        task("delete (check)", check=True, name=NAME, state="absent"),
        task("delete", name=NAME, state="absent"),
        task("delete again", name=NAME, state="absent"),
    ], env=emulator.env("huawei"), diff=True)
    assert run.rc == 0, run
    # Each check-mode task made its one read and nothing else; each real task one write at most.
    assert actions(emulator) == [
        "ListApps",
        "ListApps", "CreateApp",
        "ListApps",
        "ListApps",
        "ListApps", "UpdateApp",
        "ListApps",
        "ListApps", "DeleteApp",
        "ListApps",
    ]
    r = run.result
    assert r("create (check)")["changed"] and r("create (check)")["app"] == {"name": NAME, "remark": DESCRIPTION}
    created = r("create")["app"]
    assert r("create")["changed"] and created["name"] == NAME and created["remark"] == DESCRIPTION
    assert created["id"] and created["status"] == 1 and created["app_type"] == "apig"
    # The secret is left out without return_secrets, although the API returned it; the AppKey is a key id.
    assert "app_secret" not in created and created["app_key"]
    assert len(r("create")["request_ids"]) == 2 and all(r("create")["request_ids"])
    assert not r("rerun")["changed"] and len(r("rerun")["request_ids"]) == 1
    assert r("update (check)")["changed"] and r("update (check)")["app"]["remark"] == "new"
    update = r("update")
    assert update["changed"] and update["app"]["remark"] == "new" and update["app"]["id"] == created["id"]
    assert update["diff"]["before"]["remark"] == DESCRIPTION and update["diff"]["after"]["remark"] == "new"
    # Secrets appear in the diff only as the mask.
    assert update["diff"]["before"]["app_secret"] == "********" == update["diff"]["after"]["app_secret"]
    assert update["diff"]["before"]["app_key"] == created["app_key"]
    assert r("delete (check)")["changed"]
    assert r("delete")["changed"] and r("delete")["app"] == {} and r("delete")["diff"]["after"] == {}
    assert not r("delete again")["changed"]
    assert apps(emulator) == []
    assert "********" in run.stdout


def test_check_flag_on_create_makes_no_write(emulator, ansible):
    run = ansible.playbook([task("create", name="demo_app")], env=emulator.env("huawei"), check=True)
    assert run.rc == 0, run
    assert run.result("create")["changed"]
    assert emulator.mutating_calls("huawei") == 0 and emulator.calls("huawei") == 1


def test_custom_credentials_rename_by_id_and_secret_change(emulator, ansible):
    env = emulator.env("huawei")
    first = ansible.playbook([task("create", name="demo_app", app_key="demoKey_0001", app_secret="Secret_0001!",
                                   return_secrets=True)], env=env)
    assert first.rc == 0, first
    app = first.result("create")["app"]
    # return_secrets adds the secret; Ansible masks values the task itself passed as no_log options.
    assert app["app_key"] == "demoKey_0001" and "app_secret" in app
    assert [(a["app_key"], a["app_secret"]) for a in apps(emulator)] == [("demoKey_0001", "Secret_0001!")]
    before = len(emulator.log("huawei"))
    run = ansible.playbook([
        task("rename", id=app["id"], name="demo_app_renamed"),
        task("same secret", name="demo_app_renamed", app_secret="Secret_0001!"),
        task("new secret", name="demo_app_renamed", app_secret="Secret_0002!"),
        task("unknown id", id="0" * 32, name="demo_app_renamed", state="absent"),
    ], env=env, diff=True)
    assert run.rc == 0, run
    # The secret changes through the reset call, not the update PUT.
    assert actions(emulator)[before:] == ["ShowApp", "UpdateApp", "ListApps", "ListApps", "ResetAppSecret", "ShowApp"]
    r = run.result
    assert r("rename")["changed"] and r("rename")["app"]["name"] == "demo_app_renamed"
    assert r("rename")["diff"]["before"]["name"] == "demo_app"
    assert not r("same secret")["changed"]
    change = r("new secret")
    assert change["changed"] and "app_secret" not in change["app"]
    assert change["diff"]["after"]["app_secret"] == "******** (new value)"
    assert not r("unknown id")["changed"]
    (stored,) = apps(emulator)
    # The rename kept the description and key; the secret changed.
    assert stored["name"] == "demo_app_renamed" and stored["app_key"] == "demoKey_0001"
    assert stored["app_secret"] == "Secret_0002!"


def test_shared_gateway_only_on_request_and_on_v1_paths(emulator, ansible):
    run = ansible.playbook([
        task("no gateway", ignore=True, name="v1_app", instance_id=None),
        task("both", ignore=True, name="v1_app", shared_gateway=True, instance_id=INSTANCE),
        task("create", name="v1_app", shared_gateway=True, app_key="k" * 60),
        task("rerun", name="v1_app", shared_gateway=True),
        task("dedicated gateway is another place", name="v1_app", state="absent"),
        task("delete", name="v1_app", shared_gateway=True, state="absent"),
    ], env=emulator.env("huawei"))
    assert "Traceback" not in run.stdout + run.stderr
    missing = run.result("no gateway")
    assert failed(run, "no gateway")
    assert "instance_id: required" in missing["msg"] and "shared_gateway=true" in missing["msg"]
    assert "existing users only" in missing["msg"]
    assert failed(run, "both") and "shared_gateway: cannot be true together with instance_id" in run.result("both")["msg"]
    assert run.result("create")["changed"] and not run.result("rerun")["changed"]
    assert not run.result("dedicated gateway is another place")["changed"]
    assert run.result("delete")["changed"]
    paths = [e["path"] for e in emulator.log("huawei")]
    v2 = "/v2/%s/apigw/instances/%s/apps" % (PROJECT, INSTANCE)
    # The two bad tasks made no call at all.
    assert paths[:3] == ["/v1.0/apigw/apps"] * 3 and paths[3] == v2
    assert apps(emulator, "shared") == []


def test_bad_input_fails_before_any_call(emulator, ansible):
    cases = [
        ("name too short", dict(name="ab"), "name: must be 3 to 64"),
        ("name bad start", dict(name="1app"), "name: must start with a letter"),
        ("name bad char", dict(name="my-app"), "name: must start with a letter"),
        ("description too long", dict(name="demo_app", description="d" * 256), "description: must be at most 255"),
        ("app_key too short", dict(name="demo_app", app_key="short"), "app_key: must be 8 to 200"),
        ("app_key 65 on shared", dict(name="demo_app", app_key="k" * 65, shared_gateway=True), "app_key: must be 8 to 64"),
        ("app_key 201 on dedicated", dict(name="demo_app", app_key="k" * 201), "app_key: must be 8 to 200"),
        ("app_secret bad char", dict(name="demo_app", app_secret="secret&value"), "app_secret: must start with"),
        ("instance without project", dict(name="demo_app", project_id=""), "project_id: is required with instance_id"),
        ("bad endpoint", dict(name="demo_app", endpoint="ftp://127.0.0.1"), "endpoint: must start with https://"),
        ("bad region", dict(name="demo_app", region="CN_NORTH"), "region:"),
    ]
    tasks = [task(label, ignore=True, **args) for label, args, _message in cases]
    no_secret = task("missing secret key", ignore=True, name="demo_app")
    no_secret["environment"] = {"HUAWEICLOUD_SDK_SK": ""}
    no_region = task("missing region and endpoint", ignore=True, name="demo_app")
    no_region["environment"] = {"HUAWEICLOUD_REGION": "", "CLOUDAPPS_HUAWEICLOUD_ENDPOINT": ""}
    run = ansible.playbook(tasks + [no_secret, no_region], env=emulator.env("huawei"))
    assert run.rc == 0, run
    for label, _args, message in cases + [("missing secret key", None, "missing credential secret_key"),
                                          ("missing region and endpoint", None, "region: Huawei Cloud has no default region")]:
        result = run.result(label)
        assert failed(run, label), (label, result)
        assert message in result["msg"], (label, result["msg"])
        assert "Traceback" not in result.get("module_stderr", "")
    assert emulator.calls("huawei") == 0


def test_vendor_errors_show_code_category_and_request_id(emulator, ansible):
    emulator.faults([
        {"vendor": "huawei", "action": "ListApps", "kind": "throttle", "count": 5},
        {"vendor": "huawei", "action": "ListApps", "kind": "server_error", "count": 5},
        {"vendor": "huawei", "action": "ListApps", "kind": "clock_skew", "count": 1},
    ])
    env = emulator.env("huawei")
    run = ansible.playbook([
        task("throttled", ignore=True, name="demo_app"),
        task("server", ignore=True, name="demo_app"),
        task("clock", ignore=True, name="demo_app"),
        task("wrong secret", ignore=True, name="demo_app", secret_key="WrongSecretKey000000"),
        task("unknown ak", ignore=True, name="demo_app", access_key="AKUNKNOWN0000000"),
        task("first", name="first_app"),
        task("second", name="second_app"),
    ], env=env)
    assert run.rc == 0, run
    expected = {"throttled": ("APIGW.0308", "throttled"), "server": ("APIG.9999", "server"),
                "clock": ("APIGW.0301", "signature"), "wrong secret": ("APIGW.0301", "signature"),
                "unknown ak": ("APIGW.0301", "auth")}
    for label, (code, category) in expected.items():
        result = run.result(label)
        assert failed(run, label) and result["error"]["code"] == code and result["error"]["category"] == category, result
        request_id = result["error"]["request_id"]
        assert request_id and request_id in result["msg"] and code in result["msg"]
        assert request_id in result["request_ids"]
    # Reads are retried: five attempts each for the throttled and the failing server.
    assert len(run.result("throttled")["request_ids"]) == 5 and len(run.result("server")["request_ids"]) == 5
    # A rename onto a taken name is the vendor's conflict.
    second_id = run.result("second")["app"]["id"]
    conflict = ansible.playbook([task("rename onto first", ignore=True, id=second_id, name="first_app")], env=env)
    result = conflict.result("rename onto first")
    assert failed(conflict, "rename onto first") and result["error"]["code"] == "APIG.3203" and result["error"]["category"] == "conflict"


def test_lost_create_answer_leaves_exactly_one_app(emulator, ansible):
    emulator.faults([{"vendor": "huawei", "action": "CreateApp", "kind": "drop_after", "count": 1}])
    run = ansible.playbook([task("create", name="demo_app"), task("rerun", name="demo_app")],
                           env=emulator.env("huawei"))
    assert run.rc == 0, run
    assert run.result("create")["changed"] and run.result("create")["app"]["name"] == "demo_app"
    assert any("answer to the create call was lost" in w for w in run.result("create").get("warnings", []))
    assert not run.result("rerun")["changed"]
    assert len(apps(emulator)) == 1
    assert actions(emulator).count("CreateApp") == 1


def test_vvv_output_contains_no_secret_option(emulator, ansible):
    secrets = {"secret_key": emulator.secret_key, "security_token": "TemporaryToken_abc123XYZ",
               "app_secret": "vvvSecret_87654321"}
    env = emulator.env("huawei")
    env.pop("HUAWEICLOUD_SDK_SK")
    common = dict(secret_key=secrets["secret_key"], security_token=secrets["security_token"])
    run = ansible.playbook([
        task("create", name="demo_app", app_key="vvvKey_12345678", app_secret=secrets["app_secret"], **common),
        task("rerun", name="demo_app", app_key="vvvKey_12345678", app_secret=secrets["app_secret"], **common),
        task("delete", name="demo_app", state="absent", **common),
    ], env=env, diff=True, extra_args=["-vvv"])
    assert run.rc == 0, run
    assert run.result("create")["changed"] and not run.result("rerun")["changed"] and run.result("delete")["changed"]
    output = run.stdout + run.stderr
    for option, value in secrets.items():
        assert value not in output, option
    # The access key and the AppKey are ids, not secrets: they stay readable (no_log=False).
    assert emulator.access_key in output and "vvvKey_12345678" in output


def test_module_defaults_group_and_adhoc(emulator, ansible):
    defaults = {"access_key": emulator.access_key, "secret_key": emulator.secret_key,
                "endpoint": emulator.base_url, "region": "cn-north-4", "project_id": PROJECT, "instance_id": INSTANCE}
    run = ansible.playbook([task("create", name="grouped_app"),
                            {"name": "via cloudapps group", "register": "r",
                             "module_defaults": {"group/cloudapps.provision.cloudapps": defaults},
                             MODULE: {"name": "grouped_app", "description": "second", "return_secrets": True}}],
                           module_defaults={"group/cloudapps.provision.huaweicloud": defaults})
    assert run.rc == 0, run
    assert run.result("create")["changed"] and run.result("via cloudapps group")["app"]["remark"] == "second"
    adhoc = ansible.adhoc(MODULE, "name=adhoc_app remark='from ad-hoc' instance_id=%s" % INSTANCE,
                          env=emulator.env("huawei"))
    assert adhoc.rc == 0, adhoc
    assert "CHANGED" in adhoc.stdout
    assert sorted(a["name"] for a in apps(emulator)) == ["adhoc_app", "grouped_app"]
    assert [a["remark"] for a in apps(emulator) if a["name"] == "adhoc_app"] == ["from ad-hoc"]
    # Generated secrets come back with return_secrets (the list call returns them; the app codes
    # cost one ListAppCodes call).
    grouped = run.result("via cloudapps group")["app"]
    (stored,) = [a for a in apps(emulator) if a["name"] == "grouped_app"]
    assert (grouped["app_key"], grouped["app_secret"]) == (stored["app_key"], stored["app_secret"])
    assert len(run.result("via cloudapps group")["request_ids"]) == 3 and grouped["app_codes"] == []


def test_rotate_secret_through_the_reset_call(emulator, ansible):
    run = ansible.playbook([
        task("create", name="rotating_app", return_secrets=True),
        task("check rotate", check=True, name="rotating_app", rotate_secret=True),
        task("rotate", name="rotating_app", rotate_secret=True, return_secrets=True),
        task("rotate shared", name="rotating_app", rotate_secret=True, shared_gateway=True),
        task("rotate with a value", ignore=True, name="rotating_app", rotate_secret=True, app_secret="Secret_0003!"),
    ], env=emulator.env("huawei"), diff=True)
    assert "Traceback" not in run.stdout + run.stderr
    created_secret = run.result("create")["app"]["app_secret"]
    log = emulator.log("huawei")
    mutating = [(e["action"], e["path"]) for e in log if e["mutating"]]
    v2 = "/v2/%s/apigw/instances/%s/apps" % (PROJECT, INSTANCE)
    assert [m[0] for m in mutating] == ["CreateApp", "ResetAppSecret", "CreateApp"]
    assert mutating[1][1].startswith(v2 + "/secret/")
    check = run.result("check rotate")
    assert (check["changed"], check["action"], check["changed_fields"]) == (True, "update", ["app_secret"])
    rotated = run.result("rotate")
    (stored,) = apps(emulator)
    assert rotated["changed"] and rotated["app"]["app_secret"] == stored["app_secret"] != created_secret
    assert rotated["diff"]["after"]["app_secret"].startswith("********")
    # On the shared gateway the app did not exist: it is created there (rotation is moot for a new app).
    assert run.result("rotate shared")["action"] == "create"
    assert failed(run, "rotate with a value")
    assert "rotate_secret: cannot be combined with app_secret" in run.result("rotate with a value")["msg"]
