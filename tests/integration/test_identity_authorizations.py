# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The identity modules' ``authorizations`` option: applied after the identity, in the same task and batch."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from .conftest import HUAWEI_GATEWAY, HUAWEI_INSTANCE

ALI_GROUP = "523e8dc7bbe04613b5b1d726c2a7889d"
ALI_A, ALI_B, ALI_C = "baacc592e63a4cb6a41920d9d3f91f38", "jkscc489e63a4cb6a41920d9d3f92d78", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
HW_RELEASE, HW_TEST = "DEFAULT_ENVIRONMENT_RELEASE_ID", "7a1ad0c350844ee69479b47df9a881cb"
HW_WEATHER, HW_CITY, HW_DRAFT = "5f918d104dc84480a75166ba99efff21", "6a9f25b5e4a347f3b0ffb4e8c2c9e6a1", "7b0e36c6f5b458048110c5f9d3dae7b2"
APIG_ENV = "env-cti17hem1hktoruj98ug"
APIG_R1, APIG_R2, APIG_UNDEPLOYED = "hr-cloudapps000000000001", "hr-cloudapps000000000002", "hr-cloudapps000000000003"
UNKNOWN = "ffffffffffffffffffffffffffffffff"

# Per vendor: emulator name, identity module, its fixed options, the scope keys of an entry, the ids
# option, two ids to authorize, an id the vendor refuses, and the writes of an authorization.
VENDORS = {
    "alibaba": dict(
        module="cloudapps.provision.alicloud_apigateway_app", fixed={}, ids="api_ids",
        scope={"group_id": ALI_GROUP}, other_scope={"group_id": ALI_GROUP, "stage_name": "TEST"},
        good=[ALI_A, ALI_B], third=ALI_C, bad=UNKNOWN, id_key="app_id", kind="app",
        list_call="DescribeAuthorizedApis", writes=("SetApisAuthorities", "RemoveApisAuthorities"),
        label="%s RELEASE" % ALI_GROUP),
    "huawei": dict(
        module="cloudapps.provision.huaweicloud_apig_app", fixed={"instance_id": HUAWEI_INSTANCE}, ids="api_ids",
        scope={"env_id": HW_RELEASE}, other_scope={"env_id": HW_TEST},
        good=[HW_WEATHER, HW_CITY], third=None, bad=HW_DRAFT, id_key="id", kind="app",
        list_call="ListApisBindedToApp", writes=("CreateAuthorizingApps", "CancelingAuthorization"),
        label="%s %s" % (HUAWEI_INSTANCE, HW_RELEASE)),
    "apig": dict(
        module="cloudapps.provision.alicloud_apig_consumer", fixed={}, ids="resource_ids",
        scope={"environment_id": APIG_ENV}, other_scope={"environment_id": APIG_ENV, "resource_type": "HttpApiOperation"},
        good=[APIG_R1, APIG_R2], third=None, bad=APIG_UNDEPLOYED, id_key="consumer_id", kind="consumer",
        list_call="QueryConsumerAuthorizationRules",
        writes=("CreateConsumerAuthorizationRules", "DeleteConsumerAuthorizationRule"),
        label="%s HttpApiRoute" % APIG_ENV),
}


def _entry(vendor, ids, **extra):
    return dict(VENDORS[vendor]["scope"], **dict({VENDORS[vendor]["ids"]: ids}, **extra))


def _task(vendor, title, args, **extra):
    spec = VENDORS[vendor]
    task = {"name": title, spec["module"]: dict(spec["fixed"], **args), "register": "r"}
    task.update(extra)
    return task


def _calls(emulator, vendor, result):
    ids = set(result.get("request_ids") or [])
    return [e["action"] for e in emulator.log(vendor) if e["request_id"] in ids]


def _authorized(emulator, vendor):
    state = emulator.state()
    if vendor == "alibaba":
        return sorted(a["ApiId"] for a in state["alibaba"]["auths"].values() if a["StageName"] == "RELEASE")
    if vendor == "huawei":
        auths = state["huawei"].get("auths", {}).get(HUAWEI_GATEWAY, {})
        return sorted(a["api_id"] for a in auths.values() if a["env_id"] == HW_RELEASE)
    return sorted(r["resourceId"] for r in state["apig"]["rules"].values())


@pytest.mark.parametrize("vendor", sorted(VENDORS))
def test_create_and_authorize_in_one_task(emulator, ansible, vendor):
    spec = VENDORS[vendor]
    good = spec["good"]
    tasks = [
        _task(vendor, "plan", {"name": "authz_one", "authorizations": [_entry(vendor, good)]}, check_mode=True),
        _task(vendor, "create and authorize", {"name": "authz_one", "authorizations": [_entry(vendor, good)]}),
        _task(vendor, "rerun", {"name": "authz_one", "authorizations": [_entry(vendor, list(reversed(good)))]}),
        _task(vendor, "check purge", {"name": "authz_one", "authorizations": [_entry(vendor, good[:1], purge=True)]},
              check_mode=True),
        _task(vendor, "purge", {"name": "authz_one", "authorizations": [_entry(vendor, good[:1], purge=True)]}),
        _task(vendor, "remove all", {"name": "authz_one", "authorizations": [_entry(vendor, None, state="absent")]}),
    ]
    run = ansible.playbook(tasks, env=emulator.env(vendor), diff=True)
    assert run.rc == 0, run
    plan = run.result("plan")
    assert plan["changed"] and plan["action"] == "create"
    [planned] = plan["authorizations"]
    assert planned["action"] == "add" and planned["added"] == sorted(good) and planned["removed"] == []
    assert plan["diff"]["after"]["authorizations"] == {spec["label"]: sorted(good)}
    assert spec["list_call"] not in _calls(emulator, vendor, plan), "a consumer still to create has nothing to list"

    done = run.result("create and authorize")
    calls = _calls(emulator, vendor, done)
    assert done["action"] == "create" and done["authorizations"][0]["added"] == sorted(good)
    assert calls.count(spec["writes"][0]) == 1, calls
    assert [a[spec["ids"][:-1]] for a in done["authorizations"][0]["authorized"]] == sorted(good)
    assert done["diff"]["before"]["authorizations"] == {spec["label"]: []}

    rerun = run.result("rerun")
    calls = _calls(emulator, vendor, rerun)
    assert rerun["changed"] is False and rerun["authorizations"][0]["action"] == "unchanged"
    assert calls.count(spec["list_call"]) == 1 and not set(calls) & set(spec["writes"]), calls

    assert run.result("check purge")["authorizations"][0]["removed"] == sorted(good[1:])
    purge = run.result("purge")
    assert purge["changed"] and purge["action"] == "unchanged" and purge["authorizations"][0]["action"] == "remove"
    removed = run.result("remove all")
    assert removed["authorizations"][0]["removed"] == good[:1]
    assert _authorized(emulator, vendor) == []
    # Check mode wrote nothing: the only writes are those of the tasks run for real.
    writes = [e["action"] for e in emulator.log(vendor) if e["action"] in spec["writes"]]
    expected_revokes = (1 if vendor == "alibaba" else len(good[1:])) + 1
    assert writes.count(spec["writes"][1]) == expected_revokes, writes


@pytest.mark.parametrize("vendor", sorted(VENDORS))
def test_items_fail_alone_and_rerun_is_quiet(emulator, ansible, vendor):
    spec = VENDORS[vendor]
    good = spec["good"]
    items = [
        {"name": "authz_ok", "authorizations": [_entry(vendor, good)]},
        # The refused entry fails its item; the next entry of that item is still applied.
        {"name": "authz_bad", "authorizations": [_entry(vendor, [spec["bad"]]), dict(spec["other_scope"], **{spec["ids"]: []})]},
        {"name": "authz_none"},
        {"name": "authz_gone", "state": "absent", "authorizations": [_entry(vendor, good)]},
    ]
    tasks = [
        _task(vendor, "items", {"items": items}, ignore_errors=True),
        {"name": "failures", "ansible.builtin.debug": {"msg": "{{ r | cloudapps.provision.result_failures('v') }}"}},
        {"name": "summary", "ansible.builtin.debug": {
            "msg": "{{ r | cloudapps.provision.result_summary('%s', '%s') }}" % (spec["kind"], spec["id_key"])}},
        _task(vendor, "items again", {"items": items}, ignore_errors=True),
    ]
    run = ansible.playbook(tasks, env=emulator.env(vendor))
    first = next(e for e in run.results if e["task"] == "items")
    assert first["status"] == "failed", first
    result = first["result"]
    by_name = dict((r["name"], r) for r in result["item_results"])
    assert by_name["authz_ok"]["authorizations"][0]["added"] == sorted(good)
    bad = by_name["authz_bad"]
    assert bad["action"] == "create" and bad[spec["kind"]][spec["id_key"]], "the identity itself was made"
    assert [row["action"] for row in bad["authorizations"]] == ["error", "unchanged"]
    error = bad["authorizations"][0]
    assert spec["bad"] in error["msg"] and error["not_added"] == [spec["bad"]] and error["error"]["request_id"]
    assert "authorizations" not in by_name["authz_none"] and "authorizations" not in by_name["authz_gone"]
    assert result["msg"].startswith("1 of 4 items failed: items[1] 'authz_bad' authorization "), result["msg"]
    assert _authorized(emulator, vendor) == sorted(good)
    [failure] = run.result("failures")["msg"]
    assert failure["name"] == "authz_bad (authorization %s)" % spec["label"] and failure["index"] == 1
    assert failure["code"] and spec["bad"] in failure["msg"]
    summary = run.result("summary")["msg"]
    assert summary["authz_bad"]["action"] == "create" and "error" not in summary["authz_bad"]
    assert [a["action"] for a in summary["authz_bad"]["authorizations"]] == ["error", "unchanged"]
    assert summary["authz_bad"]["authorizations"][0]["error"]["code"] == failure["code"]
    assert summary["authz_ok"]["authorizations"] == [
        {"scope": spec["label"], "action": "add", "added": sorted(good), "removed": []}]

    second = next(e for e in run.results if e["task"] == "items again")["result"]
    again = dict((r["name"], r) for r in second["item_results"])
    assert again["authz_ok"]["changed"] is False and again["authz_ok"]["authorizations"][0]["action"] == "unchanged"
    assert again["authz_bad"]["authorizations"][0]["action"] == "error"
    writes = [c for c in _calls(emulator, vendor, again["authz_ok"]) if c in spec["writes"]]
    assert writes == []


@pytest.mark.parametrize("vendor", sorted(VENDORS))
def test_bad_entries_fail_before_any_call(emulator, ansible, vendor):
    spec = VENDORS[vendor]
    tasks = [
        _task(vendor, "no ids", {"name": "authz_x", "authorizations": [spec["scope"]]}, ignore_errors=True),
        _task(vendor, "same scope twice", {"name": "authz_x", "authorizations": [
            _entry(vendor, spec["good"][:1]), _entry(vendor, spec["good"][1:])]}, ignore_errors=True),
        _task(vendor, "empty id", {"items": [{"name": "authz_x", "authorizations": [_entry(vendor, [" "])]}]},
              ignore_errors=True),
        _task(vendor, "unknown option", {"name": "authz_x", "authorizations": [_entry(vendor, ["x"], colour="red")]},
              ignore_errors=True),
    ]
    run = ansible.playbook(tasks, env=emulator.env(vendor))
    messages = [next(e for e in run.results if e["task"] == t["name"])["result"]["msg"] for t in tasks]
    assert "authorizations[0].%s: required with state=present" % spec["ids"] in messages[0]
    assert "authorizations[1]: the same scope as authorizations[0]" in messages[1]
    assert "items[0]" in messages[2] and "authorizations[0].%s: an id must not be empty" % spec["ids"] in messages[2]
    assert "colour" in messages[3]
    assert emulator.calls(vendor) == 0


def test_huawei_shared_gateway_has_no_authorizations(emulator, ansible):
    tasks = [{"name": "shared", "cloudapps.provision.huaweicloud_apig_app": {
        "name": "authz_shared", "shared_gateway": True,
        "authorizations": [_entry("huawei", [HW_WEATHER])]}, "register": "r", "ignore_errors": True}]
    run = ansible.playbook(tasks, env=emulator.env("huawei"))
    msg = run.results[0]["result"]["msg"]
    assert "authorizations[0]: only on a dedicated gateway" in msg and emulator.calls("huawei") == 0


@pytest.mark.parametrize("vendor", sorted(VENDORS))
def test_throttled_lists_and_lost_writes_are_retried_without_duplicates(emulator, ansible, vendor):
    spec = VENDORS[vendor]
    good = spec["good"]
    names = ["authz_fault_%d" % number for number in range(5)]
    emulator.faults([{"vendor": vendor, "action": spec["list_call"], "kind": "throttle", "count": 2},
                     {"vendor": vendor, "action": spec["writes"][0], "kind": "drop_after", "count": 2}])
    items = [{"name": name, "authorizations": [_entry(vendor, good)]} for name in names]
    run = ansible.playbook([_task(vendor, "items", {"items": items})], env=emulator.env(vendor))
    assert run.rc == 0, run
    results = run.result("items")["item_results"]
    assert [r["authorizations"][0]["added"] for r in results] == [sorted(good)] * len(names)
    log = emulator.log(vendor)
    # Every identity authorized once at the vendor; the two lost answers cost one more write each.
    assert sum(1 for e in log if e["action"] == spec["writes"][0]) == len(names) + 2
    assert sum(1 for e in log if e["action"] == spec["list_call"] and e.get("fault") == "throttle") == 2
    assert _authorized(emulator, vendor) == sorted(good * len(names))


@pytest.mark.parametrize("vendor", sorted(VENDORS))
def test_a_lying_listing_fails_only_its_entry_and_writes_nothing_for_it(emulator, ansible, vendor):
    spec = VENDORS[vendor]
    names = ["authz_lie_%d" % number for number in range(3)]
    items = [{"name": name, "authorizations": [_entry(vendor, spec["good"])]} for name in names]
    # The identities exist first, so that every item lists its authorizations.
    setup = _task(vendor, "identities", {"items": [{"name": name} for name in names]})
    # The answer keeps its envelope and loses the listing (a read that failed this way is not retried).
    emulator_faults = [{"vendor": vendor, "action": spec["list_call"], "kind": "malformed", "count": 1}]
    run = ansible.playbook([setup], env=emulator.env(vendor))
    assert run.rc == 0, run
    emulator.faults(emulator_faults)
    run = ansible.playbook([_task(vendor, "items", {"items": items}, ignore_errors=True)], env=emulator.env(vendor))
    results = next(e for e in run.results if e["task"] == "items")["result"]["item_results"]
    failed = [r for r in results if r["authorizations"][0]["action"] == "error"]
    assert len(failed) == 1, results
    error = failed[0]["authorizations"][0]
    assert error["error"]["category"] == "server" and "malformed answer" in error["msg"], error
    assert error["added"] == [] and spec["writes"][0] not in _calls(emulator, vendor, failed[0])
    others = [r for r in results if r is not failed[0]]
    assert all(r["authorizations"][0]["added"] == sorted(spec["good"]) for r in others)
