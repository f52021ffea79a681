# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Alibaba Cloud vendor code: error envelopes and categories, input validation, and the requests
the client puts on the wire compared with the ones the official CloudAPI SDK sends.

The wire comparison uses a real local HTTP server that records requests; the SDK
(alibabacloud-cloudapi20160714 with signature_algorithm v2) talks to the same server.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import types
from urllib.parse import parse_qsl

import pytest

from ansible_collections.cloudapps.provision.plugins.module_utils import _alicloud
from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud import (
    AlicloudApp, Client, normalize_tags, parse_response, tags_to_dict, to_resource, validate_params,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import Response
from ansible_collections.cloudapps.provision.tests.unit.plugins.module_utils.stub_module import StubModule
from ansible_collections.cloudapps.provision.tests.unit.recording_server import RecordingServer

from alibabacloud_cloudapi20160714 import models as ali_models
from alibabacloud_cloudapi20160714.client import Client as CloudApiClient
from alibabacloud_openapi_util.client import Client as OpenApiUtil
from alibabacloud_tea_openapi import utils_models as open_api_models

ACCESS_KEY_ID = "LTAI5tTestAccessKeyId01"
ACCESS_KEY_SECRET = "TestAccessKeySecret0123456789abcd"


def envelope(code, message="m", request_id="6C4A2A4B-2D6E-4A34-9E0A-4F3B8C1D2E3F"):
    # The CloudAPI error envelope from the reference (section d).
    return json.dumps({"RequestId": request_id, "HostId": "apigateway.cn-hangzhou.aliyuncs.com", "Code": code,
                       "Message": message, "Recommend": "https://api.aliyun.com/troubleshoot?q=%s" % code}).encode()


# --- error envelopes -------------------------------------------------------------------------

@pytest.mark.parametrize("status,code,category", [
    (400, "Throttling", "throttled"),
    (400, "Throttling.User", "throttled"),
    (429, "Throttling.Api", "throttled"),
    (503, "Throttling.Resource", "throttled"),
    (400, "SignatureDoesNotMatch", "signature"),
    (400, "IncompleteSignature", "signature"),
    (400, "InvalidTimeStamp.Expired", "signature"),
    (400, "InvalidTimeStamp.Format", "signature"),
    (400, "SignatureNonceUsed", "signature"),
    (404, "InvalidAccessKeyId.NotFound", "auth"),
    (400, "InvalidAccessKeyId.Inactive", "auth"),
    (400, "InvalidSecurityToken.Expired", "auth"),
    (400, "InvalidSecurityToken.MismatchWithAccessKey", "auth"),
    (403, "Forbidden.RAM", "auth"),
    (403, "Forbidden", "auth"),
    (403, "NoPermission", "auth"),
    (400, "InvalidParameter", "invalid_parameter"),
    (400, "InvalidParameter.Format", "invalid_parameter"),
    (400, "InvalidParamter.AppName", "invalid_parameter"),
    (400, "MissingParameter", "invalid_parameter"),
    (404, "NotFoundApp", "not_found"),
    # The NotFound... family, answered with HTTP 400 by CloudAPI.
    (400, "NotFoundApp", "not_found"),
    (400, "NotFoundApi", "not_found"),
    (400, "NotFoundResourceId", "not_found"),
    (400, "RepeatedAppName", "conflict"),
    (400, "RepeatedCommit", "conflict"),
    (400, "DuplicateAppName", "conflict"),
    (400, "QuotaExceeded.App", "quota"),
    (500, "InternalError", "server"),
    (503, "ServiceUnavailable", "server"),
    (502, "SomethingNew", "server"),
])
def test_error_envelope_category_code_and_request_id(status, code, category):
    with pytest.raises(CloudError) as info:
        parse_response(Response(status, {}, envelope(code, "the message")))
    error = info.value
    assert (error.category, error.code, error.http_status) == (category, code, status)
    assert error.request_id == "6C4A2A4B-2D6E-4A34-9E0A-4F3B8C1D2E3F"
    assert error.message == "the message"
    assert error.vendor == "Alibaba Cloud"
    text = str(error)
    assert code in text and "6C4A2A4B-2D6E-4A34-9E0A-4F3B8C1D2E3F" in text and category in text


def test_category_prefix_does_not_swallow_longer_codes():
    # "Forbidden" must not match "ForbiddenX"; unknown 400 codes fall back to the status.
    with pytest.raises(CloudError) as info:
        parse_response(Response(400, {}, envelope("ForbiddenX")))
    assert info.value.category == "invalid_parameter"


@pytest.mark.parametrize("header,seconds", [("1500", 1.5), ("20", 0.02), ("0", None), ("-3", None), ("soon", None), (None, None)])
def test_retry_after_header_is_milliseconds(header, seconds):
    headers = {"x-acs-retry-after": header} if header is not None else {}
    with pytest.raises(CloudError) as info:
        parse_response(Response(400, headers, envelope("Throttling.User")))
    assert info.value.retry_after == seconds


def test_non_json_error_uses_header_request_id_and_status():
    with pytest.raises(CloudError) as info:
        parse_response(Response(502, {"x-acs-request-id": "HDR-ID"}, b"<html>Bad gateway</html>"))
    error = info.value
    assert (error.category, error.code, error.request_id) == ("server", None, "HDR-ID")
    assert "502" in error.message


def test_success_returns_data_and_request_id():
    body = json.dumps({"RequestId": "R1", "AppId": 110443517, "TagStatus": True}).encode()
    data, request_id = parse_response(Response(200, {}, body))
    assert data["AppId"] == 110443517 and request_id == "R1"


def test_success_status_with_unparsable_body_is_an_error():
    with pytest.raises(CloudError):
        parse_response(Response(200, {}, b"not json"))


# --- resource shape ----------------------------------------------------------------------------

def test_app_attribute_to_resource():
    row = {"AppId": 110443517, "AppName": "demo_app", "Description": "d", "CreatedTime": "2024-01-15T08:30:00Z",
           "ModifiedTime": "2024-01-15T08:31:00Z", "Disabled": False, "Extend": "x",
           "Tags": {"TagInfo": [{"Key": "team", "Value": "payments"}, {"Key": "empty"}]}}
    assert to_resource(row) == {"app_id": 110443517, "app_name": "demo_app", "description": "d",
                                "created_time": "2024-01-15T08:30:00Z", "modified_time": "2024-01-15T08:31:00Z",
                                "enabled": True, "extend": "x", "tags": {"team": "payments", "empty": ""}}


def test_missing_optional_fields_become_empty():
    resource = to_resource({"AppId": 1, "AppName": "demo_app"})
    assert resource["description"] == "" and resource["extend"] == "" and resource["tags"] == {}


def test_tags_helpers():
    assert tags_to_dict([{"Key": "a", "Value": "1"}]) == {"a": "1"}
    assert normalize_tags({"n": 5, "b": True, "z": None}) == {"n": "5", "b": "true", "z": ""}


# --- validation ----------------------------------------------------------------------------------

def problems(**params):
    base = {"name": "demo_app", "description": None, "id": None, "tags": None,
            "app_key": None, "app_secret": None, "app_code": None}
    base.update(params)
    return validate_params(base)


@pytest.mark.parametrize("name", ["demo", "demo_app", "A" * 26, "测试_app", "测试应用", "app_测试_1", "测试", "测" * 13, "a测" + "b" * 22])
def test_valid_names(name):
    assert problems(name=name) == []


# A Chinese character counts as 2 of the 26: "测" * 14 is 28 long, "a测" is 3.
@pytest.mark.parametrize("name", ["abc", "A" * 27, "1app", "_app", "demo-app", "demo app", "démo_app", "app!", "",
                                  "测" * 14, "a测", "a测" + "b" * 24, "demo\n"])
def test_invalid_names_name_the_option_and_rule(name):
    found = problems(name=name)
    assert len(found) == 1 and found[0].startswith("name:") and "4 to 26" in found[0]


def test_description_length():
    assert problems(description="d" * 180) == []
    found = problems(description="d" * 181)
    assert found and found[0].startswith("description:") and "180" in found[0]


def test_description_counts_characters_not_bytes():
    assert problems(description="备" * 180) == []


def test_tag_count():
    assert problems(tags=dict(("k%d" % i, "v") for i in range(20))) == []
    found = problems(tags=dict(("k%d" % i, "v") for i in range(21)))
    assert found == ["tags: at most 20 tags per app (got 21)"]


@pytest.mark.parametrize("tags,fragment", [
    ({"k" * 129: "v"}, "at most 128"),
    ({"aliyun_team": "v"}, "aliyun"),
    ({"acs:team": "v"}, "acs:"),
    ({"Aliyun": "v"}, "aliyun"),
    ({"": "v"}, "empty"),
    ({"k": "v" * 129}, "at most 128"),
    ({"https://x": "v"}, "http"),
    ({"k": "see http://x"}, "http"),
])
def test_bad_tags(tags, fragment):
    found = problems(tags=tags)
    assert len(found) == 1 and found[0].startswith("tags:") and fragment in found[0]


def test_tag_edges_accepted():
    assert problems(tags={"k" * 128: "v" * 128, "e": ""}) == []


def test_id_must_be_numeric():
    assert problems(id="110443517") == []
    assert problems(id="app-1")[0].startswith("id:")


def test_every_problem_is_reported_at_once():
    found = problems(name="x", description="d" * 200, tags={"acs:k": "v"}, id="z")
    assert [p.split(":")[0] for p in found] == ["name", "description", "id", "tags"]


# --- the wire, compared with the official SDK --------------------------------------------------------

@pytest.fixture
def recorder():
    """(server, handler): handler.requests are the requests; handler.answer is merged into every answer."""
    handler = types.SimpleNamespace(answer={})

    def respond(request):
        payload = dict({"RequestId": "REC-%d" % len(server.requests)}, **handler.answer)
        return 200, {"Content-Type": "application/json"}, payload
    server = RecordingServer(respond)
    handler.requests = server.requests
    yield server, handler
    server.close()


class FakeModule(StubModule):
    def __init__(self, base_url, **params):
        defaults = dict(access_key_id=ACCESS_KEY_ID, access_key_secret=ACCESS_KEY_SECRET, security_token=None,
                        purge_tags=True)
        super(FakeModule, self).__init__("Alibaba Cloud", base_url, dict(defaults, **params))


def sdk_client(port, security_token=None):
    config = open_api_models.Config(access_key_id=ACCESS_KEY_ID, access_key_secret=ACCESS_KEY_SECRET,
                                    security_token=security_token, endpoint="127.0.0.1:%d" % port,
                                    protocol="http", signature_algorithm="v2", region_id="cn-hangzhou")
    return CloudApiClient(config)


VOLATILE = ("Timestamp", "SignatureNonce", "Signature")


def split(records):
    """(ours, the SDK's): told apart by User-Agent, not by arrival order."""
    ours = [r for r in records if r["headers"].get("User-Agent", "").startswith("cloudapps.provision/")]
    return ours, [r for r in records if r not in ours]


def business(record):
    return dict((k, v) for k, v in parse_qsl(record["query"], keep_blank_values=True) if k not in VOLATILE)


def assert_signature_valid(record, secret=ACCESS_KEY_SECRET):
    params = dict(parse_qsl(record["query"], keep_blank_values=True))
    signature = params.pop("Signature")
    assert OpenApiUtil.get_rpcsignature(params, "POST", secret) == signature


def test_create_app_request_matches_the_sdk(recorder):
    server, handler = recorder
    handler.answer = {"AppId": 110443517, "TagStatus": True}
    port = server.port
    tags = {"team": "支付", "env": "p r*o+d~!'()"}
    module = FakeModule("http://127.0.0.1:%d" % port)
    AlicloudApp(module).create({"app_name": "测试_app", "description": "备注 ~*+!'() ", "tags": tags,
                                "extend": "e", "app_key": "abcdefgh1", "app_secret": "s3cretvalue", "app_code": "c0dec0de1"})
    sdk_client(port).create_app(ali_models.CreateAppRequest(
        app_name="测试_app", description="备注 ~*+!'() ", extend="e", app_key="abcdefgh1", app_secret="s3cretvalue",
        app_code="c0dec0de1", tag=[ali_models.CreateAppRequestTag(key=k, value=tags[k]) for k in sorted(tags)]))
    (ours,), (sdk,) = split(handler.requests)
    assert ours["path"] == sdk["path"] == "/"
    assert ours["body"] == b""
    assert business(ours) == business(sdk)
    assert business(ours)["Action"] == "CreateApp" and business(ours)["Tag.1.Key"] == "env"
    assert_signature_valid(ours)
    assert_signature_valid(sdk)
    assert module.request_ids == ["REC-1"]


def test_modify_reset_describe_delete_match_the_sdk_with_sts_token(recorder):
    server, handler = recorder
    port = server.port
    module = FakeModule("http://127.0.0.1:%d" % port, security_token="sts-token/+=")
    client = Client(module)
    client.call("ModifyApp", {"AppId": 7, "AppName": "new_name", "Description": "d", "Extend": "x"}, mutating=True)
    client.call("ResetAppSecret", {"AppKey": "abcdefgh1", "NewAppSecret": "n3wsecret"}, mutating=True)
    client.call("DescribeAppAttributes", {"AppName": "demo_app", "PageSize": 100, "PageNumber": 2})
    client.call("DescribeAppSecurity", {"AppId": 7})
    client.call("DeleteApp", {"AppId": 7}, mutating=True)
    sdk = sdk_client(port, security_token="sts-token/+=")
    sdk.modify_app(ali_models.ModifyAppRequest(app_id=7, app_name="new_name", description="d", extend="x"))
    sdk.reset_app_secret(ali_models.ResetAppSecretRequest(app_key="abcdefgh1", new_app_secret="n3wsecret"))
    sdk.describe_app_attributes(ali_models.DescribeAppAttributesRequest(app_name="demo_app", page_size=100, page_number=2))
    sdk.describe_app_security(ali_models.DescribeAppSecurityRequest(app_id=7))
    sdk.delete_app(ali_models.DeleteAppRequest(app_id=7))
    ours, theirs = split(handler.requests)
    assert len(ours) == len(theirs) == 5
    for mine, sdk_record in zip(ours, theirs):
        assert business(mine) == business(sdk_record)
        assert business(mine)["SecurityToken"] == "sts-token/+="
        assert_signature_valid(mine)


def _update(port, current, desired, **params):
    """Run AlicloudApp.update the way reconcile does (changes first) against the recorder."""
    module = FakeModule("http://127.0.0.1:%d" % port, **params)
    app = AlicloudApp(module)
    return app.update(current, app.changes(current, desired)), module


def test_tag_change_untags_removed_keys_then_tags_new_pairs_like_the_sdk(recorder):
    server, handler = recorder
    port = server.port
    current = {"app_id": 7, "app_name": "demo_app", "description": "old", "extend": "",
               "tags": {"zeta": "1", "keep": "same", "alpha": "2", "env": "dev"}}
    updated, module = _update(port, current, {"app_name": "demo_app", "description": "new",
                                              "tags": {"keep": "same", "env": "prod", "team": "支付 ~*"}})
    sdk = sdk_client(port)
    sdk.modify_app(ali_models.ModifyAppRequest(app_id=7, description="new"))
    sdk.untag_resources(ali_models.UntagResourcesRequest(resource_type="app", resource_id=["7"], tag_key=["alpha", "zeta"]))
    sdk.tag_resources(ali_models.TagResourcesRequest(resource_type="app", resource_id=["7"], tag=[
        ali_models.TagResourcesRequestTag(key="env", value="prod"),
        ali_models.TagResourcesRequestTag(key="team", value="支付 ~*")]))
    ours, theirs = split(handler.requests)
    # ModifyApp carries no Tag; removals go first so the 20-tag limit is never crossed midway.
    assert [business(r)["Action"] for r in ours] == ["ModifyApp", "UntagResources", "TagResources"]
    assert [business(r) for r in ours] == [business(r) for r in theirs]
    assert not any(k.startswith("Tag.") for k in business(ours[0]))
    assert "All" not in business(ours[1])
    for record in ours:
        assert_signature_valid(record)
    assert updated["tags"] == {"keep": "same", "env": "prod", "team": "支付 ~*"} and updated["description"] == "new"
    assert module.request_ids == ["REC-1", "REC-2", "REC-3"]


def test_tags_only_change_makes_no_modify_app_call(recorder):
    server, handler = recorder
    port = server.port
    current = {"app_id": 7, "app_name": "demo_app", "description": "d", "tags": {"a": "1"}}
    _update(port, current, {"app_name": "demo_app", "description": "d", "tags": {"a": "1", "b": "2"}})
    sdk_client(port).tag_resources(ali_models.TagResourcesRequest(
        resource_type="app", resource_id=["7"], tag=[ali_models.TagResourcesRequestTag(key="b", value="2")]))
    ours, theirs = split(handler.requests)
    # Only the new pair is sent (TagResources merges); nothing removed, so no UntagResources.
    assert [business(r) for r in ours] == [business(r) for r in theirs]
    assert business(ours[0])["Action"] == "TagResources"


def test_purge_tags_false_never_untags(recorder):
    server, handler = recorder
    port = server.port
    current = {"app_id": 7, "app_name": "demo_app", "tags": {"a": "1", "b": "2"}}
    updated, dummy = _update(port, current, {"app_name": "demo_app", "tags": {"b": "3"}}, purge_tags=False)
    assert [business(r)["Action"] for r in handler.requests] == ["TagResources"]
    assert business(handler.requests[0])["Tag.1.Key"] == "b" and business(handler.requests[0])["Tag.1.Value"] == "3"
    assert "Tag.2.Key" not in business(handler.requests[0])
    assert updated["tags"] == {"a": "1", "b": "3"}


def test_untag_all_request_is_signed_like_the_sdk(recorder):
    # tags: {} with purge_tags removes everything with All=true alone (TagKey.N would make All ignored).
    # The SDK stringifies True as "True"; we send "true" (the API's documented spelling), the rest is equal.
    server, handler = recorder
    port = server.port
    current = {"app_id": 7, "app_name": "demo_app", "tags": {"a": "1", "b": "2"}}
    updated, dummy = _update(port, current, {"app_name": "demo_app", "tags": {}})
    sdk_client(port).untag_resources(ali_models.UntagResourcesRequest(resource_type="app", resource_id=["7"], all=True))
    (mine,), (theirs,) = split(handler.requests)
    ours, sdk = business(mine), business(theirs)
    assert ours["Action"] == "UntagResources"
    assert ours.pop("All") == "true" and sdk.pop("All") == "True"
    assert ours == sdk
    assert_signature_valid(mine)
    assert updated["tags"] == {}


def test_create_with_tag_status_false_sets_tags_with_tag_resources(recorder):
    server, handler = recorder
    handler.answer = {"AppId": 7, "TagStatus": False}
    port = server.port
    module = FakeModule("http://127.0.0.1:%d" % port)
    created = AlicloudApp(module).create({"app_name": "demo_app", "tags": {"b": "2", "a": "1"}})
    sdk_client(port).tag_resources(ali_models.TagResourcesRequest(resource_type="app", resource_id=["7"], tag=[
        ali_models.TagResourcesRequestTag(key="a", value="1"), ali_models.TagResourcesRequestTag(key="b", value="2")]))
    ours, theirs = split(handler.requests)
    assert [business(r)["Action"] for r in ours] == ["CreateApp", "TagResources"]
    assert business(ours[1]) == business(theirs[0])
    assert created["tags"] == {"a": "1", "b": "2"}
    assert any("TagStatus false" in w and "TagResources" in w for w in module.warnings)


def test_create_with_tag_status_true_is_one_call(recorder):
    server, handler = recorder
    handler.answer = {"AppId": 7, "TagStatus": True}
    module = FakeModule("http://127.0.0.1:%d" % server.port)
    AlicloudApp(module).create({"app_name": "demo_app", "tags": {"a": "1"}})
    assert [business(r)["Action"] for r in handler.requests] == ["CreateApp"] and module.warnings == []


def test_find_by_name_pages_and_compares_exactly(recorder):
    server, handler = recorder
    port = server.port
    # 150 fuzzy matches: the first page is full, so a second page is read; only the exact name counts.
    rows = [{"AppId": i, "AppName": "demo_app_%d" % i} for i in range(100)]
    handler.answer = {"TotalCount": 150, "Apps": {"AppAttribute": rows}}
    app = AlicloudApp(FakeModule("http://127.0.0.1:%d" % port))
    assert _alicloud.PAGE_SIZE == 100
    assert app.find_by_name("demo_app") == []
    pages = [business(r)["PageNumber"] for r in handler.requests]
    assert pages == ["1", "2"]
    assert all(business(r)["PageSize"] == "100" and business(r)["AppName"] == "demo_app" for r in handler.requests)


def test_find_by_name_single_page_is_one_call(recorder):
    server, handler = recorder
    port = server.port
    handler.answer = {"TotalCount": 2, "Apps": {"AppAttribute": [{"AppId": 1, "AppName": "demo_app"},
                                                                 {"AppId": 2, "AppName": "demo_app2"}]}}
    found = AlicloudApp(FakeModule("http://127.0.0.1:%d" % port)).find_by_name("demo_app")
    assert [r["app_id"] for r in found] == [1]
    assert len(handler.requests) == 1


def test_repeated_commit_may_have_applied():
    with pytest.raises(CloudError) as info:
        parse_response(Response(400, {}, envelope("RepeatedCommit", "Resubmit request.")))
    assert info.value.may_have_applied is True
    with pytest.raises(CloudError) as info:
        parse_response(Response(400, {}, envelope("RepeatedAppName", "exists")))
    assert info.value.may_have_applied is False
