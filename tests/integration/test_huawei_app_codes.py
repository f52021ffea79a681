# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Huawei app codes on huaweicloud_apig_app: your value or a generated one, rotated with the secret, stored with it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from tests.openbao import OpenBao

from .conftest import HUAWEI_GATEWAY, HUAWEI_INSTANCE

HUAWEI = "cloudapps.provision.huaweicloud_apig_app"
MINE = "Code+" + "b2" * 40
OTHER = "Code/" + "c3" * 40


@pytest.fixture(scope="module")
def bao(tmp_path_factory):
    server = OpenBao(tmp_path_factory.mktemp("openbao")).start()
    yield server
    server.stop()


def task(title, **options):
    return {"name": title, HUAWEI: dict({"name": "coded_app", "instance_id": HUAWEI_INSTANCE}, **options),
            "register": "r"}


def codes(emulator):
    (app,) = emulator.state()["huawei"]["gateways"][HUAWEI_GATEWAY].values()
    return [code["app_code"] for code in app.get("app_codes", [])]


def writes(emulator, result):
    ids = set(result.get("request_ids") or [])
    return [e["action"] for e in emulator.log("huawei") if e["request_id"] in ids and e["mutating"]]


def test_an_app_code_of_yours_is_set_once_and_replaced_by_a_new_value(emulator, ansible):
    env = emulator.env("huawei")
    run = ansible.playbook([task("create", app_code=MINE), task("again", app_code=MINE),
                            task("change", app_code=OTHER)], env=env, diff=True)
    assert run.rc == 0, run
    created = run.result("create")
    assert created["action"] == "create" and "app_code" in created["changed_fields"]
    assert writes(emulator, created) == ["CreateApp", "CreateAppCode"]
    assert not run.result("again")["changed"] and writes(emulator, run.result("again")) == []
    changed = run.result("change")
    assert changed["changed_fields"] == ["app_code"] and writes(emulator, changed) == ["CreateAppCode", "DeleteAppCode"]
    assert codes(emulator) == [OTHER]
    assert changed["diff"]["after"]["app_code"] == "******** (new value)"
    text = run.stdout + run.stderr + json.dumps(run.results)
    assert MINE not in text and OTHER not in text


def test_a_generated_code_is_made_once_rotated_with_the_secret_and_handed_off(emulator, ansible, bao):
    env = dict(emulator.env("huawei"), VAULT_ADDR=bao.url, VAULT_TOKEN=bao.root_token)
    store = {"path": "cloudapps/{vendor}/{name}"}
    run = ansible.playbook([task("create", generate_app_code=True, secret_store=store),
                            task("again", generate_app_code=True, secret_store=store)], env=env)
    assert run.rc == 0, run
    assert writes(emulator, run.result("create")) == ["CreateApp", "CreateAppCodeAuto"]
    assert not run.result("again")["changed"]
    (first,) = codes(emulator)
    copy = bao.api("GET", "/v1/secret/data/cloudapps/huaweicloud/coded_app")["data"]["data"]
    assert copy["app_code"] == first and copy["app_secret"]
    run = ansible.playbook([task("rotate", generate_app_code=True, secret_store=store, rotate_secret=True)], env=env)
    result = run.result("rotate")
    assert run.rc == 0 and writes(emulator, result) == ["ResetAppSecret", "CreateAppCodeAuto", "DeleteAppCode"]
    (second,) = codes(emulator)
    assert second != first
    assert bao.api("GET", "/v1/secret/data/cloudapps/huaweicloud/coded_app")["data"]["data"]["app_code"] == second
    text = run.stdout + run.stderr + json.dumps(run.results)
    assert first not in text and second not in text


@pytest.mark.parametrize("options, rule", [
    ({"app_code": "short"}, "app_code: must be 64 to 180 characters"),
    ({"app_code": MINE, "generate_app_code": True}, "generate_app_code: cannot be combined with app_code"),
    ({"app_code": MINE, "instance_id": None, "shared_gateway": True}, "app codes exist on dedicated gateways only"),
])
def test_bad_app_code_input_fails_before_any_call(options, rule, emulator, ansible):
    args = dict({"name": "coded_app", "instance_id": HUAWEI_INSTANCE}, **options)
    args = dict((key, value) for key, value in args.items() if value is not None)
    run = ansible.playbook([{"name": "bad", HUAWEI: args, "ignore_errors": True, "register": "r"}],
                           env=emulator.env("huawei"))
    result = run.result("bad")
    assert rule in result["msg"] and emulator.calls() == 0 and "short" not in result["msg"].replace(rule, "")
