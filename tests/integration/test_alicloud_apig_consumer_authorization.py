# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cloudapps.provision.alicloud_apig_consumer_authorization through ansible-playbook against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

MODULE = "cloudapps.provision.alicloud_apig_consumer_authorization"
CONSUMER = {"name": "consumer", "cloudapps.provision.alicloud_apig_consumer": {"name": "ruled"}}
ENV = "env-cti17hem1hktoruj98ug"
R1, R2, UNDEPLOYED = "hr-cloudapps000000000001", "hr-cloudapps000000000002", "hr-cloudapps000000000003"


def _task(title, args, **extra):
    task = {"name": title, MODULE: dict({"consumer": "ruled", "environment_id": ENV}, **args), "register": "r"}
    task.update(extra)
    return task


def _calls(emulator, result):
    ids = set(result.get("request_ids") or [])
    return [e["action"] for e in emulator.log("apig") if e["request_id"] in ids]


def _failed(run, task_name):
    entry = next(e for e in run.results if e["task"] == task_name)
    assert entry["status"] == "failed", (task_name, entry)
    return entry["result"]


def _rules(emulator):
    return sorted(r["resourceId"] for r in emulator.state()["apig"]["rules"].values())


def test_authorize_rerun_purge_remove_and_errors(emulator, ansible):
    tasks = [
        _task("no such consumer", {"resource_ids": [R1]}, ignore_errors=True),
        CONSUMER,
        _task("check", {"resource_ids": [R1, R2]}, check_mode=True),
        _task("authorize", {"resource_ids": [R1, R2]}),
        _task("rerun", {"resource_ids": [R2, R1]}),
        _task("purge", {"resource_ids": [R2], "purge": True}),
        _task("undeployed route", {"resource_ids": [UNDEPLOYED]}, ignore_errors=True),
        _task("unknown environment", {"resource_ids": [R1], "environment_id": "env-nope"}, ignore_errors=True),
        _task("remove all", {"state": "absent"}),
        _task("remove all again", {"state": "absent"}),
    ]
    run = ansible.playbook(tasks, env=emulator.env("apig"), diff=True)
    failed = _failed(run, "no such consumer")
    assert "consumer: no Alibaba Cloud APIG consumer named 'ruled'" in failed["msg"]
    assert _calls(emulator, failed) == ["ListConsumers"]
    check = run.result("check")
    assert check["changed"] and check["added"] == [R1, R2] and "CreateConsumerAuthorizationRules" not in _calls(emulator, check)
    done = run.result("authorize")
    assert _calls(emulator, done) == ["ListConsumers", "QueryConsumerAuthorizationRules", "CreateConsumerAuthorizationRules"]
    assert [a["resource_id"] for a in done["authorized"]] == [R1, R2] and done["diff"]["after"] == {"resource_ids": [R1, R2]}
    rerun = run.result("rerun")
    assert rerun["changed"] is False and _calls(emulator, rerun) == ["ListConsumers", "QueryConsumerAuthorizationRules"]
    assert run.result("purge")["removed"] == [R1]
    failed = _failed(run, "undeployed route")
    assert failed["error"]["code"] == "InvalidParameter" and failed["not_added"] == [UNDEPLOYED]
    assert failed["error"]["request_id"] in failed["msg"]
    assert _failed(run, "unknown environment")["error"]["code"] == "NotFound.Environment"
    assert run.result("remove all")["removed"] == [R2] and run.result("remove all again")["changed"] is False
    assert _rules(emulator) == []


def test_lost_answers_are_retried_without_duplicates(emulator, ansible):
    emulator.faults([{"vendor": "apig", "action": "CreateConsumerAuthorizationRules", "kind": "drop_after", "count": 1},
                     {"vendor": "apig", "action": "DeleteConsumerAuthorizationRule", "kind": "drop_after", "count": 1}])
    tasks = [CONSUMER, _task("authorize", {"resource_ids": [R1, R2]}), _task("remove", {"resource_ids": [R1], "state": "absent"})]
    run = ansible.playbook(tasks, env=emulator.env("apig"))
    assert run.rc == 0, run
    actions = [e["action"] for e in emulator.log("apig")]
    assert actions.count("CreateConsumerAuthorizationRules") == 2 and actions.count("DeleteConsumerAuthorizationRule") == 2
    assert _rules(emulator) == [R2]


def test_paging_add_without_purge_and_an_unknown_route(emulator, ansible):
    emulator.seed("apig", 120, "bulk", kind="route")
    routes = ["hr-bulk%04d" % n for n in range(120)]
    tasks = [CONSUMER, _task("authorize 120", {"resource_ids": routes}), _task("rerun 120", {"resource_ids": routes}),
             _task("add one without purge", {"resource_ids": [R1]}),
             _task("unknown route", {"resource_ids": ["hr-nope"]}, ignore_errors=True)]
    run = ansible.playbook(tasks, env=emulator.env("apig"))
    assert len(_rules(emulator)) == 121
    rerun = run.result("rerun 120")
    assert rerun["changed"] is False
    assert _calls(emulator, rerun) == ["ListConsumers", "QueryConsumerAuthorizationRules", "QueryConsumerAuthorizationRules"]
    added = run.result("add one without purge")
    assert added["added"] == [R1] and added["removed"] == [] and len(added["authorized"]) == 121
    assert _failed(run, "unknown route")["error"]["code"] == "NotFound.Resource"
