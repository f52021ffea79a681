# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One vendor error per category, as the user sees it: code, request id and category, no traceback.

The per-module files cover throttling, server errors, clock skew and bad keys; this file adds the
categories that need a prepared emulator: quota, not_found, invalid_parameter (from the vendor,
not from our own checks) and network.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import socket

import pytest

from .conftest import start_emulator, stop_emulator

INSTANCE = "0123456789abcdef0123456789abcdef"
PROJECT = "fedcba9876543210fedcba9876543210"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """An emulator whose Volcengine account is full (100 apps) and which knows one Huawei gateway."""
    workdir = tmp_path_factory.mktemp("prepared")
    apps = [{"AppId": "%024x" % i, "AppName": "seed_%d" % i, "AppKey": "k%031d" % i, "SecondaryAppKey": "s%031d" % i,
             "Status": 1, "CreateAt": "2026-01-01T00:00:00Z", "ProjectName": "default",
             "InstanceId": "Application_%016x" % i, "Seq": i} for i in range(100)]
    state = workdir / "state.json"
    state.write_text(json.dumps({"volcengine": {"apps": apps, "owner": "2100000001"}}))
    process, server = start_emulator(workdir, ["--state", str(state), "--huawei-instance-id", INSTANCE])
    yield server
    stop_emulator(process)


def _failure(run, name):
    (entry,) = [e for e in run.results if e["task"] == name]
    assert entry["status"] == "failed", entry
    return entry["result"]


def _task(name, module, args):
    return {"name": name, "cloudapps.provision." + module: args, "ignore_errors": True}


def _assert_vendor_error(result, code, category):
    assert result["error"]["code"] == code and result["error"]["category"] == category, result
    assert result["error"]["request_id"] and result["error"]["request_id"] in result["msg"]
    assert code in result["msg"] and ("category: %s" % category) in result["msg"]
    assert "Traceback" not in json.dumps(result)


def test_quota_not_found_and_vendor_invalid_parameter(prepared, ansible):
    env = dict(prepared.env("volcengine"), **prepared.env("huawei"))
    env.update(prepared.env("alibaba"))
    env["HUAWEICLOUD_SDK_PROJECT_ID"] = PROJECT
    run = ansible.playbook([
        # Only the vendor knows that another app holds this AppKey already.
        _task("key holder", "alicloud_apigateway_app",
              {"name": "key_holder_app", "app_key": "SharedAppKey01", "app_secret": "SharedSecret_01"}),
        _task("vendor rejects", "alicloud_apigateway_app",
              {"name": "key_taker_app", "app_key": "SharedAppKey01", "app_secret": "OtherSecret_01"}),
        _task("quota", "volcengine_rtc_app", {"name": "one_too_many"}),
        _task("unknown gateway", "huaweicloud_apig_app", {"name": "demo_app", "instance_id": "f" * 32}),
        _task("first key", "huaweicloud_apig_app",
              {"name": "first_app", "app_key": "shared_key_0001", "instance_id": INSTANCE}),
        _task("same key", "huaweicloud_apig_app",
              {"name": "second_app", "app_key": "shared_key_0001", "instance_id": INSTANCE}),
    ], env=env)
    assert run.rc == 0, run
    _assert_vendor_error(_failure(run, "quota"), "QuotaExceeded", "quota")
    _assert_vendor_error(_failure(run, "unknown gateway"), "APIG.3030", "not_found")
    _assert_vendor_error(_failure(run, "same key"), "APIG.3310", "conflict")
    _assert_vendor_error(_failure(run, "vendor rejects"), "InvalidParamter.AppKey", "invalid_parameter")
    assert "short!" not in json.dumps(run.results)
    # Nothing was half-created by the failing tasks.
    assert len(prepared.state()["volcengine"]["apps"]) == 100
    assert [e["action"] for e in prepared.log("huawei") if e["mutating"]] == ["CreateApp", "CreateApp"]


def test_unreachable_endpoint_is_a_network_error(ansible):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    env = {"TENCENTCLOUD_SECRET_ID": "AKIDEXAMPLE", "TENCENTCLOUD_SECRET_KEY": "secret", "TENCENTCLOUD_REGION": "ap-guangzhou"}
    run = ansible.playbook([_task("unreachable", "tencentcloud_apigateway_api_key",
                                  {"name": "demo_key", "endpoint": "http://127.0.0.1:%d" % port, "timeout": 2})], env=env)
    assert run.rc == 0, run
    result = _failure(run, "unreachable")
    assert result["error"]["category"] == "network" and result["error"]["request_id"] is None
    assert "category: network" in result["msg"] and "Traceback" not in json.dumps(result)
