# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""huaweicloud_apig_app_quota: app quotas of a dedicated gateway, and apps bound to them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from .conftest import HUAWEI_GATEWAY, HUAWEI_INSTANCE

QUOTA = "cloudapps.provision.huaweicloud_apig_app_quota"
APP = "cloudapps.provision.huaweicloud_apig_app"


def task(title, module=QUOTA, **options):
    return {"name": title, module: dict({"instance_id": HUAWEI_INSTANCE}, **options), "register": "r"}


def quotas(emulator):
    return emulator.state()["huawei"].get("quotas", {}).get(HUAWEI_GATEWAY, {})


def writes(emulator, result):
    ids = set(result.get("request_ids") or [])
    return [e["action"] for e in emulator.log("huawei") if e["request_id"] in ids and e["mutating"]]


def test_quota_lifecycle(emulator, ansible):
    spec = dict(name="partner_quota", call_limits=1000, time_unit="MINUTE", time_interval=1, description="partners")
    raised = dict(spec)
    raised["call_limits"] = 2000
    run = ansible.playbook([
        dict(task("check create", **spec), check_mode=True), task("create", **spec), task("again", **spec),
        task("raise", **raised), task("delete", name="partner_quota", state="absent"),
        task("delete again", name="partner_quota", state="absent"),
    ], env=emulator.env("huawei"), diff=True, extra_args=["-v"])
    assert run.rc == 0, run
    planned = run.result("check create")
    assert planned["action"] == "create" and writes(emulator, planned) == []
    assert run.result("create")["action"] == "create" and run.result("create")["quota"]["app_quota_id"]
    assert not run.result("again")["changed"] and writes(emulator, run.result("again")) == []
    raised = run.result("raise")
    assert raised["changed_fields"] == ["call_limits"] and writes(emulator, raised) == ["UpdateAppQuota"]
    assert raised["diff"]["before"]["call_limits"] == 1000 and raised["diff"]["after"]["call_limits"] == 2000
    assert run.result("delete")["action"] == "delete" and quotas(emulator) == {}
    assert not run.result("delete again")["changed"]


def test_an_app_is_bound_moved_and_unbound(emulator, ansible):
    env = emulator.env("huawei")
    spec = dict(call_limits=10, time_unit="SECOND", time_interval=1)
    run = ansible.playbook([
        task("quotas", items=[dict(spec, name="gold_quota"), dict(spec, name="silver_quota")]),
        task("app bound", module=APP, name="bound_app", quota="gold_quota"),
        task("again", module=APP, name="bound_app", quota="gold_quota"),
        task("moved", module=APP, name="bound_app", quota="silver_quota"),
        task("unbound", module=APP, name="bound_app", quota=""),
    ], env=env, diff=True)
    assert run.rc == 0, run
    bound = run.result("app bound")
    assert bound["app"]["quota"] == "gold_quota" and writes(emulator, bound) == ["CreateApp", "AssociateAppsForAppQuota"]
    assert not run.result("again")["changed"]
    moved = run.result("moved")
    assert moved["changed_fields"] == ["quota"]
    assert writes(emulator, moved) == ["DisassociateAppQuotaWithApp", "AssociateAppsForAppQuota"]
    assert writes(emulator, run.result("unbound")) == ["DisassociateAppQuotaWithApp"]
    assert all(not quota["apps"] for quota in quotas(emulator).values())


@pytest.mark.parametrize("options, rule", [
    ({"name": "x"}, "name: must be 3 to 255"),
    ({"name": "no_limits"}, "call_limits, time_unit, time_interval: required to create"),
    ({"name": "zero_quota", "call_limits": 0, "time_unit": "DAY", "time_interval": 1}, "call_limits: must be at least 1"),
])
def test_bad_quota_input_fails_before_any_write(options, rule, emulator, ansible):
    run = ansible.playbook([dict(task("bad", **options), ignore_errors=True)], env=emulator.env("huawei"))
    assert rule in run.result("bad")["msg"] and emulator.mutating_calls() == 0


def test_an_unknown_quota_fails_the_app_before_any_write(emulator, ansible):
    run = ansible.playbook([dict(task("app", module=APP, name="lonely_app", quota="no_such_quota"), ignore_errors=True)],
                           env=emulator.env("huawei"))
    assert "quota: no app quota named or with id 'no_such_quota'" in run.result("app")["msg"]
    assert emulator.mutating_calls() == 0


def test_the_role_makes_quotas_before_the_apps_that_bind_them(emulator, ansible):
    play_vars = {
        "cloud_apps_huaweicloud_instance_id": HUAWEI_INSTANCE,
        "cloud_apps_huaweicloud_apig_app_quotas": [
            {"name": "role_quota", "call_limits": 100, "time_unit": "MINUTE", "time_interval": 1}],
        "cloud_apps_huaweicloud_apig_apps": [{"name": "role_bound_app", "quota": "role_quota"}],
    }
    tasks = [{"ansible.builtin.import_role": {"name": "cloudapps.provision.cloud_apps"}},
             {"name": "report", "ansible.builtin.debug": {
                 "msg": "{{ cloud_apps_results | cloudapps.provision.plan_report(cloud_apps_failures) }}"}}]
    env = emulator.env("huawei")
    run = ansible.playbook(tasks, env=env, play_vars=play_vars)
    assert run.rc == 0, run
    lines = run.result("report")["msg"]
    assert any(line.split()[:3] == ["huaweicloud_quotas", "role_quota", "create"] for line in lines), lines
    assert any(line.split()[:3] == ["huaweicloud", "role_bound_app", "create"] for line in lines), lines
    (quota,) = quotas(emulator).values()
    assert list(quota["apps"]) and quota["name"] == "role_quota"
    writes_before = emulator.mutating_calls()
    again = ansible.playbook(tasks, env=env, play_vars=play_vars)
    assert again.rc == 0 and emulator.mutating_calls() == writes_before


def test_throttled_or_lost_fence_writes_end_right_and_a_bind_is_never_repeated(emulator, ansible):
    env = emulator.env("huawei")
    spec = dict(call_limits=10, time_unit="SECOND", time_interval=1)
    acl = {"type": "PERMIT", "values": ["192.0.2.10"]}
    assert ansible.playbook([task("quota", name="gold_quota", **spec)], env=env).rc == 0
    emulator.faults([{"vendor": "huawei", "action": action, "kind": "throttle", "count": 1}
                     for action in ("AssociateAppsForAppQuota", "UpdateAppAcl")])
    run = ansible.playbook([task("throttled", module=APP, name="fenced_app", quota="gold_quota", acl=acl)], env=env)
    assert run.rc == 0, run
    assert sorted(writes(emulator, run.result("throttled"))) == [
        "AssociateAppsForAppQuota", "AssociateAppsForAppQuota", "CreateApp", "UpdateAppAcl", "UpdateAppAcl"]
    (quota,) = quotas(emulator).values()
    assert len(quota["apps"]) == 1
    # The bind applied but its answer was lost: the app's bound quota is read, and the bind is not sent again.
    emulator.faults([{"vendor": "huawei", "action": action, "kind": "drop_after", "count": 1}
                     for action in ("AssociateAppsForAppQuota", "UpdateAppAcl")])
    lost = ansible.playbook([task("lost", module=APP, name="second_app", quota="gold_quota", acl=acl),
                             task("rerun", module=APP, name="second_app", quota="gold_quota", acl=acl)], env=env)
    assert lost.rc == 0, lost
    assert lost.result("lost")["app"]["quota"] == "gold_quota" and lost.result("lost")["app"]["acl"] == acl
    assert not lost.result("rerun")["changed"] and writes(emulator, lost.result("rerun")) == []
    binds = [e for e in emulator.log("huawei") if e["action"] == "AssociateAppsForAppQuota"]
    assert len(binds) == 3 and len(quota["apps"]) == 1 and len(next(iter(quotas(emulator).values()))["apps"]) == 2
