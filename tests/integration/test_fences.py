# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fences on an identity: the Huawei app access list (acl)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from .conftest import HUAWEI_GATEWAY, HUAWEI_INSTANCE

HUAWEI = "cloudapps.provision.huaweicloud_apig_app"
PERMIT = {"type": "PERMIT", "values": ["192.0.2.10", "198.51.100.0/24", "203.0.113.1-203.0.113.9"]}


def task(title, name="fenced_app", **options):
    return {"name": title, HUAWEI: dict({"name": name, "instance_id": HUAWEI_INSTANCE}, **options), "register": "r"}


def writes(emulator, result):
    ids = set(result.get("request_ids") or [])
    return [e["action"] for e in emulator.log("huawei") if e["request_id"] in ids and e["mutating"]]


def acl_of(emulator, name="fenced_app"):
    (app,) = [a for a in emulator.state()["huawei"]["gateways"][HUAWEI_GATEWAY].values() if a["name"] == name]
    return app.get("app_acl")


def test_an_access_list_is_set_with_the_app_kept_and_removed(emulator, ansible):
    env = emulator.env("huawei")
    reordered = dict(PERMIT, values=list(reversed(PERMIT["values"])))
    run = ansible.playbook([task("create", acl=PERMIT), task("same in another order", acl=reordered),
                            dict(task("check deny", acl={"type": "DENY", "values": ["192.0.2.10"]}), check_mode=True),
                            task("deny", acl={"type": "DENY", "values": ["192.0.2.10"]}),
                            task("untouched"), task("remove", acl={}), task("removed", acl={})],
                           env=env, diff=True)
    assert run.rc == 0, run
    created = run.result("create")
    assert created["action"] == "create" and writes(emulator, created) == ["CreateApp", "UpdateAppAcl"]
    assert created["app"]["acl"] == PERMIT and "acl" in created["changed_fields"]
    assert not run.result("same in another order")["changed"]
    assert writes(emulator, run.result("same in another order")) == []
    planned = run.result("check deny")
    assert planned["changed_fields"] == ["acl"] and writes(emulator, planned) == []
    deny = run.result("deny")
    assert deny["changed_fields"] == ["acl"] and deny["diff"]["before"]["acl"] == PERMIT
    assert deny["diff"]["after"]["acl"] == {"type": "DENY", "values": ["192.0.2.10"]}
    assert not run.result("untouched")["changed"] and writes(emulator, run.result("untouched")) == []
    assert writes(emulator, run.result("remove")) == ["DeleteAppAcl"] and acl_of(emulator) is None
    assert not run.result("removed")["changed"]


def test_a_batch_sets_every_list_in_one_task(emulator, ansible):
    items = [{"name": "fenced_%02d" % n, "acl": {"type": "PERMIT", "values": ["10.0.%d.0/24" % n]}} for n in range(5)]
    run = ansible.playbook([{"name": "batch", HUAWEI: {"items": items, "instance_id": HUAWEI_INSTANCE}, "register": "r"}],
                           env=emulator.env("huawei"))
    assert run.rc == 0, run
    for n in range(5):
        assert acl_of(emulator, "fenced_%02d" % n) == {"app_acl_type": "PERMIT", "app_acl_values": ["10.0.%d.0/24" % n]}
    rerun = ansible.playbook([{"name": "batch", HUAWEI: {"items": items, "instance_id": HUAWEI_INSTANCE},
                               "register": "r"}], env=emulator.env("huawei"))
    assert not rerun.result("batch")["changed"] and emulator.mutating_calls() == 10


@pytest.mark.parametrize("acl, rule", [
    ({"type": "PERMIT", "values": ["10.0.0.1/8"]}, "'10.0.0.1/8' is not an IP address, a CIDR block"),
    ({"type": "PERMIT", "values": ["10.0.0.9-10.0.0.1"]}, "a range a-b with a <= b"),
    ({"values": ["10.0.0.1"]}, "acl.type: PERMIT (only these addresses may call)"),
    ({"type": "DENY", "values": []}, "acl.values: give at least one address"),
    ({"type": "DENY", "values": ["10.0.0.1", "10.0.0.1"]}, "an address is given twice"),
])
def test_a_bad_access_list_fails_before_any_call(acl, rule, emulator, ansible):
    run = ansible.playbook([dict(task("bad", acl=acl), ignore_errors=True)], env=emulator.env("huawei"))
    assert rule in run.result("bad")["msg"] and emulator.calls() == 0
