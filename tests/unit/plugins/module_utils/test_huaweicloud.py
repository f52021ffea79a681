# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Huawei Cloud APIG: error envelopes and categories, input rules, and the requests on the wire.

The wire tests send our requests and the official SDK's (huaweicloudsdkapig.v2.ApigClient) to the
same local HTTP server and compare them, then re-sign ours with the SDK's own signer.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import types
from urllib.parse import unquote

import pytest

from ansible_collections.cloudapps.provision.plugins.module_utils import _errors as errors
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError
from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud import (
    VENDOR, HuaweiApigApp, HuaweiClient, parse_response, validate_params,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import USER_AGENT, Response
from ansible_collections.cloudapps.provision.tests.unit.plugins.module_utils.stub_module import StubModule
from ansible_collections.cloudapps.provision.tests.unit.recording_server import RecordingServer

from huaweicloudsdkapig.v2 import (
    ApigClient, AppCreate, CreateAnAppV2Request, DeleteAppV2Request, ListAppsV2Request, ShowDetailsOfAppV2Request,
    UpdateAppV2Request,
)
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest

AK = "AKIDTEST0123456789"
SK = "SecretKeyTest/+=0123456789"
PROJECT = "0123456789abcdef0123456789abcdef"
INSTANCE = "eddc4d25480b4cd6b512f270a1b8b341"


def _reply(status, body=None, request_id=None):
    headers = {"X-Request-Id": request_id} if request_id else {}
    raw = body if isinstance(body, bytes) else (json.dumps(body).encode("utf-8") if body is not None else b"")
    return Response(status, headers, raw)


def _error_of(response):
    with pytest.raises(CloudError) as info:
        parse_response(response)
    return info.value


# --------------------------------------------------------------------------- error envelopes

# Bodies as the reference quotes them (APIG API reference, error codes page).
ERROR_CASES = [
    (401, "APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail", errors.SIGNATURE),
    (401, "APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail, X-Sdk-Date is more "
                        "than 15 minutes off the server time", errors.SIGNATURE),
    (401, "APIGW.0301", "Incorrect IAM authentication information: Get secretKey failed,ak:AKX,err: ak not exist",
     errors.AUTH),
    (401, "APIGW.0301", "Incorrect IAM authentication information: AK access failed to reach the limit, forbidden",
     errors.AUTH),
    (401, "APIG.0301", "Incorrect IAM authentication information: decrypt token fail", errors.AUTH),
    (401, "APIG.1002", "Incorrect token or token resolution failed", errors.AUTH),
    (403, "APIG.1005", "No permissions to request this method", errors.AUTH),
    (400, "APIG.2011", "Invalid parameter value,parameterName:name. Please refer to the support documentation",
     errors.INVALID_PARAMETER),
    (400, "APIG.2012", "Invalid parameter value,parameterName:body. Please refer to the support documentation",
     errors.INVALID_PARAMETER),
    (404, "APIG.3004", "App 356de8eb7a8742168586e5daf5339965 does not exist", errors.NOT_FOUND),
    (404, "APIG.3030", "The instance does not exist;id:eddc4d25", errors.NOT_FOUND),
    (400, "APIG.3203", "The app name already exists", errors.CONFLICT),
    (403, "APIG.3103", "The number of apps exceeds the maximum allowed limit", errors.QUOTA),
    (400, "APIG.3310", "The AppKey already exists", errors.CONFLICT),
    (403, "APIG.3100", "The quota has been used up", errors.QUOTA),
    (429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second",
     errors.THROTTLED),
    (500, "APIG.9999", "System error", errors.SERVER),
    # Codes we do not know fall back to the HTTP status.
    (409, "APIG.3999", "something new", errors.CONFLICT),
    (503, "APIG.0999", "something new", errors.SERVER),
]


@pytest.mark.parametrize("status,code,message,category", ERROR_CASES)
def test_error_envelope_category(status, code, message, category):
    error = _error_of(_reply(status, {"error_code": code, "error_msg": message, "request_id": "rid-body"}, "rid-header"))
    assert error.category == category
    assert error.code == code
    assert error.message == message
    assert error.http_status == status
    assert error.vendor == VENDOR.name
    # The body's request_id wins; it is the one Huawei support asks for.
    assert error.request_id == "rid-body"
    assert code in str(error) and "rid-body" in str(error)


def test_error_request_id_from_header_when_body_has_none():
    error = _error_of(_reply(404, {"error_code": "APIG.3004", "error_msg": "App x does not exist"}, "rid-header"))
    assert error.request_id == "rid-header"


def test_error_without_json_body_keeps_text_and_status():
    error = _error_of(_reply(502, b"<html>Bad Gateway</html>", "rid-proxy"))
    assert error.category == errors.SERVER
    assert error.code is None
    assert "Bad Gateway" in error.message
    assert error.request_id == "rid-proxy"


def test_throttled_and_server_errors_are_retryable_others_not():
    assert _error_of(_reply(429, {"error_code": "APIGW.0308", "error_msg": "t"})).retryable
    assert _error_of(_reply(500, {"error_code": "APIG.9999", "error_msg": "s"})).retryable
    assert not _error_of(_reply(401, {"error_code": "APIGW.0301", "error_msg": "verify aksk signature fail"})).retryable


def test_success_bodies():
    app = {"id": "a1", "name": "demo_app", "app_key": "k", "app_secret": "s"}
    assert parse_response(_reply(201, app, "rid-1")) == (app, "rid-1")
    # Delete answers 204 with no body; the id comes from the header.
    assert parse_response(_reply(204, None, "rid-2")) == (None, "rid-2")


def test_success_with_non_json_body_is_an_error():
    error = _error_of(_reply(200, b"not json", "rid-3"))
    assert error.category == errors.SERVER and error.request_id == "rid-3"


# --------------------------------------------------------------------------- input rules

def _params(**kw):
    """Shared gateway unless kw sets instance_id (or shared_gateway itself)."""
    params = dict(name="demo_app", description=None, app_key=None, app_secret=None, instance_id=None,
                  project_id=None, id=None)
    params.update(kw)
    params.setdefault("shared_gateway", params["instance_id"] is None)
    return params


@pytest.mark.parametrize("kw", [
    {},
    {"name": u"测试_app"},
    {"name": u"应用"[:1] + "ab"},
    {"name": "a" * 64},
    {"name": "abc"},
    {"description": "x" * 255},
    {"description": u"备注 ~*+!'() "},
    {"description": ""},
    {"app_key": "a" * 64, "app_secret": "9" + "_-!@#$%" * 9},
    {"app_key": "k" * 200, "app_secret": "s" * 128, "instance_id": INSTANCE, "project_id": PROJECT},
])
def test_valid_input(kw):
    assert validate_params(_params(**kw)) == []


@pytest.mark.parametrize("kw,option,rule", [
    ({"name": "ab"}, "name", "3 to 64"),
    ({"name": "a" * 65}, "name", "3 to 64"),
    ({"name": "1abc"}, "name", "must start with a letter"),
    ({"name": "_abc"}, "name", "must start with a letter"),
    ({"name": "ab-c"}, "name", "only letters, digits, underscores"),
    ({"name": "ab c"}, "name", "only letters, digits, underscores"),
    ({"name": u"café"}, "name", "only letters, digits, underscores"),
    ({"description": "x" * 256}, "description", "at most 255"),
    ({"app_key": "short"}, "app_key", "8 to 64"),
    ({"app_key": "a" * 65}, "app_key", "8 to 64"),
    ({"app_key": "k" * 201, "instance_id": INSTANCE, "project_id": PROJECT}, "app_key", "8 to 200"),
    ({"app_key": "-abcdefgh"}, "app_key", "must start with a letter or digit"),
    ({"app_key": "abcdefg!"}, "app_key", "must start with a letter or digit"),
    ({"app_secret": "s" * 65}, "app_secret", "8 to 64"),
    ({"app_secret": "s" * 129, "instance_id": INSTANCE, "project_id": PROJECT}, "app_secret", "8 to 128"),
    ({"app_secret": "!secret123"}, "app_secret", "must start with a letter or digit"),
    ({"app_secret": "secret123&"}, "app_secret", "must start with a letter or digit"),
    ({"instance_id": INSTANCE}, "project_id", "required with instance_id"),
    ({"instance_id": " ", "project_id": PROJECT}, "instance_id", "must not be empty"),
    ({"id": ""}, "id", "must not be empty"),
])
def test_invalid_input_names_option_and_rule(kw, option, rule):
    problems = validate_params(_params(**kw))
    assert len(problems) >= 1
    assert any(p.startswith(option + ":") and rule in p for p in problems), problems


def test_v1_limits_accept_what_v2_accepts_only_with_instance():
    key = "k" * 100
    assert validate_params(_params(app_key=key, instance_id=INSTANCE, project_id=PROJECT)) == []
    assert validate_params(_params(app_key=key)) != []


def test_secret_values_never_echoed_in_messages():
    secret = "%secret-value-" + "x" * 200
    key = "-key-value-" + "y" * 200
    text = " ".join(validate_params(_params(app_secret=secret, app_key=key)))
    assert "app_secret" in text and "app_key" in text
    assert secret not in text and key not in text


def test_every_problem_reported_at_once():
    problems = validate_params(_params(name="1", description="d" * 300, app_key="x", instance_id=INSTANCE))
    options = sorted(set(p.split(":")[0] for p in problems))
    assert options == ["app_key", "description", "name", "project_id"]


# --------------------------------------------------------------------------- the wire

def _default_answer(request):
    """The documented shape: an empty listing for a list, an app for anything else."""
    if request["method"] == "GET" and request["path"].rstrip("/").endswith("/apps"):
        return {"total": 0, "size": 0, "apps": []}
    return {"id": "abc123", "name": "demo_app", "remark": "", "app_key": "k" * 8, "status": 1}


@pytest.fixture
def server():
    """A recording server; ``server.handler.replies`` are (status, body, request_id) answered in order
    (a default when empty), ``server.handler.seen`` the requests."""
    replies = []

    def respond(request):
        status, obj, request_id = replies.pop(0) if replies else (
            {"POST": 201, "DELETE": 204}.get(request["method"], 200), _default_answer(request), "rid-default")
        raw = b"" if status == 204 else json.dumps(obj).encode("utf-8")
        return status, {"Content-Type": "application/json", "X-Request-Id": request_id}, raw
    srv = RecordingServer(respond)
    srv.handler = types.SimpleNamespace(replies=replies, seen=srv.requests)
    yield srv
    srv.close()


class _Module(StubModule):
    def __init__(self, base_url, **params):
        defaults = dict(name="demo_app", description=None, app_key=None, app_secret=None, instance_id=None,
                        shared_gateway=params.get("instance_id") is None,
                        access_key=AK, secret_key=SK, security_token=None, project_id=None)
        super(_Module, self).__init__(VENDOR.name, base_url, dict(defaults, **params))


def _sdk_client(base_url):
    return (ApigClient.new_builder().with_credentials(BasicCredentials(AK, SK, PROJECT))
            .with_endpoint(base_url).build())


def _signed_names(request):
    auth = request["headers"]["Authorization"]
    return auth.split("SignedHeaders=")[1].split(",")[0].split(";")


def _resign_with_sdk(request, host, token=None):
    """Authorization the SDK computes for exactly the headers, path, query and body we sent."""
    path, _sep, raw_query = request["target"].partition("?")
    query = [tuple(unquote(x) for x in pair.split("=", 1)) for pair in raw_query.split("&")] if raw_query else []
    lower = dict((k.lower(), v) for k, v in request["headers"].items())
    names = _signed_names(request)
    # Original spelling: the SDK adds X-Project-Id / X-Security-Token by exact name.
    headers = dict((k, v) for k, v in request["headers"].items() if k.lower() in names)
    sdk_request = SdkRequest(method=request["method"], schema="http", host=host, resource_path=unquote(path),
                             query_params=query, header_params=headers, body=request["body"])
    cred = BasicCredentials(AK, SK, lower.get("x-project-id"))
    if token:
        cred.with_security_token(token)
    return cred.sign_request(sdk_request).header_params["Authorization"]


def _v2(server, **params):
    module = _Module(server.base_url, instance_id=INSTANCE, project_id=PROJECT, **params)
    return HuaweiApigApp(module), module


V2_CALLS = [
    ("list", lambda app: app.find_by_name(u"测试 a+b"),
     lambda sdk: sdk.list_apps_v2(ListAppsV2Request(instance_id=INSTANCE, name=u"测试 a+b", precise_search="name",
                                                    limit=500, offset=0))),
    ("create", lambda app: app.create({"name": u"测试_app", "remark": u"~*+!'() 备注"}),
     lambda sdk: sdk.create_an_app_v2(CreateAnAppV2Request(instance_id=INSTANCE,
                                                           body=AppCreate(name=u"测试_app", remark=u"~*+!'() 备注")))),
    ("show", lambda app: app.find_by_id("abc123"),
     lambda sdk: sdk.show_details_of_app_v2(ShowDetailsOfAppV2Request(instance_id=INSTANCE, app_id="abc123"))),
    ("update", lambda app: app.update({"id": "abc123", "name": "n_app", "remark": ""}, {"remark": "r"}),
     lambda sdk: sdk.update_app_v2(UpdateAppV2Request(instance_id=INSTANCE, app_id="abc123",
                                                      body=AppCreate(name="n_app", remark="r")))),
    ("delete", lambda app: app.delete({"id": "abc123"}),
     lambda sdk: sdk.delete_app_v2(DeleteAppV2Request(instance_id=INSTANCE, app_id="abc123"))),
]


@pytest.mark.parametrize("label,ours,theirs", V2_CALLS, ids=[c[0] for c in V2_CALLS])
def test_v2_requests_match_the_official_sdk(server, label, ours, theirs):
    app, _module = _v2(server)
    ours(app)
    theirs(_sdk_client(server.base_url))
    mine, sdk = server.handler.seen
    assert mine["method"] == sdk["method"]
    # Same path and the same encoded query, byte for byte.
    assert mine["target"] == sdk["target"], label
    assert mine["headers"]["Content-Type"] == sdk["headers"]["Content-Type"]
    assert mine["headers"]["X-Project-Id"] == PROJECT
    assert mine["headers"]["User-Agent"] == USER_AGENT
    # The same header names are signed (the SDK signs every header it sets).
    assert _signed_names(mine) == _signed_names(sdk)
    # Bodies differ only in JSON spacing/escaping; the content is the same.
    assert json.loads(mine["body"] or b"null") == json.loads(sdk["body"] or b"null")
    assert mine["headers"]["Authorization"] == _resign_with_sdk(mine, server.base_url.split("//")[1])


def test_v1_shared_gateway_requests_signed_like_the_sdk_with_token(server):
    module = _Module(server.base_url, security_token="tok/en+=", project_id=PROJECT)
    app = HuaweiApigApp(module)
    app.find_by_name("demo_app")
    app.create({"name": "demo_app", "remark": u"备注", "app_secret": "Sec_ret!@#$%1"})
    list_request, create_request = server.handler.seen
    assert list_request["target"] == "/v1.0/apigw/apps?name=demo_app&page_no=1&page_size=500&precise_search=name"
    assert create_request["target"] == "/v1.0/apigw/apps"
    assert _signed_names(create_request) == ["content-type", "host", "user-agent", "x-project-id", "x-sdk-date",
                                             "x-security-token"]
    assert json.loads(create_request["body"]) == {"name": "demo_app", "remark": u"备注", "app_secret": "Sec_ret!@#$%1"}
    for request in (list_request, create_request):
        assert request["headers"]["X-Security-Token"] == "tok/en+="
        assert request["headers"]["Authorization"] == _resign_with_sdk(request, server.base_url.split("//")[1], "tok/en+=")


def test_v1_without_project_sends_no_project_header(server):
    HuaweiApigApp(_Module(server.base_url)).find_by_name("demo_app")
    (request,) = server.handler.seen
    assert "X-Project-Id" not in request["headers"]
    assert _signed_names(request) == ["content-type", "host", "user-agent", "x-sdk-date"]
    assert request["headers"]["Authorization"] == _resign_with_sdk(request, server.base_url.split("//")[1])


# --------------------------------------------------------------------------- resource behaviour on answers

def test_find_by_name_keeps_exact_matches_and_pages(server):
    # A server that ignores precise_search (fuzzy) and pages: only exact names are kept, all pages read.
    app_a = {"id": "1", "name": "demo_app"}
    app_b = {"id": "2", "name": "demo_app_2"}
    server.handler.replies.extend([(200, {"total": 501, "size": 500, "apps": [app_b] * 499 + [app_a]}, "r1"),
                                   (200, {"total": 501, "size": 1, "apps": [dict(app_a, id="3")]}, "r2")])
    found = HuaweiApigApp(_Module(server.base_url)).find_by_name("demo_app")
    assert [a["id"] for a in found] == ["1", "3"]
    assert [r["target"].split("page_no=")[1][0] for r in server.handler.seen] == ["1", "2"]


def test_find_by_id_absent_only_for_missing_app(server):
    server.handler.replies.append((404, {"error_code": "APIG.3004", "error_msg": "App x does not exist",
                                         "request_id": "r404"}, "r404"))
    app, _module = _v2(server)
    assert app.find_by_id("x") == []
    # A missing gateway instance is an error, never "the app is already gone".
    server.handler.replies.append((404, {"error_code": "APIG.3030", "error_msg": "The instance does not exist",
                                         "request_id": "r3030"}, "r3030"))
    with pytest.raises(CloudError) as info:
        app.find_by_id("x")
    assert info.value.code == "APIG.3030" and info.value.request_id == "r3030"


def test_delete_of_an_app_already_gone_is_not_an_error_but_other_404_is(server):
    app, _module = _v2(server)
    server.handler.replies.append((404, {"error_code": "APIG.3004", "error_msg": "gone"}, "r1"))
    assert app.delete({"id": "abc"}) is None
    server.handler.replies.append((404, {"error_code": "APIG.3030", "error_msg": "no instance"}, "r2"))
    with pytest.raises(CloudError):
        app.delete({"id": "abc"})


def test_update_keeps_remark_and_sends_secret_only_when_changed(server):
    server.handler.replies.append((200, {"id": "abc", "name": "new_name", "remark": "keep"}, "r1"))
    app, _module = _v2(server)
    result = app.update({"id": "abc", "name": "old_name", "remark": "keep", "app_key": "k" * 10}, {"name": "new_name"})
    (request,) = server.handler.seen
    # PUT replaces the app: a missing remark would clear it; app_key is not resent.
    assert json.loads(request["body"]) == {"name": "new_name", "remark": "keep"}
    assert request["method"] == "PUT" and request["target"].endswith("/apps/abc")
    assert result["name"] == "new_name" and result["app_key"] == "k" * 10


def test_path_parameters_are_percent_encoded(server):
    HuaweiApigApp(_Module(server.base_url)).find_by_id("a/b c")
    (request,) = server.handler.seen
    assert request["target"] == "/v1.0/apigw/apps/a%2Fb%20c"


def test_client_uses_vendor_host_by_region():
    assert VENDOR.endpoint_for("cn-north-4") == "https://apig.cn-north-4.myhuaweicloud.com"
    client = HuaweiClient(_Module("https://apig.cn-north-4.myhuaweicloud.com", instance_id="i d", project_id="p"))
    assert client.host == "apig.cn-north-4.myhuaweicloud.com"
    assert client.apps_path == "/v2/p/apigw/instances/i%20d/apps"


def test_a_gateway_must_be_chosen():
    problems = validate_params(_params(shared_gateway=False))
    assert len(problems) == 1
    assert problems[0].startswith("instance_id: required") and "shared_gateway=true" in problems[0]
    assert validate_params(_params(instance_id=INSTANCE, project_id=PROJECT)) == []
    both = validate_params(_params(instance_id=INSTANCE, project_id=PROJECT, shared_gateway=True))
    assert [p.split(":")[0] for p in both] == ["shared_gateway"]
