# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cloudapps.provision.tencentcloud_apigateway_api_key against the emulator, through real ansible runs.

Several tasks share one playbook to keep the run time down; the emulator's request log, read as a
sequence of actions, shows which calls each task made.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import urlsplit

from tencentcloud.apigateway.v20180808 import apigateway_client, models
from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

MODULE = "cloudapps.provision.tencentcloud_apigateway_api_key"
VENDOR = "tencent"
LIST = "DescribeApiKeysStatus"
MASK = "********"
SECRET_1 = "Manual_Secret_0001"
SECRET_2 = "Manual_Secret_0002"
SECRET_3 = "Manual_Secret_0003"


def task(title, args, **extra):
    """A task of the module; ``extra`` holds task keywords such as check_mode or ignore_errors."""
    entry = {"name": title, MODULE: args}
    entry.update(extra)
    return entry


def failure(run, title):
    """The result of a task that must have failed (the callback records the status beside the result)."""
    (entry,) = [e for e in run.results if e["task"] == title]
    assert entry["status"] == "failed", (title, entry)
    return entry["result"]


def actions(emulator):
    return [entry["action"] for entry in emulator.log(VENDOR)]


def keys(emulator):
    return emulator.state()[VENDOR]["keys"]


def sdk_client(emulator):
    """The official SDK pointed at the emulator, to set up state the module would refuse to create."""
    profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=urlsplit(emulator.base_url).netloc))
    return apigateway_client.ApigatewayClient(
        credential.Credential(emulator.access_key, emulator.secret_key), "ap-guangzhou", profile)


def sdk_create(emulator, name):
    request = models.CreateApiKeyRequest()
    request.SecretName = name
    return sdk_client(emulator).CreateApiKey(request).Result.AccessKeyId


def test_lifecycle_auto_key(emulator, ansible):
    run = ansible.playbook([
        task("create (check)", {"name": "demo_key"}, check_mode=True),
        task("create", {"name": "demo_key"}),
        task("rerun", {"name": "demo_key"}),
        task("disable (check)", {"name": "demo_key", "enabled": False}, check_mode=True),
        task("disable", {"name": "demo_key", "enabled": False}),
        task("rerun disabled", {"name": "demo_key", "enabled": False}),
        task("enable", {"name": "demo_key", "enabled": True}),
        task("delete (check)", {"name": "demo_key", "state": "absent"}, check_mode=True),
        task("delete", {"name": "demo_key", "state": "absent"}),
        task("delete again", {"name": "demo_key", "state": "absent"}),
    ], env=emulator.env(VENDOR), diff=True)
    assert run.rc == 0, run
    # One list call per task; check mode never writes; an enabled key is disabled before deletion.
    assert actions(emulator) == [
        LIST,
        LIST, "CreateApiKey",
        LIST,
        LIST,
        LIST, "DisableApiKey",
        LIST,
        LIST, "EnableApiKey",
        LIST,
        LIST, "DisableApiKey", "DeleteApiKey",
        LIST,
    ]
    changed = dict((e["task"], e["result"]["changed"]) for e in run.results)
    assert changed == {"create (check)": True, "create": True, "rerun": False, "disable (check)": True,
                       "disable": True, "rerun disabled": False, "enable": True, "delete (check)": True,
                       "delete": True, "delete again": False}

    created = run.result("create")["api_key"]
    assert created["secret_name"] == "demo_key"
    assert created["access_key_id"].startswith("AKID")
    assert created["access_key_type"] == "auto" and created["status"] == 1 and created["enabled"] is True
    assert run.result("create (check)")["api_key"]["secret_name"] == "demo_key"
    assert run.result("rerun")["api_key"]["access_key_id"] == created["access_key_id"]
    assert len(run.result("create")["request_ids"]) == 2
    assert run.result("rerun")["request_ids"] == [emulator.log(VENDOR)[3]["request_id"]]
    for entry in run.results:
        assert "access_key_secret" not in entry["result"]["api_key"]

    disable = run.result("disable")
    assert disable["api_key"]["status"] == 0
    assert disable["diff"]["before"]["enabled"] is True and disable["diff"]["after"]["enabled"] is False
    assert run.result("disable (check)")["diff"]["after"]["enabled"] is False
    assert run.result("create (check)")["diff"]["before"] == {}
    assert run.result("delete")["api_key"] == {}
    assert run.result("delete")["diff"]["before"]["access_key_id"] == created["access_key_id"]
    assert run.result("delete")["diff"]["after"] == {}
    assert keys(emulator) == {}


def test_manual_key_rotation_and_immutable_fields(emulator, ansible):
    manual = {"name": "partner_key", "key_type": "manual", "access_key_id": "partner_key_0001"}
    # Secrets come from variables, as from a vault: Ansible prints the task source of a failed task.
    secrets = {"secret_1": SECRET_1, "secret_2": SECRET_2, "secret_3": SECRET_3}
    run = ansible.playbook([
        task("create", dict(manual, access_key_secret="{{ secret_1 }}", return_secrets=True)),
        task("rerun", dict(manual, access_key_secret="{{ secret_1 }}")),
        task("rotate", dict(manual, access_key_secret="{{ secret_2 }}")),
        task("other id", dict(manual, access_key_id="partner_key_0002", access_key_secret="{{ secret_2 }}"),
             ignore_errors=True),
        task("other type", {"name": "partner_key"}, ignore_errors=True),
        task("rotate and disable", dict(manual, access_key_secret="{{ secret_3 }}", enabled=False)),
        task("rotate while disabled", dict(manual, access_key_secret="{{ secret_1 }}"), ignore_errors=True),
        task("enable and rotate", dict(manual, access_key_secret="{{ secret_1 }}", enabled=True)),
    ], env=emulator.env(VENDOR), diff=True, play_vars=secrets)
    assert run.rc == 0, run
    assert actions(emulator) == [
        LIST, "CreateApiKey",
        LIST,
        LIST, "UpdateApiKey",
        LIST,
        LIST,
        LIST, "UpdateApiKey", "DisableApiKey",
        LIST, "UpdateApiKey",
        LIST, "EnableApiKey", "UpdateApiKey",
    ]
    created = run.result("create")["api_key"]
    assert created["access_key_id"] == "partner_key_0001" and created["access_key_type"] == "manual"
    # return_secrets returns the secret; Ansible itself masks a value equal to a no_log option.
    assert created["access_key_secret"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert run.result("rerun")["changed"] is False

    rotate = run.result("rotate")
    assert rotate["changed"] is True and "access_key_secret" not in rotate["api_key"]
    assert rotate["diff"]["before"]["access_key_secret"] == MASK
    assert rotate["diff"]["after"]["access_key_secret"] == MASK + " (new value)"

    other_id = failure(run, "other id")
    assert "access_key_id cannot be changed in place" in other_id["msg"]
    other_type = failure(run, "other type")
    assert "access_key_type cannot be changed in place" in other_type["msg"]

    # The vendor rotates only enabled keys: the module shows its error rather than enabling the key behind
    # the user's back; with enabled=true it enables first, then rotates.
    disabled = failure(run, "rotate while disabled")
    assert disabled["error"]["code"] == "UnsupportedOperation.UnsupportedUpdateApiKey"
    assert disabled["error"]["category"] == "conflict"

    key = keys(emulator)["partner_key_0001"]
    assert key["AccessKeySecret"] == SECRET_1 and key["Status"] == 1
    output = run.stdout + run.stderr
    for secret in (SECRET_2, SECRET_3):
        assert secret not in output


def test_names_match_exactly(emulator, ansible):
    names = ["Demo_key", "demo", "demo_2", "demo_2_x"]
    tasks = [task("create %s" % name, {"name": name}) for name in names]
    tasks += [task("rerun %s" % name, {"name": name}) for name in names]
    run = ansible.playbook(tasks, env=emulator.env(VENDOR))
    assert run.rc == 0, run
    # The emulator's SecretName filter matches substrings ("demo" finds "demo_2"): the module compares exactly.
    assert emulator.mutating_calls(VENDOR) == len(names)
    stored = sorted(key["SecretName"] for key in keys(emulator).values())
    assert stored == sorted(names)
    for name in names:
        assert run.result("create %s" % name)["api_key"]["secret_name"] == name
        rerun = run.result("rerun %s" % name)
        assert rerun["changed"] is False
        assert rerun["api_key"]["access_key_id"] == run.result("create %s" % name)["api_key"]["access_key_id"]


def test_duplicate_names_fail_listing_ids(emulator, ansible):
    ids = sorted([sdk_create(emulator, "dup_key"), sdk_create(emulator, "dup_key")])
    before = len(emulator.log(VENDOR))
    run = ansible.playbook([task("ensure", {"name": "dup_key"}, ignore_errors=True),
                            task("delete", {"name": "dup_key", "state": "absent"}, ignore_errors=True)],
                           env=emulator.env(VENDOR))
    for title in ("ensure", "delete"):
        result = failure(run, title)
        assert "found 2" in result["msg"]
        for key_id in ids:
            assert key_id in result["msg"]
    assert [e["action"] for e in emulator.log(VENDOR)[before:]] == [LIST, LIST]
    assert sorted(keys(emulator)) == ids


def test_select_by_id(emulator, ansible):
    key_id = sdk_create(emulator, "by_id_key")
    run = ansible.playbook([
        task("disable by id", {"id": key_id, "name": "by_id_key", "enabled": False}),
        task("rename by id", {"id": key_id, "name": "renamed_key"}, ignore_errors=True),
        task("delete by id", {"id": key_id, "name": "by_id_key", "state": "absent"}),
        task("delete by id again", {"id": key_id, "name": "by_id_key", "state": "absent"}),
    ], env=emulator.env(VENDOR))
    assert run.rc == 0, run
    assert run.result("disable by id")["changed"] and run.result("disable by id")["api_key"]["access_key_id"] == key_id
    rename = failure(run, "rename by id")
    assert "secret_name cannot be changed in place" in rename["msg"]
    # Already disabled: deleted without a second DisableApiKey.
    assert actions(emulator)[1:] == [LIST, "DisableApiKey", LIST, LIST, "DeleteApiKey", LIST]
    assert run.result("delete by id again")["changed"] is False
    assert keys(emulator) == {}


def test_bad_input_fails_before_any_call(emulator, ansible):
    cases = [
        ({"name": ""}, ["name: must not be empty"]),
        ({"name": "k" * 51}, ["name: must be at most 50 characters"]),
        ({"name": "bad\nname"}, ["name: may contain only ASCII letters, digits and underscores"]),
        ({"name": "测试_key"}, ["name: may contain only ASCII letters, digits and underscores"]),
        ({"name": "m", "key_type": "manual"},
         ["access_key_id: required with key_type=manual", "access_key_secret: required with key_type=manual"]),
        ({"name": "m", "key_type": "manual", "access_key_id": "ab", "access_key_secret": "Secret_Value_1"},
         ["access_key_id: must be 5 to 50 letters, digits or underscores (got 'ab')"]),
        ({"name": "m", "key_type": "manual", "access_key_id": "bad-id!x", "access_key_secret": "Secret_Value_1"},
         ["access_key_id: must be 5 to 50 letters, digits or underscores"]),
        ({"name": "m", "key_type": "manual", "access_key_id": "good_id", "access_key_secret": "short_sec"},
         ["access_key_secret: must be 10 to 50 letters, digits or underscores"]),
        ({"name": "m", "access_key_id": "good_id"}, ["access_key_id: only valid with key_type=manual"]),
        ({"name": "m", "key_type": "bogus"}, ["key_type"]),
        ({"name": "m", "region": ""}, ["region: required"]),
        ({"name": "m", "region": "Not A Region"}, ["region:"]),
        ({"name": "m", "endpoint": "ftp://127.0.0.1:1"}, ["endpoint:"]),
        ({"name": "m", "secret_key": ""}, ["missing credential secret_key"]),
        ({"name": "m", "timeout": 0}, ["timeout:"]),
    ]
    run = ansible.playbook([task("case %d" % i, case[0], ignore_errors=True) for i, case in enumerate(cases)],
                           env=emulator.env(VENDOR))
    for i, (args, expected) in enumerate(cases):
        result = failure(run, "case %d" % i)
        for text in expected:
            assert text in result["msg"], (args, result["msg"])
    # The secret is never echoed in a validation message.
    assert "short_sec" not in run.result("case 7")["msg"]
    assert emulator.calls(VENDOR) == 0


def test_vendor_errors_show_code_category_and_request_id(emulator, ansible):
    env = emulator.env(VENDOR)
    emulator.faults([
        {"vendor": VENDOR, "action": LIST, "kind": "throttle", "count": 5},
        {"vendor": VENDOR, "action": LIST, "kind": "server_error", "count": 5},
        {"vendor": VENDOR, "action": LIST, "kind": "clock_skew", "count": 1},
    ])
    manual = {"key_type": "manual", "access_key_id": "taken_key_id", "access_key_secret": SECRET_1}
    run = ansible.playbook([
        task("throttled", {"name": "k"}, ignore_errors=True),
        task("server", {"name": "k"}, ignore_errors=True),
        task("clock", {"name": "k"}, ignore_errors=True),
        task("wrong secret key", {"name": "k", "secret_key": "WrongSecretKey000000000000000000000000"},
             ignore_errors=True),
        task("unknown secret id", {"name": "k", "secret_id": "AKIDunknown00000000000"}, ignore_errors=True),
        task("first manual", dict(manual, name="owner_key")),
        task("conflict", dict(manual, name="other_key"), ignore_errors=True),
    ], env=env)
    expected = {
        "throttled": ("RequestLimitExceeded", "throttled", 5),
        "server": ("InternalError", "server", 5),
        "clock": ("AuthFailure.SignatureExpire", "signature", 1),
        "wrong secret key": ("AuthFailure.SignatureFailure", "signature", 1),
        "unknown secret id": ("AuthFailure.SecretIdNotFound", "auth", 1),
        "conflict": ("FailedOperation.AccessKeyExist", "conflict", 2),
    }
    for title, (code, category, calls) in expected.items():
        result = failure(run, title)
        error = result["error"]
        assert (error["code"], error["category"]) == (code, category), (title, error)
        assert error["request_id"] and error["request_id"] in result["msg"], title
        assert code in result["msg"] and "category: %s" % category in result["msg"], title
        assert "Traceback" not in result["msg"]
        assert len(result["request_ids"]) == calls, (title, result["request_ids"])
    # Reads are retried while throttled or failing (5 attempts); signature errors are not retried;
    # a rejected create is not retried either.
    assert actions(emulator) == [LIST] * 13 + [LIST, "CreateApiKey", LIST, "CreateApiKey"]
    assert list(keys(emulator)) == ["taken_key_id"]


def test_lost_create_answer_leaves_one_key(emulator, ansible):
    emulator.faults([{"vendor": VENDOR, "action": "CreateApiKey", "kind": "drop_after", "count": 1}])
    run = ansible.playbook([task("create", {"name": "dropped_key"}), task("rerun", {"name": "dropped_key"})],
                           env=emulator.env(VENDOR))
    assert run.rc == 0, run
    created = run.result("create")
    assert created["changed"] is True
    assert any("answer to the create call was lost" in w for w in created.get("warnings", []))
    # Create once, then look instead of creating again.
    assert actions(emulator) == [LIST, "CreateApiKey", LIST, LIST]
    assert len(keys(emulator)) == 1
    assert created["api_key"]["access_key_id"] in keys(emulator)
    assert run.result("rerun")["changed"] is False


def test_verbose_output_contains_no_secret(emulator, ansible):
    token = "TemporaryToken_0123456789abcdef"
    creds = {"secret_id": emulator.access_key, "secret_key": emulator.secret_key, "security_token": token,
             "region": "ap-guangzhou", "endpoint": emulator.base_url}
    manual = dict(creds, name="quiet_key", key_type="manual", access_key_id="quiet_key_id")
    run = ansible.playbook([
        task("auto", dict(creds, name="loud_key", return_secrets=True), no_log=True),
        task("manual", dict(manual, access_key_secret=SECRET_1)),
        task("rotate", dict(manual, access_key_secret=SECRET_2, enabled=False)),
        task("delete", dict(manual, state="absent")),
    ], extra_args=["-vvv"], diff=True)
    assert run.rc == 0, run
    (auto_key,) = keys(emulator).values()  # the manual key is gone; the auto key's secret is in the state
    output = run.stdout + run.stderr
    assert "quiet_key_id" in output  # key ids are not secrets and stay readable
    for secret in (emulator.secret_key, token, SECRET_1, SECRET_2, auto_key["AccessKeySecret"]):
        assert secret not in output


def test_module_defaults_groups_and_adhoc(emulator, ansible):
    defaults = {"secret_id": emulator.access_key, "secret_key": emulator.secret_key, "region": "ap-guangzhou",
                "endpoint": emulator.base_url}
    run = ansible.playbook([
        {"name": "vendor group", "module_defaults": {"group/cloudapps.provision.tencentcloud": defaults},
         "block": [task("create", {"name": "grouped_key"})]},
        {"name": "collection group", "module_defaults": {"group/cloudapps.provision.cloudapps": defaults},
         "block": [task("rerun", {"name": "grouped_key"})]},
    ])
    assert run.rc == 0, run
    assert run.result("create")["changed"] is True
    assert run.result("rerun")["changed"] is False

    adhoc = ansible.adhoc(MODULE, "name=adhoc_key enabled=false", env=emulator.env(VENDOR))
    assert adhoc.rc == 0, adhoc
    assert "CHANGED" in adhoc.stdout
    statuses = dict((key["SecretName"], key["Status"]) for key in keys(emulator).values())
    assert statuses == {"grouped_key": 1, "adhoc_key": 0}


def test_deprecation_warning_printed_once(emulator, ansible):
    # meta/runtime.yml deprecates the module: ansible-core warns when it resolves it, once per run
    # however many tasks use it.
    env = emulator.env("tencent")
    tasks = [{"name": "first", MODULE: {"name": "deprecated_a"}}, {"name": "second", MODULE: {"name": "deprecated_b"}}]
    run = ansible.playbook(tasks, env=env)
    assert run.rc == 0, run
    output = run.stdout + run.stderr
    assert output.count("switched off in batches") == 1, run
    assert "tencentcloud_apigateway_api_key" in output and "1.0.0" in output, run


def test_rotate_secret_of_an_auto_key(emulator, ansible):
    run = ansible.playbook([
        task("create", {"name": "rotate_key"}),
        task("check rotate", {"name": "rotate_key", "rotate_secret": True}, check_mode=True),
        task("rotate", {"name": "rotate_key", "rotate_secret": True, "return_secrets": True}, diff=True),
        task("rotate and disable", {"name": "rotate_key", "rotate_secret": True, "enabled": False}),
        task("rotate disabled", {"name": "rotate_key", "rotate_secret": True}, ignore_errors=True),
        task("rotate manual", {"name": "manual_rot", "key_type": "manual", "access_key_id": "manual_rot_01",
                               "access_key_secret": SECRET_1, "rotate_secret": True}, ignore_errors=True),
    ], env=emulator.env(VENDOR), diff=True)
    assert "Traceback" not in run.stdout + run.stderr
    log = emulator.log(VENDOR)
    assert [e["action"] for e in log if e["mutating"]] == ["CreateApiKey", "UpdateApiKey", "UpdateApiKey",
                                                           "DisableApiKey"]
    check = run.result("check rotate")
    assert (check["changed"], check["action"], check["changed_fields"]) == (True, "update", ["access_key_secret"])
    rotated = run.result("rotate")
    assert (rotated["changed"], rotated["action"]) == (True, "update")
    (key,) = keys(emulator).values()
    created_secret = run.result("create")["api_key"].get("access_key_secret")
    assert created_secret is None  # not returned without return_secrets
    assert rotated["api_key"]["access_key_secret"] not in (None, "")
    assert rotated["diff"]["after"]["access_key_secret"].startswith(MASK)
    # The rotation before disabling gave yet another secret; the key ends disabled.
    assert key["AccessKeySecret"] != rotated["api_key"]["access_key_secret"] and key["Status"] == 0
    assert "rotates only enabled keys" in failure(run, "rotate disabled")["msg"]
    assert "rotate_secret: cannot be combined with access_key_secret" in failure(run, "rotate manual")["msg"]
    for value in (key["AccessKeySecret"], SECRET_1):
        assert value not in run.stdout.replace(rotated["api_key"]["access_key_secret"], "")


def test_a_switched_off_service_is_named_in_the_error(emulator, ansible):
    emulator.faults([{"vendor": VENDOR, "action": "*", "kind": "gone", "count": -1}])
    run = ansible.playbook([task("gone", {"name": "gone_key"}, ignore_errors=True)], env=emulator.env(VENDOR))
    result = failure(run, "gone")
    assert result["error"]["code"] == "InvalidAction"
    assert "switched off in batches since 2026-10-30" in result["msg"]
    # The hint fits the explanation: not the generic one of the invalid_parameter category.
    assert "Hint: if Tencent has switched off your account's batch" in result["msg"]
    assert "the vendor rejected a parameter value" not in result["msg"]
    assert emulator.mutating_calls(VENDOR) == 0
