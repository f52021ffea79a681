# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cloudapps.provision.alicloud_apig_consumer through ansible-playbook against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

MODULE = "cloudapps.provision.alicloud_apig_consumer"
ITEM_SECRET = "GivenApiKey_0001"
OLD_SECRET = "6f1c2e9f1b7a4d0e9c3b8a7d6e5f4c3b"


def _task(title, args, **extra):
    task = {"name": title, MODULE: args, "register": "r"}
    task.update(extra)
    return task


def _calls(emulator, result):
    ids = set(result.get("request_ids") or [])
    return [e for e in emulator.log("apig") if e["request_id"] in ids]


def _writes(entries):
    return [e["action"] for e in entries if e["mutating"]]


def _failed(run, task_name):
    entry = next(e for e in run.results if e["task"] == task_name)
    assert entry["status"] == "failed", (task_name, entry)
    return entry["result"]


def _consumers(emulator):
    return list(emulator.state()["apig"]["consumers"].values())


def test_lifecycle(emulator, ansible):
    header_key = {"source": "header", "field": "X-API-Key"}
    tasks = [
        _task("check create", {"name": "partner-a", "description": "first", "api_key": header_key}, check_mode=True),
        _task("create", {"name": "partner-a", "description": "first", "api_key": header_key}),
        _task("rerun", {"name": "partner-a", "description": "first", "api_key": header_key}),
        _task("rerun without credentials", {"name": "partner-a"}),
        _task("check update", {"name": "partner-a", "description": "second", "enabled": False}, check_mode=True),
        _task("update", {"name": "partner-a", "description": "second", "enabled": False}),
        _task("add a given pair", {"name": "partner-a", "ak_sk": [{"access_key": "204128731", "secret_key": OLD_SECRET}]}),
        _task("pair again", {"name": "partner-a", "ak_sk": [{"access_key": "204128731", "secret_key": OLD_SECRET}]}),
        _task("read secrets", {"name": "partner-a", "return_secrets": True}),
        _task("rotate", {"name": "partner-a", "rotate_secret": True, "return_secrets": True}),
        _task("gateway type is immutable", {"name": "partner-a", "id": "{{ r.consumer.consumer_id }}", "gateway_type": "AI"}),
        _task("check delete", {"name": "partner-a", "state": "absent"}, check_mode=True),
        _task("delete", {"name": "partner-a", "state": "absent"}),
        _task("delete again", {"name": "partner-a", "state": "absent"}),
    ]
    # The immutable-field task fails: let the play go on to the deletion.
    tasks[10]["ignore_errors"] = True
    run = ansible.playbook(tasks, env=emulator.env("apig"), diff=True)
    assert run.rc == 0, run

    check = run.result("check create")
    assert check["changed"] and check["action"] == "create" and _writes(_calls(emulator, check)) == []
    created = run.result("create")
    assert created["changed"] and created["consumer"]["consumer_id"].startswith("cs-")
    assert created["consumer"]["api_key"] == {"source": "header", "field": "X-API-Key", "keys": [{"generated": True}]}
    assert _writes(_calls(emulator, created)) == ["CreateConsumer"]
    assert [e["action"] for e in _calls(emulator, run.result("rerun"))] == ["ListConsumers", "GetConsumer"]
    assert run.result("rerun")["changed"] is False
    assert [e["action"] for e in _calls(emulator, run.result("rerun without credentials"))] == ["ListConsumers"]
    assert run.result("check update")["changed"] and run.result("check update")["changed_fields"] == ["description", "enabled"]
    assert _writes(_calls(emulator, run.result("check update"))) == []
    assert _writes(_calls(emulator, run.result("update"))) == ["UpdateConsumer"]
    assert run.result("pair again")["changed"] is False
    secrets = run.result("read secrets")["consumer"]
    generated = secrets["api_key"]["keys"][0]["value"]
    assert secrets["ak_sk"] == [{"generated": False, "access_key": "204128731", "secret_key": OLD_SECRET}]
    rotated = run.result("rotate")
    assert rotated["changed"] and rotated["changed_fields"] == ["api_key"]
    # A new generated key after the previous one, which stays through previous_secret_grace.
    assert [key["value"] for key in rotated["consumer"]["api_key"]["keys"]][0] == generated
    assert rotated["consumer"]["api_key"]["keys"][-1]["value"] not in (generated, None)
    # The given pair is the user's: rotation leaves it.
    assert rotated["consumer"]["ak_sk"] == secrets["ak_sk"]
    failed = _failed(run, "gateway type is immutable")
    assert "gateway_type cannot be changed in place" in failed["msg"]
    assert run.result("check delete")["changed"] and len(_consumers(emulator)) == 0
    assert run.result("delete")["changed"] and run.result("delete again")["changed"] is False
    # Secret values never reach the output when not asked for, diff included.
    for task in ("create", "rerun", "update", "add a given pair"):
        assert OLD_SECRET not in str(run.result(task)) and generated not in str(run.result(task))
    # Nor does the play's output (the tasks that return them are not printed without -v; diffs are masked).
    for value in (OLD_SECRET, generated, rotated["consumer"]["api_key"]["keys"][-1]["value"]):
        assert value not in run.stdout and value not in run.stderr


def test_lost_create_answer_makes_exactly_one_consumer(emulator, ansible):
    # The answer to the create is lost after the gateway created it; the retry carries the same
    # clientToken, so the gateway answers with the first consumer.
    emulator.faults([{"vendor": "apig", "action": "CreateConsumer", "kind": "drop_after", "count": 1}])
    run = ansible.playbook([_task("create", {"name": "once", "ak_sk": [{}]})], env=emulator.env("apig"))
    assert run.rc == 0, run
    creates = [e for e in emulator.log("apig") if e["action"] == "CreateConsumer"]
    assert len(creates) == 2 and creates[0].get("fault") == "drop_after"
    assert len(_consumers(emulator)) == 1
    assert run.result("create")["consumer"]["consumer_id"] == _consumers(emulator)[0]["consumerId"]
    # Throttled, then a server error: retried, still one consumer.
    emulator.faults([{"vendor": "apig", "action": "CreateConsumer", "kind": "throttle", "count": 1},
                     {"vendor": "apig", "action": "CreateConsumer", "kind": "server_error", "count": 1}])
    run = ansible.playbook([_task("create two", {"name": "twice"})], env=emulator.env("apig"))
    assert run.rc == 0, run
    assert sorted(c["name"] for c in _consumers(emulator)) == ["once", "twice"]


def test_check_mode_dry_run_and_zero_writes(emulator, ansible):
    # A consumer that holds a key already: only the gateway knows, so only a dry run can refuse it.
    held = "HeldKeyValue_0001"
    run = ansible.playbook([_task("holder", {"name": "holder", "api_key": {"keys": [held]}})], env=emulator.env("apig"))
    assert run.rc == 0, run
    before = len(emulator.log("apig"))
    tasks = [
        _task("plain check", {"name": "planned"}),
        # From a variable, as from a vault: a failing task's source lines are printed by Ansible itself.
        _task("dry run accepted", {"name": "planned", "dry_run": True, "api_key": {"keys": ["{{ given_key }}"]}}),
        _task("dry run refused", {"name": "taker", "dry_run": True, "api_key": {"keys": ["{{ held_key }}"]}},
              ignore_errors=True),
    ]
    run = ansible.playbook(tasks, env=emulator.env("apig"), check=True,
                           play_vars={"given_key": ITEM_SECRET, "held_key": held})
    # The dry runs are CreateConsumer calls with dryRun=true: read-only, as the gateway promises.
    log = emulator.log("apig")[before:]
    assert len([e for e in log if e["action"] == "CreateConsumer"]) == 2
    assert not any(e["mutating"] for e in log) and [c["name"] for c in _consumers(emulator)] == ["holder"]
    assert [e["action"] for e in _calls(emulator, run.result("plain check"))] == ["ListConsumers"]
    accepted = run.result("dry run accepted")
    assert accepted["dry_run"]["accepted"] is True and accepted["changed"]
    refused = _failed(run, "dry run refused")
    assert refused["error"]["code"] == "Conflict.Credential" and refused["error"]["request_id"]
    assert ITEM_SECRET not in run.stdout and held not in run.stdout


def test_secrets_absent_at_vvv_and_bad_input_before_any_call(emulator, ansible):
    tasks = [
        _task("given key", {"name": "vvv-consumer", "api_key": {"source": "query", "field": "apikey", "keys": [ITEM_SECRET]},
                            "ak_sk": [{}]}),
        _task("items", {"items": [{"name": "item-one", "ak_sk": [{"access_key": "itemaccess01", "secret_key": "ItemSecretValue_01"}]},
                                  {"name": "item-two"}]}),
    ]
    run = ansible.playbook(tasks, env=emulator.env("apig"), extra_args=["-vvv"], diff=True)
    assert run.rc == 0, run
    secrets = emulator.secrets()
    assert ITEM_SECRET in secrets and "ItemSecretValue_01" in secrets and len(secrets) == 3
    for value in secrets:
        assert value not in run.stdout and value not in run.stderr, value
    assert "itemaccess01" in run.stdout  # an AccessKey is an identifier, shown
    emulator.reset()
    bad = [
        _task("jwt", {"name": "x", "jwt": {"type": "Jwt"}}, ignore_errors=True),
        _task("field missing", {"name": "x", "api_key": {"source": "header"}}, ignore_errors=True),
        _task("half a pair", {"name": "x", "ak_sk": [{"access_key": "only_the_ak"}]}, ignore_errors=True),
        _task("rotate with own key", {"name": "x", "api_key": {"keys": ["abcdefgh12"]}, "rotate_secret": True}, ignore_errors=True),
        _task("name with a slash", {"name": "team/partner"}, ignore_errors=True),
        _task("name starting with a dash", {"name": "-partner"}, ignore_errors=True),
        _task("name too long", {"name": "p" * 65}, ignore_errors=True),
        _task("long description", {"name": "x", "description": "d" * 256}, ignore_errors=True),
        _task("key with a dot", {"name": "x", "api_key": {"keys": ["Key.Value.0001"]}}, ignore_errors=True),
    ]
    run = ansible.playbook(bad, env=emulator.env("apig"))
    assert "jwt: JWT credentials are not supported" in _failed(run, "jwt")["msg"]
    assert "api_key.field: required with source header" in _failed(run, "field missing")["msg"]
    assert "ak_sk[0]: give access_key and secret_key together" in _failed(run, "half a pair")["msg"]
    assert "rotate_secret: cannot be combined with api_key.keys" in _failed(run, "rotate with own key")["msg"]
    rule = "name: must be 1 to 64 letters, digits, Chinese characters, '_', '-' or '.', starting with"
    for label in ("name with a slash", "name starting with a dash", "name too long"):
        assert rule in _failed(run, label)["msg"], label
    assert "description: must be at most 255 characters" in _failed(run, "long description")["msg"]
    assert "api_key.keys: each key must be 8 to 128 letters, digits, '_' or '-'" in _failed(run, "key with a dot")["msg"]
    assert "Key.Value.0001" not in run.stdout
    assert emulator.calls("apig") == 0


def test_role_reconciles_consumers_and_records_them(emulator, ansible, tmp_path):
    results_file = str(tmp_path / "results.json")
    tasks = [
        {"ansible.builtin.import_role": {"name": "cloudapps.provision.cloud_apps"}},
        {"name": "Save", "ansible.builtin.copy": {"content": "{{ cloud_apps_results | to_json }}", "dest": results_file,
                                                  "mode": "0600"},
         "no_log": True, "check_mode": False, "changed_when": False, "tags": ["always"]},
    ]
    play_vars = {"cloud_apps_alicloud_apig_consumers": [
        {"name": "role-consumer", "api_key": {"source": "header", "field": "X-Key"}},
        {"name": "role-pair", "ak_sk": [{"access_key": "roleaccess01", "secret_key": "{{ pair_secret }}"}]},
    ], "pair_secret": "RolePairSecret_01"}
    env = emulator.env("apig")
    for check, expected in ((True, True), (False, True), (False, False)):
        run = ansible.playbook(tasks, env=env, play_vars=play_vars, check=check, extra_args=["--tags", "alicloud_apig"])
        assert run.rc == 0, run
        with open(results_file) as handle:
            results = json.load(handle)
        assert sorted(results["alicloud_apig"]) == ["role-consumer", "role-pair"]
        assert all(entry["changed"] is expected for entry in results["alicloud_apig"].values()), results
        assert "RolePairSecret_01" not in run.stdout
    assert sorted(c["name"] for c in _consumers(emulator)) == ["role-consumer", "role-pair"]
    assert set(e["vendor"] for e in emulator.log()) == {"apig"}
