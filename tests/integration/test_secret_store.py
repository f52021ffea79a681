# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The identity modules' ``secret_store`` option against the emulator and a real OpenBao dev server."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from tests.openbao import OpenBao, free_port

from .conftest import HUAWEI_INSTANCE

# Per emulator vendor: module, a new identity's options, and the fields its stored copy must have.
VENDORS = {
    "volcengine": ("cloudapps.provision.volcengine_rtc_app", {"name": "store_app1"}, ("AppKey", "SecondaryAppKey")),
    "alibaba": ("cloudapps.provision.alicloud_apigateway_app", {"name": "store_app1"}, ("AppKey", "AppSecret", "AppCode")),
    "apig": ("cloudapps.provision.alicloud_apig_consumer", {"name": "store-consumer1", "api_key": {}},
             ("apikey", "credentials")),
    "huawei": ("cloudapps.provision.huaweicloud_apig_app", {"name": "store_app1", "instance_id": HUAWEI_INSTANCE},
               ("app_key", "app_secret")),
    "tencent": ("cloudapps.provision.tencentcloud_apigateway_api_key", {"name": "store_key1"},
                ("AccessKeyId", "AccessKeySecret")),
}
ALIBABA = VENDORS["alibaba"][0]


@pytest.fixture(scope="module")
def bao(tmp_path_factory):
    server = OpenBao(tmp_path_factory.mktemp("openbao")).start()
    yield server
    server.stop()


def stored(bao, path):
    return bao.api("GET", "/v1/secret/data/" + path)["data"]


def store_env(bao):
    return {"VAULT_ADDR": bao.url, "VAULT_TOKEN": bao.root_token}


def task(vendor, title, path, **options):
    module, fixed, dummy = VENDORS[vendor]
    args = dict(fixed, **options)
    args["secret_store"] = dict({"path": path}, **args.get("secret_store", {}))
    return {"name": title, module: args, "register": "r"}


def newest_alibaba_pair(emulator):
    """The AppKey/AppSecret pair a rotation made last (CreateAppKey), else the app's first pair."""
    (app,) = emulator.state()["alibaba"]["apps"].values()
    return (app["ExtraKeys"] or [app])[-1]


def failed(run, title):
    return [entry["status"] for entry in run.results if entry["task"] == title] == ["failed"]


def vendor_writes(emulator, vendor, result):
    ids = set(result.get("request_ids") or [])
    return [e["action"] for e in emulator.log(vendor) if e["request_id"] in ids and e["mutating"]]


def no_secret_in(run, emulator, extra=()):
    text = run.stdout + run.stderr + json.dumps(run.results)
    for secret in list(emulator.secrets()) + list(extra):
        assert secret not in text, "a secret reached the output"


@pytest.mark.parametrize("vendor", sorted(VENDORS))
def test_created_identity_is_handed_off_once_and_a_rerun_writes_nothing(vendor, emulator, ansible, bao):
    path = "cloudapps/created_%s" % vendor
    env = dict(emulator.env(vendor), **store_env(bao))
    first = ansible.playbook([task(vendor, "create", path)], env=env, extra_args=["-vvv"], diff=True)
    assert first.rc == 0, first
    result = first.result("create")
    assert result["changed"] and result["action"] == "create"
    handed = result["secret_store"]
    assert handed["written"] and handed["reason"] == "created" and handed["path"] == path and handed["version"] == 1
    assert handed["fingerprint"].startswith("sha256:") and len(handed["fingerprint"]) == len("sha256:") + 16
    assert "secret_store" in result["changed_fields"]
    copy = stored(bao, path)
    data = copy["data"]
    for field in VENDORS[vendor][2]:
        assert data.get(field), "stored copy lacks %s" % field
    assert data["fingerprint"] == handed["fingerprint"] and data["name"] == VENDORS[vendor][1]["name"]
    assert data["vendor"] and data["id"] and data["rotated_at"].endswith("Z")
    # The stored secrets are the vendor's current ones, and none of them reached the output.
    secrets = emulator.secrets()
    assert any(value in secrets for value in data.values() if isinstance(value, str))
    no_secret_in(first, emulator)
    assert result["diff"]["after"]["secret_store"]["fingerprint"] == handed["fingerprint"]

    again = ansible.playbook([task(vendor, "again", path)], env=env)
    assert again.rc == 0, again
    rerun = again.result("again")
    assert not rerun["changed"] and rerun["action"] == "unchanged", rerun
    assert rerun["secret_store"] == dict(handed, written=False, reason=None)
    assert vendor_writes(emulator, vendor, rerun) == []
    assert stored(bao, path)["metadata"]["version"] == 1


def test_rotation_writes_the_new_secret(emulator, ansible, bao):
    path = "cloudapps/rotated"
    env = dict(emulator.env("alibaba"), **store_env(bao))
    assert ansible.playbook([task("alibaba", "create", path)], env=env).rc == 0
    before = stored(bao, path)["data"]["AppSecret"]
    run = ansible.playbook([task("alibaba", "rotate", path, rotate_secret=True)], env=env)
    assert run.rc == 0, run
    handed = run.result("rotate")["secret_store"]
    assert handed["written"] and handed["reason"] == "rotated" and handed["version"] == 2
    after = stored(bao, path)["data"]
    assert after["AppSecret"] != before and after["AppSecret"] == newest_alibaba_pair(emulator)["AppSecret"]
    # The previous pair stays valid through the grace, and the copy holds it.
    assert after["previous_AppSecret"] == before
    no_secret_in(run, emulator, [before])


def test_a_copy_made_stale_or_missing_outside_is_rewritten_without_changing_the_credential(emulator, ansible, bao):
    path = "cloudapps/repaired"
    env = dict(emulator.env("alibaba"), **store_env(bao))
    assert ansible.playbook([task("alibaba", "create", path)], env=env).rc == 0
    # Rotated by someone who did not hand it off.
    outside = ansible.playbook([{"name": "outside", ALIBABA: {"name": "store_app1", "rotate_secret": True}}], env=env)
    assert outside.rc == 0, outside
    run = ansible.playbook([task("alibaba", "repair", path)], env=env)
    result = run.result("repair")
    assert run.rc == 0 and result["action"] == "unchanged" and result["changed"]
    assert result["secret_store"]["reason"] == "stale" and result["secret_store"]["version"] == 2
    assert vendor_writes(emulator, "alibaba", result) == []
    assert stored(bao, path)["data"]["AppSecret"] == newest_alibaba_pair(emulator)["AppSecret"]
    # Deleted from the store: written again as the next version (the check-and-set sees the deletion).
    bao.api("DELETE", "/v1/secret/data/" + path)
    run = ansible.playbook([task("alibaba", "repair", path)], env=env)
    result = run.result("repair")
    assert run.rc == 0 and result["secret_store"]["reason"] == "missing" and result["secret_store"]["version"] == 3
    assert vendor_writes(emulator, "alibaba", result) == []


def test_check_mode_writes_nothing_and_says_what_it_would(emulator, ansible, bao):
    path = "cloudapps/checked"
    env = dict(emulator.env("alibaba"), **store_env(bao))
    run = ansible.playbook([task("alibaba", "plan", path)], env=env, check=True, diff=True)
    assert run.rc == 0, run
    handed = run.result("plan")["secret_store"]
    assert handed == dict(path=path, version=None, fingerprint=None, written=False, reason="created")
    with pytest.raises(Exception):
        stored(bao, path)
    assert ansible.playbook([task("alibaba", "create", path)], env=env).rc == 0
    run = ansible.playbook([task("alibaba", "plan", path, rotate_secret=True)], env=env, check=True)
    handed = run.result("plan")["secret_store"]
    assert handed["reason"] == "rotated" and not handed["written"] and handed["version"] == 1
    assert stored(bao, path)["metadata"]["version"] == 1


def test_a_store_that_is_down_fails_the_item_and_the_next_run_writes_without_rotating(emulator, ansible, bao):
    path = "cloudapps/retried"
    down = {"VAULT_ADDR": "http://127.0.0.1:%d" % free_port(), "VAULT_TOKEN": bao.root_token}
    run = ansible.playbook([dict(task("alibaba", "create", path), ignore_errors=True)],
                           env=dict(emulator.env("alibaba"), **down))
    result = run.result("create")
    assert failed(run, "create") and result["action"] == "create" and result["app"]["app_id"]
    assert "secret store path %s" % path in result["msg"] and "next run writes the stored copy" in result["msg"]
    assert "check secret_store.url" in result["msg"]
    assert result["secret_store"]["action"] == "error" and result["secret_store"]["error"]["category"] == "network"
    no_secret_in(run, emulator)
    run = ansible.playbook([task("alibaba", "again", path)], env=dict(emulator.env("alibaba"), **store_env(bao)))
    result = run.result("again")
    assert run.rc == 0 and result["secret_store"]["reason"] == "missing" and result["secret_store"]["written"]
    assert vendor_writes(emulator, "alibaba", result) == []
    assert stored(bao, path)["data"]["AppSecret"] == list(emulator.state()["alibaba"]["apps"].values())[0]["AppSecret"]


def test_items_with_approle_and_name_in_the_path(emulator, ansible, bao):
    env = dict(emulator.env("alibaba"), VAULT_ADDR=bao.url, VAULT_ROLE_ID=bao.role_id, VAULT_SECRET_ID=bao.secret_id)
    items = [{"name": "batch_app%d" % n} for n in range(3)]
    items.append({"name": "elsewhere_app", "secret_store": {"path": "forbidden/{name}", "auth_method": "approle"}})
    # No auth_method on the task: the role id in the environment (as AWX injects it) means AppRole.
    run = ansible.playbook([{"name": "batch", "register": "r", "ignore_errors": True, ALIBABA: {
        "items": items, "secret_store": {"path": "cloudapps/team/{name}"}}}],
        env=env, extra_args=["-vvv"])
    result = run.result("batch")
    rows = result["item_results"]
    for row in rows[:3]:
        assert row["secret_store"]["written"] and row["secret_store"]["path"] == "cloudapps/team/" + row["name"]
        assert stored(bao, row["secret_store"]["path"])["data"]["name"] == row["name"]
    # The AppRole's policy covers cloudapps/* only: that item fails, naming its path; the others stand.
    assert rows[3]["secret_store"]["action"] == "error" and rows[3]["secret_store"]["error"]["category"] == "auth"
    assert failed(run, "batch") and "items[3] 'elsewhere_app' secret_store forbidden/elsewhere_app" in result["msg"]
    no_secret_in(run, emulator, [bao.secret_id])


def test_bad_store_settings_fail_before_any_call(emulator, ansible, bao):
    env = dict(emulator.env("alibaba"), VAULT_ADDR=bao.url)
    run = ansible.playbook([dict(task("alibaba", "bad", "cloudapps/../x"), ignore_errors=True)], env=env)
    result = run.result("bad")
    assert failed(run, "bad") and "secret_store.path" in result["msg"] and "secret_store.token" in result["msg"]
    assert emulator.calls() == 0


def test_the_role_hands_off_every_vendor_and_the_plan_report_shows_it(emulator, ansible, bao, tmp_path):
    lists = {
        "cloud_apps_volcengine_rtc_apps": [{"name": "role_store_rtc"}],
        "cloud_apps_alicloud_apigateway_apps": [{"name": "role_store_app"}],
        "cloud_apps_alicloud_apig_consumers": [{"name": "role-store-consumer", "api_key": {}}],
        "cloud_apps_huaweicloud_apig_apps": [{"name": "role_store_app"}],
        # An item's own secret_store replaces the role's.
        "cloud_apps_tencentcloud_apigateway_api_keys": [
            {"name": "role_store_key", "secret_store": {"path": "cloudapps/own/{name}"}}],
    }
    play_vars = dict(lists, cloud_apps_secret_store={"path": "cloudapps/{vendor}/{name}"},
                     cloud_apps_huaweicloud_instance_id=HUAWEI_INSTANCE)
    env = dict(emulator.env_all(), **store_env(bao))
    report = [{"ansible.builtin.import_role": {"name": "cloudapps.provision.cloud_apps"}},
              {"name": "report", "ansible.builtin.debug": {
                  "msg": "{{ cloud_apps_results | cloudapps.provision.plan_report(cloud_apps_failures) }}"}},
              {"name": "summary", "ansible.builtin.debug": {"var": "cloud_apps_results"}}]
    planned = ansible.playbook(report, env=env, play_vars=play_vars, check=True)
    assert planned.rc == 0, planned
    lines = planned.result("report")["msg"]
    store_lines = [line for line in lines if "> secret_store" in line]
    assert len(store_lines) == 5 and all("store write" in line and line.endswith("created") for line in store_lines)
    assert any("cloudapps/own/role_store_key" in line for line in store_lines)

    run = ansible.playbook(report, env=env, play_vars=play_vars, extra_args=["-vvv"])
    assert run.rc == 0, run
    results = run.result("summary")["cloud_apps_results"]
    paths = sorted(entry["secret_store"]["path"] for vendor in results.values() for entry in vendor.values())
    assert paths == ["cloudapps/alicloud/role_store_app", "cloudapps/alicloud_apig/role-store-consumer",
                     "cloudapps/huaweicloud/role_store_app", "cloudapps/own/role_store_key",
                     "cloudapps/volcengine/role_store_rtc"]
    for path in paths:
        assert stored(bao, path)["metadata"]["version"] == 1
    no_secret_in(run, emulator)

    again = ansible.playbook(report, env=env, play_vars=play_vars)
    lines = again.result("report")["msg"]
    assert sum(1 for line in lines if "store unchanged" in line) == 5, lines
    assert emulator.mutating_calls() == 5


def test_two_identities_never_share_a_path(emulator, ansible, bao):
    env = dict(emulator.env("alibaba"), **emulator.env("huawei"))
    env.update(store_env(bao))
    path = "cloudapps/shared/{name}"
    run = ansible.playbook([task("alibaba", "alibaba", path), dict(task("huawei", "huawei", path), ignore_errors=True)],
                           env=env)
    result = run.result("huawei")
    assert failed(run, "huawei") and result["secret_store"]["error"]["category"] == "conflict"
    assert "holds the credential of alicloud 'store_app1'" in result["msg"] and "cloudapps/{vendor}/{name}" in result["msg"]
    assert stored(bao, "cloudapps/shared/store_app1")["data"]["vendor"] == "alicloud"
    # Within one task, two items with one path are refused before any call.
    emulator.reset()
    run = ansible.playbook([{"name": "same", "register": "r", "ignore_errors": True, ALIBABA: {
        "items": [{"name": "one_app"}, {"name": "two_app"}], "secret_store": {"path": "cloudapps/constant"}}}], env=env)
    rows = run.result("same")["item_results"]
    assert all("both hand off to 'cloudapps/constant'" in row["msg"] for row in rows)
    assert emulator.calls() == 0


def test_a_plan_reads_no_secret_from_the_vendor(emulator, ansible, bao):
    env = dict(emulator.env("alibaba"), **store_env(bao))
    assert ansible.playbook([task("alibaba", "create", "cloudapps/planned")], env=env).rc == 0
    before = len(emulator.log("alibaba"))
    run = ansible.playbook([task("alibaba", "plan", "cloudapps/planned", compare_secrets=False),
                            task("alibaba", "plan other", "cloudapps/planned_elsewhere", compare_secrets=False)],
                           env=env, check=True)
    assert run.rc == 0, run
    assert run.result("plan")["secret_store"]["reason"] is None and not run.result("plan")["changed"]
    assert run.result("plan other")["secret_store"]["reason"] == "missing" and run.result("plan other")["changed"]
    calls = [e["action"] for e in emulator.log("alibaba")[before:]]
    assert calls == ["DescribeAppAttributes", "DescribeAppAttributes"], calls
