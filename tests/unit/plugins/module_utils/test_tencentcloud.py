# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tencent Cloud: error envelopes and categories, input rules, and the requests the client sends."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
from hypothesis import given, strategies as st
from tencentcloud.apigateway.v20180808 import models

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError
from ansible_collections.cloudapps.provision.plugins.module_utils._tencentcloud import (
    TencentApiKey, TencentClient, input_problems, parse_response,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import Response, USER_AGENT
from ansible_collections.cloudapps.provision.tests.unit.plugins.module_utils.stub_module import StubModule
from ansible_collections.cloudapps.provision.tests.unit.recording_server import RecordingServer

REQUEST_ID = "ad5218b4-edc3-4195-ba4d-a0ef176783ba"


def envelope(payload, status=200, headers=None):
    body = json.dumps({"Response": dict(payload, RequestId=REQUEST_ID)}).encode("utf-8")
    return Response(status, headers or {"Content-Type": "application/json"}, body)


def error_body(code, message="message from the gateway", status=200):
    return envelope({"Error": {"Code": code, "Message": message}}, status)


# --- envelopes and categories --------------------------------------------------------------------

def test_success_returns_the_response_object_and_request_id():
    # The CreateApiKey answer of the API reference.
    result = {"AccessKeyId": "AKID0001", "AccessKeySecret": "qYSyjR0001", "AccessKeyType": "auto",
              "SecretName": "test", "Status": 1, "CreatedTime": "2020-02-26T06:10:01Z",
              "ModifiedTime": "2020-02-26T06:10:01Z"}
    data, request_id = parse_response(envelope({"Result": result}))
    assert data["Result"] == result
    assert request_id == REQUEST_ID


@pytest.mark.parametrize("code, category", [
    ("RequestLimitExceeded", "throttled"),
    ("RequestLimitExceeded.UinLimitExceeded", "throttled"),
    ("RequestLimitExceeded.GlobalRegionUinLimitExceeded", "throttled"),
    ("LimitExceeded.RequestLimitExceeded", "throttled"),
    ("AuthFailure.SignatureFailure", "signature"),
    ("AuthFailure.SignatureExpire", "signature"),
    ("AuthFailure.SecretIdNotFound", "auth"),
    ("AuthFailure.InvalidSecretId", "auth"),
    ("AuthFailure.InvalidAuthorization", "auth"),
    ("AuthFailure.TokenFailure", "auth"),
    ("AuthFailure.MFAFailure", "auth"),
    ("AuthFailure.UnauthorizedOperation", "auth"),
    ("UnauthorizedOperation.UncertifiedUser", "auth"),
    ("InvalidParameter", "invalid_parameter"),
    ("InvalidParameter.FormatError", "invalid_parameter"),
    ("InvalidParameterValue", "invalid_parameter"),
    ("InvalidParameterValue.InvalidAccessKeyIds", "invalid_parameter"),
    ("MissingParameter", "invalid_parameter"),
    ("UnknownParameter", "invalid_parameter"),
    ("UnsupportedOperation.UnpackError", "invalid_parameter"),
    ("InvalidAction", "invalid_parameter"),
    ("NoSuchVersion", "invalid_parameter"),
    ("LimitExceeded.ApiKeyCountLimitExceeded", "quota"),
    ("LimitExceeded", "quota"),
    ("FailedOperation.AccessKeyExist", "conflict"),
    ("ResourceNotFound.InvalidAccessKeyId", "not_found"),
    ("UnsupportedOperation.InvalidStatus", "conflict"),
    ("UnsupportedOperation.UnsupportedUpdateApiKey", "conflict"),
    ("UnsupportedOperation.ResourceIsInUse", "conflict"),
    ("UnsupportedOperation.UinNotInWhiteList", "auth"),
    ("InternalError", "server"),
    ("InternalError.ApigwException", "server"),
    ("InternalError.OssException", "server"),
])
def test_error_codes_map_to_categories(code, category):
    with pytest.raises(CloudError) as caught:
        parse_response(error_body(code))
    error = caught.value
    assert (error.code, error.category, error.request_id) == (code, category, REQUEST_ID)
    assert error.message.startswith("message from the gateway")
    # What the user sees: vendor, code, message, category and request id in one line.
    text = str(error)
    for part in ("Tencent Cloud", code, "message from the gateway", "category: %s" % category, REQUEST_ID):
        assert part in text


def test_error_with_http_200_is_an_error():
    # Errors come with HTTP 200: the status alone must never count as success.
    with pytest.raises(CloudError) as caught:
        parse_response(error_body("AuthFailure.SignatureFailure"))
    assert caught.value.http_status == 200


def test_retryable_categories_follow_the_table():
    for code, retryable in (("RequestLimitExceeded", True), ("InternalError", True),
                            ("AuthFailure.SignatureFailure", False), ("InvalidParameter", False)):
        with pytest.raises(CloudError) as caught:
            parse_response(error_body(code))
        assert caught.value.retryable is retryable, code


@pytest.mark.parametrize("status, category", [(502, "server"), (503, "server"), (429, "throttled"),
                                              (407, "network"), (404, "network")])
def test_non_200_without_envelope(status, category):
    response = Response(status, {"Content-Type": "text/html"}, b"<html>Bad Gateway</html>")
    with pytest.raises(CloudError) as caught:
        parse_response(response)
    error = caught.value
    assert (error.code, error.category, error.http_status) == ("ServerNetworkError", category, status)
    assert "Bad Gateway" in error.message


def test_non_200_with_envelope_uses_the_code():
    with pytest.raises(CloudError) as caught:
        parse_response(error_body("RequestLimitExceeded", status=503))
    assert (caught.value.code, caught.value.category, caught.value.request_id) == (
        "RequestLimitExceeded", "throttled", REQUEST_ID)


@pytest.mark.parametrize("body", [b"", b"not json", b"[]", b'{"Other": 1}'])
def test_200_without_envelope_is_a_server_error(body):
    with pytest.raises(CloudError) as caught:
        parse_response(Response(200, {}, body))
    assert caught.value.category == "server"


# --- input rules -----------------------------------------------------------------------------------

def params(**overrides):
    base = dict(name="demo_key", state="present", region="ap-guangzhou", key_type="auto",
                access_key_id=None, access_key_secret=None, enabled=None)
    base.update(overrides)
    return base


MANUAL = dict(key_type="manual", access_key_id="partner_key_0001", access_key_secret="Manual_Secret_0001")


def manual(**overrides):
    settings = dict(MANUAL)
    settings.update(overrides)
    return settings


@pytest.mark.parametrize("overrides", [
    {}, {"name": "k" * 50}, {"name": "Key_01"}, dict(MANUAL, name="partner-key_01"), MANUAL,
    dict(MANUAL, access_key_id="a" * 5, access_key_secret="s" * 10),
    dict(MANUAL, access_key_id="a" * 50, access_key_secret="s" * 50),
    # Deleting a manual key needs only its name.
    {"key_type": "manual", "state": "absent"},
])
def test_valid_input(overrides):
    assert input_problems(params(**overrides)) == []


@pytest.mark.parametrize("overrides, expected", [
    ({"name": ""}, "name: must not be empty"),
    ({"name": "   "}, "name: may contain only ASCII letters, digits and underscores"),
    ({"name": "k" * 51}, "name: must be at most 50 characters (got 51)"),
    ({"name": "tab\tname"}, "name: may contain only ASCII letters, digits and underscores"),
    ({"name": "测试_key"}, "name: may contain only ASCII letters, digits and underscores (got '测试_key')"),
    ({"name": "auto-key"}, "name: may contain only ASCII letters, digits and underscores"),
    (dict(MANUAL, name="manual key"), "name: may contain only ASCII letters, digits, underscores and '-'"),
    ({"region": None}, "region: required"),
    ({"key_type": "manual"}, "access_key_id: required with key_type=manual"),
    ({"key_type": "manual"}, "access_key_secret: required with key_type=manual"),
    (dict(MANUAL, access_key_id="abcd"), "access_key_id: must be 5 to 50 letters, digits or underscores (got 'abcd')"),
    (dict(MANUAL, access_key_id="a" * 51), "access_key_id: must be 5 to 50"),
    (dict(MANUAL, access_key_id="has-dash"), "access_key_id: must be 5 to 50"),
    (dict(MANUAL, access_key_id="测试测试测试"), "access_key_id: must be 5 to 50"),
    (dict(MANUAL, access_key_secret="s" * 9), "access_key_secret: must be 10 to 50"),
    (dict(MANUAL, access_key_secret="s" * 51), "access_key_secret: must be 10 to 50"),
    ({"access_key_id": "partner_key_0001"}, "access_key_id: only valid with key_type=manual"),
    ({"access_key_secret": "Manual_Secret_0001"}, "access_key_secret: only valid with key_type=manual"),
])
def test_invalid_input_names_the_option_and_rule(overrides, expected):
    problems = input_problems(params(**overrides))
    assert any(expected in problem for problem in problems), problems


def test_every_problem_is_reported_at_once():
    problems = input_problems(params(name="", region=None, key_type="manual"))
    assert [p.split(":", 1)[0] for p in problems] == ["name", "region", "access_key_id", "access_key_secret"]


def test_secret_is_never_echoed():
    secret = "bad-secret-value!"
    problems = input_problems(params(**manual(access_key_secret=secret)))
    assert problems and not any(secret in problem for problem in problems)


@given(st.text(alphabet="abcXYZ019_", min_size=5, max_size=50), st.text(alphabet="abcXYZ019_", min_size=10, max_size=50))
def test_manual_keys_in_the_documented_alphabet_pass(key_id, secret):
    assert input_problems(params(key_type="manual", access_key_id=key_id, access_key_secret=secret)) == []


@given(st.text(min_size=5, max_size=50).filter(lambda s: any(not (c.isascii() and (c.isalnum() or c == "_")) for c in s)))
def test_manual_ids_outside_the_alphabet_fail(key_id):
    problems = input_problems(params(**manual(access_key_id=key_id)))
    assert any(problem.startswith("access_key_id: must be") for problem in problems)


# --- requests on the wire --------------------------------------------------------------------------

class CapturingServer(RecordingServer):
    """Records each request and answers with the next canned Result payload, in Tencent's envelope."""

    def __init__(self):
        self.answers = []
        super(CapturingServer, self).__init__(self._next)

    def _next(self, request):
        payload = self.answers.pop(0) if self.answers else {}
        return 200, {"Content-Type": "application/json"}, {"Response": dict(payload, RequestId=REQUEST_ID)}


class FakeModule(StubModule):
    def __init__(self, base_url, **overrides):
        settings = dict(secret_id="AKIDTEST0001", secret_key="TestSecretKey0001", security_token=None)
        settings.update(overrides)
        super(FakeModule, self).__init__("Tencent Cloud", base_url, params(**settings))


@pytest.fixture
def server():
    instance = CapturingServer()
    yield instance
    instance.close()


def sdk_body(request):
    """The body the official SDK sends for a request model (AbstractClient: json.dumps of _serialize())."""
    return json.dumps(request._serialize()).encode("utf-8")


def test_find_by_name_sends_the_sdk_body_and_headers(server):
    module = FakeModule(server.base_url, name="测试_key", security_token="TempToken0001")
    server.answers = [{"Result": {"TotalCount": 2, "ApiKeySet": [
        {"AccessKeyId": "AKID0001", "SecretName": "测试_key", "Status": 0, "AccessKeySecret": "s1"},
        {"AccessKeyId": "AKID0002", "SecretName": "测试_key_2", "Status": 1, "AccessKeySecret": "s2"},
    ]}}]
    found = TencentApiKey(module).find_by_name("测试_key")
    # The server-side filter may be fuzzy; only the exact name counts.
    assert [key["access_key_id"] for key in found] == ["AKID0001"]
    assert found[0]["enabled"] is False and found[0]["secret_name"] == "测试_key"

    (sent,) = server.requests
    expected = models.DescribeApiKeysStatusRequest()
    name_filter = models.Filter()
    name_filter.Name = "SecretName"
    name_filter.Values = ["测试_key"]
    expected.Limit = 100
    expected.Offset = 0
    expected.Filters = [name_filter]
    assert sent["body"] == sdk_body(expected)
    headers = sent["headers"]
    assert sent["path"] == "/"
    assert headers["Host"] == server.base_url.split("//")[1]
    assert headers["Content-Type"] == "application/json"
    assert headers["X-TC-Action"] == "DescribeApiKeysStatus"
    assert headers["X-TC-Version"] == "2018-08-08"
    assert headers["X-TC-Region"] == "ap-guangzhou"
    assert headers["X-TC-Token"] == "TempToken0001"
    assert headers["X-TC-Timestamp"].isdigit()
    assert headers["User-Agent"] == USER_AGENT
    assert headers["Authorization"].startswith("TC3-HMAC-SHA256 Credential=AKIDTEST0001/")
    assert "/apigateway/tc3_request, SignedHeaders=content-type;host, Signature=" in headers["Authorization"]


def test_find_pages_until_total_count(server):
    module = FakeModule(server.base_url)
    page = [{"AccessKeyId": "AKID%04d" % i, "SecretName": "demo_key" if i == 150 else "demo_key_x", "Status": 1}
            for i in range(200)]
    server.answers = [{"Result": {"TotalCount": 200, "ApiKeySet": page[:100]}},
                      {"Result": {"TotalCount": 200, "ApiKeySet": page[100:]}}]
    found = TencentApiKey(module).find_by_name("demo_key")
    assert [key["access_key_id"] for key in found] == ["AKID0150"]
    assert [json.loads(r["body"])["Offset"] for r in server.requests] == [0, 100]


def test_create_manual_key_sends_the_sdk_body(server):
    module = FakeModule(server.base_url, **MANUAL)
    server.answers = [{"Result": {"AccessKeyId": "partner_key_0001", "AccessKeySecret": "Manual_Secret_0001",
                                  "AccessKeyType": "manual", "SecretName": "demo_key", "Status": 1}}]
    resource = TencentApiKey(module)
    created = resource.create(resource.desired())
    assert created["access_key_id"] == "partner_key_0001" and created["status"] == 1
    expected = models.CreateApiKeyRequest()
    expected.SecretName = "demo_key"
    expected.AccessKeyType = "manual"
    expected.AccessKeyId = "partner_key_0001"
    expected.AccessKeySecret = "Manual_Secret_0001"
    assert server.requests[0]["body"] == sdk_body(expected)
    assert server.requests[0]["headers"]["X-TC-Action"] == "CreateApiKey"


def test_delete_disables_an_enabled_key_first(server):
    module = FakeModule(server.base_url, state="absent")
    server.answers = [{"Result": True}, {"Result": True}]
    assert TencentApiKey(module).delete({"access_key_id": "AKID0001", "status": 1}) is None
    assert [r["headers"]["X-TC-Action"] for r in server.requests] == ["DisableApiKey", "DeleteApiKey"]
    assert [json.loads(r["body"]) for r in server.requests] == [{"AccessKeyId": "AKID0001"}] * 2


def test_delete_of_a_key_gone_meanwhile_is_not_an_error(server):
    module = FakeModule(server.base_url, state="absent")
    server.answers = [{"Error": {"Code": "ResourceNotFound.InvalidAccessKeyId", "Message": "gone"}}]
    assert TencentApiKey(module).delete({"access_key_id": "AKID0001", "status": 0}) is None
    assert [r["headers"]["X-TC-Action"] for r in server.requests] == ["DeleteApiKey"]


def test_update_enables_before_rotating_and_disables_after(server):
    module = FakeModule(server.base_url, **MANUAL)
    resource = TencentApiKey(module)
    current = {"access_key_id": "partner_key_0001", "status": 0, "enabled": False}
    server.answers = [{"Result": True}, {"Result": {"AccessKeyId": "partner_key_0001", "AccessKeySecret": "New_Secret_01",
                                                    "Status": 1}}]
    updated = resource.update(current, {"enabled": True, "access_key_secret": "New_Secret_01"})
    assert [r["headers"]["X-TC-Action"] for r in server.requests] == ["EnableApiKey", "UpdateApiKey"]
    assert updated["status"] == 1 and updated["access_key_secret"] == "New_Secret_01"

    server.requests[:] = []
    server.answers = [{"Result": {"AccessKeyId": "partner_key_0001", "AccessKeySecret": "New_Secret_02", "Status": 1}},
                      {"Result": True}]
    updated = resource.update(dict(updated), {"enabled": False, "access_key_secret": "New_Secret_02"})
    assert [r["headers"]["X-TC-Action"] for r in server.requests] == ["UpdateApiKey", "DisableApiKey"]
    assert updated["status"] == 0 and updated["enabled"] is False


def test_switch_answered_false_is_an_error(server):
    module = FakeModule(server.base_url)
    server.answers = [{"Result": False}]
    with pytest.raises(CloudError) as caught:
        TencentApiKey(module).update({"access_key_id": "AKID0001", "status": 1}, {"enabled": False})
    assert "DisableApiKey answered Result=false" in caught.value.message


def test_client_call_returns_the_request_id(server):
    module = FakeModule(server.base_url)
    server.answers = [{"Result": {"AccessKeyId": "AKID0001"}}]
    TencentClient(module).call("DescribeApiKey", {"AccessKeyId": "AKID0001"})
    assert module.transport.request_ids == [REQUEST_ID]


@pytest.mark.parametrize("code, hint", [
    ("UnsupportedOperation.ResourceIsInUse", "Unbind it from its usage plans"),
    ("UnsupportedOperation.UinNotInWhiteList", "allowlist"),
])
def test_codes_with_a_hint_say_what_to_do(code, hint):
    with pytest.raises(CloudError) as caught:
        parse_response(error_body(code))
    assert hint in caught.value.message and "message from the gateway" in caught.value.message
