# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Volcengine RTC: error envelopes and categories, the AppName rule, the status mapping, and the
client against the in-process emulator (signature accepted, paging, errors with request ids)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys

import pytest

from ansible_collections.cloudapps.provision.plugins.module_utils import _errors
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import Response
from ansible_collections.cloudapps.provision.plugins.module_utils._reconcile import observe
from ansible_collections.cloudapps.provision.plugins.module_utils._volcengine import (
    RtcApp, VolcengineClient, app_from_create, app_from_list, is_enabled, name_problems, parse_response,
)
from ansible_collections.cloudapps.provision.tests.unit.plugins.module_utils.stub_module import StubModule

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def _envelope(code, message, code_n=None, request_id="20240115083000ABCDEF0123456789AB", action="CreateApp"):
    error = {"Code": code, "Message": message}
    if code_n is not None:
        error["CodeN"] = code_n
    return {"ResponseMetadata": {"RequestId": request_id, "Action": action, "Version": "2023-11-01",
                                 "Service": "rtc", "Region": "cn-north-1", "Error": error}}


def _response(status, obj, headers=None):
    body = obj if isinstance(obj, bytes) else json.dumps(obj, ensure_ascii=False).encode("utf-8")
    return Response(status, headers or {}, body)


# The reference's common gateway error table: code, CodeN, HTTP status, expected category.
GATEWAY_ERRORS = [
    ("MissingParameter", 100002, 400, _errors.INVALID_PARAMETER),
    ("MissingAuthenticationToken", 100003, 401, _errors.AUTH),
    ("MissingRequestInfo", 100004, 400, _errors.SIGNATURE),
    ("MissingSignature", 100005, 401, _errors.SIGNATURE),
    ("InvalidTimestamp", 100006, 400, _errors.SIGNATURE),
    ("ServiceNotFound", 100007, 404, _errors.INVALID_PARAMETER),
    ("InvalidActionOrVersion", 100008, 404, _errors.INVALID_PARAMETER),
    ("InvalidAccessKey", 100009, 401, _errors.AUTH),
    ("SignatureDoesNotMatch", 100010, 401, _errors.SIGNATURE),
    ("LackPolicy", 100012, 403, _errors.AUTH),
    ("AccessDenied", 100013, 403, _errors.AUTH),
    ("FlowLimitExceeded", None, 429, _errors.THROTTLED),
    ("AccountFlowLimitExceeded", None, 429, _errors.THROTTLED),
    ("ServiceUnavailableTemp", None, 503, _errors.SERVER),
    ("InternalError", None, 500, _errors.SERVER),
    ("InternalServiceError", None, 500, _errors.SERVER),
    ("InternalServiceTimeout", None, 504, _errors.SERVER),
    # RTC error table: an AppId that does not exist.
    ("InvalidParameter.NotExistAppId", None, 400, _errors.NOT_FOUND),
]


@pytest.mark.parametrize("code, code_n, status, category", GATEWAY_ERRORS, ids=[row[0] for row in GATEWAY_ERRORS])
def test_gateway_error_envelope(code, code_n, status, category):
    with pytest.raises(CloudError) as info:
        parse_response(_response(status, _envelope(code, "some text", code_n)))
    error = info.value
    assert (error.code, error.category, error.http_status) == (code, category, status)
    assert error.request_id == "20240115083000ABCDEF0123456789AB"
    assert error.vendor == "Volcengine"
    assert error.message.startswith("some text")
    if code_n is not None:
        assert "CodeN %d" % code_n in error.message
    # What the user sees: code, request id and category in one line.
    text = str(error)
    assert code in text and "20240115083000ABCDEF0123456789AB" in text and "category: %s" % category in text


@pytest.mark.parametrize("status, category", [
    (429, _errors.THROTTLED), (500, _errors.SERVER), (502, _errors.SERVER), (503, _errors.SERVER),
    (400, _errors.INVALID_PARAMETER), (401, _errors.AUTH), (403, _errors.AUTH),
])
def test_unknown_codes_fall_back_to_the_http_status(status, category):
    # The reference could not confirm the throttling/5xx code names: the status must decide.
    with pytest.raises(CloudError) as info:
        parse_response(_response(status, _envelope("SomethingNew", "x")))
    assert info.value.category == category
    assert info.value.retryable == (category in (_errors.THROTTLED, _errors.SERVER))


def test_error_inside_a_200_answer_is_an_error():
    with pytest.raises(CloudError) as info:
        parse_response(_response(200, _envelope("InvalidAccessKey", "bad key", 100009)))
    assert info.value.code == "InvalidAccessKey"
    assert info.value.category == _errors.AUTH
    assert info.value.request_id


def test_unknown_code_inside_a_200_answer_is_not_retried():
    with pytest.raises(CloudError) as info:
        parse_response(_response(200, _envelope("AppNameDuplicated", "dup")))
    assert info.value.category == _errors.INVALID_PARAMETER
    assert not info.value.retryable


def test_non_json_error_page_uses_status_and_log_id_header():
    with pytest.raises(CloudError) as info:
        parse_response(_response(502, b"<html>Bad Gateway</html>", {"X-Tt-Logid": "logid-1"}))
    assert info.value.category == _errors.SERVER
    assert info.value.request_id == "logid-1"
    assert info.value.code is None
    assert "502" in info.value.message


def test_non_json_success_is_a_server_error():
    with pytest.raises(CloudError) as info:
        parse_response(_response(200, b"not json"))
    assert info.value.category == _errors.SERVER


def test_success_returns_result_and_request_id():
    body = {"ResponseMetadata": {"RequestId": "rid-1", "Action": "ListApps", "Version": "2023-11-01",
                                 "Service": "rtc", "Region": "cn-north-1"},
            "Result": {"AppList": [], "Total": 0}}
    assert parse_response(_response(200, body)) == ({"AppList": [], "Total": 0}, "rid-1")


def test_modify_status_success_result_is_a_string():
    body = {"ResponseMetadata": {"RequestId": "rid-2"}, "Result": "success"}
    assert parse_response(_response(200, body)) == ("success", "rid-2")


# --- the AppName rule ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["a", "demo_app", "测试_app", "A1_b2", "_", "测" * 24, "a" * 24, "数据_2024_直播"])
def test_valid_names(name):
    assert name_problems(name) == []


@pytest.mark.parametrize("name, fragment", [
    ("", "must not be empty"),
    ("a" * 25, "at most 24 characters (got 25)"),
    ("测" * 25, "at most 24 characters (got 25)"),   # characters, not UTF-8 bytes (75)
    ("demo-app", "'-'"),
    ("demo app", "' '"),
    ("demo.app", "'.'"),
    ("app\n", "'\\n'"),                               # a trailing newline must not slip through "$"
    ("ｄｅｍｏ", "'ｄ'"),                               # full-width letters are not ASCII letters
    ("app😀", "'😀'"),
    ("テスト", "'テ'"),                                 # kana are not CJK unified ideographs
])
def test_invalid_names_name_the_option_and_rule(name, fragment):
    problems = name_problems(name)
    assert problems, name
    assert all(p.startswith("name: ") for p in problems)
    assert any(fragment in p for p in problems), problems


def test_too_long_and_bad_characters_are_both_reported():
    assert len(name_problems("-" * 30)) == 2


# --- status and result shape --------------------------------------------------------------------

@pytest.mark.parametrize("status, enabled", [(0, True), (1, True), (6, True), (98, False)])
def test_enabled_is_false_only_for_disabled(status, enabled):
    assert is_enabled(status) is enabled


def test_create_result_has_the_same_shape_as_a_listed_app():
    created = app_from_create({"AppId": "id1", "AppKey": "k1", "SecondaryAppKey": "k2", "Name": "测试_app",
                               "Owner": "2100000001", "InstanceStatus": 1, "CreateDate": "2024-01-15T08:30:00Z",
                               "InstanceId": "Application_1"}, "测试_app")
    listed = app_from_list({"AppId": "id1", "AppName": "测试_app", "CreateAt": "2024-01-15T08:30:00Z", "Status": 1,
                            "AppKey": "k1", "SecondaryAppKey": "k2"})
    assert created == listed
    assert listed["enabled"] is True


# --- the client against the in-process emulator --------------------------------------------------

class FakeModule(StubModule):
    def __init__(self, base_url, **params):
        defaults = dict(access_key=None, secret_key=None, session_token=None, region="cn-north-1", name="demo",
                        enabled=None)
        super(FakeModule, self).__init__("Volcengine", base_url, dict(defaults, **params))


@pytest.fixture(scope="module")
def emulator_server():
    if REPO_ROOT not in sys.path:
        sys.path.insert(0, REPO_ROOT)
    from tests.emulator.server import parse_options, start_in_thread  # pylint: disable=import-outside-toplevel
    server = start_in_thread(parse_options(["--port", "0", "--no-rate-limit"]))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def emu(emulator_server):
    emulator_server.emulator.reset()
    return emulator_server


def _module(server, **params):
    params.setdefault("access_key", server.emulator.access_key)
    params.setdefault("secret_key", server.emulator.secret_key)
    return FakeModule(server.base_url, **params)


def _seed(server, count):
    apps = server.emulator.state["volcengine"]["apps"]
    for seq in range(count):
        apps.append({"AppId": "app%04d" % seq, "AppName": "name_%d" % seq, "AppKey": "key%d" % seq,
                     "SecondaryAppKey": "second%d" % seq, "Status": 1, "CreateAt": "2024-01-15T08:30:00Z",
                     "ProjectName": "default", "InstanceId": "Application_%d" % seq, "Seq": seq})


def _actions(server):
    return [entry["action"] for entry in server.emulator.log_entries]


def test_lifecycle_calls_are_accepted_with_a_session_token(emu):
    # The emulator recomputes the signature from the wire: a token must be sent and signed.
    module = _module(emu, session_token="STS/token+with=reserved~*!'()chars")
    app = RtcApp(module)
    created = app.create({"app_name": "测试_app"})
    assert created["app_name"] == "测试_app" and created["enabled"] is True
    app.update(created, {"enabled": False})
    found = app.find_by_name("测试_app")
    assert [(a["app_id"], a["status"], a["enabled"]) for a in found] == [(created["app_id"], 98, False)]
    assert _actions(emu) == ["CreateApp", "ModifyAppStatus", "ListApps"]
    assert len(module.request_ids) == 3


def test_find_by_name_pages_while_total_says_more(emu):
    _seed(emu, 130)  # more than one page of 100 (the emulator does not enforce the quota on seeded state)
    found = RtcApp(_module(emu)).find_by_name("name_125")
    assert [a["app_id"] for a in found] == ["app0125"]
    assert _actions(emu) == ["ListApps", "ListApps"]


def test_find_by_name_is_one_call_for_a_full_quota(emu):
    _seed(emu, 100)
    assert [a["app_id"] for a in RtcApp(_module(emu)).find_by_name("name_99")] == ["app0099"]
    assert _actions(emu) == ["ListApps"]


def test_find_by_name_is_exact_and_returns_duplicates(emu):
    _seed(emu, 3)
    emu.emulator.state["volcengine"]["apps"][2]["AppName"] = "name_0"
    found = RtcApp(_module(emu)).find_by_name("name_0")
    assert sorted(a["app_id"] for a in found) == ["app0000", "app0002"]
    assert RtcApp(_module(emu)).find_by_name("name_") == []


def test_find_by_id_matches_the_app_id_only(emu):
    _seed(emu, 2)
    assert [a["app_name"] for a in RtcApp(_module(emu)).find_by_id("app0001")] == ["name_1"]
    assert RtcApp(_module(emu)).find_by_id("nope") == []


def test_arrears_warns_and_counts_as_enabled(emu):
    _seed(emu, 1)
    emu.emulator.state["volcengine"]["apps"][0]["Status"] = 6
    module = _module(emu)
    app = RtcApp(module)
    found = app.find_by_name("name_0")
    assert found[0]["enabled"] is True
    assert not module.warnings  # the listing only lists; observing the item warns
    observe(app, found)
    assert any("arrears" in w for w in module.warnings)


def test_delete_disables_and_warns_about_the_quota(emu):
    _seed(emu, 1)
    module = _module(emu, state="absent")
    app = RtcApp(module)
    current = app.find_by_name("name_0")[0]
    assert app.needs_delete(current)
    after = app.delete(current)
    assert after["app_id"] == "app0000" and after["enabled"] is False and after["status"] == 98
    assert emu.emulator.state["volcengine"]["apps"][0]["Status"] == 98
    assert any("still counts against the quota of 100" in w and "app0000" in w for w in module.warnings)
    assert not app.needs_delete(after)


def test_wrong_secret_is_a_signature_error_with_request_id(emu):
    with pytest.raises(CloudError) as info:
        VolcengineClient(_module(emu, secret_key="wrong")).list_apps()
    assert info.value.code == "SignatureDoesNotMatch"
    assert info.value.category == _errors.SIGNATURE
    assert info.value.request_id and info.value.request_id == emu.emulator.log_entries[-1]["request_id"]


def test_unknown_access_key_is_an_auth_error(emu):
    with pytest.raises(CloudError) as info:
        VolcengineClient(_module(emu, access_key="AKIDUNKNOWN")).list_apps()
    assert (info.value.code, info.value.category) == ("InvalidAccessKey", _errors.AUTH)


def test_quota_error_from_create(emu):
    _seed(emu, 100)
    with pytest.raises(CloudError) as info:
        RtcApp(_module(emu)).create({"app_name": "one_more"})
    assert info.value.category == _errors.QUOTA
