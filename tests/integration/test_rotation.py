# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rotation by age (max_secret_age) and, for Alibaba apps, with overlap (previous_secret_grace)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import pytest

from tests.openbao import OpenBao

from .conftest import HUAWEI_INSTANCE

ALIBABA = "cloudapps.provision.alicloud_apigateway_app"
APIG = "cloudapps.provision.alicloud_apig_consumer"
VENDORS = {
    "alibaba": (ALIBABA, {"name": "aged_app"}),
    "apig": (APIG, {"name": "aged-consumer", "api_key": {}}),
    "huawei": ("cloudapps.provision.huaweicloud_apig_app", {"name": "aged_app", "instance_id": HUAWEI_INSTANCE}),
    "tencent": ("cloudapps.provision.tencentcloud_apigateway_api_key", {"name": "aged_key"}),
}
ROTATE_CALLS = {"alibaba": ["CreateAppKey", "ResetAppCode"], "apig": ["UpdateConsumer"], "huawei": ["ResetAppSecret"], "tencent": ["UpdateApiKey"]}


@pytest.fixture(scope="module")
def bao(tmp_path_factory):
    server = OpenBao(tmp_path_factory.mktemp("openbao")).start()
    yield server
    server.stop()


def task(vendor, title, **options):
    module, fixed = VENDORS[vendor]
    return {"name": title, module: dict(fixed, **options), "register": "r"}


def writes(emulator, vendor, result):
    ids = set(result.get("request_ids") or [])
    return [e["action"] for e in emulator.log(vendor) if e["request_id"] in ids and e["mutating"]]


def pairs(emulator):
    (app,) = emulator.state()["alibaba"]["apps"].values()
    return [app["AppKey"]] + [pair["AppKey"] for pair in app["ExtraKeys"]]


@pytest.mark.parametrize("vendor", sorted(VENDORS))
def test_a_secret_older_than_max_secret_age_is_rotated_once(vendor, emulator, ansible):
    env = emulator.env(vendor)
    assert ansible.playbook([task(vendor, "create")], env=env).rc == 0
    young = ansible.playbook([task(vendor, "young", max_secret_age=90)], env=env)
    assert young.rc == 0 and young.result("young")["action"] == "unchanged", young
    assert writes(emulator, vendor, young.result("young")) == []
    emulator.age(vendor, 97.5)
    planned = ansible.playbook([task(vendor, "plan", max_secret_age=90)], env=env, check=True)
    plan = planned.result("plan")
    assert plan["changed"] and plan["rotate_reason"] == "age 97 d > 90" and writes(emulator, vendor, plan) == []
    run = ansible.playbook([task(vendor, "old", max_secret_age=90)], env=env)
    result = run.result("old")
    assert run.rc == 0 and result["action"] == "update" and result["rotate_reason"] == "age 97 d > 90", run
    assert writes(emulator, vendor, result) == ROTATE_CALLS[vendor]
    again = ansible.playbook([task(vendor, "again", max_secret_age=90)], env=env)
    assert again.result("again")["action"] == "unchanged" and "rotate_reason" not in again.result("again")


def test_alibaba_rotation_keeps_the_previous_pair_through_the_grace_and_the_store_holds_both(emulator, ansible, bao):
    env = dict(emulator.env("alibaba"), VAULT_ADDR=bao.url, VAULT_TOKEN=bao.root_token)
    store = {"path": "cloudapps/{vendor}/{name}"}
    assert ansible.playbook([task("alibaba", "create", secret_store=store)], env=env).rc == 0
    (first,) = pairs(emulator)
    run = ansible.playbook([task("alibaba", "rotate", secret_store=store, rotate_secret=True, return_secrets=True)],
                           env=env)
    result = run.result("rotate")
    keys = pairs(emulator)
    assert run.rc == 0 and keys[0] == first and len(keys) == 2 and result["app"]["app_key"] == keys[1]
    assert [pair["app_key"] for pair in result["app"]["previous_app_keys"]] == [first]
    copy = bao.api("GET", "/v1/secret/data/cloudapps/alicloud/aged_app")["data"]["data"]
    assert copy["AppKey"] == keys[1] and copy["previous_AppKey"] == first
    assert result["secret_store"]["reason"] == "rotated"
    # Within the grace nothing changes; past it the previous pair goes and the copy is rewritten.
    emulator.age("alibaba", 3)
    within = ansible.playbook([task("alibaba", "within", secret_store=store)], env=env)
    assert within.result("within")["action"] == "unchanged" and len(pairs(emulator)) == 2
    emulator.age("alibaba", 5)
    past = ansible.playbook([task("alibaba", "past", secret_store=store)], env=env, diff=True)
    result = past.result("past")
    assert past.rc == 0 and result["changed_fields"] == ["previous_app_keys", "secret_store"], result
    assert writes(emulator, "alibaba", result) == ["DeleteAppKey"] and pairs(emulator) == [keys[1]]
    copy = bao.api("GET", "/v1/secret/data/cloudapps/alicloud/aged_app")["data"]
    assert "previous_AppKey" not in copy["data"] and copy["metadata"]["version"] == 3
    assert result["secret_store"]["reason"] == "stale"


def test_grace_zero_is_a_cut(emulator, ansible):
    env = emulator.env("alibaba")
    assert ansible.playbook([task("alibaba", "create")], env=env).rc == 0
    (first,) = pairs(emulator)
    run = ansible.playbook([task("alibaba", "rotate", rotate_secret=True, previous_secret_grace=0)], env=env)
    assert run.rc == 0 and writes(emulator, "alibaba", run.result("rotate")) == ["CreateAppKey", "ResetAppCode", "DeleteAppKey"]
    assert len(pairs(emulator)) == 1 and pairs(emulator) != [first]


@pytest.mark.parametrize("module, options, rule", [
    ("cloudapps.provision.volcengine_rtc_app", {"name": "rtc_app"}, "has no API to regenerate its secret"),
    (ALIBABA, {"name": "some_app", "max_secret_age": 0}, "must be at least 1 day"),
    (ALIBABA, {"name": "some_app", "app_secret": "Own_Secret-0001"}, "cannot be combined with app_secret"),
    (ALIBABA, {"name": "some_app", "previous_secret_grace": -1}, "previous_secret_grace: must be 0 or more"),
])
def test_max_secret_age_is_refused_before_any_call_where_it_cannot_work(module, options, rule, emulator, ansible):
    args = dict({"max_secret_age": 90}, **options)
    run = ansible.playbook([{"name": "refused", module: args, "ignore_errors": True, "register": "r"}],
                           env=emulator.env_all())
    assert rule in run.result("refused")["msg"] and emulator.calls() == 0


def test_the_plan_report_shows_a_rotation_by_age(emulator, ansible):
    env = emulator.env("alibaba")
    assert ansible.playbook([task("alibaba", "create")], env=env).rc == 0
    emulator.age("alibaba", 120)
    play_vars = {"cloud_apps_alicloud_apigateway_apps": [{"name": "aged_app"}], "cloud_apps_max_secret_age": 90,
                 "cloud_apps_fail_on_error": False}
    run = ansible.playbook([{"ansible.builtin.import_role": {"name": "cloudapps.provision.cloud_apps"}},
                            {"name": "report", "ansible.builtin.debug": {
                                "msg": "{{ cloud_apps_results | cloudapps.provision.plan_report(cloud_apps_failures) }}"}}],
                           env=env, play_vars=play_vars, check=True)
    (line,) = [line for line in run.result("report")["msg"] if "aged_app" in line]
    assert line.split()[:3] == ["alicloud", "aged_app", "rotate"] and line.endswith("age 120 d > 90")
    assert emulator.mutating_calls() == 1


def test_the_rotate_playbook_checks_then_rotates_what_is_due_and_hands_it_off(emulator, ansible, bao, tmp_path):
    import json
    import os
    from .conftest import REPO
    setup = [task("alibaba", "old"), task("tencent", "old"),
             {"name": "young", ALIBABA: {"name": "young_app"}}]
    env = dict(emulator.env_all(), VAULT_ADDR=bao.url, VAULT_TOKEN=bao.root_token)
    assert ansible.playbook(setup, env=env).rc == 0
    emulator.age("alibaba", 100)
    emulator.age("tencent", 100)
    assert ansible.playbook([{"name": "young", ALIBABA: {"name": "young_app", "rotate_secret": True}}], env=env).rc == 0
    lists = {"cloud_apps_alicloud_apigateway_apps": [{"name": "aged_app"}, {"name": "young_app"}],
             "cloud_apps_tencentcloud_apigateway_api_keys": [{"name": "aged_key"}]}
    path = str(tmp_path / "apps.json")
    with open(path, "w") as handle:
        json.dump(lists, handle)
    argv = [os.path.join(ansible.bindir, "ansible-playbook"), "-i", "localhost,",
            os.path.join(REPO, "playbooks", "rotate.yml"), "-e", "@" + path]

    def report(run):
        """NAME -> [VENDOR, NAME, ACTION, CHANGED FIELDS, REASON] (columns are 2 or more spaces apart)."""
        (entry,) = [e for e in run.results if e["task"] == "Show what was rotated and handed off"]
        rows = [re.split(r"\s{2,}", line) for line in entry["result"]["msg"][1:]]
        return dict((row[1], row) for row in rows)

    writes_before = emulator.mutating_calls()
    checked = ansible._run(argv + ["--check"], env)
    assert checked.rc == 0, checked
    lines = report(checked)
    assert lines["aged_app"][2] == "rotate" and lines["aged_app"][-1] == "age 100 d > 90"
    assert lines["aged_key"][2] == "rotate" and lines["young_app"][2] == "unchanged"
    assert lines["aged_app > secret_store"][2:] == ["store write", "cloudapps/alicloud/aged_app", "rotated"]
    assert emulator.mutating_calls() == writes_before

    run = ansible._run(argv, env)
    assert run.rc == 0, run
    lines = report(run)
    assert lines["aged_app"][2] == "rotate" and lines["aged_key"][2] == "rotate"
    copy = bao.api("GET", "/v1/secret/data/cloudapps/alicloud/aged_app")["data"]["data"]
    assert copy["previous_AppKey"] and copy["AppKey"] != copy["previous_AppKey"]
    assert bao.api("GET", "/v1/secret/data/cloudapps/tencentcloud/aged_key")["data"]["data"]["AccessKeySecret"]
    text = run.stdout + run.stderr + json.dumps(run.results)
    assert not any(secret in text for secret in emulator.secrets())
    # The next scheduled run finds nothing due and writes nothing anywhere.
    writes_before = emulator.mutating_calls()
    again = ansible._run(argv, env)
    assert all(row[2] in ("unchanged", "store unchanged") for row in report(again).values()), report(again)
    assert emulator.mutating_calls() == writes_before


def test_info_modules_list_each_credential_with_its_age_and_what_is_due(emulator, ansible):
    import json
    env = emulator.env_all()
    setup = [task("alibaba", "old"), {"name": "fresh", ALIBABA: {"name": "fresh_app"}}, task("tencent", "key"),
             {"name": "rtc", "cloudapps.provision.volcengine_rtc_app": {"name": "listed_rtc"}},
             {"name": "consumer", "cloudapps.provision.alicloud_apig_consumer": {"name": "listed", "api_key": {}}}]
    assert ansible.playbook(setup, env=env).rc == 0
    emulator.age("alibaba", 100)
    emulator.age("tencent", 100)
    assert ansible.playbook([{"name": "rotate", ALIBABA: {"name": "fresh_app", "rotate_secret": True}}], env=env).rc == 0
    info = [
        {"name": "due", "cloudapps.provision.alicloud_apigateway_app_info": {"older_than_days": 90}, "register": "r"},
        {"name": "all", "cloudapps.provision.alicloud_apigateway_app_info": {"list_credentials": True}, "register": "r"},
        {"name": "keys", "cloudapps.provision.tencentcloud_apigateway_api_key_info": {"older_than_days": 90},
         "register": "r"},
        {"name": "rtc", "cloudapps.provision.volcengine_rtc_app_info": {"list_credentials": True}, "register": "r"},
        {"name": "consumers", "cloudapps.provision.alicloud_apig_consumer_info": {"older_than_days": 0}, "register": "r"},
        {"name": "secrets", "cloudapps.provision.alicloud_apigateway_app_info": {
            "name": "aged_app", "list_credentials": True, "return_secrets": True}, "register": "r"},
    ]
    run = ansible.playbook(info, env=env)
    assert run.rc == 0, run
    # fresh_app's previous pair is 100 days old: it is due as well (until its grace ends).
    due = run.result("due")["apps"]
    assert sorted(app["app_name"] for app in due) == ["aged_app", "fresh_app"]
    listed = dict((app["app_name"], app["credentials"]) for app in run.result("all")["apps"])
    assert [c["age_days"] for c in listed["fresh_app"]] == [0, 100] and [c["age_days"] for c in listed["aged_app"]] == [100]
    assert all(c["handle"].startswith("sha256:") and set(c) == {"handle", "created", "age_days"}
               for c in listed["fresh_app"])
    (key,) = run.result("keys")["api_keys"]
    assert key["credentials"][0]["handle"] == key["access_key_id"] and key["credentials"][0]["age_days"] == 100
    (rtc,) = run.result("rtc")["apps"]
    assert len(rtc["credentials"]) == 2 and rtc["credentials"][0]["age_days"] == 0
    # The APIG API gives no credential time: never due.
    assert run.result("consumers")["consumers"] == []
    text = json.dumps([e for e in run.results if e["task"] != "secrets"])
    assert not any(secret in text for secret in emulator.secrets())
    # Asked for (a test would set no_log on such a task): the secret fields, under the vendor's names.
    (app,) = [a for a in emulator.state()["alibaba"]["apps"].values() if a["AppName"] == "aged_app"]
    (credential,) = run.result("secrets")["apps"][0]["credentials"]
    assert (credential["AppKey"], credential["AppSecret"]) == (app["AppKey"], app["AppSecret"])


def test_an_alibaba_app_code_of_yours_changes_in_place(emulator, ansible):
    env = emulator.env("alibaba")
    run = ansible.playbook([task("alibaba", "create", app_code="FirstCode0001"),
                            task("alibaba", "same", app_code="FirstCode0001"),
                            task("alibaba", "change", app_code="SecondCode002")], env=env, diff=True)
    assert run.rc == 0, run
    assert not run.result("same")["changed"]
    changed = run.result("change")
    assert changed["changed_fields"] == ["app_code"] and writes(emulator, "alibaba", changed) == ["ResetAppCode"]
    (app,) = emulator.state()["alibaba"]["apps"].values()
    assert app["AppCode"] == "SecondCode002" and changed["diff"]["after"]["app_code"] == "******** (new value)"
    assert "SecondCode002" not in run.stdout + run.stderr


def test_apig_rotation_keeps_the_previous_key_through_the_grace(emulator, ansible, bao):
    env = dict(emulator.env("apig"), VAULT_ADDR=bao.url, VAULT_TOKEN=bao.root_token)
    store = {"path": "cloudapps/{vendor}/{name}"}

    def keys():
        (consumer,) = emulator.state()["apig"]["consumers"].values()
        return [cred["apikey"] for cred in consumer["apikey"]["credentials"]]

    assert ansible.playbook([task("apig", "create", secret_store=store)], env=env).rc == 0
    (first,) = keys()
    run = ansible.playbook([task("apig", "rotate", secret_store=store, rotate_secret=True)], env=env)
    assert run.rc == 0, run
    assert keys()[0] == first and len(keys()) == 2
    copy = bao.api("GET", "/v1/secret/data/cloudapps/alicloud_apig/aged-consumer")["data"]["data"]
    assert copy["apikey"] == keys()[1] and copy["previous_apikey"] == first
    within = ansible.playbook([task("apig", "within", secret_store=store)], env=env)
    assert within.result("within")["action"] == "unchanged" and len(keys()) == 2
    emulator.age("apig", 8)
    past = ansible.playbook([task("apig", "past", secret_store=store)], env=env)
    result = past.result("past")
    assert past.rc == 0 and result["changed_fields"] == ["api_key", "secret_store"], result
    assert writes(emulator, "apig", result) == ["UpdateConsumer"] and keys() == [copy["apikey"]]
    copy = bao.api("GET", "/v1/secret/data/cloudapps/alicloud_apig/aged-consumer")["data"]["data"]
    assert "previous_apikey" not in copy and copy["apikey"] == keys()[0]
    again = ansible.playbook([task("apig", "again", secret_store=store)], env=env)
    assert again.result("again")["action"] == "unchanged" and not again.result("again")["changed"]


def test_the_readme_worked_example_runs_as_written(emulator, ansible, bao, tmp_path):
    """README "Credentials: hand-off and rotation": its printf and ansible-playbook lines, run from the
    repository root in a shell, with the emulator's and this OpenBao's settings in the environment."""
    import subprocess
    from .conftest import REPO
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as handle:
        section = handle.read().split("## Credentials: hand-off and rotation", 1)[1].split("\n## ", 1)[0]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    lines = [line for line in block.splitlines() if line.startswith(("printf ", "ansible-playbook "))]
    assert len(lines) == 4, lines
    env = dict(ansible.base_env, VAULT_ADDR=bao.url, VAULT_TOKEN=bao.root_token, **emulator.env_all())
    outputs = []
    for line in lines:
        # The vars file goes to the test's directory, not the checkout.
        line = line.replace("rotate_apps.yml", str(tmp_path / "rotate_apps.yml"))
        proc = subprocess.run(["bash", "-c", line], cwd=REPO, env=env, capture_output=True, universal_newlines=True,
                              timeout=300, check=False)
        assert proc.returncode == 0, line + "\n" + proc.stdout[-3000:] + proc.stderr[-2000:]
        outputs.append(proc.stdout)
    assert "store write" in outputs[1] and "created" in outputs[1]
    assert "store unchanged" in outputs[3] and "store write" not in outputs[3]
    copy = bao.api("GET", "/v1/secret/data/cloudapps/alicloud/billing_partner")["data"]["data"]
    assert copy["AppSecret"] and copy["fingerprint"].startswith("sha256:")
    assert not any(secret in "".join(outputs) for secret in emulator.secrets())
