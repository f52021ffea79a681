"""The official Alibaba Cloud SDKs against the emulator: the tea client (ACS3-HMAC-SHA256 by
default, RPC v1 HMAC-SHA1 with signature_algorithm='v2') and the legacy aliyunsdkcore."""

import datetime
import json
import os
import urllib.parse
import uuid

import pytest
import requests
from alibabacloud_cloudapi20160714 import models as m
from alibabacloud_cloudapi20160714.client import Client
from alibabacloud_openapi_util.client import Client as OpenApiUtil
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.models import Config
from aliyunsdkcore.acs_exception.exceptions import ServerException as CoreServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import CommonRequest

from ansible_collections.cloudapps.provision.plugins.module_utils._signers import sign_alibaba_rpc
from tests.emulator.common import Request
from tests.emulator.server import Emulator, parse_options

VECTORS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "vectors", "alibabacloud.json")


def tea_client(emulator, v2=False, access_key=None, secret_key=None, token=None):
    config = Config(access_key_id=access_key or emulator.access_key,
                    access_key_secret=secret_key or emulator.secret_key,
                    security_token=token, protocol="http", region_id="cn-hangzhou",
                    endpoint=emulator.base_url.split("://", 1)[1])
    if v2:
        config.signature_algorithm = "v2"
    return Client(config)


def tea_error(func, request):
    with pytest.raises(ClientException) as info:
        func(request)
    return info.value


def core_request(emulator, action, params, body_params=None):
    req = CommonRequest(domain=emulator.base_url.split("://", 1)[1], version="2016-07-14", action_name=action)
    req.set_protocol_type("http")
    req.set_method("POST")
    for key, value in params.items():
        req.add_query_param(key, value)
    for key, value in (body_params or {}).items():
        req.add_body_params(key, value)
    return req


def test_acs3_full_lifecycle(emulator):
    client = tea_client(emulator)
    created = client.create_app(m.CreateAppRequest(
        app_name="demo_app_1", description="d~*+!'() end",
        tag=[m.CreateAppRequestTag(key="env", value="a b"), m.CreateAppRequestTag(key="owner", value="测试")])).body
    assert isinstance(created.app_id, int) and created.tag_status is True and created.request_id
    app_id = created.app_id

    found = client.describe_app_attributes(m.DescribeAppAttributesRequest(app_name="demo_app_1", page_size=100)).body
    assert found.total_count == 1 and found.page_size == 100
    attr = found.apps.app_attribute[0]
    assert (attr.app_id, attr.app_name, attr.description, attr.disabled) == (app_id, "demo_app_1", "d~*+!'() end", False)
    assert [(t.key, t.value) for t in attr.tags.tag_info] == [("env", "a b"), ("owner", "测试")]

    security = client.describe_app_security(m.DescribeAppSecurityRequest(app_id=app_id)).body
    assert security.app_key.isdigit() and len(security.app_secret) == 32 and len(security.app_code) == 32

    client.modify_app(m.ModifyAppRequest(app_id=app_id, disabled=True, description="new", app_name="demo_app_2"))
    detail = client.describe_app(m.DescribeAppRequest(app_id=app_id)).body
    assert (detail.app_name, detail.description, detail.disabled) == ("demo_app_2", "new", True)

    client.reset_app_secret(m.ResetAppSecretRequest(app_key=security.app_key))
    rotated = client.describe_app_security(m.DescribeAppSecurityRequest(app_id=app_id)).body
    assert rotated.app_key == security.app_key and rotated.app_secret != security.app_secret

    client.delete_app(m.DeleteAppRequest(app_id=app_id))
    err = tea_error(client.describe_app, m.DescribeAppRequest(app_id=app_id))
    assert (err.status_code, err.code) == (400, "NotFoundApp")
    assert err.data["RequestId"] and err.data["HostId"] and err.data["Recommend"]
    assert emulator.state()["alibaba"]["apps"] == {}


def test_rpc_v1_via_tea_v2_and_legacy_core(emulator):
    client = tea_client(emulator, v2=True, token="sts-token-value")
    app_id = client.create_app(m.CreateAppRequest(app_name="rpc_app", tag=[m.CreateAppRequestTag(key="k", value="v")])).body.app_id
    client.modify_app(m.ModifyAppRequest(app_id=app_id, disabled=True))
    assert client.describe_app(m.DescribeAppRequest(app_id=app_id)).body.disabled is True

    core = AcsClient(emulator.access_key, emulator.secret_key, "cn-hangzhou")
    body = json.loads(core.do_action_with_exception(core_request(
        emulator, "CreateApp", {"AppName": "core_app", "Tag.1.Key": "env", "Tag.1.Value": "x y"})))
    assert isinstance(body["AppId"], int) and body["RequestId"]
    # Parameters in a form body are signed and honoured as well.
    core.do_action_with_exception(core_request(emulator, "ModifyApp", {"AppId": str(body["AppId"])},
                                               {"Description": "from the form body"}))
    apps = emulator.state()["alibaba"]["apps"]
    assert apps[str(body["AppId"])]["Description"] == "from the form body"
    assert apps[str(body["AppId"])]["Tags"] == [{"Key": "env", "Value": "x y"}]


def test_name_filter_is_fuzzy_and_paged(emulator):
    client = tea_client(emulator)
    for name in ("alpha_one", "alpha_two", "beta_one"):
        client.create_app(m.CreateAppRequest(app_name=name))
    body = client.describe_app_attributes(m.DescribeAppAttributesRequest(app_name="alpha", page_size=1, page_number=2)).body
    assert body.total_count == 2 and len(body.apps.app_attribute) == 1
    names = {a.app_name for a in client.describe_app_attributes(
        m.DescribeAppAttributesRequest(app_name="_one", page_size=100)).body.apps.app_attribute}
    assert names == {"alpha_one", "beta_one"}
    err = tea_error(client.describe_app_attributes, m.DescribeAppAttributesRequest(page_size=101))
    assert err.code == "InvalidParamter.PageSize"


def test_wrong_secret_rejected_both_schemes(emulator):
    err = tea_error(tea_client(emulator, secret_key="wrong").create_app, m.CreateAppRequest(app_name="never_made"))
    assert (err.status_code, err.code) == (400, "SignatureDoesNotMatch")
    err = tea_error(tea_client(emulator, v2=True, secret_key="wrong").create_app, m.CreateAppRequest(app_name="never_made"))
    assert (err.status_code, err.code) == (400, "SignatureDoesNotMatch")
    assert "server string to sign is:POST&%2F&" in err.message
    core = AcsClient(emulator.access_key, "wrong", "cn-hangzhou")
    with pytest.raises(CoreServerException) as info:
        core.do_action_with_exception(core_request(emulator, "CreateApp", {"AppName": "never_made"}))
    assert info.value.get_error_code() == "SignatureDoesNotMatch"
    err = tea_error(tea_client(emulator, access_key="LTAIunknown").create_app, m.CreateAppRequest(app_name="never_made"))
    assert (err.status_code, err.code) == (404, "InvalidAccessKeyId.NotFound")
    assert emulator.state()["alibaba"]["apps"] == {}


@pytest.mark.parametrize("v2", [False, True])
def test_skewed_timestamp_rejected(emulator_factory, v2):
    emu = emulator_factory("--clock-skew", 16 * 60)
    err = tea_error(tea_client(emu, v2=v2).describe_app_attributes, m.DescribeAppAttributesRequest())
    assert (err.status_code, err.code) == (400, "InvalidTimeStamp.Expired")
    ok = emulator_factory("--clock-skew", -14 * 60)
    assert tea_client(ok, v2=v2).describe_app_attributes(m.DescribeAppAttributesRequest()).body.total_count == 0


def _signed_rpc_url(emulator, nonce):
    params = {"Action": "DescribeAppAttributes", "Format": "json", "Version": "2016-07-14",
              "Timestamp": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
              "SignatureNonce": nonce, "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0",
              "AccessKeyId": emulator.access_key, "PageSize": "100"}
    params["Signature"] = OpenApiUtil.get_rpcsignature(params, "POST", emulator.secret_key)
    return emulator.base_url + "/?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote, safe="~")


def test_reused_nonce_rejected(emulator):
    url = _signed_rpc_url(emulator, uuid.uuid4().hex)
    assert requests.post(url, timeout=5).status_code == 200
    again = requests.post(url, timeout=5)
    assert again.status_code == 400 and again.json()["Code"] == "SignatureNonceUsed"
    assert requests.post(_signed_rpc_url(emulator, uuid.uuid4().hex), timeout=5).status_code == 200


def test_nonce_memory_is_bounded(emulator):
    handler = next(h for h in emulator.emu.handlers if h.name == "alibaba")
    for i in range(10050):
        handler._use_nonce(emulator.emu, "n%d" % i)  # pylint: disable=protected-access
    assert len(handler.nonces) <= 10000


def test_validation_duplicates_and_quota(emulator):
    client = tea_client(emulator)
    for name, code in (("abc", "InvalidParamter.AppName"), ("1abcd", "InvalidParamter.AppName"),
                       ("a" * 27, "InvalidParamter.AppName")):
        assert tea_error(client.create_app, m.CreateAppRequest(app_name=name)).code == code
    assert tea_error(client.create_app, m.CreateAppRequest()).code == "MissingParameter"
    err = tea_error(client.create_app, m.CreateAppRequest(app_name="okname", description="d" * 181))
    assert err.code == "InvalidParamter.Description"
    tags = [m.CreateAppRequestTag(key="k%d" % i, value="v") for i in range(21)]
    assert tea_error(client.create_app, m.CreateAppRequest(app_name="okname", tag=tags)).code == "InvalidParamter.Tag"
    client.create_app(m.CreateAppRequest(app_name="应用_名称"))
    client.create_app(m.CreateAppRequest(app_name="okname", app_key="MyAppKey01", app_secret="MyAppSecret_01"))
    assert tea_error(client.create_app, m.CreateAppRequest(app_name="okname")).code == "RepeatedAppName"
    apps = emulator.emu.state["alibaba"]["apps"]
    assert sorted(a["AppName"] for a in apps.values()) == ["okname", "应用_名称"]
    assert any(a["AppKey"] == "MyAppKey01" and a["AppSecret"] == "MyAppSecret_01" for a in apps.values())
    with emulator.emu.lock:  # fill up to the 1000-app quota without 1000 API calls
        template = next(iter(apps.values()))
        for i in range(998):
            apps[str(900000000 + i)] = dict(template, AppId=str(900000000 + i), AppName="filler_%d" % i, AppKey=str(i))
    err = tea_error(client.create_app, m.CreateAppRequest(app_name="one_too_many"))
    assert (err.status_code, err.code) == (400, "QuotaExceeded.App")


def _vector_cases():
    with open(VECTORS, encoding="utf-8") as handle:
        return json.load(handle)["cases"]


def _emulator_at(inp):
    when = datetime.datetime.strptime(inp["timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    skew = (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
    return Emulator(parse_options(["--access-key", inp["access_key_id"], "--secret-key", inp["access_key_secret"],
                                   "--clock-skew", str(skew), "--no-rate-limit"]))


def test_signing_vectors_verify_byte_exactly():
    """SDK-made vectors (CJK, ~*+!'() and an STS token, both schemes) pass the verifier; a changed
    parameter fails it."""
    for case in _vector_cases():
        inp, exp = case["input"], case["expected"]
        query = urllib.parse.urlencode(exp["rpc_v1"]["final_query"], quote_via=urllib.parse.quote, safe="~")
        emu = _emulator_at(inp)
        assert emu.handle_request(Request("POST", "/?" + query, [("Host", inp["host"])], b"")).status == 200, case["name"]
        tampered = query.replace("&Version=", "&Extra=1&Version=")
        emu.handle_request(Request("POST", "/?" + tampered, [("Host", inp["host"])], b""))
        assert emu.log_entries[-1]["error_code"] == "SignatureDoesNotMatch", case["name"]

        acs3 = exp["acs3"]
        headers = list(acs3["headers_signed"].items()) + [("Authorization", acs3["authorization"])]
        query = urllib.parse.urlencode(acs3["query"], quote_via=urllib.parse.quote, safe="~")
        emu = _emulator_at(inp)
        assert emu.handle_request(Request("POST", "/?" + query, headers, b"")).status == 200, case["name"]
        emu.handle_request(Request("POST", "/?" + query + "&Extra=1", headers, b""))
        assert emu.log_entries[-1]["error_code"] == "SignatureDoesNotMatch", case["name"]


# --- tags: TagResources / UntagResources / ListTagResources ---

def _tags_of(emulator, app_id):
    return {t["Key"]: t["Value"] for t in emulator.state()["alibaba"]["apps"][str(app_id)]["Tags"]}


def _new_app(client, name, **tags):
    return client.create_app(m.CreateAppRequest(
        app_name=name, tag=[m.CreateAppRequestTag(key=k, value=v) for k, v in tags.items()] or None)).body.app_id


def _tag(client, resource_ids, resource_type="app", **tags):
    return client.tag_resources(m.TagResourcesRequest(
        resource_type=resource_type, resource_id=[str(r) for r in resource_ids],
        tag=[m.TagResourcesRequestTag(key=k, value=v) for k, v in tags.items()]))


@pytest.mark.parametrize("v2", [False, True])
def test_tag_resources_adds_and_overwrites_keys(emulator, v2):
    client = tea_client(emulator, v2=v2)
    first, second = _new_app(client, "tagged_one", env="dev", keep="x"), _new_app(client, "tagged_two")
    assert _tag(client, [first, second], env="prod", team="a b").body.request_id
    # A key already bound gets the new value; other keys stay (TagResources merges).
    assert _tags_of(emulator, first) == {"env": "prod", "keep": "x", "team": "a b"}
    assert _tags_of(emulator, second) == {"env": "prod", "team": "a b"}
    attrs = client.describe_app_attributes(m.DescribeAppAttributesRequest(app_id=first)).body.apps.app_attribute[0]
    assert {(t.key, t.value) for t in attrs.tags.tag_info} == {("env", "prod"), ("keep", "x"), ("team", "a b")}


@pytest.mark.parametrize("v2", [False, True])
def test_untag_resources_by_key_and_all(emulator, v2):
    client = tea_client(emulator, v2=v2)
    app_id = _new_app(client, "untag_me", a="1", b="2", c="3")
    other = _new_app(client, "untag_other", a="1")
    untag = client.untag_resources
    untag(m.UntagResourcesRequest(resource_type="app", resource_id=[str(app_id)], tag_key=["a", "missing"]))
    assert _tags_of(emulator, app_id) == {"b": "2", "c": "3"}
    # TagKey.N given: All is ignored, only those keys go.
    untag(m.UntagResourcesRequest(resource_type="app", resource_id=[str(app_id)], tag_key=["b"], all=True))
    assert _tags_of(emulator, app_id) == {"c": "3"}
    # Neither TagKey.N nor All=true: success, nothing removed.
    untag(m.UntagResourcesRequest(resource_type="app", resource_id=[str(app_id)], all=False))
    untag(m.UntagResourcesRequest(resource_type="app", resource_id=[str(app_id)]))
    assert _tags_of(emulator, app_id) == {"c": "3"}
    untag(m.UntagResourcesRequest(resource_type="app", resource_id=[str(app_id)], all=True))
    assert _tags_of(emulator, app_id) == {}
    untag(m.UntagResourcesRequest(resource_type="app", resource_id=[str(app_id)], all=True))  # no tags: still fine
    assert _tags_of(emulator, other) == {"a": "1"}


def test_tag_calls_validate_and_are_all_or_nothing(emulator):
    client = tea_client(emulator)
    app_id = _new_app(client, "strict_app", env="dev")
    err = tea_error(client.tag_resources, m.TagResourcesRequest(
        resource_type="app", resource_id=[str(app_id), "999999999"], tag=[m.TagResourcesRequestTag(key="x", value="y")]))
    assert (err.status_code, err.code) == (400, "NotFoundResourceId")
    assert _tags_of(emulator, app_id) == {"env": "dev"}  # the existing app was not tagged either
    err = tea_error(client.untag_resources, m.UntagResourcesRequest(resource_type="app", resource_id=["12"], all=True))
    assert (err.status_code, err.code) == (400, "NotFoundResourceId")
    # Only apps exist in the emulator: an apiGroup id is never found.
    err = tea_error(client.tag_resources, m.TagResourcesRequest(
        resource_type="apiGroup", resource_id=[str(app_id)], tag=[m.TagResourcesRequestTag(key="x", value="y")]))
    assert err.code == "NotFoundResourceId"
    err = tea_error(client.tag_resources, m.TagResourcesRequest(
        resource_type="App", resource_id=[str(app_id)], tag=[m.TagResourcesRequestTag(key="x", value="y")]))
    assert (err.status_code, err.code) == (400, "InvalidParameter.ResourceType")
    err = tea_error(client.tag_resources, m.TagResourcesRequest(resource_id=[str(app_id)], tag=[m.TagResourcesRequestTag(key="x", value="y")]))
    assert err.code == "MissingParameter"
    # A value without its key is InvalidParameter.TagKey (documented).
    err = tea_error(client.tag_resources, m.TagResourcesRequest(
        resource_type="app", resource_id=[str(app_id)], tag=[m.TagResourcesRequestTag(value="y")]))
    assert err.code == "InvalidParameter.TagKey"
    err = tea_error(client.tag_resources, m.TagResourcesRequest(resource_type="app", resource_id=[str(app_id)]))
    assert err.code == "MissingParameter"
    twenty = [m.TagResourcesRequestTag(key="k%d" % i, value="v") for i in range(20)]
    err = tea_error(client.tag_resources, m.TagResourcesRequest(resource_type="app", resource_id=[str(app_id)], tag=twenty))
    assert (err.status_code, err.code) == (400, "QuotaExceeded.Tag")  # 20 new + "env" = 21 on one app
    assert _tags_of(emulator, app_id) == {"env": "dev"}
    err = tea_error(client.untag_resources, m.UntagResourcesRequest(resource_type="app", resource_id=[str(app_id)] * 51, all=True))
    assert err.code == "InvalidParameter.ResourceId"


def test_list_tag_resources_filters_and_pages(emulator):
    client = tea_client(emulator)
    apps = [_new_app(client, "listed_%d" % i, **{"k%02d" % j: "v" for j in range(20)}) for i in range(3)]
    _new_app(client, "not_listed", other="1")
    body = client.list_tag_resources(m.ListTagResourcesRequest(resource_type="app", resource_id=[str(apps[0])])).body
    assert body.next_token == "-1" and len(body.tag_resources.tag_resource) == 20
    row = body.tag_resources.tag_resource[0]
    assert (row.resource_id, row.resource_type, row.tag_key, row.tag_value) == (str(apps[0]), "app", "k00", "v")
    rows, token = [], None
    for dummy in range(10):  # bounded: 60 relations, 50 per page
        page = client.list_tag_resources(m.ListTagResourcesRequest(
            resource_type="app", tag=[m.ListTagResourcesRequestTag(key="k05")], next_token=token)).body
        rows.extend(page.tag_resources.tag_resource)
        token = page.next_token
        if token == "-1":
            break
    assert len(rows) == 60 and {r.resource_id for r in rows} == {str(a) for a in apps}
    none = client.list_tag_resources(m.ListTagResourcesRequest(
        resource_type="app", tag=[m.ListTagResourcesRequestTag(key="k05", value="other")])).body
    assert none.tag_resources.tag_resource == [] and none.next_token == "-1"
    err = tea_error(client.list_tag_resources, m.ListTagResourcesRequest(resource_type="app"))
    assert err.code == "MissingParameter"


def _module_call(emulator, action, params):
    """Send a call exactly as plugins/module_utils/_alicloud.py Client.call does (signer, POST, query)."""
    signed = sign_alibaba_rpc(access_key_id=emulator.access_key, access_key_secret=emulator.secret_key, method="POST",
                              params=params, timestamp=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                              nonce=uuid.uuid4().hex, version="2016-07-14", action=action)
    return requests.post(emulator.base_url + "/?" + signed.query, data=b"", timeout=10)


def test_module_tag_requests_have_the_expected_effect(emulator):
    """The module's purge_tags=true path: ModifyApp with the whole wanted set, then tags: {} via
    UntagResources(ResourceType=app, ResourceId.1, All=true)."""
    app_id = _new_app(tea_client(emulator), "module_app", old="1", env="dev")
    wanted = [{"Key": "env", "Value": "prod"}, {"Key": "new", "Value": "2"}]
    reply = _module_call(emulator, "ModifyApp", {"AppId": app_id, "Tag": wanted})
    assert reply.status_code == 200, reply.text
    assert _tags_of(emulator, app_id) == {"env": "prod", "new": "2"}  # emulator choice: ModifyApp replaces
    reply = _module_call(emulator, "UntagResources", {"ResourceType": "app", "ResourceId": [app_id], "All": True})
    assert reply.status_code == 200 and reply.json()["RequestId"], reply.text
    assert _tags_of(emulator, app_id) == {}
    # The diff-based alternative (TagResources + UntagResources TagKey.N) through the same signer.
    assert _module_call(emulator, "TagResources", {"ResourceType": "app", "ResourceId": [app_id],
                                                   "Tag": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": ""}]}).status_code == 200
    assert _module_call(emulator, "UntagResources", {"ResourceType": "app", "ResourceId": [app_id], "TagKey": ["a"]}).status_code == 200
    assert _tags_of(emulator, app_id) == {"b": ""}
    mutating = [e["action"] for e in emulator.log() if e["mutating"]]
    assert mutating[-4:] == ["ModifyApp", "UntagResources", "TagResources", "UntagResources"]


def test_authorizations_through_the_sdk(emulator):
    client = tea_client(emulator)
    group = "523e8dc7bbe04613b5b1d726c2a7889d"
    api_a, api_b = "baacc592e63a4cb6a41920d9d3f91f38", "jkscc489e63a4cb6a41920d9d3f92d78"
    app_id = client.create_app(m.CreateAppRequest(app_name="auth_app")).body.app_id
    client.set_apis_authorities(m.SetApisAuthoritiesRequest(
        group_id=group, app_id=app_id, stage_name="RELEASE", api_ids="%s,%s" % (api_a, api_b), description="d"))
    client.set_apis_authorities(m.SetApisAuthoritiesRequest(group_id=group, app_id=app_id, stage_name="TEST", api_ids=api_a))
    body = client.describe_authorized_apis(m.DescribeAuthorizedApisRequest(app_id=app_id, page_size=100)).body
    assert body.total_count == 3
    rows = sorted((a.stage_name, a.api_id, a.group_id, a.description) for a in body.authorized_apis.authorized_api)
    assert rows == [("RELEASE", api_a, group, "d"), ("RELEASE", api_b, group, "d"), ("TEST", api_a, group, "")]
    client.remove_apis_authorities(m.RemoveApisAuthoritiesRequest(group_id=group, app_id=app_id, stage_name="RELEASE",
                                                                  api_ids=api_b))
    assert client.describe_authorized_apis(m.DescribeAuthorizedApisRequest(app_id=app_id)).body.total_count == 2
    err = tea_error(client.set_apis_authorities, m.SetApisAuthoritiesRequest(
        group_id=group, app_id=app_id, stage_name="RELEASE", api_ids="%s,nope" % api_a))
    assert err.code == "NotFoundApi"
    err = tea_error(client.set_apis_authorities, m.SetApisAuthoritiesRequest(
        group_id=group, app_id=app_id, stage_name="ONLINE", api_ids=api_a))
    assert err.code.startswith("InvalidParamter.StageName")
    # Deleting the app removes its authorizations.
    client.delete_app(m.DeleteAppRequest(app_id=app_id))
    assert emulator.state()["alibaba"]["auths"] == {}


def test_describe_apps_answers_the_official_client(emulator):
    client = tea_client(emulator)
    ids = [client.create_app(m.CreateAppRequest(app_name=name, description="d " + name)).body.app_id
           for name in ("caller_one", "caller_two", "caller_three")]
    body = client.describe_apps(m.DescribeAppsRequest(page_size=2, page_number=1)).body
    assert body.total_count == 3 and [a.app_name for a in body.apps.app_item] == ["caller_one", "caller_two"]
    (one,) = client.describe_apps(m.DescribeAppsRequest(app_id=ids[2])).body.apps.app_item
    assert (one.app_id, one.app_name, one.description) == (ids[2], "caller_three", "d caller_three")
    err = tea_error(client.describe_apps, m.DescribeAppsRequest(page_size=101))
    assert err.code == "InvalidParamter.PageSize"


def test_key_pairs_through_the_sdk(emulator):
    """CreateAppKey, DescribeAppSecurities and DeleteAppKey as the SDK sends and reads them."""
    client = tea_client(emulator)
    app_id = _new_app(client, "paired_app")
    first = client.describe_app_securities(m.DescribeAppSecuritiesRequest(app_id=app_id)).body.app_securitys.app_security
    assert len(first) == 1 and first[0].app_key.isdigit() and first[0].created_time.endswith("Z")
    client.create_app_key(m.CreateAppKeyRequest(app_id=app_id))
    client.create_app_key(m.CreateAppKeyRequest(app_id=app_id, app_key="OwnKey0001", app_secret="Own_Secret-0001"))
    pairs = client.describe_app_securities(m.DescribeAppSecuritiesRequest(app_id=app_id)).body.app_securitys.app_security
    assert [p.app_key for p in pairs][0] == first[0].app_key and pairs[2].app_secret == "Own_Secret-0001"
    assert len(set(p.app_key for p in pairs)) == 3 and all(p.app_code == first[0].app_code for p in pairs)
    # An AppKey is unique across the account; a pair given half is refused.
    assert tea_error(client.create_app_key, m.CreateAppKeyRequest(app_id=app_id, app_key="OwnKey0001",
                                                                  app_secret="x" * 8)).code == "InvalidParamter.AppKey"  # sic
    assert tea_error(client.create_app_key, m.CreateAppKeyRequest(app_id=app_id, app_key="Half0001")).code == \
        "InvalidParamter.AppKey"
    # ResetAppSecret acts on any pair; deleting the first pair promotes the next one.
    client.reset_app_secret(m.ResetAppSecretRequest(app_key="OwnKey0001"))
    client.delete_app_key(m.DeleteAppKeyRequest(app_id=app_id, app_key=first[0].app_key))
    left = client.describe_app_securities(m.DescribeAppSecuritiesRequest(app_id=app_id)).body.app_securitys.app_security
    assert [p.app_key for p in left] == [pairs[1].app_key, "OwnKey0001"] and left[1].app_secret != "Own_Secret-0001"
    assert client.describe_app_security(m.DescribeAppSecurityRequest(app_id=app_id)).body.app_key == pairs[1].app_key
    assert tea_error(client.delete_app_key, m.DeleteAppKeyRequest(app_id=app_id, app_key="NoSuchKey1")).code == \
        "NotFoundAppKey"
    client.delete_app_key(m.DeleteAppKeyRequest(app_id=app_id, app_key="OwnKey0001"))
    assert tea_error(client.delete_app_key, m.DeleteAppKeyRequest(app_id=app_id, app_key=pairs[1].app_key)).code == \
        "InvalidParamter.AppKey"


def test_reset_app_code_through_the_sdk(emulator):
    client = tea_client(emulator)
    app_id = _new_app(client, "coded_app")
    code = client.describe_app_security(m.DescribeAppSecurityRequest(app_id=app_id)).body.app_code
    client.reset_app_code(m.ResetAppCodeRequest(app_code=code))
    generated = client.describe_app_security(m.DescribeAppSecurityRequest(app_id=app_id)).body.app_code
    assert generated != code and len(generated) == 32
    client.reset_app_code(m.ResetAppCodeRequest(app_code=generated, new_app_code="MyOwnCode0001"))
    assert client.describe_app_security(m.DescribeAppSecurityRequest(app_id=app_id)).body.app_code == "MyOwnCode0001"
    assert tea_error(client.reset_app_code, m.ResetAppCodeRequest(app_code=code)).code == "NotFoundAppCode"
    assert tea_error(client.reset_app_code, m.ResetAppCodeRequest(app_code="MyOwnCode0001", new_app_code="bad!")).code \
        == "InvalidParamter.NewAppCode"  # sic


def test_traffic_special_controls_through_the_sdk(emulator):
    client = tea_client(emulator)
    app_id = str(_new_app(client, "limited_app"))
    control = "tc1f0e6c1b2d4e5f6a7b8c9d0e1f2a3b4"
    client.add_traffic_special_control(m.AddTrafficSpecialControlRequest(
        traffic_control_id=control, special_type="APP", special_key=app_id, traffic_value=50))
    # The same key again: overwritten, not added.
    client.add_traffic_special_control(m.AddTrafficSpecialControlRequest(
        traffic_control_id=control, special_type="APP", special_key=app_id, traffic_value=60))
    listed = client.describe_traffic_controls(m.DescribeTrafficControlsRequest(page_size=100)).body
    assert listed.total_count == 2
    (first,) = [c for c in listed.traffic_controls.traffic_control if c.traffic_control_id == control]
    (policy,) = first.special_policies.special_policy
    assert policy.special_type == "APP" and [(s.special_key, s.traffic_value) for s in policy.specials.special] == [(app_id, 60)]
    assert tea_error(client.add_traffic_special_control, m.AddTrafficSpecialControlRequest(
        traffic_control_id="tcnosuchcontrol", special_type="APP", special_key=app_id, traffic_value=5)).code \
        == "NotFoundTrafficControl"
    client.delete_traffic_special_control(m.DeleteTrafficSpecialControlRequest(
        traffic_control_id=control, special_type="APP", special_key=app_id))
    listed = client.describe_traffic_controls(m.DescribeTrafficControlsRequest(traffic_control_id=control)).body
    assert listed.traffic_controls.traffic_control[0].special_policies.special_policy == []
