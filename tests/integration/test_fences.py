# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fences on an identity: the Huawei app access list (acl)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

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


ALI_AUTH = "cloudapps.provision.alicloud_apigateway_app_authorization"
ALI_GROUP = "523e8dc7bbe04613b5b1d726c2a7889d"
ALI_APIS = ["baacc592e63a4cb6a41920d9d3f91f38", "jkscc489e63a4cb6a41920d9d3f92d78"]


def test_alibaba_grants_that_expire(emulator, ansible):
    env = emulator.env("alibaba")
    scope = {"app": "expiring_app", "group_id": ALI_GROUP, "api_ids": ALI_APIS}
    run = ansible.playbook([
        {"name": "app", "cloudapps.provision.alicloud_apigateway_app": {"name": "expiring_app"}},
        {"name": "grant", ALI_AUTH: dict(scope, expires_at="2031-06-30T00:00:00Z"), "register": "r"},
        {"name": "same end, other notation", ALI_AUTH: dict(scope, expires_at="2031-06-30T08:00:00+08:00"),
         "register": "r"},
        {"name": "unset leaves it", ALI_AUTH: scope, "register": "r"},
        {"name": "check later end", ALI_AUTH: dict(scope, expires_at="2032-01-01T00:00:00Z"), "register": "r",
         "check_mode": True},
        {"name": "later end", ALI_AUTH: dict(scope, expires_at="2032-01-01T00:00:00Z"), "register": "r"},
        {"name": "ended", ALI_AUTH: dict(scope, expires_at="2020-01-01T00:00:00Z"), "register": "r"},
        {"name": "no end", ALI_AUTH: dict(scope, expires_at=""), "register": "r"},
    ], env=env, diff=True)
    assert run.rc == 0, run
    granted = run.result("grant")
    assert [(a["expires_at"], a["expired"]) for a in granted["authorized"]] == [("2031-06-30T00:00:00Z", False)] * 2
    for title in ("same end, other notation", "unset leaves it"):
        assert not run.result(title)["changed"], title
    planned = run.result("check later end")
    assert planned["changed"] and planned["renewed"] == sorted(ALI_APIS) and planned["action"] == "update"
    later = run.result("later end")
    assert later["diff"]["before"]["expires_at"] == dict((api, "2031-06-30T00:00:00Z") for api in ALI_APIS)
    assert later["diff"]["after"]["expires_at"] == dict((api, "2032-01-01T00:00:00Z") for api in ALI_APIS)
    ended = run.result("ended")
    assert all(a["expired"] for a in ended["authorized"])
    assert [a["expires_at"] for a in run.result("no end")["authorized"]] == ["", ""]
    auths = emulator.state()["alibaba"]["auths"].values()
    assert sorted(a["AuthVaildTime"] for a in auths) == ["", ""]
    calls = [e["action"] for e in emulator.log("alibaba") if e["mutating"]]
    assert calls == ["CreateApp"] + ["SetApisAuthorities"] * 4


@pytest.mark.parametrize("module, args, rule", [
    ("cloudapps.provision.huaweicloud_apig_app_authorization",
     {"app": "some_app", "instance_id": HUAWEI_INSTANCE, "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID", "api_ids": ["a"]},
     "Huawei APIG app authorizations (app-auths) have no end date"),
    (ALI_AUTH, {"app": "some_app", "group_id": ALI_GROUP, "api_ids": ALI_APIS, "expires_at": "next tuesday"},
     "is not an ISO 8601 time"),
])
def test_an_end_that_cannot_be_set_fails_before_any_call(module, args, rule, emulator, ansible):
    args = dict({"expires_at": "2031-01-01T00:00:00Z"}, **args)
    run = ansible.playbook([{"name": "refused", module: args, "register": "r", "ignore_errors": True}],
                           env=emulator.env_all())
    assert rule in run.result("refused")["msg"] and emulator.calls() == 0


def test_an_identity_authorizations_entry_takes_an_end(emulator, ansible):
    entry = {"group_id": ALI_GROUP, "api_ids": ALI_APIS[:1], "expires_at": "2031-06-30T00:00:00Z"}
    task = {"name": "app", "cloudapps.provision.alicloud_apigateway_app": {"name": "ending_app", "authorizations": [entry]},
            "register": "r"}
    later = dict(task, name="later")
    later["cloudapps.provision.alicloud_apigateway_app"] = {
        "name": "ending_app", "authorizations": [dict(entry, expires_at="2032-01-01T00:00:00Z")]}
    run = ansible.playbook([task, dict(task, name="again"), later], env=emulator.env("alibaba"))
    assert run.rc == 0, run
    (row,) = run.result("app")["authorizations"]
    assert row["authorized"][0]["expires_at"] == "2031-06-30T00:00:00Z" and not run.result("again")["changed"]
    assert "authorizations" in run.result("app")["changed_fields"]
    assert run.result("again")["changed_fields"] == []
    assert run.result("later")["changed_fields"] == ["expires_at"]


def test_apig_rules_that_expire_change_in_place(emulator, ansible):
    env = emulator.env("apig")
    scope = {"consumer": "ending-consumer", "environment_id": "env-cti17hem1hktoruj98ug",
             "resource_ids": ["hr-cloudapps000000000001"]}
    auth = "cloudapps.provision.alicloud_apig_consumer_authorization"
    run = ansible.playbook([
        {"name": "consumer", "cloudapps.provision.alicloud_apig_consumer": {"name": "ending-consumer"}},
        {"name": "grant", auth: dict(scope, expires_at="2031-06-30T00:00:00Z"), "register": "r"},
        {"name": "again", auth: dict(scope, expires_at="2031-06-30T00:00:00Z"), "register": "r"},
        {"name": "later", auth: dict(scope, expires_at="2032-01-01T00:00:00Z"), "register": "r"},
        {"name": "no end", auth: dict(scope, expires_at=""), "register": "r"},
    ], env=env)
    assert run.rc == 0, run
    assert run.result("grant")["authorized"][0]["expires_at"] == "2031-06-30T00:00:00Z"
    assert not run.result("again")["changed"]
    assert run.result("later")["renewed"] == ["hr-cloudapps000000000001"]
    (rule,) = emulator.state()["apig"]["rules"].values()
    assert (rule["expireMode"], rule["expireTimestamp"]) == ("LongTerm", None)
    calls = [e["action"] for e in emulator.log("apig") if e["mutating"]]
    assert calls == ["CreateConsumer", "CreateConsumerAuthorizationRules"] + ["UpdateConsumerAuthorizationRule"] * 2


ALI_APP = "cloudapps.provision.alicloud_apigateway_app"
TC_DEFAULT, TC_BURST = "tc1f0e6c1b2d4e5f6a7b8c9d0e1f2a3b4", "tc2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5"


def limits_in_emulator(emulator):
    found = {}
    for control in emulator.state()["alibaba"]["traffic_controls"].values():
        for special in control["Specials"]:
            found[(control["TrafficControlId"], special["SpecialKey"])] = special["TrafficValue"]
    return found


def test_alibaba_per_app_traffic_limits(emulator, ansible):
    env = emulator.env("alibaba")

    def app(title, **options):
        return {"name": title, ALI_APP: dict({"name": "limited_app"}, **options), "register": "r"}
    run = ansible.playbook([
        app("create", traffic_limits=[{"traffic_control_id": TC_DEFAULT, "limit": 50}]),
        app("again", traffic_limits=[{"traffic_control_id": TC_DEFAULT, "limit": 50}]),
        app("add another", traffic_limits=[{"traffic_control_id": TC_BURST, "limit": 5}]),
        app("change", traffic_limits=[{"traffic_control_id": TC_DEFAULT, "limit": 60}]),
        app("purge", traffic_limits=[{"traffic_control_id": TC_DEFAULT, "limit": 60}], purge_traffic_limits=True),
    ], env=env, diff=True)
    assert run.rc == 0, run
    app_id = str(run.result("create")["app"]["app_id"])
    assert run.result("create")["app"]["traffic_limits"] == [{"traffic_control_id": TC_DEFAULT, "limit": 50}]
    assert not run.result("again")["changed"]
    # Without purge, another policy's entry is added and the first one stays.
    assert sorted(e["traffic_control_id"] for e in run.result("add another")["app"]["traffic_limits"]) == \
        sorted([TC_DEFAULT, TC_BURST])
    change = run.result("change")
    assert change["changed_fields"] == ["traffic_limits"]
    assert limits_in_emulator(emulator) == {(TC_DEFAULT, app_id): 60}
    calls = [e["action"] for e in emulator.log("alibaba") if e["mutating"]]
    assert calls == ["CreateApp", "AddTrafficSpecialControl", "AddTrafficSpecialControl", "AddTrafficSpecialControl",
                     "DeleteTrafficSpecialControl"]


def test_a_batch_reads_the_policies_once_and_an_unknown_policy_fails_before_any_write(emulator, ansible):
    items = [{"name": "limited_%02d" % n, "traffic_limits": [{"traffic_control_id": TC_DEFAULT, "limit": 10 + n}]}
             for n in range(4)]
    items.append({"name": "unknown_policy", "traffic_limits": [{"traffic_control_id": "tcnosuchpolicy", "limit": 1}]})
    run = ansible.playbook([{"name": "batch", ALI_APP: {"items": items}, "register": "r", "ignore_errors": True}],
                           env=emulator.env("alibaba"))
    rows = run.result("batch")["item_results"]
    assert [row["action"] for row in rows] == ["create"] * 4 + ["error"]
    assert "no traffic control policy with id tcnosuchpolicy" in rows[4]["msg"]
    actions = [e["action"] for e in emulator.log("alibaba")]
    assert actions.count("DescribeTrafficControls") == 1
    assert sorted(a["AppName"] for a in emulator.state()["alibaba"]["apps"].values()) == ["limited_%02d" % n for n in range(4)]


@pytest.fixture(scope="module")
def bao(tmp_path_factory):
    from tests.openbao import OpenBao
    server = OpenBao(tmp_path_factory.mktemp("openbao")).start()
    yield server
    server.stop()


FENCE_OPTIONS = ("acl", "traffic_limits", "generate_app_code", "max_secret_age", "secret_store")


@pytest.mark.parametrize("module, vendor", [("alicloud_apigateway_app", "alibaba"), ("huaweicloud_apig_app", "huawei")])
def test_examples_with_fences_and_credentials_run_as_written(module, vendor, emulator, ansible, bao):
    from .test_authorization_examples import _examples
    examples = [task for task in _examples(module)
                if set(task.get("cloudapps.provision." + module) or {}) & set(FENCE_OPTIONS)]
    assert len(examples) >= 1
    env = dict(emulator.env(vendor), VAULT_ADDR=bao.url, VAULT_TOKEN=bao.root_token)
    run = ansible.playbook(examples, env=env)
    assert run.rc == 0, run
    assert [e["status"] for e in run.results] == ["ok"] * len(examples)
    again = ansible.playbook(examples, env=env)
    assert not any(e["result"]["changed"] for e in again.results), again.results


def test_info_modules_show_the_fences(emulator, ansible):
    setup = [
        {"name": "app", ALI_APP: {"name": "limited_app", "traffic_limits": [{"traffic_control_id": TC_DEFAULT, "limit": 7}]}},
        {"name": "other", ALI_APP: {"name": "open_app"}},
        task("huawei", acl=PERMIT),
    ]
    env = emulator.env_all()
    assert ansible.playbook(setup, env=env).rc == 0
    before = len(emulator.log("alibaba"))
    run = ansible.playbook([
        {"name": "ali", "cloudapps.provision.alicloud_apigateway_app_info": {"list_fences": True}, "register": "r"},
        {"name": "hw", "cloudapps.provision.huaweicloud_apig_app_info": {
            "list_fences": True, "instance_id": HUAWEI_INSTANCE}, "register": "r"},
        {"name": "plain", "cloudapps.provision.alicloud_apigateway_app_info": {}, "register": "r"},
    ], env=env)
    assert run.rc == 0, run
    apps = dict((app["app_name"], app) for app in run.result("ali")["apps"])
    assert apps["limited_app"]["traffic_limits"] == [{"traffic_control_id": TC_DEFAULT, "limit": 7}]
    assert apps["open_app"]["traffic_limits"] == []
    (hw,) = run.result("hw")["apps"]
    assert hw["acl"] == PERMIT and (hw["quota"], hw["quota_id"]) == ("", None)
    assert "traffic_limits" not in run.result("plain")["apps"][0]
    actions = [e["action"] for e in emulator.log("alibaba")[before:]]
    assert actions.count("DescribeTrafficControls") == 1


def test_the_role_fences_items_and_the_plan_report_shows_it(emulator, ansible):
    play_vars = {
        "cloud_apps_huaweicloud_instance_id": HUAWEI_INSTANCE,
        "cloud_apps_huaweicloud_apig_apps": [{"name": "role_fenced", "acl": PERMIT}],
        "cloud_apps_alicloud_apigateway_apps": [{
            "name": "role_limited", "traffic_limits": [{"traffic_control_id": TC_DEFAULT, "limit": 9}],
            "authorizations": [{"group_id": ALI_GROUP, "api_ids": ALI_APIS[:1], "expires_at": "2031-01-01T00:00:00Z"}]}],
    }
    tasks = [{"ansible.builtin.import_role": {"name": "cloudapps.provision.cloud_apps"}},
             {"name": "report", "ansible.builtin.debug": {
                 "msg": "{{ cloud_apps_results | cloudapps.provision.plan_report(cloud_apps_failures) }}"}}]
    env = emulator.env_all()
    planned = ansible.playbook(tasks, env=env, play_vars=play_vars, check=True)
    assert planned.rc == 0, planned
    rows = dict((re.split(r"\s{2,}", line)[1], re.split(r"\s{2,}", line)) for line in planned.result("report")["msg"][1:])
    assert "acl" in rows["role_fenced"][3] and "traffic_limits" in rows["role_limited"][3]
    assert emulator.mutating_calls() == 0
    assert ansible.playbook(tasks, env=env, play_vars=play_vars).rc == 0
    writes = emulator.mutating_calls()
    again = ansible.playbook(tasks, env=env, play_vars=play_vars)
    assert again.rc == 0 and emulator.mutating_calls() == writes
    assert acl_of(emulator, "role_fenced") == {"app_acl_type": "PERMIT", "app_acl_values": PERMIT["values"]}


def test_info_modules_list_every_grant_and_say_which_ended(emulator, ansible):
    ali_entries = [{"group_id": ALI_GROUP, "stage_name": "RELEASE", "api_ids": ALI_APIS[:1], "expires_at": "2031-06-30T00:00:00Z"},
                   {"group_id": ALI_GROUP, "stage_name": "TEST", "api_ids": ALI_APIS[1:], "expires_at": "2020-01-01T00:00:00Z"}]
    apig_entry = {"environment_id": "env-cti17hem1hktoruj98ug", "resource_ids": ["hr-cloudapps000000000001"],
                  "expires_at": "2020-01-01T00:00:00Z"}
    hw_api = "5f918d104dc84480a75166ba99efff21"
    hw_entries = [{"api_ids": [hw_api]}, {"env_id": "7a1ad0c350844ee69479b47df9a881cb", "api_ids": [hw_api]}]
    setup = [
        {"name": "ali", ALI_APP: {"name": "granted_app", "authorizations": ali_entries}},
        {"name": "ali bare", ALI_APP: {"name": "bare_app"}},
        {"name": "apig", "cloudapps.provision.alicloud_apig_consumer": {
            "name": "granted-consumer", "authorizations": [apig_entry]}},
        task("huawei", name="granted_app", authorizations=hw_entries),
        {"name": "volc", "cloudapps.provision.volcengine_rtc_app": {"name": "granted_app"}},
    ]
    env = emulator.env_all()
    assert ansible.playbook(setup, env=env).rc == 0
    run = ansible.playbook([
        {"name": "ali", "cloudapps.provision.alicloud_apigateway_app_info": {"list_authorizations": True}, "register": "r"},
        {"name": "apig", "cloudapps.provision.alicloud_apig_consumer_info": {"list_authorizations": True}, "register": "r"},
        {"name": "hw", "cloudapps.provision.huaweicloud_apig_app_info": {
            "list_authorizations": True, "instance_id": HUAWEI_INSTANCE}, "register": "r"},
        {"name": "plain", "cloudapps.provision.alicloud_apigateway_app_info": {}, "register": "r"},
        {"name": "volc", "cloudapps.provision.volcengine_rtc_app_info": {"list_authorizations": True}, "register": "r"},
    ], env=env)
    assert run.rc == 0, run
    apps = dict((app["app_name"], app) for app in run.result("ali")["apps"])
    grants = [(g["stage_name"], g["api_id"], g["expires_at"], g["expired"]) for g in apps["granted_app"]["authorizations"]]
    assert sorted(grants) == [("RELEASE", ALI_APIS[0], "2031-06-30T00:00:00Z", False),
                              ("TEST", ALI_APIS[1], "2020-01-01T00:00:00Z", True)]
    assert apps["bare_app"]["authorizations"] == []
    (consumer,) = run.result("apig")["consumers"]
    assert [(g["resource_id"], g["expired"]) for g in consumer["authorizations"]] == [("hr-cloudapps000000000001", True)]
    (hw,) = run.result("hw")["apps"]
    assert sorted((g["env_id"], g["expires_at"], g["expired"]) for g in hw["authorizations"]) == [
        ("7a1ad0c350844ee69479b47df9a881cb", "", False), ("DEFAULT_ENVIRONMENT_RELEASE_ID", "", False)]
    assert all("authorizations" not in app for app in run.result("plain")["apps"])
    (volc,) = run.result("volc")["apps"]
    assert "authorizations" not in volc
