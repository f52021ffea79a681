# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Classes of defect an abuse run looks for: lying answers, encoded secrets, hostile input, slow answers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import time
from urllib.parse import quote, quote_plus

import pytest

from .conftest import HUAWEI_INSTANCE

VOLC = "cloudapps.provision.volcengine_rtc_app"
ALI = "cloudapps.provision.alicloud_apigateway_app"
HUAWEI = "cloudapps.provision.huaweicloud_apig_app"
TENCENT = "cloudapps.provision.tencentcloud_apigateway_api_key"

# module, emulator vendor, list action, create action, extra args, how to count resources by name
VENDORS = [
    (VOLC, "volcengine", "ListApps", "CreateApp", {},
     lambda state, name: sum(1 for app in state["volcengine"]["apps"] if app["AppName"] == name)),
    (ALI, "alibaba", "DescribeAppAttributes", "CreateApp", {},
     lambda state, name: sum(1 for app in state["alibaba"]["apps"].values() if app["AppName"] == name)),
    (HUAWEI, "huawei", "ListApps", "CreateApp", {"instance_id": HUAWEI_INSTANCE},
     lambda state, name: sum(1 for gateway in state["huawei"]["gateways"].values() for app in gateway.values()
                             if app["name"] == name)),
    (TENCENT, "tencent", "DescribeApiKeysStatus", "CreateApiKey", {},
     lambda state, name: sum(1 for key in state["tencent"]["keys"].values() if key["SecretName"] == name)),
]
IDS = [v[1] for v in VENDORS]


def task(module, title, args, **extra):
    entry = {"name": title, module: args}
    entry.update(extra)
    return entry


def outcome(run, title):
    (entry,) = [e for e in run.results if e["task"] == title]
    return entry["status"], entry["result"]


@pytest.mark.parametrize("module,vendor,list_action,create_action,extra,count", VENDORS, ids=IDS)
@pytest.mark.parametrize("kind", ["malformed", "empty"])
def test_a_read_that_lies_is_a_failed_read_never_a_create(
        emulator, ansible, module, vendor, list_action, create_action, extra, count, kind):
    env = emulator.env(vendor)
    assert ansible.playbook([task(module, "setup", dict(extra, name="liar_app"))], env=env).rc == 0
    emulator.faults([{"vendor": vendor, "action": list_action, "kind": kind, "count": -1}])
    run = ansible.playbook([task(module, "lied to", dict(extra, name="liar_app"), ignore_errors=True),
                            task(module, "batch lied to", dict(extra, items=[{"name": "liar_app"}]),
                                 ignore_errors=True)], env=env)
    for title in ("lied to", "batch lied to"):
        status, result = outcome(run, title)
        assert status == "failed", result
        # Named as a bad answer (malformed, or not JSON at all), never "created" or "not found".
        assert "malformed answer from" in result["msg"] or "not a JSON object" in result["msg"], result["msg"]
    assert count(emulator.state(), "liar_app") == 1
    assert [e["action"] for e in emulator.log(vendor) if e["mutating"]] == [create_action]


@pytest.mark.parametrize("module,vendor,list_action,create_action,extra,count", VENDORS, ids=IDS)
@pytest.mark.parametrize("kind", ["malformed", "empty"])
def test_a_create_with_a_malformed_answer_is_adopted_not_repeated(
        emulator, ansible, module, vendor, list_action, create_action, extra, count, kind):
    env = emulator.env(vendor)
    emulator.faults([{"vendor": vendor, "action": create_action, "kind": kind, "count": 1}])
    run = ansible.playbook([task(module, "create", dict(extra, name="odd_answer"), register="r")], env=env)
    status, result = outcome(run, "create")
    assert status in ("ok", "changed") and result["changed"], result
    resource = result.get("app") or result.get("api_key")
    assert resource and any(resource.get(key) for key in ("app_id", "id", "access_key_id")), result
    assert count(emulator.state(), "odd_answer") == 1
    assert [e["action"] for e in emulator.log(vendor) if e["mutating"]] == [create_action]


def encoded(value):
    once = quote(value, safe="")
    return [value, once, quote(once, safe=""), quote_plus(value), json.dumps(value)[1:-1]]


def test_a_signature_error_never_carries_a_secret_in_any_encoding(emulator, ansible):
    token = "STS/Token+Value=01~x"
    app_secret = "AppSecret_0001"
    env = dict(emulator.env("alibaba"), ALIBABA_CLOUD_ACCESS_KEY_SECRET="WrongSecret/+=0123",
               ALIBABA_CLOUD_SECURITY_TOKEN=token)
    run = ansible.playbook([task(ALI, "bad signature", {"name": "sig_app", "app_key": "SigKey0001",
                                                        "app_secret": app_secret}, ignore_errors=True)],
                           env=env, extra_args=["-vvv"])
    status, result = outcome(run, "bad signature")
    assert status == "failed" and result["error"]["code"] == "SignatureDoesNotMatch"
    # The sentence that introduces the string to sign goes with it.
    assert "not matched with our calculation (the server's string to sign is left out)" in result["msg"], result["msg"]
    text = run.stdout + run.stderr
    for secret in (token, "WrongSecret/+=0123", app_secret):
        for form in encoded(secret):
            assert form not in text, (secret, form)


def test_an_endpoint_with_user_info_is_never_echoed(emulator, ansible):
    run = ansible.playbook([task(TENCENT, "userinfo", {"name": "ui_key", "endpoint": "https://admin:Pa55-w0rd@127.0.0.1:1"},
                                 ignore_errors=True)], env=emulator.env("tencent"), extra_args=["-vvv"])
    status, result = outcome(run, "userinfo")
    assert status == "failed" and "endpoint:" in result["msg"] and "user info" in result["msg"]
    assert "Pa55-w0rd" not in run.stdout + run.stderr
    assert emulator.calls("tencent") == 0


@pytest.mark.parametrize("module,vendor,args,option", [
    (VOLC, "volcengine", {"name": "trailing_nl\n"}, "name"),
    (ALI, "alibaba", {"name": "trailing_nl\n"}, "name"),
    (HUAWEI, "huawei", {"name": "trailing_nl\n", "instance_id": HUAWEI_INSTANCE}, "name"),
    (TENCENT, "tencent", {"name": "trailing_nl\n"}, "name"),
    (VOLC, "volcengine", {"name": "rtl\u202eapp"}, "name"),
    (TENCENT, "tencent", {"name": "ok_key", "region": "ap-guangzhou\n"}, "region"),
    (TENCENT, "tencent", {"name": "ok_key", "secret_key": "secret\n"}, "secret_key"),
    (HUAWEI, "huawei", {"name": "ok_app", "instance_id": HUAWEI_INSTANCE, "app_key": "appkey_0001\n"}, "app_key"),
    (ALI, "alibaba", {"name": "ok_app", "id": "123\n"}, "id"),
    (TENCENT, "tencent", {"name": "ok_key", "timeout": "nan"}, "timeout"),
    (TENCENT, "tencent", {"name": "ok_key", "timeout": "inf"}, "timeout"),
    (ALI, "alibaba", {"name": "ok_app", "tags": {"team": {"nested": "dict"}}}, "tags"),
    (ALI, "alibaba", {"name": "ok_app", "tags": {"team": ["a", "list"]}}, "tags"),
    (ALI, "alibaba", {"name": "ok_app", "app_key": "AppKey_0001", "app_secret": "AppSecret_0001\n"}, "app_secret"),
    (HUAWEI, "huawei", {"name": "ok_app", "instance_id": "../../v1.0/apigw"}, "instance_id"),
])
def test_hostile_input_fails_before_any_call_naming_the_option(emulator, ansible, module, vendor, args, option):
    run = ansible.playbook([task(module, "hostile", args, ignore_errors=True)], env=emulator.env(vendor))
    status, result = outcome(run, "hostile")
    assert status == "failed", result
    assert (option + ":") in result["msg"], result["msg"]
    assert emulator.calls(vendor) == 0


def test_a_trickling_answer_ends_on_time(emulator, ansible):
    env = emulator.env("tencent")
    assert ansible.playbook([task(TENCENT, "setup", {"items": [{"name": "slow_%d" % n} for n in range(5)]})],
                            env=env).rc == 0
    emulator.faults([{"vendor": "tencent", "action": "DescribeApiKeysStatus", "kind": "trickle", "count": -1,
                      "delay": 0.5}])
    started = time.monotonic()
    run = ansible.playbook([task(TENCENT, "slow", {"name": "slow_0", "timeout": 2}, ignore_errors=True)], env=env)
    elapsed = time.monotonic() - started
    status, result = outcome(run, "slow")
    assert status == "failed" and result["error"]["category"] == "network", result
    assert "no answer within the timeout" in result["msg"]
    # Five attempts (reads are retried) of 2 s each, plus backoff and Ansible itself: far less than
    # the minutes the trickle would take.
    assert elapsed < 40, elapsed
