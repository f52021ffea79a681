# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small fake cloud that verifies every request it receives with the vendors' official SDK code.

Independent of tests/emulator (which has its own verifier): for each request the fake re-signs
what arrived on the wire (method, path, query, headers, body) with the SDK's signing code and
compares the result with the Authorization / Signature the client sent. Mismatches are recorded
and answered with the vendor's signature error. The vendors' real client and Resource code is
then driven through find, create, update and delete with generated names, descriptions, tags and
tokens, through direct and proxied endpoints (so hosts with the default ports 80/443 appear too).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import calendar
import datetime
import hashlib
import itertools
import json
import re
import string
import threading
import time
from collections import OrderedDict
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import alibabacloud_openapi_util.client as ali_util
import huaweicloudsdkcore.signer.signer as hw_signer
import pytest
import tencentcloud.common.abstract_client as tc_client
import volcengine.auth.SignerV4 as volc_signer

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from tencentcloud.common.http.request import RequestInternal
from volcengine.auth.SignParam import SignParam
from volcengine.Credentials import Credentials as VolcCredentials

from ansible_collections.cloudapps.provision.plugins.module_utils import (
    _alicloud, _alicloud_apig, _alicloud_apig_authorization, _alicloud_authorization, _huaweicloud,
    _huaweicloud_authorization, _tencentcloud, _volcengine,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError
from ansible_collections.cloudapps.provision.tests.unit.plugins.module_utils.stub_module import StubModule
from ansible_collections.cloudapps.provision.tests.unit.recording_server import RecordingServer

AK = "AKLTwireTEST0001"
SK = "wire/Secret+Key=0001"
CLOCK_SKEW = 15 * 60
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- what arrived

class Received:
    """One request as the server saw it: nothing here is taken from the client's own variables."""

    def __init__(self, method, target, headers, body):
        self.method = method
        self.target = target
        parts = urlsplit(target)  # origin-form, or absolute-form when we act as the proxy
        self.path = parts.path
        self.raw_query = parts.query
        self.headers = headers          # [(name as sent, value)], order kept
        self.body = body

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def query_pairs(self):
        # Form decoding, as the vendors' gateways (and the SDKs' urlencode) treat the query.
        return parse_qsl(self.raw_query, keep_blank_values=True, strict_parsing=bool(self.raw_query))

    def describe(self):
        return "%s %s\n  headers=%r\n  body=%r" % (self.method, self.target, self.headers, self.body)


def _fresh(epoch, now=None):
    return abs((now or time.time()) - epoch) <= CLOCK_SKEW


def _plus_problem(req):
    # "+" means space to a form decoder and "+" to an RFC 3986 one: an SDK never sends it raw.
    return ["raw '+' in the query is ambiguous (send %2B or %20)"] if "+" in req.raw_query else []


# --------------------------------------------------------------------------- SDK verifiers

VOLC_AUTH = re.compile(r"HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/request, "
                       r"SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})")


def verify_volcengine(req, expect):
    """SignerV4.sign_only over the received request, with the received X-Date."""
    auth = req.header("Authorization") or ""
    match = VOLC_AUTH.fullmatch(auth)
    if not match:
        return ["Authorization is not SignerV4-shaped: %r" % auth]
    problems = _plus_problem(req)
    access_key, dummy, region, service = match.group(1, 2, 3, 4)
    if (access_key, region, service) != (expect["ak"], expect["region"], "rtc"):
        problems.append("credential scope %r, expected ak %s region %s service rtc" % (match.group(1, 3, 4), expect["ak"], expect["region"]))
    x_date = req.header("X-Date") or ""
    try:
        when = datetime.datetime.strptime(x_date, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return problems + ["X-Date %r is not YYYYMMDDTHHMMSSZ" % x_date]
    if not _fresh(calendar.timegm(when.timetuple())):
        problems.append("X-Date %s is outside the 15 minute window" % x_date)
    if (req.header("X-Security-Token") or None) != expect["token"]:
        problems.append("X-Security-Token %r, expected %r" % (req.header("X-Security-Token"), expect["token"]))
    param = SignParam()
    param.method = req.method
    param.host = req.header("Host")
    param.path = unquote(req.path)
    param.query = OrderedDict(req.query_pairs())
    param.body = req.body
    # Every received header but the signature itself: the SDK picks Host, Content-Type, X-*.
    param.header_list = OrderedDict((k, v) for k, v in req.headers if k != "Authorization")
    param.date = when
    sdk = volc_signer.SignerV4.sign_only(param, VolcCredentials(expect["ak"], expect["sk"], "rtc", expect["region"],
                                                                expect["token"] or ""))
    if sdk.authorization != auth:
        problems.append("signature mismatch: sent %r, SDK computed %r" % (auth, sdk.authorization))
    return problems


def verify_alibaba(req, expect, nonces):
    """OpenApiUtil.get_rpcsignature over the received query parameters."""
    problems = _plus_problem(req)
    pairs = req.query_pairs()
    params = dict(pairs)
    if len(params) != len(pairs):
        problems.append("a query parameter is repeated")
    signature = params.pop("Signature", None)
    if not signature:
        return problems + ["no Signature parameter"]
    sdk = ali_util.Client.get_rpcsignature(params, req.method, expect["sk"])
    if sdk != signature:
        problems.append("signature mismatch: sent %r, SDK computed %r" % (signature, sdk))
    wanted = {"AccessKeyId": expect["ak"], "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0",
              "Version": "2016-07-14", "SecurityToken": expect["token"]}
    for key, value in wanted.items():
        if params.get(key) != value:
            problems.append("%s=%r, expected %r" % (key, params.get(key), value))
    try:
        stamp = calendar.timegm(time.strptime(params.get("Timestamp", ""), "%Y-%m-%dT%H:%M:%SZ"))
        if not _fresh(stamp):
            problems.append("Timestamp %s is outside the window" % params["Timestamp"])
    except ValueError:
        problems.append("Timestamp %r is not ISO 8601 UTC" % params.get("Timestamp"))
    nonce = params.get("SignatureNonce")
    if not nonce or nonce in nonces:
        problems.append("SignatureNonce %r missing or reused" % nonce)
    nonces.add(nonce)
    if req.path != "/" or req.body:
        problems.append("RPC calls are POST / with an empty body")
    return problems


ACS3_AUTH = re.compile(r"ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([a-z0-9;_.-]+),Signature=([0-9a-f]{64})\Z")
# What the gateway requires signed (the ACS3 signature page): host, every x-acs-* header, and
# content-type when there is a body.
ACS3_REQUIRED = ("host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version")


class _TeaRequest:
    """The fields of the SDK's TeaRequest that get_authorization reads."""

    def __init__(self, method, pathname, query, headers):
        self.method, self.pathname, self.query, self.headers = method, pathname, query, headers


def verify_apig(req, expect, nonces):
    """OpenApiUtil.get_authorization (ACS3-HMAC-SHA256) over the received ROA request: the path as
    it arrived, the decoded query, the signed headers' received values and the body's hash."""
    problems = _plus_problem(req)
    match = ACS3_AUTH.match(req.header("Authorization") or "")
    if not match:
        return problems + ["Authorization %r is not ACS3-HMAC-SHA256" % req.header("Authorization")]
    access_key, signed_names, signature = match.groups()
    names = signed_names.split(";")
    sent = dict((key.lower(), value) for key, value in req.headers)
    missing = [name for name in ACS3_REQUIRED + (("content-type",) if req.body else ()) if name not in names]
    missing += [name for name in sent if name.startswith("x-acs-") and name not in names]
    if missing:
        problems.append("headers not signed: %s" % ", ".join(sorted(set(missing))))
    if names != sorted(names) or any(name not in sent for name in names):
        problems.append("SignedHeaders %r are not the sorted names of headers sent" % signed_names)
    payload = hashlib.sha256(req.body).hexdigest()
    if sent.get("x-acs-content-sha256") != payload:
        problems.append("x-acs-content-sha256 is not the body's hash")
    pairs = req.query_pairs()
    query = dict(pairs)
    if len(query) != len(pairs):
        problems.append("a query parameter is repeated")
    request = _TeaRequest(req.method, req.path, query, dict((name, sent.get(name)) for name in names))
    sdk = ali_util.Client.get_authorization(request, "ACS3-HMAC-SHA256", payload, expect["ak"], expect["sk"])
    if sdk.rsplit("Signature=", 1)[-1] != signature:
        problems.append("signature mismatch: sent %r, SDK computed %r" % (signature, sdk))
    if access_key != expect["ak"]:
        problems.append("Credential=%r, expected %r" % (access_key, expect["ak"]))
    for key, value in (("x-acs-version", "2024-03-27"), ("x-acs-security-token", expect["token"])):
        if sent.get(key) != value:
            problems.append("%s=%r, expected %r" % (key, sent.get(key), value))
    try:
        if not _fresh(calendar.timegm(time.strptime(sent.get("x-acs-date", ""), "%Y-%m-%dT%H:%M:%SZ"))):
            problems.append("x-acs-date is outside the window")
    except ValueError:
        problems.append("x-acs-date %r is not ISO 8601 UTC" % sent.get("x-acs-date"))
    nonce = sent.get("x-acs-signature-nonce")
    if not nonce or nonce in nonces:
        problems.append("x-acs-signature-nonce %r missing or reused" % nonce)
    nonces.add(nonce)
    # The SDK percent-encodes path parameters: what arrives decodes to what was meant.
    if req.path != quote(unquote(req.path), safe="/~"):
        problems.append("path %r is not encoded as the SDK encodes it" % req.path)
    return problems


HW_AUTH = re.compile(r"SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})")


def verify_huawei(req, expect):
    """huaweicloudsdkcore Signer over the received request, with the SignedHeaders the client declared."""
    auth = req.header("Authorization") or ""
    match = HW_AUTH.fullmatch(auth)
    if not match:
        return ["Authorization is not SDK-HMAC-SHA256-shaped: %r" % auth]
    problems = _plus_problem(req)
    if match.group(1) != expect["ak"]:
        problems.append("Access=%s, expected %s" % (match.group(1), expect["ak"]))
    names = match.group(2).split(";")
    missing = [n for n in names if req.header(n) is None]
    if missing:
        return problems + ["signed headers not sent: %s" % missing]
    for name, value in (("x-security-token", expect["token"]), ("x-project-id", expect["project_id"])):
        if (req.header(name) or None) != value:
            problems.append("%s %r, expected %r" % (name, req.header(name), value))
        if value and name not in names:
            problems.append("%s is sent but not signed" % name)
    for name in ("host", "x-sdk-date"):
        if name not in names:
            problems.append("%s is not signed" % name)
    try:
        when = datetime.datetime.strptime(req.header("X-Sdk-Date") or "", "%Y%m%dT%H%M%SZ")
        if not _fresh(calendar.timegm(when.timetuple())):
            problems.append("X-Sdk-Date outside the window")
    except ValueError:
        problems.append("X-Sdk-Date %r is not YYYYMMDDTHHMMSSZ" % req.header("X-Sdk-Date"))
    headers = dict((k, v) for k, v in req.headers if k.lower() in names)
    sdk_request = SdkRequest(method=req.method, schema="http", host=req.header("Host"), resource_path=req.path,
                             query_params=req.query_pairs(), header_params=headers, body=req.body)
    signed = hw_signer.Signer(BasicCredentials(expect["ak"], expect["sk"])).sign(sdk_request)
    if signed.header_params["Authorization"] != auth:
        problems.append("signature mismatch: sent %r, SDK computed %r" % (auth, signed.header_params["Authorization"]))
    return problems


def verify_tencent(req, expect):
    """AbstractClient._get_tc3_signature (canonical request + Sign.sign_tc3) over what arrived."""
    problems = []
    timestamp = req.header("X-TC-Timestamp") or ""
    if not timestamp.isdigit() or not _fresh(int(timestamp)):
        return ["X-TC-Timestamp %r missing or outside the window" % timestamp]
    date = datetime.datetime.fromtimestamp(int(timestamp), datetime.timezone.utc).strftime("%Y-%m-%d")
    sdk_req = RequestInternal(req.header("Host"), req.method, req.path,
                              header={"Content-Type": req.header("Content-Type"), "Host": req.header("Host"),
                                      "X-TC-Timestamp": timestamp}, data=req.body)
    # The SDK's own method: it reads only its arguments, never the client instance.
    signature = tc_client.AbstractClient._get_tc3_signature(  # pylint: disable=protected-access
        None, None, sdk_req, date, "apigateway", expect["sk"])
    auth = "TC3-HMAC-SHA256 Credential=%s/%s/apigateway/tc3_request, SignedHeaders=content-type;host, Signature=%s" % (
        expect["ak"], date, signature)
    if req.header("Authorization") != auth:
        problems.append("signature mismatch: sent %r, SDK computed %r" % (req.header("Authorization"), auth))
    wanted = {"X-TC-Version": "2018-08-08", "X-TC-Region": expect["region"], "X-TC-Token": expect["token"]}
    for key, value in wanted.items():
        if (req.header(key) or None) != value:
            problems.append("%s %r, expected %r" % (key, req.header(key), value))
    if req.method != "POST" or req.path != "/" or req.raw_query:
        problems.append("calls are POST / without a query")
    return problems


# --------------------------------------------------------------------------- canned answers

class FakeCloud:
    """State for one create+find flow per vendor, the log of requests and the problems found."""

    def __init__(self):
        self.lock = threading.Lock()
        self.vendor = None
        self.expect = {}
        self.problems = []
        self.requests = []
        self.apps = OrderedDict()
        self.nonces = set()
        self.ids = itertools.count(1000)

    def reset(self, vendor, **expect):
        self.vendor = vendor
        self.expect = dict(dict(ak=AK, sk=SK, token=None, region=None, project_id=None), **expect)
        self.problems = []
        self.requests = []
        self.apps = OrderedDict()
        self.rules = OrderedDict()
        self.tokens = {}
        self.paths = set()

    def handle(self, req):
        """(status, headers, body bytes) for one request."""
        with self.lock:
            self.requests.append(req)
            verify, answer = {
                "volcengine": (verify_volcengine, self.volcengine), "alibaba": (self.verify_alibaba, self.alibaba),
                "huawei": (verify_huawei, self.huawei), "tencent": (verify_tencent, self.tencent),
                "apig": (self.verify_apig, self.apig),
            }[self.vendor]
            found = verify(req, self.expect)
            if found:
                self.problems.append("%s\n  -> %s" % (req.describe(), "\n  -> ".join(found)))
                return SIGNATURE_ERRORS[self.vendor]
            try:
                return answer(req)
            except (KeyError, IndexError, ValueError, TypeError) as exc:
                self.problems.append("%s\n  -> the fake could not read it: %r" % (req.describe(), exc))
                return 400, {}, b'{"message": "bad request"}'

    def verify_alibaba(self, req, expect):
        return verify_alibaba(req, expect, self.nonces)

    def verify_apig(self, req, expect):
        return verify_apig(req, expect, self.nonces)

    def new_id(self):
        return next(self.ids)

    # Volcengine: POST /?Action=...&Version=... with a JSON body; Result inside an envelope.
    def volcengine(self, req):
        action = dict(req.query_pairs())["Action"]
        params = json.loads(req.body.decode("utf-8"))
        if action == "ListApps":
            rows = [a for a in self.apps.values() if params.get("AppId") in (None, a["AppId"])]
            result = {"AppList": rows, "Total": len(rows)}
        elif action == "CreateApp":
            app = {"AppId": "app%d" % self.new_id(), "AppName": params["AppName"], "AppKey": "k1", "SecondaryAppKey": "k2",
                   "Status": 1, "CreateAt": "2024-01-15T08:30:00Z"}
            self.apps[app["AppId"]] = app
            result = {"AppId": app["AppId"], "AppKey": "k1", "SecondaryAppKey": "k2", "Name": app["AppName"],
                      "InstanceStatus": 1, "CreateDate": app["CreateAt"]}
        elif action == "ModifyAppStatus":
            self.apps[params["AppId"]]["Status"] = 98 if params["Status"] == 2 else 1
            result = "success"
        else:
            raise KeyError(action)
        return _json(200, {"ResponseMetadata": {"RequestId": "volc-%d" % self.new_id(), "Action": action}, "Result": result})

    # Alibaba: everything in the query; tags as Tag.N.Key / Tag.N.Value.
    def alibaba(self, req):
        params = dict(req.query_pairs())
        action = params["Action"]
        answer = {"RequestId": "ali-%d" % self.new_id()}
        tags = dict((params["Tag.%d.Key" % n], params.get("Tag.%d.Value" % n, "")) for n in range(1, 21)
                    if "Tag.%d.Key" % n in params)
        if action == "DescribeAppAttributes":
            rows = [a for a in self.apps.values() if params.get("AppName") in (None, a["AppName"])
                    and params.get("AppId") in (None, str(a["AppId"]))]
            shown = [dict((k, v) for k, v in a.items() if k not in ("AppSecret", "AppCode", "AppKey", "Tags"))
                     for a in rows]
            for row, app in zip(shown, rows):
                row["Tags"] = {"TagInfo": [{"Key": k, "Value": v} for k, v in app["Tags"].items()]}
            answer.update(TotalCount=len(rows), Apps={"AppAttribute": shown})
        elif action == "CreateApp":
            app = {"AppId": self.new_id(), "AppName": params["AppName"], "Description": params.get("Description", ""),
                   "Extend": params.get("Extend", ""), "Tags": tags, "AppKey": params.get("AppKey", "gkey%d" % len(self.apps)),
                   "AppSecret": params.get("AppSecret", "gsecret"), "AppCode": params.get("AppCode", "gcode")}
            self.apps[str(app["AppId"])] = app
            answer.update(AppId=app["AppId"], TagStatus=True)
        elif action == "ModifyApp":
            app = self.apps[params["AppId"]]
            for key in ("AppName", "Description", "Extend"):
                app[key] = params.get(key, app[key])
        elif action == "TagResources":
            self.apps[params["ResourceId.1"]]["Tags"].update(tags)
        elif action == "UntagResources":
            app = self.apps[params["ResourceId.1"]]
            drop = [params["TagKey.%d" % n] for n in range(1, 21) if "TagKey.%d" % n in params]
            app["Tags"] = {} if params.get("All") == "true" else dict((k, v) for k, v in app["Tags"].items() if k not in drop)
        elif action == "DescribeAppSecurity":
            app = self.apps[params["AppId"]]
            answer.update(AppKey=app["AppKey"], AppSecret=app["AppSecret"], AppCode=app["AppCode"])
        elif action == "ResetAppSecret":
            [app] = [a for a in self.apps.values() if a["AppKey"] == params["AppKey"]]
            app["AppSecret"] = params["NewAppSecret"]
        elif action == "DeleteApp":
            del self.apps[params["AppId"]]
        elif action == "SetApisAuthorities":
            for api_id in params["ApiIds"].split(","):
                self.rules[(params["AppId"], params["GroupId"], params["StageName"], api_id)] = params.get("Description", "")
        elif action == "RemoveApisAuthorities":
            for api_id in params["ApiIds"].split(","):
                del self.rules[(params["AppId"], params["GroupId"], params["StageName"], api_id)]
        elif action == "DescribeAuthorizedApis":
            rows = [{"ApiId": api_id, "GroupId": group, "StageName": stage, "Description": description}
                    for (app_id, group, stage, api_id), description in self.rules.items() if app_id == params["AppId"]]
            size, number = int(params["PageSize"]), int(params["PageNumber"])
            answer.update(TotalCount=len(rows), AuthorizedApis={"AuthorizedApi": rows[(number - 1) * size:number * size]})
        else:
            raise KeyError(action)
        return _json(200, answer)

    # Huawei: REST under /v1.0/apigw/apps or /v2/{project}/apigw/instances/{instance}/apps.
    def huawei(self, req):
        segments = [unquote(s) for s in req.path.split("/")]
        if segments[1:4] == ["v1.0", "apigw", "apps"]:
            base, rest = ("v1", None, None), segments[4:]
        elif segments[1] == "v2" and segments[3:5] == ["apigw", "instances"] and segments[6] == "apps":
            base, rest = ("v2", segments[2], segments[5]), segments[7:]
        elif segments[1] == "v2" and segments[3:5] == ["apigw", "instances"] and segments[6] == "app-auths":
            self.paths.add(("v2", segments[2], segments[5]))
            return self._huawei_auths(req, segments[7:])
        else:
            raise ValueError("unknown path %s" % req.path)
        self.paths.add(base)
        body = json.loads(req.body.decode("utf-8")) if req.body else {}
        if not rest and req.method == "GET":
            query = dict(req.query_pairs())
            apps = [a for a in self.apps.values() if a["name"] == query["name"]]
            return _json(200, {"apps": apps, "total": len(apps), "size": len(apps)})
        if not rest and req.method == "POST":
            app = {"id": "%032x" % self.new_id(), "name": body["name"], "remark": body.get("remark", ""),
                   "app_key": body.get("app_key", "genkey%04d" % len(self.apps)), "app_secret": body.get("app_secret", "gensecret"),
                   "creator": "USER", "status": 1, "app_type": "apig"}
            self.apps[app["id"]] = app
            return _json(201, app)
        if rest[0] == "secret" and req.method == "PUT":
            # The reset call: .../apps/secret/{app_id}, body {app_secret} or {} for a generated one.
            app = self.apps.get(rest[1])
            if app is None:
                return _json(404, {"error_code": "APIG.3004", "error_msg": "App %s does not exist" % rest[1]})
            app["app_secret"] = body.get("app_secret") or "gensecret2"
            return _json(200, app)
        app = self.apps.get(rest[0])
        if app is None:
            return _json(404, {"error_code": "APIG.3004", "error_msg": "App %s does not exist" % rest[0]})
        if req.method == "PUT":
            app.update(body)
        elif req.method == "DELETE":
            del self.apps[rest[0]]
            return 204, {"X-Request-Id": "hw-del"}, b""
        return _json(200, app)

    def _huawei_auths(self, req, rest):
        if rest == ["binded-apis"] and req.method == "GET":
            query = dict(req.query_pairs())
            rows = [a for a in self.rules.values() if a["app_id"] == query["app_id"] and a["env_id"] == query["env_id"]]
            offset, limit = int(query["offset"]), int(query["limit"])
            return _json(200, {"auths": rows[offset:offset + limit], "total": len(rows), "size": len(rows[offset:offset + limit])})
        if not rest and req.method == "POST":
            body = json.loads(req.body.decode("utf-8"))
            made = []
            for app_id in body["app_ids"]:
                for api_id in body["api_ids"]:
                    auth = {"id": "%032x" % self.new_id(), "app_id": app_id, "api_id": api_id, "env_id": body["env_id"]}
                    self.rules[auth["id"]] = auth
                    made.append(dict(auth, auth_result={"status": "SUCCESS"}))
            return _json(201, {"auths": made})
        if len(rest) == 1 and req.method == "DELETE":
            del self.rules[rest[0]]
            return 204, {"X-Request-Id": "hw-del"}, b""
        raise ValueError("unknown app-auths call %s %s" % (req.method, req.path))

    # Tencent: POST / with X-TC-Action and a JSON body; Response envelope.
    def tencent(self, req):
        action = req.header("X-TC-Action")
        params = json.loads(req.body.decode("utf-8"))
        if action == "DescribeApiKeysStatus":
            [flt] = params["Filters"]
            rows = [k for k in self.apps.values() if k[flt["Name"]] in flt["Values"]]
            result = {"TotalCount": len(rows), "ApiKeySet": rows}
        elif action == "CreateApiKey":
            key = {"AccessKeyId": params.get("AccessKeyId", "AKIDgen%d" % self.new_id()),
                   "AccessKeySecret": params.get("AccessKeySecret", "gensecret00"), "AccessKeyType": params["AccessKeyType"],
                   "SecretName": params["SecretName"], "Status": 1, "CreatedTime": "2024-01-15T08:30:00Z",
                   "ModifiedTime": "2024-01-15T08:30:00Z"}
            self.apps[key["AccessKeyId"]] = key
            result = key
        elif action in ("EnableApiKey", "DisableApiKey"):
            self.apps[params["AccessKeyId"]]["Status"] = 1 if action == "EnableApiKey" else 0
            result = True
        elif action == "UpdateApiKey":
            self.apps[params["AccessKeyId"]]["AccessKeySecret"] = params["AccessKeySecret"]
            result = self.apps[params["AccessKeyId"]]
        elif action == "DeleteApiKey":
            del self.apps[params["AccessKeyId"]]
            result = True
        elif action == "DescribeApiKey":
            result = self.apps[params["AccessKeyId"]]
        else:
            raise KeyError(action)
        return _json(200, {"Response": {"Result": result, "RequestId": "tc-%d" % self.new_id()}})

    # APIG: ROA under /v1, JSON bodies, the {requestId, code, message, data} envelope.
    def apig(self, req):
        segments = [unquote(s) for s in req.path.split("/")][1:]
        query = dict(req.query_pairs())
        body = json.loads(req.body.decode("utf-8")) if req.body else {}
        if req.body and not (req.header("Content-Type") or "").startswith("application/json"):
            raise ValueError("a JSON body without a JSON content type")
        if segments == ["v1", "consumers"] and req.method == "GET":
            rows = [c for c in self.apps.values() if query.get("nameLike", "") in c["name"]
                    and c["gatewayType"] == query["gatewayType"]]
            return self._apig_data({"items": rows, "totalSize": len(rows), "pageNumber": int(query["pageNumber"]),
                                    "pageSize": int(query["pageSize"])})
        if segments == ["v1", "consumers"] and req.method == "POST":
            if query["clientToken"] in self.tokens:
                return self._apig_data({"consumerId": self.tokens[query["clientToken"]]})
            consumer = {"consumerId": "cs-%d" % self.new_id(), "name": body["name"], "gatewayType": body["gatewayType"],
                        "description": body.get("description", ""), "enable": body.get("enable", True)}
            self._apig_credentials(consumer, body)
            self.apps[consumer["consumerId"]] = consumer
            self.tokens[query["clientToken"]] = consumer["consumerId"]
            return self._apig_data({"consumerId": consumer["consumerId"]})
        if segments == ["v1", "authorization-rules"] and req.method == "GET":
            rows = [r for r in self.rules.values() if r["consumerId"] == query["consumerId"]
                    and r["resourceType"] == query["resourceType"]
                    and r["environmentInfo"]["environmentId"] == query["environmentId"]]
            return self._apig_data({"items": rows, "totalSize": len(rows)})
        if segments == ["v1", "authorization-rules"] and req.method == "POST":
            made = []
            for rule in body["authorizationRules"]:
                assert rule["principalType"] == "Consumer" and rule["consumerId"] in self.apps, rule
                rule_id = "car-%d" % self.new_id()
                self.rules[rule_id] = {"consumerAuthorizationRuleId": rule_id, "consumerId": rule["consumerId"],
                                       "resourceType": rule["resourceType"], "expireMode": rule["expireMode"],
                                       "resourceId": rule["resourceIdentifier"]["resourceId"],
                                       "environmentInfo": {"environmentId": rule["resourceIdentifier"]["environmentId"]}}
                made.append(rule_id)
            return self._apig_data({"consumerAuthorizationRuleIds": made})
        consumer = self.apps[segments[2]]
        if segments[3:4] == ["authorization-rules"] and req.method == "DELETE":
            del self.rules[segments[4]]
            return self._apig_data(None)
        if req.method == "GET":
            return self._apig_data(consumer)
        if req.method == "PUT":
            consumer.update((k, body[k]) for k in ("description", "enable") if k in body)
            self._apig_credentials(consumer, body)
            return self._apig_data(None)
        if req.method == "DELETE":
            del self.apps[segments[2]]
            return self._apig_data(None)
        raise KeyError(req.method)

    def _apig_credentials(self, consumer, body):
        """Stored as GetConsumer returns them; a System credential without a value is generated."""
        if "apikeyIdentityConfig" in body:
            config = json.loads(json.dumps(body["apikeyIdentityConfig"]))
            for cred in config["credentials"]:
                cred.setdefault("apikey", "gen-key-%d" % self.new_id())
            consumer["apiKeyIdentityConfig"] = config
        if "akSkIdentityConfigs" in body:
            consumer["akSkIdentityConfigs"] = [dict(pair, ak=pair.get("ak") or "genak%d" % self.new_id(),
                                                    sk=pair.get("sk") or "gensk%d" % self.new_id())
                                               for pair in body["akSkIdentityConfigs"]]

    def _apig_data(self, data):
        request_id = "apig-%d" % self.new_id()
        return _json(200, {"requestId": request_id, "code": "Ok", "message": "success", "data": data},
                     {"x-acs-request-id": request_id})


def _json(status, obj, headers=None):
    return status, dict({"Content-Type": "application/json"}, **(headers or {})), json.dumps(obj, ensure_ascii=False).encode("utf-8")


SIGNATURE_ERRORS = {
    "volcengine": _json(401, {"ResponseMetadata": {"RequestId": "volc-bad", "Error": {
        "Code": "SignatureDoesNotMatch", "CodeN": 100010, "Message": "The request signature we calculated does not match"}}}),
    "alibaba": _json(400, {"RequestId": "ali-bad", "Code": "SignatureDoesNotMatch",
                           "Message": "Specified signature is not matched with our calculation."}),
    "huawei": _json(401, {"error_code": "APIGW.0301", "request_id": "hw-bad",
                          "error_msg": "Incorrect IAM authentication information: verify aksk signature fail"}),
    "apig": _json(400, {"requestId": "apig-bad", "code": "SignatureDoesNotMatch",
                        "message": "Specified signature is not matched with our calculation."}),
    "tencent": _json(200, {"Response": {"RequestId": "tc-bad", "Error": {
        "Code": "AuthFailure.SignatureFailure", "Message": "The provided credentials could not be validated."}}}),
}


@pytest.fixture(scope="module")
def cloud():
    fake = FakeCloud()
    server = RecordingServer(lambda request: fake.handle(Received(
        request["method"], request["target"], request["header_items"], request["body"])))
    fake.port = server.port
    fake.url = server.base_url
    # The fake is also the HTTP proxy for made-up hosts, so endpoints with :80 / :443 / no port reach it.
    with pytest.MonkeyPatch.context() as patch:
        for name in ("http_proxy", "HTTP_PROXY"):
            patch.setenv(name, fake.url)
        for name in ("no_proxy", "NO_PROXY"):
            patch.setenv(name, "127.0.0.1,localhost")
        yield fake
    server.close()


class FakeModule(StubModule):
    def __init__(self, vendor, base_url, **params):
        super(FakeModule, self).__init__(vendor, base_url, dict(dict(purge_tags=True), **params))


def drive(cloud, flow):
    """Run a flow; report the SDK verifier's findings before any error they caused."""
    error = None
    try:
        flow()
    except CloudError as exc:
        error = exc
    assert not cloud.problems, "requests the official SDK does not accept:\n" + "\n".join(cloud.problems)
    if error is not None:
        raise error


# --------------------------------------------------------------------------- input strategies

LETTERS = string.ascii_letters
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
SPECIAL = "~*+!'() /=&%"
FREE_CHAR = st.one_of(st.sampled_from(list(SPECIAL)), CJK, st.sampled_from(["\U0001F600", "\U0001F680", "\U0001D11E", "\u00e9"]),
                      st.sampled_from(list(LETTERS + string.digits + "-_.,:;?#@[]\"<>{}|\\^`$")))
TOKEN = st.one_of(st.none(), st.text(alphabet=LETTERS + string.digits + "+/=-_.~*!'()&%", min_size=1, max_size=80))
HOSTS = ["direct", "localhost", "api.example.test", "api.example.test:80", "api.example.test:443", "api.example.test:8443"]


def free_text(max_size):
    short = st.text(FREE_CHAR, max_size=min(max_size, 20))
    return st.one_of(short, st.text(FREE_CHAR, min_size=max(0, max_size - 10), max_size=max_size))


def base_url(cloud, host):
    if host == "direct":
        return cloud.url
    if host == "localhost":
        return "http://localhost:%d" % cloud.port
    return "http://" + host


def ident(first, rest, low, high):
    return st.builds(lambda a, b: a + b, first, st.text(rest, min_size=low - 1, max_size=high - 1))


NAME_CHAR = st.one_of(st.sampled_from(list(LETTERS + string.digits + "_")), CJK)
FIRST_CHAR = st.one_of(st.sampled_from(list(LETTERS)), CJK)


# --------------------------------------------------------------------------- the vendors

@SETTINGS
@given(name=st.text(NAME_CHAR, min_size=1, max_size=24), token=TOKEN, host=st.sampled_from(HOSTS),
       region=st.sampled_from(["cn-north-1", "ap-southeast-1", "cn-beijing"]))
def test_volcengine_requests_pass_the_sdk_signer(cloud, name, token, host, region):
    assert not _volcengine.name_problems(name)
    cloud.reset("volcengine", token=token, region=region)
    module = FakeModule("Volcengine", base_url(cloud, host), access_key=AK, secret_key=SK, session_token=token,
                        region=region, name=name)
    app = _volcengine.RtcApp(module)

    def flow():
        assert app.find_by_name(name) == []
        created = app.create({"app_name": name})
        [found] = app.find_by_name(name)
        assert found["app_id"] == created["app_id"]
        app.update(found, {"enabled": False})
        app.update(found, {"enabled": True})
        app.delete(found)

    drive(cloud, flow)
    # The name the fake decoded from the wire is the one asked for.
    assert [a["AppName"] for a in cloud.apps.values()] == [name]
    assert len(cloud.requests) == 6


def _ali_tag_key(text):
    return not text.lower().startswith(("aliyun", "acs:")) and "http://" not in text and "https://" not in text


ALI_TAGS = st.dictionaries(st.text(FREE_CHAR, min_size=1, max_size=128).filter(_ali_tag_key),
                           free_text(128).filter(_ali_tag_key), max_size=20)


@SETTINGS
@given(name=ident(FIRST_CHAR, NAME_CHAR, 2, 26).filter(lambda n: 4 <= _alicloud.name_length(n) <= 26),
       description=free_text(180), tags=ALI_TAGS, new_tags=ALI_TAGS, extend=free_text(40),
       new_description=free_text(180), token=TOKEN, host=st.sampled_from(HOSTS),
       app_secret=st.one_of(st.none(), st.text(LETTERS + string.digits, min_size=8, max_size=32)))
def test_alibaba_requests_pass_the_sdk_signer(cloud, name, description, tags, new_tags, extend, new_description,
                                              token, host, app_secret):
    params = dict(access_key_id=AK, access_key_secret=SK, security_token=token, name=name, description=description,
                  tags=tags, extend=extend)
    assert not _alicloud.validate_params(params)
    cloud.reset("alibaba", token=token)
    module = FakeModule("Alibaba Cloud", base_url(cloud, host), **params)
    app = _alicloud.AlicloudApp(module)

    def flow():
        assert app.find_by_name(name) == []
        app.create({"app_name": name, "description": description, "tags": tags, "extend": extend})
        [found] = app.find_by_name(name)
        # What the fake decoded from the signed query is exactly what was asked for.
        assert (found["description"], found["extend"], found["tags"]) == (description, extend, tags)
        wanted = {"app_name": name, "description": new_description, "tags": new_tags}
        if app_secret is not None:
            wanted["app_secret"] = app_secret
        app.update(found, app.changes(found, wanted))
        [after] = app.find_by_name(name)
        assert (after["description"], after["tags"]) == (new_description, new_tags)
        app.delete(after)

    drive(cloud, flow)
    assert not cloud.apps


HW_KEY = ident(st.sampled_from(list(LETTERS + string.digits)), st.sampled_from(list(LETTERS + string.digits + "_-")), 8, 64)
HW_SECRET = ident(st.sampled_from(list(LETTERS + string.digits)), st.sampled_from(list(LETTERS + string.digits + "_-!@#$%")), 8, 64)
HEX = st.text("0123456789abcdef", min_size=32, max_size=32)


@SETTINGS
@given(name=ident(FIRST_CHAR, NAME_CHAR, 3, 64), description=free_text(255), new_description=free_text(255),
       app_key=st.one_of(st.none(), HW_KEY), app_secret=st.one_of(st.none(), HW_SECRET), new_secret=st.one_of(st.none(), HW_SECRET),
       dedicated=st.booleans(), project_id=st.one_of(st.none(), HEX),
       instance_id=st.one_of(HEX, st.text(LETTERS + string.digits + "_-", min_size=1, max_size=64)),
       token=TOKEN, host=st.sampled_from(HOSTS))
def test_huawei_requests_pass_the_sdk_signer(cloud, name, description, new_description, app_key, app_secret, new_secret,
                                             dedicated, project_id, instance_id, token, host):
    if dedicated:
        project_id = project_id or "0" * 32
    params = dict(access_key=AK, secret_key=SK, security_token=token, project_id=project_id, name=name,
                  description=description, app_key=app_key, app_secret=app_secret,
                  instance_id=instance_id if dedicated else None, shared_gateway=not dedicated)
    assert not _huaweicloud.validate_params(params)
    cloud.reset("huawei", token=token, project_id=project_id)
    app = _huaweicloud.HuaweiApigApp(FakeModule("Huawei Cloud", base_url(cloud, host), **params))

    def flow():
        assert app.find_by_name(name) == []
        desired = app.desired()
        created = app.create(desired)
        [found] = app.find_by_name(name)
        assert found["id"] == created["id"] and found.get("remark") == description
        assert app.find_by_id(found["id"]) == [found]
        changes = {"remark": new_description}
        if new_secret:
            changes["app_secret"] = new_secret
        updated = app.update(found, changes)
        assert updated["remark"] == new_description
        # Rotation: the reset call with an empty body, signed like every other call.
        assert app.rotate(updated)["app_secret"] == "gensecret2"
        app.delete(updated)
        assert app.find_by_id(found["id"]) == []

    drive(cloud, flow)
    # The path parameters decoded by the server are the ones configured.
    assert cloud.paths == {("v2", project_id, instance_id) if dedicated else ("v1", None, None)}


# Tencent names are ASCII letters, digits and "_" (and "-" for manual keys), 1-50 characters.
TC_NAME = st.text(LETTERS + string.digits + "_", min_size=1, max_size=50)
TC_KEY_CHARS = LETTERS + string.digits + "_"


@SETTINGS
@given(name=TC_NAME, manual=st.booleans(), key_id=st.text(TC_KEY_CHARS, min_size=5, max_size=50),
       key_secret=st.text(TC_KEY_CHARS, min_size=10, max_size=50), new_secret=st.text(TC_KEY_CHARS, min_size=10, max_size=50),
       token=TOKEN, host=st.sampled_from(HOSTS), region=st.sampled_from(["ap-guangzhou", "ap-shanghai", "na-siliconvalley"]))
def test_tencent_requests_pass_the_sdk_signer(cloud, name, manual, key_id, key_secret, new_secret, token, host, region):
    params = dict(secret_id=AK, secret_key=SK, security_token=token, region=region, name=name,
                  key_type="manual" if manual else "auto", access_key_id=key_id if manual else None,
                  access_key_secret=key_secret if manual else None, enabled=None, state="present")
    assert not _tencentcloud.input_problems(params)
    cloud.reset("tencent", token=token, region=region)
    key = _tencentcloud.TencentApiKey(FakeModule("Tencent Cloud", base_url(cloud, host), **params))

    def flow():
        assert key.find_by_name(name) == []
        created = key.create(key.desired())
        [found] = key.find_by_name(name)
        assert found["access_key_id"] == created["access_key_id"] and found["secret_name"] == name
        assert key.find_by_id(found["access_key_id"]) == [found]
        changes = {"enabled": False}
        if manual:
            changes["access_key_secret"] = new_secret
        updated = key.update(found, changes)
        key.delete(updated)

    drive(cloud, flow)
    assert not cloud.apps


# --------------------------------------------------------------------------- sensitivity

def _replay(cloud, req, body=None, query=None):
    """Send a recorded request again, byte for byte except what the caller replaces."""
    target = req.target if query is None else req.target.split("?")[0] + "?" + query
    url = target if target.startswith("http") else cloud.url + target
    headers = dict((k, v) for k, v in req.headers if k.lower() not in ("content-length", "connection"))
    session = requests.Session()
    session.trust_env = False
    prepared = session.prepare_request(requests.Request(req.method, cloud.url + "/", headers=headers,
                                                        data=req.body if body is None else body))
    prepared.url = url
    return session.send(prepared, timeout=5)


def _one_call(cloud, vendor):
    """Make one valid create call through the vendor client; return the request the fake accepted."""
    if vendor == "volcengine":
        cloud.reset(vendor, region="cn-north-1")
        _volcengine.VolcengineClient(FakeModule("Volcengine", cloud.url, access_key=AK, secret_key=SK, session_token=None,
                                                region="cn-north-1")).create_app("demo_app")
    elif vendor == "alibaba":
        cloud.reset(vendor)
        _alicloud.Client(FakeModule("Alibaba Cloud", cloud.url, access_key_id=AK, access_key_secret=SK,
                                    security_token=None)).call("CreateApp", {"AppName": "demo_app"}, mutating=True)
    elif vendor == "huawei":
        cloud.reset(vendor)
        _huaweicloud.HuaweiApigApp(FakeModule("Huawei Cloud", cloud.url, access_key=AK, secret_key=SK, name="demo_app",
                                              instance_id=None)).create({"name": "demo_app", "remark": "r"})
    elif vendor == "apig":
        cloud.reset(vendor)
        _alicloud_apig.ApigConsumer(FakeModule("Alibaba Cloud APIG", cloud.url, access_key_id=AK, access_key_secret=SK,
                                               security_token=None, name="demo_app", gateway_type="API")).create(
            {"name": "demo_app", "gateway_type": "API"})
    else:
        cloud.reset(vendor, region="ap-guangzhou")
        _tencentcloud.TencentClient(FakeModule("Tencent Cloud", cloud.url, secret_id=AK, secret_key=SK,
                                               region="ap-guangzhou")).call("CreateApiKey", {"SecretName": "demo",
                                                                                             "AccessKeyType": "auto"})
    assert not cloud.problems
    [req] = cloud.requests
    return req


@pytest.mark.parametrize("vendor", ["volcengine", "alibaba", "huawei", "tencent", "apig"])
def test_a_tampered_request_is_rejected(cloud, vendor):
    req = _one_call(cloud, vendor)
    if vendor == "alibaba":
        # One business parameter changed in the query, signature kept.
        tampered = req.raw_query.replace("AppName=demo_app", "AppName=demo_apq")
        assert tampered != req.raw_query
        answer = _replay(cloud, req, query=tampered)
    else:
        tampered = req.body.replace(b"demo", b"dem0")
        assert tampered != req.body
        answer = _replay(cloud, req, body=tampered)
    assert answer.status_code in (200, 400, 401)
    assert len(cloud.problems) == 1 and "signature mismatch" in cloud.problems[0], cloud.problems
    assert "signature" in answer.text.lower()
    assert len(cloud.apps) == 1  # only the genuine create took effect


def test_a_replay_without_changes_is_accepted_but_a_wrong_secret_is_not(cloud):
    # The verifier is not just "different bytes fail": the same bytes pass, a foreign secret fails.
    req = _one_call(cloud, "huawei")
    assert _replay(cloud, req).status_code == 201 and not cloud.problems
    cloud.expect["sk"] = "another-secret"
    assert _replay(cloud, req).status_code == 401
    assert "signature mismatch" in cloud.problems[0]


# Consumer names: any the gateway accepts (letters, digits, CJK, '_', '-', '.'; not starting with a symbol).
APIG_NAME = st.from_regex(r"[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_.\-\u4e00-\u9fff]{0,39}", fullmatch=True)
APIG_ID = st.text(LETTERS + string.digits + "-_.", min_size=1, max_size=40)


@SETTINGS
@given(name=APIG_NAME, description=free_text(120), new_description=free_text(120), token=TOKEN,
       host=st.sampled_from(HOSTS), source=st.sampled_from(["bearer", "header", "query"]),
       keys=st.one_of(st.none(), st.lists(st.text(LETTERS + string.digits + "-_", min_size=8, max_size=40),
                                          min_size=1, max_size=3, unique=True)),
       pairs=st.lists(st.one_of(st.just({}), st.builds(lambda ak, sk: {"access_key": ak, "secret_key": sk},
                                                       st.text(string.digits, min_size=8, max_size=12),
                                                       st.text(LETTERS + string.digits, min_size=16, max_size=40))),
                      max_size=2),
       routes=st.lists(APIG_ID, min_size=1, max_size=5, unique=True), environment=APIG_ID,
       parent=st.one_of(st.none(), APIG_ID))
def test_apig_requests_pass_the_sdk_signer(cloud, name, description, new_description, token, host, source, keys, pairs,
                                           routes, environment, parent):
    assert not _alicloud_apig.validate_params({"name": name})
    cloud.reset("apig", token=token)
    api_key = {"source": source, "field": None if source == "bearer" else "X-Key", "keys": keys}
    module = FakeModule("Alibaba Cloud APIG", base_url(cloud, host), access_key_id=AK, access_key_secret=SK,
                        security_token=token, region="cn-hangzhou", name=name, gateway_type="API",
                        description=description, api_key=api_key, ak_sk=pairs, environment_id=environment,
                        resource_type="HttpApiRoute", resource_ids=routes, parent_resource_id=parent)
    consumer = _alicloud_apig.ApigConsumer(module)
    rules = _alicloud_apig_authorization.ApigConsumerAuthorizations(module)

    def flow():
        assert consumer.find_by_name(name) == []
        created = consumer.create(consumer.desired())
        [found] = consumer.find_by_name(name)
        assert found["consumer_id"] == created["consumer_id"] and found["description"] == description
        full = consumer.complete(found, list(consumer.secret_keys))
        consumer.update(full, {"description": new_description})
        consumer.rotate(full)
        identity = created["consumer_id"]
        rules.grant(identity, routes)
        current = rules.current(identity)
        assert sorted(entry["resource_id"] for entry in current) == sorted(routes)
        rules.revoke(identity, current)
        assert rules.current(identity) == []
        consumer.delete(found)

    drive(cloud, flow)
    assert cloud.apps == {} and cloud.rules == {}
    # The consumer the fake decoded from the wire had the name and description asked for.
    [create] = [r for r in cloud.requests if r.method == "POST" and r.path == "/v1/consumers"]
    assert json.loads(create.body.decode("utf-8"))["name"] == name


# Printable ASCII without spaces; Alibaba ids also without commas (ApiIds travel comma-separated).
ALI_ID = st.text([chr(c) for c in range(0x21, 0x7F) if chr(c) != ","], min_size=1, max_size=32)


@SETTINGS
@given(group=ALI_ID, stage=st.sampled_from(["RELEASE", "PRE", "TEST"]),
       api_ids=st.lists(ALI_ID, min_size=1, max_size=5, unique=True), description=free_text(100), token=TOKEN,
       host=st.sampled_from(HOSTS))
def test_alibaba_authorization_requests_pass_the_sdk_signer(cloud, group, stage, api_ids, description, token, host):
    cloud.reset("alibaba", token=token)
    module = FakeModule("Alibaba Cloud", base_url(cloud, host), access_key_id=AK, access_key_secret=SK,
                        security_token=token, app=None, app_id="1001", group_id=group, stage_name=stage,
                        api_ids=api_ids, description=description)
    auth = _alicloud_authorization.AlicloudAppAuthorizations(module)
    assert not auth.problems()

    def flow():
        auth.grant("1001", api_ids)
        current = auth.current("1001")
        # What the fake decoded from the signed query is exactly what was asked for.
        assert sorted(entry["api_id"] for entry in current) == sorted(api_ids)
        assert all(entry["description"] == description for entry in current)
        auth.revoke("1001", current)
        assert auth.current("1001") == []

    drive(cloud, flow)
    assert not cloud.rules


@SETTINGS
@given(project_id=HEX, instance_id=st.one_of(HEX, st.text(LETTERS + string.digits + "_-", min_size=1, max_size=64)),
       env_id=st.one_of(st.just("DEFAULT_ENVIRONMENT_RELEASE_ID"), st.text(LETTERS + string.digits + "_-", min_size=1, max_size=64)),
       api_ids=st.lists(HEX, min_size=1, max_size=5, unique=True), token=TOKEN, host=st.sampled_from(HOSTS))
def test_huawei_authorization_requests_pass_the_sdk_signer(cloud, project_id, instance_id, env_id, api_ids, token, host):
    cloud.reset("huawei", token=token, project_id=project_id)
    module = FakeModule("Huawei Cloud", base_url(cloud, host), access_key=AK, secret_key=SK, security_token=token,
                        project_id=project_id, instance_id=instance_id, shared_gateway=False, app=None,
                        app_id="a" * 32, env_id=env_id, api_ids=api_ids)
    auth = _huaweicloud_authorization.HuaweiAppAuthorizations(module)
    assert not auth.identity_problems() and not auth.problems()

    def flow():
        auth.grant("a" * 32, api_ids)
        current = auth.current("a" * 32)
        assert sorted(entry["api_id"] for entry in current) == sorted(api_ids)
        auth.revoke("a" * 32, current)
        assert auth.current("a" * 32) == []

    drive(cloud, flow)
    assert not cloud.rules and cloud.paths == {("v2", project_id, instance_id)}
