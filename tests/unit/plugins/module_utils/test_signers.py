# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The in-house signers against the vendors' own signing code.

1. Replay of the reference vectors (made by the official SDKs).
2. Generated requests (hypothesis) and a table of named hard cases, each signed by the
   official SDK's signing functions and by ours; the outputs must be equal.
3. Negative checks: the comparison notices a one-byte change.

The SDKs are test-only dependencies; plugins/ never imports them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import copy
import datetime
import hashlib
import json
import os
from urllib.parse import parse_qsl, quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.cloudapps.provision.plugins.module_utils._signers import (
    alibaba_flatten,
    sign_alibaba_acs3,
    sign_alibaba_rpc,
    sign_huawei,
    sign_tencent,
    sign_volcengine,
    tencent_get_query,
    tencent_json_body,
)

from alibabacloud_openapi_util.client import Client as LegacyOpenApiUtil
from alibabacloud_tea_openapi.utils import Utils as AliUtils, get_canonical_query_string, get_canonicalized_headers
from darabonba.request import DaraRequest
from darabonba.url import Url as DaraURL
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer as HuaweiSigner
from tencentcloud.apigateway.v20180808.apigateway_client import ApigatewayClient
from tencentcloud.common import abstract_client as tc_abstract_client
from tencentcloud.common.credential import Credential as TencentCredential
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from volcengine.Credentials import Credentials as VolcCredentials
from volcengine.auth.MetaData import MetaData
from volcengine.auth.SignParam import SignParam
from volcengine.auth.SignerV4 import SignerV4
from volcengine.base.Request import Request as VolcRequest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
VECTORS_DIR = os.path.join(REPO_ROOT, "tests", "unit", "vectors")

AK = "AKIDEXAMPLE1234567890"
SK = "SecretKeyExample/+=0123456789abcdefABCDEF"
HARD = u"~*+!'() /=&%"


def _cases(vendor):
    with open(os.path.join(VECTORS_DIR, vendor + ".json"), encoding="utf-8") as handle:
        cases = json.load(handle)["cases"]
    assert len(cases) == 3
    return [pytest.param(case, id=case["name"]) for case in cases]


def _sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _without(headers, *names):
    return {k: v for k, v in headers.items() if k not in names}


# --------------------------------------------------------------------------- strategies

# Characters the brief calls out, mixed with arbitrary Unicode (CJK, emoji, accents...).
_special = st.sampled_from(list(HARD) + [u"测", u"试", u"😀", u"é", u"~", u"%41"])
TEXT = st.lists(st.one_of(_special, st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))),
                max_size=10).map(u"".join)
KEY = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=8) | \
    st.sampled_from(["Action", "AppName", "name", "Tag.1.Key", "a b", "k~*", "测试"])
# Header values: printable, and without leading/trailing spaces some SDKs trim and others keep.
TOKEN = st.none() | st.text(alphabet=st.sampled_from(list(u"AZaz09~*+!'()=/ ") + [u"x"]), min_size=1, max_size=20) \
    .map(lambda s: u"T" + s + u"T")
BODY = st.one_of(st.just(b""), TEXT.map(lambda s: s.encode("utf-8")),
                 st.dictionaries(KEY, TEXT, max_size=4).map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8")))
HOST = st.sampled_from(["rtc.volcengineapi.com", "127.0.0.1:8080", "127.0.0.1:443", "example.com:80",
                        "localhost:38443", "[::1]:443"])
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- Volcengine

def _sdk_volcengine(req):
    param = SignParam()
    param.set_method(req["method"])
    param.set_host(req["host"])
    param.set_path(req["path"])
    param.set_query(collections.OrderedDict(
        (k, [str(x) for x in v] if isinstance(v, list) else str(v)) for k, v in req["query"].items()))
    param.set_header_list(collections.OrderedDict(req["headers"]))
    param.set_body(req["body"])
    param.set_date(datetime.datetime.strptime(req["x_date"], "%Y%m%dT%H%M%SZ"))
    cred = VolcCredentials(AK, SK, req["service"], req["region"], req["session_token"] or "")
    result = SignerV4.sign_only(param, cred)
    # sign_only signs param.header_list in place; recompute the canonical hash from it.
    request = VolcRequest()
    request.method, request.path, request.query = req["method"], req["path"], param.query
    request.headers, request.body = collections.OrderedDict(param.header_list), req["body"]
    canonical_hash = SignerV4.hashed_canonical_request_v4(request, MetaData())
    headers = dict(param.header_list)
    headers["Authorization"] = result.authorization
    return result.authorization, canonical_hash, headers


def _check_volcengine(req):
    ours = sign_volcengine(access_key=AK, secret_key=SK, method=req["method"], host=req["host"], path=req["path"],
                           query=req["query"], headers=req["headers"], body=req["body"], x_date=req["x_date"],
                           session_token=req["session_token"], region=req["region"], service=req["service"])
    authorization, canonical_hash, headers = _sdk_volcengine(copy.deepcopy(req))
    assert ours.headers["Authorization"] == authorization
    assert _sha(ours.canonical_request) == canonical_hash
    assert ours.headers == headers
    assert ours.body == req["body"]
    return ours


VOLC_QUERY = st.dictionaries(KEY, st.one_of(TEXT, st.integers(0, 10 ** 6), st.lists(TEXT, max_size=3)), max_size=5)
VOLC_REQUEST = st.fixed_dictionaries({
    "method": st.sampled_from(["GET", "POST"]),
    "host": HOST,
    "path": st.sampled_from(["/", "/a b/测试", "/x~*+!'()/", "/%41"]),
    "query": VOLC_QUERY,
    "headers": st.fixed_dictionaries({"Content-Type": st.sampled_from(["application/json", "text/plain; charset=utf-8"])}),
    "body": BODY,
    "x_date": st.sampled_from(["20240115T083000Z", "20241231T235959Z", "20000101T000000Z"]),
    "session_token": TOKEN,
    "region": st.sampled_from(["cn-north-1", "ap-singapore-1"]),
    "service": st.sampled_from(["rtc", "iam"]),
})


def _with_host_header(req):
    req["headers"] = dict(req["headers"], Host=req["host"])
    return req


@pytest.mark.parametrize("case", _cases("volcengine"))
def test_volcengine_vectors(case):
    i, e = case["input"], case["expected"]
    r = sign_volcengine(access_key=i["access_key"], secret_key=i["secret_key"], method=i["method"], host=i["host"],
                        path=i["path"], query=i["query"], headers=i["headers"], body=i["body"], x_date=i["x_date"],
                        session_token=i.get("session_token"), region=i["region"], service=i["service"])
    assert r.canonical_request == e["canonical_request"]
    assert r.string_to_sign == e["string_to_sign"]
    assert r.signature == e["signature"]
    assert r.headers["Authorization"] == e["authorization"]
    assert r.headers == e["headers_to_send"]
    assert r.query == e["canonical_request"].split("\n")[2]
    assert r.body == i["body"].encode("utf-8")


@SETTINGS
@given(VOLC_REQUEST.map(_with_host_header))
def test_volcengine_matches_sdk_generated(req):
    _check_volcengine(req)


def _volc(**kw):
    req = {"method": "POST", "host": "rtc.volcengineapi.com", "path": "/",
           "query": {"Action": "CreateApp", "Version": "2023-11-01"},
           "headers": {"Content-Type": "application/json"}, "body": b"", "x_date": "20240115T083000Z",
           "session_token": None, "region": "cn-north-1", "service": "rtc"}
    req.update(kw)
    return _with_host_header(req)


VOLC_HARD = {
    "empty_body": _volc(),
    "empty_query": _volc(query={}),
    "cjk_emoji_body": _volc(body=u'{"AppName":"测试😀"}'.encode("utf-8")),
    "reserved_chars_in_query": _volc(query={"Note": HARD, HARD: "v"}),
    "list_value_repeats_key": _volc(method="GET", query={"Id": ["b", "a", "测"], "Action": "ListApps"}),
    "int_value": _volc(query={"Limit": 100, "Offset": 0}),
    "token_with_reserved_chars": _volc(session_token=u"tok~*+!'() 0"),
    "loopback_port_kept": _volc(host="127.0.0.1:8080"),
    "port_443_stripped": _volc(host="rtc.volcengineapi.com:443"),
    "port_80_stripped": _volc(host="127.0.0.1:80"),
    "path_with_space_and_cjk": _volc(path=u"/a b/测试"),
}


@pytest.mark.parametrize("name", sorted(VOLC_HARD))
def test_volcengine_matches_sdk_hard_cases(name):
    _check_volcengine(VOLC_HARD[name])


def test_volcengine_port_handling_is_what_the_sdk_signs():
    # The signed host line follows SignerV4: :443/:80 dropped, other ports kept; Host sent as given.
    stripped = _check_volcengine(VOLC_HARD["port_443_stripped"])
    assert "\nhost:rtc.volcengineapi.com\n" in stripped.canonical_request
    assert stripped.headers["Host"] == "rtc.volcengineapi.com:443"
    kept = _check_volcengine(VOLC_HARD["loopback_port_kept"])
    assert "\nhost:127.0.0.1:8080\n" in kept.canonical_request


def test_volcengine_defaults_like_sdk_sign():
    # SignerV4.sign adds the form content type to non-GET requests that have none; Host comes from host.
    r = sign_volcengine(access_key=AK, secret_key=SK, method="POST", host="h.example", path="", query={},
                        headers={}, body="", x_date="20240115T083000Z")
    assert r.headers["Content-Type"] == "application/x-www-form-urlencoded; charset=utf-8"
    assert r.headers["Host"] == "h.example"
    assert r.canonical_request.split("\n")[1] == "/"


def test_volcengine_comparison_is_sensitive():
    # One changed body byte, or one extra query parameter, must change the signature.
    req = _volc(body=b'{"AppName":"abc"}')
    authorization = _sdk_volcengine(copy.deepcopy(req))[0]
    for body, query in ((b'{"AppName":"abd"}', req["query"]), (req["body"], dict(req["query"], Extra="1"))):
        tampered = sign_volcengine(access_key=AK, secret_key=SK, method="POST", host=req["host"], path="/",
                                   query=query, headers=req["headers"], body=body, x_date=req["x_date"])
        assert tampered.headers["Authorization"] != authorization


# --------------------------------------------------------------------------- Alibaba Cloud

def _sdk_alibaba_rpc(req):
    # The parameter set Client.do_rpcrequest builds (tea-openapi 0.4.6), then its signing function.
    signed = {"Action": req["action"], "Format": "json", "Version": req["version"],
              "Timestamp": req["timestamp"], "SignatureNonce": req["nonce"]}
    signed.update(AliUtils.query(req["params"]))
    if req["security_token"]:
        signed["SecurityToken"] = req["security_token"]
    signed.update({"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "AccessKeyId": AK})
    signature = AliUtils.get_rpcsignature(signed, req["method"], SK)
    # The older alibabacloud_openapi_util package must agree with tea-openapi.
    assert LegacyOpenApiUtil.get_rpcsignature(signed, req["method"], SK) == signature
    return signature, signed


def _check_alibaba_rpc(req):
    ours = sign_alibaba_rpc(access_key_id=AK, access_key_secret=SK, method=req["method"], params=req["params"],
                            timestamp=req["timestamp"], nonce=req["nonce"], security_token=req["security_token"],
                            version=req["version"], action=req["action"])
    signature, signed = _sdk_alibaba_rpc(copy.deepcopy(req))
    assert ours.signature == signature
    assert dict(parse_qsl(ours.query, keep_blank_values=True)) == dict(signed, Signature=signature)
    assert "+" not in ours.query and " " not in ours.query  # RFC 3986 encoding only
    assert ours.body == b""
    return ours


def _acs3_sdk_headers(req, payload_hash):
    # The header set Client.do_request builds before it calls Utils.get_authorization.
    headers = {"host": req["host"], "x-acs-version": req["version"], "x-acs-action": req["action"],
               "x-acs-date": req["date"], "x-acs-signature-nonce": req["nonce"], "accept": "application/json"}
    headers.update(req["headers"])
    headers["x-acs-content-sha256"] = payload_hash
    if req["security_token"]:
        headers["x-acs-accesskey-id"] = AK
        headers["x-acs-security-token"] = req["security_token"]
    return headers


def _sdk_alibaba_acs3(req):
    payload_hash = hashlib.sha256(req["body"]).hexdigest()
    request = DaraRequest()
    request.method = req["method"]
    request.pathname = req.get("path", "/")
    request.query = AliUtils.query(req["query"])
    request.headers = _acs3_sdk_headers(req, payload_hash)
    authorization = AliUtils.get_authorization(request, "ACS3-HMAC-SHA256", payload_hash, AK, SK)
    return authorization, request


def _check_alibaba_acs3(req):
    ours = sign_alibaba_acs3(access_key_id=AK, access_key_secret=SK, method=req["method"], host=req["host"],
                             action=req["action"], version=req["version"], query=req["query"], headers=req["headers"],
                             body=req["body"], date=req["date"], nonce=req["nonce"], security_token=req["security_token"],
                             path=req.get("path", "/"))
    authorization, request = _sdk_alibaba_acs3(copy.deepcopy(req))
    assert ours.headers["Authorization"] == authorization
    assert _without(ours.headers, "Authorization") == request.headers
    # Canonical query and headers as the SDK's own helpers build them.
    lines = ours.canonical_request.split("\n")
    assert lines[2] == get_canonical_query_string(request.query)
    canonical_headers, signed_headers = get_canonicalized_headers(request.headers)
    assert "\n".join(lines[3:-3]) + "\n" == canonical_headers and lines[-3] == ""
    assert lines[-2] == signed_headers
    assert dict(parse_qsl(ours.query, keep_blank_values=True)) == request.query
    return ours


ALI_SCALAR = st.one_of(TEXT, st.integers(0, 10 ** 6))
ALI_PARAMS = st.dictionaries(KEY, ALI_SCALAR, max_size=5).flatmap(
    lambda base: st.lists(st.fixed_dictionaries({"Key": TEXT, "Value": TEXT}), max_size=3).map(
        lambda tags: dict(base, Tag=tags) if tags else base))
ALI_COMMON = {
    "method": st.sampled_from(["POST", "GET"]),
    "version": st.just("2016-07-14"),
    "action": st.sampled_from(["CreateApp", "DescribeAppAttributes", "ModifyApp"]),
    "nonce": st.text(alphabet="0123456789abcdef", min_size=32, max_size=32),
    "security_token": TOKEN,
}
ALI_RPC_REQUEST = st.fixed_dictionaries(dict(ALI_COMMON, params=ALI_PARAMS, timestamp=st.sampled_from(
    ["2024-01-15T08:30:00Z", "2024-12-31T23:59:59Z"])))
ALI_ACS3_REQUEST = st.fixed_dictionaries(dict(
    ALI_COMMON, query=ALI_PARAMS, date=st.sampled_from(["2024-01-15T08:30:00Z", "2024-12-31T23:59:59Z"]),
    host=HOST, body=BODY,
    headers=st.fixed_dictionaries({}, optional={
        "user-agent": st.sampled_from(["AlibabaCloud (Linux; x86_64) Python/3.11 Core/0.4.3 TeaDSL/2", "ua  "]),
        "content-type": st.sampled_from(["application/x-www-form-urlencoded", "application/json; charset=utf-8"]),
        "x-acs-credentials-provider": st.just("static_ak"),
    })))
# ROA calls (the Cloud-native API Gateway, 2024-03-27): the pathname the generated client builds,
# its path parameter percent-encoded with DaraURL.percent_encode.
ALI_ROA_REQUEST = st.fixed_dictionaries(dict(
    ALI_COMMON, version=st.just("2024-03-27"),
    action=st.sampled_from(["CreateConsumer", "GetConsumer", "UpdateConsumer", "DeleteConsumer", "ListConsumers"]),
    query=ALI_PARAMS, date=st.sampled_from(["2024-01-15T08:30:00Z"]), host=st.just("apig.cn-hangzhou.aliyuncs.com"),
    body=BODY, path=st.one_of(st.just("/v1/consumers"), TEXT.map(lambda i: "/v1/consumers/" + DaraURL.percent_encode(i))),
    headers=st.fixed_dictionaries({"content-type": st.just("application/json; charset=utf-8")})))


@pytest.mark.parametrize("case", _cases("alibabacloud"))
def test_alibaba_rpc_vectors(case):
    i, e = case["input"], case["expected"]["rpc_v1"]
    params = alibaba_flatten(i["params"])
    r = sign_alibaba_rpc(access_key_id=i["access_key_id"], access_key_secret=i["access_key_secret"], method=i["method"],
                         params=params, timestamp=i["timestamp"], nonce=i["nonce"],
                         security_token=i.get("security_token"), version=i["version"], action=i["action"])
    assert r.string_to_sign == e["string_to_sign"]
    assert r.signature == e["signature"]
    assert dict(parse_qsl(r.query, keep_blank_values=True)) == e["final_query"]
    assert r.query.endswith("&Signature=" + quote(e["signature"], safe="~"))
    assert r.headers == {} and r.body == b""


@pytest.mark.parametrize("case", _cases("alibabacloud"))
def test_alibaba_acs3_vectors(case):
    i, e = case["input"], case["expected"]["acs3"]
    r = sign_alibaba_acs3(access_key_id=i["access_key_id"], access_key_secret=i["access_key_secret"],
                          method=i["method"], host=i["host"], action=i["action"], version=i["version"],
                          query=alibaba_flatten(i["params"]), headers={}, body=b"", date=i["timestamp"],
                          nonce=i["nonce"], security_token=i.get("security_token"))
    assert r.canonical_request == e["canonical_request"]
    assert r.string_to_sign == e["string_to_sign"]
    assert r.headers["Authorization"] == e["authorization"]
    assert _without(r.headers, "Authorization") == e["headers_signed"]
    assert dict(parse_qsl(r.query, keep_blank_values=True)) == e["query"]


@SETTINGS
@given(ALI_RPC_REQUEST)
def test_alibaba_rpc_matches_sdk_generated(req):
    _check_alibaba_rpc(req)


@SETTINGS
@given(ALI_ACS3_REQUEST)
def test_alibaba_acs3_matches_sdk_generated(req):
    _check_alibaba_acs3(req)


@given(ALI_ROA_REQUEST)
def test_alibaba_acs3_roa_paths_match_sdk_generated(req):
    ours = _check_alibaba_acs3(req)
    assert ours.canonical_request.split("\n")[1] == req["path"]


@SETTINGS
@given(ALI_PARAMS)
def test_alibaba_flatten_matches_sdk(params):
    assert {k: str(v) for k, v in alibaba_flatten(params).items()} == AliUtils.query(params)


def _ali(**kw):
    req = {"method": "POST", "version": "2016-07-14", "action": "CreateApp", "nonce": "0" * 32,
           "security_token": None, "params": {"AppName": "app"}, "timestamp": "2024-01-15T08:30:00Z",
           "query": {"AppName": "app"}, "date": "2024-01-15T08:30:00Z", "host": "apigateway.cn-hangzhou.aliyuncs.com",
           "body": b"", "headers": {}}
    req.update(kw)
    return req


ALI_HARD = {
    "empty_params": _ali(params={}, query={}),
    "cjk_emoji": _ali(params={"AppName": u"测试😀"}, query={"AppName": u"测试😀"}),
    "reserved_chars": _ali(params={"Description": HARD, "Extend": "/"}, query={"Description": HARD, "Extend": "/"}),
    "tags_and_ints": _ali(params={"Tag": [{"Key": "k", "Value": HARD}], "PageSize": 100},
                          query={"Tag": [{"Key": "k", "Value": HARD}], "PageSize": 100}),
    "sts_token": _ali(security_token=u"tok~*+!'() 0"),
    "empty_string_value": _ali(params={"Description": ""}, query={"Description": ""}),
    "loopback_host_with_port_and_body": _ali(host="127.0.0.1:8080", body=u"a=测试".encode("utf-8"),
                                             headers={"content-type": "application/x-www-form-urlencoded"}),
    "get_method": _ali(method="GET"),
}


@pytest.mark.parametrize("name", sorted(ALI_HARD))
def test_alibaba_matches_sdk_hard_cases(name):
    _check_alibaba_rpc(ALI_HARD[name])
    _check_alibaba_acs3(ALI_HARD[name])


def test_alibaba_none_dropped_and_bools_lowercase():
    r = sign_alibaba_rpc(access_key_id=AK, access_key_secret=SK, method="POST", timestamp="2024-01-15T08:30:00Z",
                         nonce="n", action="ModifyApp", params={"AppId": 1, "Disabled": True, "Description": None})
    sent = dict(parse_qsl(r.query))
    assert sent["Disabled"] == "true" and sent["AppId"] == "1" and "Description" not in sent
    # The signature covers exactly what is sent (the SDK signs str(True) == "True" instead;
    # the API documents lower-case booleans and the signature stays valid either way).
    assert r.signature == AliUtils.get_rpcsignature(_without(sent, "Signature"), "POST", SK)


def test_alibaba_comparison_is_sensitive():
    req = _ali(params={"AppName": "abc"}, query={"AppName": "abc"}, body=b"abc")
    signature = _sdk_alibaba_rpc(copy.deepcopy(req))[0]
    authorization = _sdk_alibaba_acs3(copy.deepcopy(req))[0]
    rpc = sign_alibaba_rpc(access_key_id=AK, access_key_secret=SK, method="POST", params={"AppName": "abd"},
                           timestamp=req["timestamp"], nonce=req["nonce"], action="CreateApp")
    assert rpc.signature != signature
    acs3 = sign_alibaba_acs3(access_key_id=AK, access_key_secret=SK, method="POST", host=req["host"],
                             action="CreateApp", version=req["version"], query=req["query"], headers={},
                             body=b"abd", date=req["date"], nonce=req["nonce"])
    assert acs3.headers["Authorization"] != authorization


# --------------------------------------------------------------------------- Huawei Cloud

def _sdk_huawei_request(req):
    headers = dict(req["headers"])
    headers["X-Sdk-Date"] = req["x_sdk_date"]  # the SDK reuses a date header that is present
    query = req["query"]
    query = list(query.items()) if isinstance(query, dict) else query  # the SDK takes (key, value) pairs only
    return SdkRequest(method=req["method"], schema="https", host=req["host"], resource_path=req["path"],
                      query_params=copy.deepcopy(query), header_params=headers, body=req["body"])


def _sdk_huawei(req):
    cred = BasicCredentials(AK, SK, req["project_id"])
    if req["security_token"]:
        cred.with_security_token(req["security_token"])
    signed = cred.sign_request(_sdk_huawei_request(req))
    # Signer.sign step by step (same calls, same order) to get the canonical request it hashes.
    request = _sdk_huawei_request(req)
    if req["project_id"]:
        request.header_params["X-Project-Id"] = req["project_id"]
    if req["security_token"]:
        request.header_params["X-Security-Token"] = req["security_token"]
    signer = HuaweiSigner(cred)
    if isinstance(request.body, str):
        request.body = request.body.encode("utf-8")
    signer._process_content_header(request)  # pylint: disable=protected-access
    signer._process_header_time(request)  # pylint: disable=protected-access
    signer._process_header_host(request)  # pylint: disable=protected-access
    names = signer._process_signed_headers(request)  # pylint: disable=protected-access
    canonical = signer._process_canonical_request(request, names)  # pylint: disable=protected-access
    # The SDK sends UTF-8 header bytes through a latin-1 str; undo that to compare text.
    headers = {k: v.encode("iso-8859-1").decode("utf-8") for k, v in signed.header_params.items()}
    return headers, canonical, signed.uri


def _check_huawei(req):
    ours = sign_huawei(access_key=AK, secret_key=SK, method=req["method"], host=req["host"], path=req["path"],
                       query=req["query"], headers=req["headers"], body=req["body"], x_sdk_date=req["x_sdk_date"],
                       security_token=req["security_token"], project_id=req["project_id"])
    headers, canonical, uri = _sdk_huawei(copy.deepcopy(req))
    assert ours.headers["Authorization"] == headers["Authorization"]
    assert ours.canonical_request == canonical
    assert ours.headers == headers
    assert req["path"] + ("?" + ours.query if ours.query else "") == uri
    return ours


HW_VALUE = st.one_of(TEXT, st.integers(0, 10 ** 6), st.booleans(), st.lists(TEXT, max_size=3))
HW_PATH = st.lists(TEXT, min_size=1, max_size=4).map(lambda segs: "/" + "/".join(quote(s, safe="") for s in segs)) | \
    st.sampled_from(["/v1.0/apigw/apps", "/v1.0/apigw/apps/", u"/v2/测试 a/apps", "/a//b", "/%7E~"])
HW_REQUEST = st.fixed_dictionaries({
    "method": st.sampled_from(["GET", "POST", "PUT", "DELETE", "post"]),
    "host": HOST,
    "path": HW_PATH,
    "query": st.dictionaries(KEY, HW_VALUE, max_size=5).map(lambda d: list(d.items())),
    "headers": st.fixed_dictionaries({}, optional={
        "Content-Type": st.sampled_from(["application/json;charset=UTF-8", "application/json", "text/plain"]),
        "User-Agent": st.sampled_from(["huaweicloud-usdk-python/3.0", " padded ua "]),
        "Host": HOST,
        "X_Not_Signed": st.just("x"),
    }),
    "body": BODY | BODY.map(lambda b: b.decode("utf-8")),
    "x_sdk_date": st.sampled_from(["20240115T083000Z", "20241231T235959Z"]),
    "security_token": TOKEN,
    "project_id": st.none() | st.just("0123456789abcdef0123456789abcdef"),
})


@pytest.mark.parametrize("case", _cases("huaweicloud"))
def test_huawei_vectors(case):
    i, e = case["input"], case["expected"]
    r = sign_huawei(access_key=i["ak"], secret_key=i["sk"], method=i["method"], host=i["host"], path=i["path"],
                    query=[tuple(p) for p in i["query"]], headers=i["headers"], body=i["body"],
                    x_sdk_date=i["x_sdk_date"], security_token=i.get("security_token"), project_id=i.get("project_id"))
    assert r.canonical_request == e["canonical_request"]
    assert r.string_to_sign == e["string_to_sign"]
    assert r.signature == e["signature"]
    assert r.headers["Authorization"] == e["authorization"]
    assert r.headers == e["headers_to_send"]
    assert i["path"] + ("?" + r.query if r.query else "") == e["request_uri"]
    assert r.body == i["body"].encode("utf-8")


@SETTINGS
@given(HW_REQUEST)
def test_huawei_matches_sdk_generated(req):
    _check_huawei(req)


def _hw(**kw):
    req = {"method": "POST", "host": "apig.cn-north-4.myhuaweicloud.com", "path": "/v1.0/apigw/apps", "query": [],
           "headers": {"Content-Type": "application/json;charset=UTF-8"}, "body": b"", "x_sdk_date": "20240115T083000Z",
           "security_token": None, "project_id": "0123456789abcdef0123456789abcdef"}
    req.update(kw)
    return req


HW_HARD = {
    "empty_body": _hw(),
    "sdk_style_ascii_escaped_json": _hw(body=json.dumps({"name": u"测试_app"})),
    "raw_utf8_json": _hw(body=json.dumps({"name": u"测试😀"}, ensure_ascii=False).encode("utf-8")),
    "trailing_slash_already_present": _hw(path="/v1.0/apigw/apps/"),
    "encoded_segment": _hw(path="/v1.0/apigw/apps/a%20b%2Fc"),
    "query_reserved_chars_and_lists": _hw(method="GET", query=[("name", HARD), ("id", ["b", "a"]), ("flag", True)]),
    "query_dict_form": _hw(method="GET", query={"limit": 500, "offset": 0, "name": u"测试"}),
    "user_agent_signed": _hw(headers={"Content-Type": "application/json", "User-Agent": "huaweicloud-usdk-python/3.0"}),
    "underscore_header_not_signed": _hw(headers={"Content-Type": "application/json", "X_Trace": "1"}),
    "non_json_unsigned_payload": _hw(headers={"Content-Type": "text/plain"}, body=b"abc"),
    "token_no_project": _hw(security_token=u"tok~*+!'() 0", project_id=None),
    "loopback_host_header": _hw(headers={"Content-Type": "application/json", "Host": "127.0.0.1:8443"}),
    "no_host_header": _hw(host="127.0.0.1:8443", headers={}),
}


@pytest.mark.parametrize("name", sorted(HW_HARD))
def test_huawei_matches_sdk_hard_cases(name):
    _check_huawei(HW_HARD[name])


def test_huawei_canonical_uri_and_signed_headers():
    r = _check_huawei(HW_HARD["encoded_segment"])
    # The SDK decodes the whole path before splitting it, so an encoded "/" signs as a separator.
    assert r.canonical_request.split("\n")[1] == "/v1.0/apigw/apps/a%20b/c/"
    r = _check_huawei(HW_HARD["underscore_header_not_signed"])
    assert "x_trace" not in r.headers["Authorization"] and r.headers["X_Trace"] == "1"


def test_huawei_comparison_is_sensitive():
    req = _hw(body=b'{"name":"abc"}')
    authorization = _sdk_huawei(copy.deepcopy(req))[0]["Authorization"]
    ours = sign_huawei(access_key=AK, secret_key=SK, method="POST", host=req["host"], path=req["path"], query=[],
                       headers=req["headers"], body=b'{"name":"abd"}', x_sdk_date=req["x_sdk_date"],
                       project_id=req["project_id"])
    assert ours.headers["Authorization"] != authorization


# --------------------------------------------------------------------------- Tencent Cloud

class _FixedClock:
    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now


def _tencent_client(req):
    profile = ClientProfile(httpProfile=HttpProfile(endpoint=req["host"], reqMethod=req["method"]))
    profile.language = req["language"]
    return ApigatewayClient(TencentCredential(AK, SK, req["session_token"]), req["region"], profile)


def _sdk_tencent(req):
    client = _tencent_client(req)
    request = RequestInternal(req["host"], req["method"], "/", header={})
    with pytest.MonkeyPatch.context() as mp:
        # Only the SDK module's view of the clock is fixed; hypothesis keeps the real one.
        mp.setattr(tc_abstract_client, "time", _FixedClock(req["timestamp"]))
        client._build_req_with_tc3_signature(req["action"], copy.deepcopy(req["params"]), request)  # pylint: disable=protected-access
    return _without(request.header, "X-TC-RequestClient"), request.data


def _sign_tencent(req, **kw):
    args = dict(secret_id=AK, secret_key=SK, method=req["method"], host=req["host"], action=req["action"],
                version="2018-08-08", region=req["region"], timestamp=req["timestamp"],
                session_token=req["session_token"], language=req["language"])
    if req["method"] == "GET":
        query, body = tencent_get_query(req["params"]), b""
    else:
        query, body = "", tencent_json_body(req["params"])
    args.update(kw)
    return sign_tencent(query=args.pop("query", query), body=args.pop("body", body), **args)


def _check_tencent(req):
    ours = _sign_tencent(req)
    headers, data = _sdk_tencent(req)
    assert ours.headers["Authorization"] == headers["Authorization"]
    assert ours.headers == headers
    if req["method"] == "GET":
        assert (ours.query, ours.body) == (data, b"")
    else:
        assert (ours.query, ours.body) == ("", data.encode("utf-8"))
    return ours


def _sdk_tencent_signature(method, host, content_type, data, timestamp):
    # AbstractClient._get_tc3_signature on a prepared request: lets us sign any body bytes.
    client = _tencent_client({"host": host, "method": method, "language": None, "session_token": None, "region": ""})
    request = RequestInternal(host, method, "/", header={"Content-Type": content_type, "Host": host,
                                                         "X-TC-Timestamp": str(timestamp)}, data=data)
    date = datetime.datetime.fromtimestamp(timestamp, tz=datetime.timezone.utc).strftime("%Y-%m-%d")
    return client._get_tc3_signature(None, request, date, "apigateway", SK)  # pylint: disable=protected-access


TC_FILTERS = st.lists(st.fixed_dictionaries({"Name": TEXT, "Values": st.lists(TEXT, max_size=3)}), max_size=2)
TC_PARAMS = st.dictionaries(KEY, st.one_of(TEXT, st.integers(0, 10 ** 6)), max_size=4).flatmap(
    lambda base: TC_FILTERS.map(lambda f: dict(base, Filters=f) if f else base))
TC_TIMESTAMP = st.integers(0, 2 ** 31 - 1) | st.sampled_from([1705276799, 1705276800, 1709251199])
TC_REQUEST = st.fixed_dictionaries({
    "method": st.sampled_from(["GET", "POST"]),
    "host": HOST,
    "action": st.sampled_from(["CreateApiKey", "describeApiKeysStatus"]),
    "region": st.sampled_from(["ap-guangzhou", ""]),
    "timestamp": TC_TIMESTAMP,
    "session_token": TOKEN,
    "language": st.sampled_from([None, "en-US", "zh-CN"]),
    "params": TC_PARAMS,
})


@pytest.mark.parametrize("case", _cases("tencentcloud"))
def test_tencent_vectors(case):
    i, e = case["input"], case["expected"]
    if i["method"] == "GET":
        query, body = tencent_get_query(i["params"]), b""
        assert query == e["body_or_query_as_sent"]
    else:
        query, body = "", tencent_json_body(i["params"])
        assert body == e["body_or_query_as_sent"]
    r = sign_tencent(secret_id=i["secret_id"], secret_key=i["secret_key"], method=i["method"], host=i["host"],
                     action=i["action"], version="2018-08-08", region=i["region"], query=query, body=body,
                     timestamp=i["timestamp"], session_token=i.get("token"), service=i["service"], language="en-US")
    assert r.canonical_request == e["canonical_request"]
    assert r.string_to_sign == e["string_to_sign"]
    assert r.signature == e["signature"]
    assert r.headers["Authorization"] == e["authorization"]
    assert r.headers == e["headers_to_send"]
    assert r.query == query
    assert r.body == (body.encode("utf-8") if isinstance(body, str) else body)


@SETTINGS
@given(TC_REQUEST)
def test_tencent_matches_sdk_generated(req):
    _check_tencent(req)


@SETTINGS
@given(BODY, TC_TIMESTAMP, HOST, st.sampled_from(["application/json", "application/json; charset=utf-8"]))
def test_tencent_any_body_bytes_match_sdk(body, timestamp, host, content_type):
    # Raw UTF-8 JSON (not only the SDK's \\u escapes) must hash the bytes sent.
    ours = sign_tencent(secret_id=AK, secret_key=SK, method="POST", host=host, action="CreateApiKey",
                        version="2018-08-08", region="", query="", body=body, timestamp=timestamp,
                        content_type=content_type)
    assert ours.signature == _sdk_tencent_signature("POST", host, content_type, body, timestamp)


def _tc(**kw):
    req = {"method": "POST", "host": "apigateway.tencentcloudapi.com", "action": "CreateApiKey",
           "region": "ap-guangzhou", "timestamp": 1705307400, "session_token": None, "language": "en-US",
           "params": {"SecretName": "abc"}}
    req.update(kw)
    return req


TC_HARD = {
    "empty_params_post": _tc(params={}),
    "empty_params_get": _tc(method="GET", params={}),
    "cjk_emoji_post": _tc(params={"SecretName": u"测试😀"}),
    "reserved_chars_get": _tc(method="GET", params={"SecretName": HARD, "Filters": [{"Name": "n", "Values": [HARD, u"测"]}]}),
    "token": _tc(session_token=u"tok~*+!'() 0"),
    "no_region_no_language": _tc(region="", language=None),
    "loopback_port": _tc(host="127.0.0.1:8080"),
    "last_second_of_utc_day": _tc(timestamp=1705276799),
    "lower_case_action": _tc(action="createApiKey"),
}


@pytest.mark.parametrize("name", sorted(TC_HARD))
def test_tencent_matches_sdk_hard_cases(name):
    _check_tencent(TC_HARD[name])


def test_tencent_scope_date_is_utc(monkeypatch):
    # 1705276799 is 2024-01-14T23:59:59Z but already 2024-01-15 in Shanghai.
    import time
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        r = _check_tencent(TC_HARD["last_second_of_utc_day"])
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "/2024-01-14/apigateway/tc3_request" in r.headers["Authorization"]


def test_tencent_get_query_is_sdk_urlencode():
    assert tencent_get_query({"A": "a b", "F": [{"V": ["x", None, 1]}], "N": None}) == "A=a+b&F.0.V.0=x&F.0.V.2=1"


def test_tencent_rejects_misplaced_parameters():
    with pytest.raises(ValueError):
        _sign_tencent(_tc(), query="A=1")
    with pytest.raises(ValueError):
        _sign_tencent(_tc(method="GET"), body=b"{}")


def test_tencent_comparison_is_sensitive():
    req = _tc()
    authorization = _sdk_tencent(req)[0]["Authorization"]
    body = tencent_json_body(req["params"])
    tampered = _sign_tencent(req, body=body[:-2] + "d" + body[-1:])
    assert tampered.headers["Authorization"] != authorization


# --------------------------------------------------------------------------- the vectors, re-derived
# The committed vectors (tests/unit/vectors) were made by the official SDKs. These tests have the
# SDKs sign each vector's input again in this run, so the files are checked, not trusted.

@pytest.mark.parametrize("case", _cases("volcengine"))
def test_volcengine_vectors_are_what_the_sdk_signs(case):
    i = case["input"]
    req = dict(method=i["method"], host=i["host"], path=i["path"], query=i["query"], headers=dict(i["headers"]),
               body=i["body"].encode("utf-8"), x_date=i["x_date"], session_token=i.get("session_token"),
               region=i["region"], service=i["service"])
    authorization, unused_hash, unused_headers = _sdk_volcengine(req)
    assert authorization == case["expected"]["authorization"]


@pytest.mark.parametrize("case", _cases("alibabacloud"))
def test_alibaba_vectors_are_what_the_sdk_signs(case):
    i = case["input"]
    req = dict(method=i["method"], params=alibaba_flatten(i["params"]), timestamp=i["timestamp"], nonce=i["nonce"],
               security_token=i.get("security_token"), version=i["version"], action=i["action"])
    signature, unused_signed = _sdk_alibaba_rpc(req)
    assert signature == case["expected"]["rpc_v1"]["signature"]


@pytest.mark.parametrize("case", _cases("huaweicloud"))
def test_huawei_vectors_are_what_the_sdk_signs(case):
    i = case["input"]
    req = dict(method=i["method"], host=i["host"], path=i["path"], query=i["query"], headers=dict(i["headers"]),
               body=i["body"], x_sdk_date=i["x_sdk_date"], security_token=i.get("security_token"),
               project_id=i["project_id"])
    headers, unused_canonical, unused_uri = _sdk_huawei(req)
    assert headers["Authorization"] == case["expected"]["authorization"]


@pytest.mark.parametrize("case", _cases("tencentcloud"))
def test_tencent_vectors_are_what_the_sdk_signs(case):
    i = case["input"]
    req = dict(method=i["method"], host=i["host"], action=i["action"], region=i["region"], timestamp=i["timestamp"],
               session_token=i.get("token"), language="en-US", params=i["params"])
    headers, unused_data = _sdk_tencent(req)
    assert headers["Authorization"] == case["expected"]["authorization"]
