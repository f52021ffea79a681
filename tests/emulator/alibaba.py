"""Alibaba Cloud API Gateway (CloudAPI 2016-07-14, RPC style): CreateApp, DescribeAppAttributes,
DescribeApp, DescribeAppSecurity, ModifyApp, DeleteApp, ResetAppSecret, and the tag calls
TagResources, UntagResources, ListTagResources (only apps exist here, so only ResourceType=app
resources can be found).

Two signature schemes are verified, both rebuilt from the wire:
- RPC v1 HMAC-SHA1: every parameter (query and, for a form body, the body) except Signature.
- ACS3-HMAC-SHA256 (tea SDK default): headers declared in SignedHeaders, query, body hash.
"""

import base64
import collections
import datetime
import hashlib
import hmac
import json
import re
import secrets
import uuid

from . import sts
from .common import (VendorHandler, constant_eq, hmac_sha256, iso_now, json_reply, parse_iso_date, rfc3986,
                     sha256_hex, skew_seconds)

VERSION = "2016-07-14"
# STS (AssumeRole, 2015-04-01) shares the RPC signature; the emulator serves it on the same port.
STS_VERSION = "2015-04-01"
SESSION_NAME_RE = re.compile(r"^[\w.@-]{2,64}$")
EXTERNAL_ID_RE = re.compile(r"^[\w.@:=,/+-]{2,1224}$")
STS_REFUSALS = {
    "not_found": ("EntityNotExist.Role", 404),
    "not_authorized": ("NoPermission", 403),
    # Ours: the trust policy's sts:ExternalId condition fails, which STS reports as no permission.
    "external_id": ("NoPermission", 403),
    "invalid": ("InvalidParameter.RoleArn", 400),
}
ACTIONS = ("CreateApp", "DescribeAppAttributes", "DescribeApps", "DescribeApp", "DescribeAppSecurity", "ModifyApp",
           "DeleteApp", "ResetAppSecret", "TagResources", "UntagResources", "ListTagResources",
           "SetApisAuthorities", "RemoveApisAuthorities", "DescribeAuthorizedApis",
           "DescribeAppSecurities", "CreateAppKey", "DeleteAppKey", "ResetAppCode",
           "AddTrafficSpecialControl", "DeleteTrafficSpecialControl", "DescribeTrafficControls")
MUTATING = ("CreateApp", "ModifyApp", "DeleteApp", "ResetAppSecret", "TagResources", "UntagResources",
            "SetApisAuthorities", "RemoveApisAuthorities", "CreateAppKey", "DeleteAppKey", "ResetAppCode",
            "AddTrafficSpecialControl", "DeleteTrafficSpecialControl")
# Authorizations (SetApisAuthorities page): ApiIds comma-separated, at most 100; stages RELEASE, PRE, TEST.
STAGES = ("RELEASE", "PRE", "TEST")
DEFAULT_TRAFFIC_CONTROLS = (("tc1f0e6c1b2d4e5f6a7b8c9d0e1f2a3b4", "partner_default"),
                            ("tc2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5", "partner_burst"))
SPECIAL_TYPES = ("APP", "USER")
MAX_API_IDS = 100
# One API group with three APIs exists from the start (ours); tests seed more (seed kind "api").
DEFAULT_GROUP_ID = "523e8dc7bbe04613b5b1d726c2a7889d"
DEFAULT_GROUP_NAME = "cloudapps_demo_group"
DEFAULT_APIS = (("baacc592e63a4cb6a41920d9d3f91f38", "get_weather"), ("jkscc489e63a4cb6a41920d9d3f92d78", "get_city"),
                ("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "get_time"))
MAX_SKEW = 15 * 60
NONCE_TTL = 15 * 60
NONCE_MEMORY = 10000  # bounded: the oldest nonces are forgotten first
APP_QUOTA = 1000
MAX_TAGS = 20
# Tag calls (SDK models / API pages): ResourceId.N with N 1-50, Tag.N and TagKey.N with N 1-20.
TAG_RESOURCE_TYPES = ("apiGroup", "plugin", "app")
LIST_TAG_RESOURCE_TYPES = TAG_RESOURCE_TYPES + ("api",)
MAX_RESOURCE_IDS = 50
LIST_TAGS_PAGE = 50  # ListTagResources has no page-size parameter; the page size is ours
# 4-26 characters: letters, digits, underscore, starting with a letter (CJK allowed, incl. first).
# CloudAPI counts a Chinese character as 2 of the 4-26 characters (CreateApp/ModifyApp, Chinese page).
NAME_RE = re.compile(r"^[A-Za-z\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*$")


def name_length(name):
    return sum(2 if "\u4e00" <= char <= "\u9fff" else 1 for char in name)


KEY_RE = re.compile(r"^[A-Za-z0-9]{8,64}$")
SECRET_RE = re.compile(r"^[A-Za-z0-9_\-]{8,64}$")
ACS3_RE = re.compile(r"^ACS3-HMAC-SHA256 Credential=([^,]*),SignedHeaders=([^,]*),Signature=([0-9a-fA-F]*)$")
TAG_RE = re.compile(r"^Tag\.(\d+)\.(Key|Value)$")
ACS3_REQUIRED_SIGNED = ("host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce",
                        "x-acs-content-sha256")

RPC_COMMON = ("Action", "Version", "Format", "Timestamp", "SignatureNonce", "SignatureMethod", "SignatureVersion",
              "SignatureType", "AccessKeyId", "Signature", "SecurityToken", "RegionId")

# code -> HTTP status
STATUS = {
    "MissingParameter": 400, "InvalidParameter": 400, "IncompleteSignature": 400,
    "SignatureDoesNotMatch": 400, "InvalidTimeStamp.Expired": 400, "InvalidTimeStamp.Format": 400,
    "SignatureNonceUsed": 400, "InvalidAccessKeyId.NotFound": 404, "InvalidAction.NotFound": 404,
    "InvalidVersion": 400, "UnsupportedSignatureMethod": 400, "Throttling.User": 400, "Throttling.Api": 400,
    "InternalError": 500, "MissingSecurityToken": 400, "InvalidSecurityToken.Mismatch": 400,
    "InvalidSecurityToken.Expired": 400, "NotFoundApp": 400, "RepeatedAppName": 400, "QuotaExceeded.App": 400,
    "NotFoundResourceId": 400, "QuotaExceeded.Tag": 400, "NotFoundApi": 400, "NotFoundApiGroup": 400,
}
MESSAGES = {
    "Throttling.User": "Request was denied due to user flow control.",
    "Throttling.Api": "Request was denied due to api flow control.",
    "InternalError": "The request processing has failed due to some unknown error, exception or failure.",
    "InvalidTimeStamp.Expired": "Specified time stamp or date value is expired.",
    "MissingSecurityToken": "SecurityToken is mandatory for this action.",
    "InvalidSecurityToken.Mismatch": "Specified SecurityToken mismatch with the AccessKey.",
    "InvalidSecurityToken.Expired": "Specified SecurityToken is expired.",
}


class AlibabaError(Exception):
    def __init__(self, code, message=None, status=None):
        super().__init__(message or code)
        self.code = code
        self.message = message or MESSAGES.get(code, code)
        self.status = status or STATUS.get(code, 400)


def missing(name):
    return AlibabaError("MissingParameter", 'The input parameter "%s" that is mandatory for processing this request is not supplied.' % name)


def invalid(name, why):
    # CloudAPI's own parameter errors use the "InvalidParamter.<Field>" spelling (see the reference).
    return AlibabaError("InvalidParamter." + name, "The parameter %s is invalid: %s" % (name, why), 400)


def _request_id():
    return str(uuid.uuid4()).upper()


def rpc_v1_signature(method, params, secret):
    """Base64 HMAC-SHA1 over METHOD&%2F&enc(sorted enc(k)=enc(v) joined by &)."""
    canon = "&".join(rfc3986(k, "~") + "=" + rfc3986(v, "~") for k, v in sorted(params, key=lambda kv: kv[0]))
    string_to_sign = method + "&" + rfc3986("/", "~") + "&" + rfc3986(canon, "~")
    digest = hmac.new((secret + "&").encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii"), string_to_sign


class AlibabaHandler(VendorHandler):
    name = "alibaba"
    version = VERSION
    rate_limit = 50.0  # CreateApp: 50 calls/s per account (applied per API)

    def __init__(self):
        self.nonces = collections.OrderedDict()  # nonce -> monotonic-ish emulator timestamp

    def reset(self):
        self.nonces.clear()

    @staticmethod
    def _params(req):
        """RPC parameters: the query plus a form body (the v1 signature covers both)."""
        return list(req.query) + req.form()

    def matches(self, req):
        if req.headers.get("Authorization", "").startswith("ACS3-") or "x-acs-action" in req.headers:
            return True
        params = dict(self._params(req))
        if "SecretId" in params:
            # Tencent's older signature also carries SignatureMethod; SecretId is Tencent's alone.
            return False
        return params.get("Version") == VERSION or "SignatureMethod" in params or "SignatureNonce" in params

    def action(self, req):
        return req.headers.get("x-acs-action") or dict(self._params(req)).get("Action", "")

    def is_mutating(self, action):
        return action in MUTATING

    # --- envelopes ---
    def _error(self, req, code, message=None, status=None):
        err = AlibabaError(code, message, status)
        request_id = _request_id()
        body = {"RequestId": request_id, "HostId": req.host or "apigateway.cn-hangzhou.aliyuncs.com",
                "Code": err.code, "Message": err.message,
                "Recommend": "https://api.aliyun.com/troubleshoot?q=%s&product=CloudAPI&requestId=%s" % (err.code, request_id)}
        return json_reply(err.status, body, {"x-acs-request-id": request_id})

    @staticmethod
    def _ok(result):
        request_id = _request_id()
        body = {"RequestId": request_id}
        body.update(result)
        return json_reply(200, body, {"x-acs-request-id": request_id})

    def rate_limit_reply(self, req, emu, action):
        # Over the per-account API rate: user flow control (a throttle fault gives Throttling.Api).
        return self._error(req, "Throttling.User")

    def error_reply(self, req, emu, kind, action):
        if kind == "throttle":
            return self._error(req, "Throttling.Api")
        if kind == "clock_skew":
            return self._error(req, "InvalidTimeStamp.Expired")
        if kind == "gone":
            return self._error(req, "InvalidAction.NotFound")
        if kind == "resubmit":
            return self._error(req, "RepeatedCommit", "Resubmit request.", 400)
        return self._error(req, "InternalError")

    # --- authentication ---
    def _check_time(self, emu, value, name):
        if not value:
            raise missing(name)
        when = parse_iso_date(value)
        if when is None:
            raise AlibabaError("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
        if skew_seconds(emu, when) > MAX_SKEW:
            raise AlibabaError("InvalidTimeStamp.Expired")

    def _use_nonce(self, emu, nonce):
        now = emu.now().timestamp()
        while self.nonces:
            oldest, stamp = next(iter(self.nonces.items()))
            if now - stamp <= NONCE_TTL and len(self.nonces) < NONCE_MEMORY:
                break
            del self.nonces[oldest]
        if nonce in self.nonces:
            raise AlibabaError("SignatureNonceUsed", "Specified signature nonce was used already.")
        self.nonces[nonce] = now

    def _verify_rpc(self, req, emu, params):
        values = dict(params)
        if "Signature" not in values:
            raise AlibabaError("IncompleteSignature", "The request signature does not conform to Aliyun standards.")
        if not values.get("AccessKeyId"):
            raise missing("AccessKeyId")
        if values.get("SignatureMethod", "HMAC-SHA1") != "HMAC-SHA1":
            raise AlibabaError("UnsupportedSignatureMethod", "Specified signature method is not supported: %s." % values.get("SignatureMethod"))
        if values.get("SignatureVersion", "1.0") != "1.0":
            raise AlibabaError("InvalidParameter", "Specified signature version is not supported.")
        self._check_time(emu, values.get("Timestamp"), "Timestamp")
        if not values.get("SignatureNonce"):
            raise missing("SignatureNonce")
        secret = self._signing_secret(emu, values["AccessKeyId"], values.get("SecurityToken"))
        signed = [(k, v) for k, v in params if k != "Signature"]
        expected, string_to_sign = rpc_v1_signature(req.method, signed, secret)
        if not constant_eq(expected, values["Signature"]):
            raise AlibabaError("SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:" + string_to_sign)
        self._use_nonce(emu, values["SignatureNonce"])

    def _verify_acs3(self, req, emu):
        match = ACS3_RE.match(req.headers.get("Authorization", "").strip())
        if not match:
            raise AlibabaError("IncompleteSignature", "The request signature does not conform to Aliyun standards.")
        access_key, signed_headers, signature = match.groups()
        names = signed_headers.split(";") if signed_headers else []
        absent = [n for n in ACS3_REQUIRED_SIGNED if n not in names]
        if "x-acs-security-token" in req.headers and "x-acs-security-token" not in names:
            absent.append("x-acs-security-token")
        if absent or names != sorted(names) or any(n != n.lower() for n in names):
            raise AlibabaError("IncompleteSignature", "The request signature does not conform to Aliyun standards: "
                               "SignedHeaders must be sorted lower-case names and include %s." % ", ".join(absent or ACS3_REQUIRED_SIGNED))
        if not access_key:
            raise missing("AccessKeyId")
        if req.headers.get("x-acs-version") not in (self.version, STS_VERSION if self.name == "alibaba" else None):
            raise AlibabaError("InvalidVersion", "Specified parameter Version is not valid.")
        self._check_time(emu, req.headers.get("x-acs-date"), "x-acs-date")
        nonce = req.headers.get("x-acs-signature-nonce")
        if not nonce:
            raise missing("x-acs-signature-nonce")
        secret = self._signing_secret(emu, access_key, req.headers.get("x-acs-security-token"))
        body_hash = sha256_hex(req.body)
        if req.headers.get("x-acs-content-sha256") != body_hash:
            raise AlibabaError("SignatureDoesNotMatch", "The x-acs-content-sha256 header does not match the request body.")
        lines = []
        for name in names:
            value = req.headers.get(name)
            if value is None:
                raise AlibabaError("IncompleteSignature", "Signed header %s is missing from the request." % name)
            lines.append("%s:%s\n" % (name, value.strip()))
        canon_query = "&".join(rfc3986(k, "~") + "=" + rfc3986(v, "~") for k, v in sorted(req.query, key=lambda kv: kv[0]))
        canonical = "\n".join([req.method, req.path or "/", canon_query, "".join(lines), signed_headers, body_hash])
        string_to_sign = "ACS3-HMAC-SHA256\n" + sha256_hex(canonical)
        expected = hmac_sha256(secret, string_to_sign).hex()
        if not constant_eq(expected, signature.lower()):
            raise AlibabaError("SignatureDoesNotMatch",
                               "The request signature does not conform to Aliyun standards. server string to sign is:" + string_to_sign)
        self._use_nonce(emu, nonce)

    @staticmethod
    def _signing_secret(emu, access_key, token):
        """The secret of a key that may sign (the base key or a temporary one with its token); the
        request then acts in that key's account."""
        try:
            secret, emu.current_account = sts.signing_secret(emu, "alibaba", access_key, token)
        except sts.KeyRefused as refused:
            if refused.kind == "unknown_key":
                raise AlibabaError("InvalidAccessKeyId.NotFound", "Specified access key is not found.") from None
            if refused.kind == "expired":
                raise AlibabaError("InvalidSecurityToken.Expired") from None
            raise AlibabaError("InvalidSecurityToken.Mismatch" if token else "MissingSecurityToken") from None
        return secret

    def _do_AssumeRole(self, params, emu):
        """STS AssumeRole (2015-04-01): temporary credentials of a role in another account."""
        for name in ("RoleArn", "RoleSessionName"):
            if not params.get(name):
                raise missing(name)
        if not SESSION_NAME_RE.match(params["RoleSessionName"]):
            raise AlibabaError("InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.")
        duration = params.get("DurationSeconds") or "3600"
        if not duration.isdigit() or not 900 <= int(duration) <= 3600:
            # 3600: a role's default maximum session duration.
            raise AlibabaError("InvalidParameter.DurationSeconds", "The Min/Max value of DurationSeconds is 15min/1hr.")
        if params.get("Policy"):
            try:
                json.loads(params["Policy"])
            except ValueError:
                raise AlibabaError("InvalidParameter.PolicyGrammar", "The parameter Policy has not passed grammar check.") from None
        external_id = params.get("ExternalId")
        if external_id is not None and not EXTERNAL_ID_RE.match(external_id):
            raise AlibabaError("InvalidParameter.ExternalId", "The parameter ExternalId is wrongly formed.")
        if emu.current_account is not None:
            raise AlibabaError("NoPermission", "Roles may not be assumed by a temporary key here (ours).", 403)
        try:
            account, role = sts.find_role("alibaba", params["RoleArn"])
            access_key, secret, token, expires = sts.assume(emu, "alibaba", account, role, duration, external_id)
        except sts.Refused as refused:
            code, status = STS_REFUSALS[refused.kind]
            message = {"not_found": "The role not exists: %s." % params["RoleArn"],
                       "not_authorized": "You are not authorized to do this action. You should be authorized by RAM.",
                       }.get(refused.kind, refused.message)
            raise AlibabaError(code, message, status) from None
        role_id = "3%017d" % (int(account) % 10 ** 17)
        return {"AssumedRoleUser": {"Arn": "%s/%s" % (params["RoleArn"], params["RoleSessionName"]),
                                    "AssumedRoleId": "%s:%s" % (role_id, params["RoleSessionName"])},
                "Credentials": {"SecurityToken": token, "AccessKeyId": access_key, "AccessKeySecret": secret,
                                "Expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ")}}

    # --- the API ---
    def handle(self, req, emu):
        try:
            params = self._params(req)
            if req.headers.get("Authorization", "").startswith("ACS3-"):
                self._verify_acs3(req, emu)
                action = req.headers.get("x-acs-action", "")
                version = req.headers.get("x-acs-version")
            else:
                values = dict(params)
                if not values.get("Action"):
                    raise missing("Action")
                if not values.get("Version"):
                    raise missing("Version")
                version = values["Version"]
                if version not in (VERSION, STS_VERSION):
                    raise AlibabaError("InvalidVersion", "Specified parameter Version is not valid.")
                self._verify_rpc(req, emu, params)
                action = values["Action"]
            if version == STS_VERSION:
                if action != "AssumeRole":
                    raise AlibabaError("InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
                business = dict((k, v) for k, v in params if k not in RPC_COMMON)
                return self._ok(self._do_AssumeRole(business, emu))
            if action not in ACTIONS:
                raise AlibabaError("InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
            business = {k: v for k, v in params if k not in RPC_COMMON}
            result = getattr(self, "_do_" + action)(business, emu.vendor_state(self.name), emu)
            return self._ok(result)
        except AlibabaError as err:
            return self._error(req, err.code, err.message, err.status)

    def initial_state(self):
        return {"apps": {}, "next_id": 110000000 + secrets.randbelow(900000),
                "groups": {DEFAULT_GROUP_ID: {"GroupName": DEFAULT_GROUP_NAME,
                                              "apis": dict((api_id, name) for api_id, name in DEFAULT_APIS)}},
                # "AppId|GroupId|StageName|ApiId" -> authorization
                "auths": {},
                # Ours: two traffic control policies every account starts with (created in the console).
                "traffic_controls": dict((control_id, {
                    "TrafficControlId": control_id, "TrafficControlName": name, "TrafficControlUnit": "MINUTE",
                    "ApiDefault": 1000, "AppDefault": 500, "UserDefault": 800, "Description": "",
                    "CreatedTime": "2026-01-05T08:00:00Z", "ModifiedTime": "2026-01-05T08:00:00Z", "Specials": []})
                    for control_id, name in DEFAULT_TRAFFIC_CONTROLS)}

    # --- helpers ---
    @staticmethod
    def _tags(params):
        tags = {}
        for key, value in params.items():
            match = TAG_RE.match(key)
            if match:
                tags.setdefault(int(match.group(1)), {})[match.group(2)] = value
        if not tags:
            return None
        if len(tags) > MAX_TAGS or min(tags) < 1 or max(tags) > MAX_TAGS:
            raise invalid("Tag", "at most %d tags (Tag.1 .. Tag.%d)" % (MAX_TAGS, MAX_TAGS))
        result = []
        for index in sorted(tags):
            tag = tags[index]
            if not tag.get("Key"):
                raise invalid("Tag", "Tag.%d.Key is required" % index)
            if len(tag["Key"]) > 128 or len(tag.get("Value", "")) > 128:
                raise invalid("Tag", "keys and values are at most 128 characters")
            result.append({"Key": tag["Key"], "Value": tag.get("Value", "")})
        return result

    @staticmethod
    def _bool(params, key):
        value = params.get(key)
        if value is None:
            return None
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise invalid(key, "must be true or false")

    @staticmethod
    def _int(params, key, default, low, high):
        value = params.get(key)
        if value in (None, ""):
            return default
        if not re.match(r"^-?\d+$", value) or not low <= int(value) <= high:
            raise invalid(key, "must be an integer between %d and %d" % (low, high))
        return int(value)

    def _app(self, state, params):
        app_id = params.get("AppId")
        if not app_id:
            raise missing("AppId")
        app = state["apps"].get(app_id) if app_id.isdigit() else None
        if app is None:
            raise AlibabaError("NotFoundApp", "Specified app is not found: %s." % app_id)
        return app

    @staticmethod
    def _check_name(state, name, own_id=None):
        if not (NAME_RE.fullmatch(name) and 4 <= name_length(name) <= 26):
            raise invalid("AppName", "4-26 characters (a Chinese character counts as 2): letters, digits, "
                                     "underscores (CJK allowed), starting with a letter")
        if any(a["AppName"] == name and a["AppId"] != own_id for a in state["apps"].values()):
            raise AlibabaError("RepeatedAppName", "The app name %s already exists." % name, 400)

    @staticmethod
    def _check_description(description):
        if description is not None and len(description) > 180:
            raise invalid("Description", "at most 180 characters")

    @staticmethod
    def _attributes(app):
        return {"AppId": int(app["AppId"]), "AppName": app["AppName"], "Description": app["Description"],
                "CreatedTime": app["CreatedTime"], "ModifiedTime": app["ModifiedTime"],
                "Disabled": app["Disabled"], "Extend": app["Extend"],
                "Tags": {"TagInfo": [dict(t) for t in app["Tags"]]}}

    # --- actions ---
    def seed_one(self, emu, name, options):
        if options.get("kind") == "api":
            # An API named ``name`` in the group ``group_id`` (created when new); its id is derived from the name.
            group_id = options.get("group_id") or DEFAULT_GROUP_ID
            group = emu.vendor_state(self.name)["groups"].setdefault(group_id, {"GroupName": "group_" + group_id[:8], "apis": {}})
            group["apis"][hashlib.md5(("%s/%s" % (group_id, name)).encode("utf-8")).hexdigest()] = name
            return None
        params = {"AppName": name}
        for index, (key, value) in enumerate(sorted((options.get("tags") or {}).items()), 1):
            params["Tag.%d.Key" % index] = key
            params["Tag.%d.Value" % index] = value
        return self._do_CreateApp(params, emu.vendor_state(self.name), emu)

    def _do_CreateApp(self, params, state, emu):  # pylint: disable=invalid-name
        name = params.get("AppName")
        if not name:
            raise missing("AppName")
        self._check_name(state, name)
        self._check_description(params.get("Description"))
        tags = self._tags(params) or []
        app_key, app_secret, app_code = params.get("AppKey"), params.get("AppSecret"), params.get("AppCode")
        if app_key is not None and not KEY_RE.match(app_key):
            raise invalid("AppKey", "8-64 letters or digits")
        if app_secret is not None and not SECRET_RE.match(app_secret):
            raise invalid("AppSecret", "8-64 letters, digits, '_' or '-'")
        if (app_key is None) != (app_secret is None):
            raise invalid("AppKey", "AppKey and AppSecret must be given together")
        if app_code is not None and not KEY_RE.match(app_code):
            raise invalid("AppCode", "8-64 letters or digits")
        if app_key is not None and self._key_in_use(state, app_key):
            raise invalid("AppKey", "the AppKey is already in use")
        if len(state["apps"]) >= APP_QUOTA and not self.seeding:
            raise AlibabaError("QuotaExceeded.App", "An account can own at most %d apps." % APP_QUOTA, 400)
        app_id = str(state["next_id"])
        state["next_id"] += 1 + secrets.randbelow(50)
        now = iso_now(emu)
        state["apps"][app_id] = {
            "AppId": app_id, "AppName": name, "Description": params.get("Description", ""),
            "Extend": params.get("Extend", ""), "Disabled": False, "Tags": tags,
            # Like the real service: a numeric AppKey, 32-character secret, 32-hex AppCode.
            "AppKey": app_key or str(200000000 + secrets.randbelow(99999999)),
            "AppSecret": app_secret or secrets.token_hex(16),
            "AppCode": app_code or secrets.token_hex(16),
            "CreatedTime": now, "ModifiedTime": now, "Seq": state["next_id"],
            # The first key pair is AppKey/AppSecret above; CreateAppKey adds more (ExtraKeys).
            "KeyCreatedTime": now, "KeyModifiedTime": now, "ExtraKeys": []}
        return {"AppId": int(app_id), "TagStatus": bool(tags)}

    def _do_DescribeAppAttributes(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        page_number = self._int(params, "PageNumber", 1, 1, 10 ** 6)
        page_size = self._int(params, "PageSize", 10, 1, 100)
        sort = params.get("Sort", "desc")
        if sort not in ("asc", "desc"):
            raise invalid("Sort", "asc or desc")
        apps = list(state["apps"].values())
        if params.get("AppId"):
            apps = [a for a in apps if a["AppId"] == params["AppId"]]
        if params.get("AppName"):
            # Fuzzy (substring) match on purpose: callers must compare names exactly themselves.
            apps = [a for a in apps if params["AppName"] in a["AppName"]]
        if params.get("AppKey"):
            apps = [a for a in apps if any(p["AppKey"] == params["AppKey"] for p in self._pairs(a))]
        if params.get("AppCode"):
            apps = [a for a in apps if a["AppCode"] == params["AppCode"]]
        tags = self._tags(params)
        if tags:
            apps = [a for a in apps if all(t in a["Tags"] for t in tags)]
        apps.sort(key=lambda a: (a["ModifiedTime"], a["Seq"]), reverse=sort == "desc")
        start = (page_number - 1) * page_size
        page = apps[start:start + page_size]
        return {"PageNumber": page_number, "PageSize": page_size, "TotalCount": len(apps),
                "Apps": {"AppAttribute": [self._attributes(a) for a in page]}}

    def _do_DescribeApps(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        # The caller's view (apps it may call with): AppId, AppName, Description; AppOwner is an
        # account id, and every app here is the caller's own.
        page_number = self._int(params, "PageNumber", 1, 1, 10 ** 6)
        page_size = self._int(params, "PageSize", 10, 1, 100)
        owner = params.get("AppOwner")
        if owner is not None and not str(owner).isdigit():
            raise invalid("AppOwner", "an account id")
        apps = sorted(state["apps"].values(), key=lambda a: a["Seq"])
        if params.get("AppId"):
            apps = [a for a in apps if a["AppId"] == str(params["AppId"])]
        start = (page_number - 1) * page_size
        return {"PageNumber": page_number, "PageSize": page_size, "TotalCount": len(apps),
                "Apps": {"AppItem": [{"AppId": int(a["AppId"]), "AppName": a["AppName"],
                                      "Description": a["Description"]} for a in apps[start:start + page_size]]}}

    def _do_DescribeApp(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        app = self._app(state, params)
        attrs = self._attributes(app)
        attrs.pop("Tags")
        return attrs

    def _do_DescribeAppSecurity(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        app = self._app(state, params)
        return {"AppKey": app["AppKey"], "AppSecret": app["AppSecret"], "AppCode": app["AppCode"],
                "CreatedTime": app["CreatedTime"], "ModifiedTime": app["ModifiedTime"]}

    @staticmethod
    def _pairs(app):
        """Every AppKey/AppSecret pair of the app, the first one first (DescribeAppSecurities' items)."""
        first = {"AppKey": app["AppKey"], "AppSecret": app["AppSecret"], "CreatedTime": app["KeyCreatedTime"],
                 "ModifiedTime": app["KeyModifiedTime"]}
        return [dict(pair, AppCode=app["AppCode"]) for pair in [first] + app["ExtraKeys"]]

    @staticmethod
    def _key_in_use(state, app_key):
        return any(app_key in (a["AppKey"], *[p["AppKey"] for p in a["ExtraKeys"]]) for a in state["apps"].values())

    def _do_DescribeAppSecurities(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        app = self._app(state, params)
        return {"AppSecuritys": {"AppSecurity": self._pairs(app)}}

    def _do_CreateAppKey(self, params, state, emu):  # pylint: disable=invalid-name
        # AppKey and AppSecret are optional (generated when absent); not confirmed: whether one
        # may come without the other, refused here as CreateApp refuses it.
        app = self._app(state, params)
        app_key, app_secret = params.get("AppKey"), params.get("AppSecret")
        if app_key is not None and not KEY_RE.match(app_key):
            raise invalid("AppKey", "8-64 letters or digits")
        if app_secret is not None and not SECRET_RE.match(app_secret):
            raise invalid("AppSecret", "8-64 letters, digits, '_' or '-'")
        if (app_key is None) != (app_secret is None):
            raise invalid("AppKey", "AppKey and AppSecret must be given together")
        if app_key is not None and self._key_in_use(state, app_key):
            raise invalid("AppKey", "the AppKey is already in use")
        now = iso_now(emu)
        app["ExtraKeys"].append({"AppKey": app_key or str(200000000 + secrets.randbelow(99999999)),
                                 "AppSecret": app_secret or secrets.token_hex(16), "CreatedTime": now, "ModifiedTime": now})
        return {}

    def _do_DeleteAppKey(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        app = self._app(state, params)
        app_key = params.get("AppKey")
        if not app_key:
            raise missing("AppKey")
        extra = [p for p in app["ExtraKeys"] if p["AppKey"] == app_key]
        if extra:
            app["ExtraKeys"].remove(extra[0])
        elif app["AppKey"] == app_key:
            # Not confirmed: how the service treats the last pair; an app keeps at least one here.
            if not app["ExtraKeys"]:
                raise invalid("AppKey", "an app keeps at least one AppKey")
            promoted = app["ExtraKeys"].pop(0)
            app.update(AppKey=promoted["AppKey"], AppSecret=promoted["AppSecret"],
                       KeyCreatedTime=promoted["CreatedTime"], KeyModifiedTime=promoted["ModifiedTime"])
        else:
            raise AlibabaError("NotFoundAppKey", "Specified app key is not found: %s." % app_key)
        return {}

    def _do_ResetAppCode(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        # No AppId: the code names its app. NewAppCode absent: the service generates one.
        code = params.get("AppCode")
        if not code:
            raise missing("AppCode")
        app = next((a for a in state["apps"].values() if a["AppCode"] == code), None)
        if app is None:
            raise AlibabaError("NotFoundAppCode", "Specified app code is not found.")  # code not confirmed
        new_code = params.get("NewAppCode")
        if new_code is not None and not KEY_RE.match(new_code):
            raise invalid("NewAppCode", "8-64 letters or digits")
        if new_code is not None and any(a["AppCode"] == new_code for a in state["apps"].values()):
            raise invalid("NewAppCode", "the AppCode is already in use")
        app["AppCode"] = new_code or secrets.token_hex(16)
        return {}

    # --- traffic control special entries (AddTrafficSpecialControl: an entry for the same key is overwritten) ---
    @staticmethod
    def _traffic_control(state, params):
        control_id = params.get("TrafficControlId")
        if not control_id:
            raise missing("TrafficControlId")
        control = state.setdefault("traffic_controls", {}).get(control_id)
        if control is None:
            raise AlibabaError("NotFoundTrafficControl", "Specified traffic control is not found: %s." % control_id)
        special_type = params.get("SpecialType")
        if special_type not in SPECIAL_TYPES:
            raise invalid("SpecialType", "APP or USER")
        key = params.get("SpecialKey")
        if not key:
            raise missing("SpecialKey")
        if special_type == "APP" and not (key.isdigit() and key in state["apps"]):
            raise AlibabaError("NotFoundApp", "Specified app is not found: %s." % key)
        return control, special_type, key

    def _do_AddTrafficSpecialControl(self, params, state, emu):  # pylint: disable=invalid-name
        control, special_type, key = self._traffic_control(state, params)
        value = params.get("TrafficValue")
        if value is None:
            raise missing("TrafficValue")
        if not str(value).isdigit() or int(value) < 1:
            raise invalid("TrafficValue", "a positive integer")
        control["Specials"] = [s for s in control["Specials"] if (s["SpecialType"], s["SpecialKey"]) != (special_type, key)]
        control["Specials"].append({"SpecialType": special_type, "SpecialKey": key, "TrafficValue": int(value)})
        control["ModifiedTime"] = iso_now(emu)
        return {}

    def _do_DeleteTrafficSpecialControl(self, params, state, emu):  # pylint: disable=invalid-name
        control, special_type, key = self._traffic_control(state, params)
        # Ours: removing an entry that is not there is no error.
        control["Specials"] = [s for s in control["Specials"] if (s["SpecialType"], s["SpecialKey"]) != (special_type, key)]
        control["ModifiedTime"] = iso_now(emu)
        return {}

    def _do_DescribeTrafficControls(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        page_number = self._int(params, "PageNumber", 1, 1, 10 ** 6)
        page_size = self._int(params, "PageSize", 10, 1, 100)
        controls = sorted(state.setdefault("traffic_controls", {}).values(), key=lambda c: c["TrafficControlId"])
        if params.get("TrafficControlId"):
            controls = [c for c in controls if c["TrafficControlId"] == params["TrafficControlId"]]
        page = controls[(page_number - 1) * page_size:page_number * page_size]
        rows = []
        for control in page:
            row = dict((k, v) for k, v in control.items() if k != "Specials")
            policies = {}
            for special in control["Specials"]:
                policies.setdefault(special["SpecialType"], []).append(
                    {"SpecialKey": special["SpecialKey"], "TrafficValue": special["TrafficValue"]})
            row["SpecialPolicies"] = {"SpecialPolicy": [{"SpecialType": kind, "Specials": {"Special": specials}}
                                                        for kind, specials in sorted(policies.items())]}
            rows.append(row)
        return {"PageNumber": page_number, "PageSize": page_size, "TotalCount": len(controls),
                "TrafficControls": {"TrafficControl": rows}}

    def age(self, state, delta):
        """Every app's key pairs ``delta`` older."""
        def older(value):
            return (datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ") - delta).strftime("%Y-%m-%dT%H:%M:%SZ")
        for app in state["apps"].values():
            app["KeyCreatedTime"], app["KeyModifiedTime"] = older(app["KeyCreatedTime"]), older(app["KeyModifiedTime"])
            for pair in app["ExtraKeys"]:
                pair["CreatedTime"], pair["ModifiedTime"] = older(pair["CreatedTime"]), older(pair["ModifiedTime"])

    def _do_ModifyApp(self, params, state, emu):  # pylint: disable=invalid-name
        app = self._app(state, params)
        name = params.get("AppName")
        if name is not None:
            self._check_name(state, name, own_id=app["AppId"])
        description = params.get("Description")
        self._check_description(description)
        tags = self._tags(params)
        disabled = self._bool(params, "Disabled")
        if name is not None:
            app["AppName"] = name
        if description is not None:
            app["Description"] = description
        if params.get("Extend") is not None:
            app["Extend"] = params["Extend"]
        if tags is not None:
            # Not confirmed: Alibaba does not document whether ModifyApp's Tag.N replaces or merges
            # (or is only a tag-authorisation filter, as on DeleteApp); we replace the whole set.
            app["Tags"] = tags
        if disabled is not None:
            app["Disabled"] = disabled
        app["ModifiedTime"] = iso_now(emu)
        return {}

    def _do_DeleteApp(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        app = self._app(state, params)
        del state["apps"][app["AppId"]]
        # Deleting an app also removes its API authorisations.
        for key in [k for k in state["auths"] if k.split("|", 1)[0] == app["AppId"]]:
            del state["auths"][key]
        return {}

    # --- authorizations ---
    def _auth_scope(self, params, state):
        """(app, group_id, stage, [api ids]) of a Set/RemoveApisAuthorities call, all checked."""
        app = self._app(state, params)
        group_id = params.get("GroupId")
        if not group_id:
            raise missing("GroupId")
        group = state["groups"].get(group_id)
        if group is None:
            raise AlibabaError("NotFoundApiGroup", "Specified group is not found: %s." % group_id)
        stage = params.get("StageName")
        if not stage:
            raise missing("StageName")
        if stage not in STAGES:
            raise invalid("StageName", "RELEASE, PRE or TEST")
        raw = params.get("ApiIds")
        if not raw:
            raise missing("ApiIds")
        api_ids = [api_id for api_id in raw.split(",") if api_id]
        if len(api_ids) > MAX_API_IDS:
            raise invalid("ApiIds", "at most %d API ids" % MAX_API_IDS)
        unknown = [api_id for api_id in api_ids if api_id not in group["apis"]]
        if unknown:
            # The whole call is refused: nothing is authorized.
            raise AlibabaError("NotFoundApi", "Specified api is not found: %s." % unknown[0])
        return app, group_id, group, stage, api_ids

    def _do_SetApisAuthorities(self, params, state, emu):  # pylint: disable=invalid-name
        app, group_id, group, stage, api_ids = self._auth_scope(params, state)
        now = iso_now(emu)
        for api_id in api_ids:
            key = "|".join((app["AppId"], group_id, stage, api_id))
            # Authorizing again refreshes the description: no error, no duplicate.
            state["auths"][key] = {"AppId": app["AppId"], "GroupId": group_id, "GroupName": group["GroupName"],
                                   "StageName": stage, "ApiId": api_id, "ApiName": group["apis"][api_id],
                                   "Description": params.get("Description", ""), "AuthorizedTime": now,
                                   "AuthVaildTime": params.get("AuthValidTime", ""), "Operator": "PROVIDER",
                                   "AuthorizationSource": "API", "RegionId": "cn-hangzhou"}
        return {}

    def _do_RemoveApisAuthorities(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        app, group_id, unused, stage, api_ids = self._auth_scope(params, state)
        for api_id in api_ids:
            # Removing an authorization that does not exist is no error.
            state["auths"].pop("|".join((app["AppId"], group_id, stage, api_id)), None)
        return {}

    def _do_DescribeAuthorizedApis(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        app = self._app(state, params)
        page_number = self._int(params, "PageNumber", 1, 1, 10 ** 6)
        page_size = self._int(params, "PageSize", 10, 1, 100)
        rows = sorted((a for a in state["auths"].values() if a["AppId"] == app["AppId"]),
                      key=lambda a: (a["GroupId"], a["StageName"], a["ApiId"]))
        page = rows[(page_number - 1) * page_size:page_number * page_size]
        return {"PageNumber": page_number, "PageSize": page_size, "TotalCount": len(rows),
                "AuthorizedApis": {"AuthorizedApi": [dict((k, v) for k, v in a.items() if k != "AppId") for a in page]}}

    def _do_ResetAppSecret(self, params, state, emu):  # pylint: disable=invalid-name
        app_key = params.get("AppKey")
        if not app_key:
            raise missing("AppKey")
        app = next((a for a in state["apps"].values() if a["AppKey"] == app_key), None)
        extra = next((p for a in state["apps"].values() for p in a["ExtraKeys"] if p["AppKey"] == app_key), None)
        if extra is not None:
            new_secret = params.get("NewAppSecret")
            if new_secret is not None and not SECRET_RE.match(new_secret):
                raise invalid("NewAppSecret", "8-64 letters, digits, '_' or '-'")
            extra.update(AppSecret=new_secret or secrets.token_hex(16), ModifiedTime=iso_now(emu))
            return {}
        if app is None:
            raise AlibabaError("NotFoundApp", "Specified app key is not found: %s." % app_key)
        new_key, new_secret = params.get("NewAppKey"), params.get("NewAppSecret")
        if new_key is not None:
            if not KEY_RE.match(new_key):
                raise invalid("NewAppKey", "8-64 letters or digits")
            if any(a["AppKey"] == new_key and a is not app for a in state["apps"].values()):
                raise invalid("NewAppKey", "the AppKey is already in use")
        if new_secret is not None and not SECRET_RE.match(new_secret):
            raise invalid("NewAppSecret", "8-64 letters, digits, '_' or '-'")
        if new_key is not None:
            app["AppKey"] = new_key
        app["AppSecret"] = new_secret or secrets.token_hex(16)
        app["ModifiedTime"] = app["KeyModifiedTime"] = iso_now(emu)
        return {}

    # --- tags (TagResources / UntagResources / ListTagResources) ---
    # Confirmed from the API pages: TagResources overwrites the value of a key already bound and
    # tags all resources or none; UntagResources with TagKey.N removes those keys (All is then
    # ignored), without TagKey.N removes everything when All=true and nothing otherwise, and keys
    # or resources without tags are no error; a Tag.N.Value without Tag.N.Key is
    # InvalidParameter.TagKey; ListTagResources needs ResourceId.N or Tag.N and returns resources
    # carrying all the given tags. NotFoundResourceId is the code Terraform's provider expects for
    # an unknown resource; its HTTP status (404) and the other codes here are our choice.
    @staticmethod
    def _indexed(params, prefix, limit):
        """Values of ``prefix.N`` (ResourceId.1, TagKey.2, ...) in N order; N from 1 to limit."""
        pattern = re.compile(r"^%s\.(\d+)$" % re.escape(prefix))
        found = {}
        for key, value in params.items():
            match = pattern.match(key)
            if match:
                found[int(match.group(1))] = value
        if found and (min(found) < 1 or max(found) > limit):
            raise AlibabaError("InvalidParameter.%s" % prefix, "%s.N: N must be between 1 and %d." % (prefix, limit))
        return [found[n] for n in sorted(found)]

    @staticmethod
    def _tag_pairs(params, value_required):
        """[(key, value)] from Tag.N.Key/Value; value is None when not sent (a key-only filter)."""
        pairs = {}
        for key, value in params.items():
            match = TAG_RE.match(key)
            if match:
                pairs.setdefault(int(match.group(1)), {})[match.group(2)] = value
        if pairs and (min(pairs) < 1 or max(pairs) > MAX_TAGS):
            raise AlibabaError("InvalidParameter.Tag", "Tag.N: N must be between 1 and %d." % MAX_TAGS)
        result, seen = [], set()
        for index in sorted(pairs):
            tag = pairs[index]
            key, value = tag.get("Key"), tag.get("Value")
            if not key:
                raise AlibabaError("InvalidParameter.TagKey", "Tag.%d.Key is mandatory when Tag.%d is given." % (index, index))
            if value_required and value is None:
                raise missing("Tag.%d.Value" % index)
            if len(key) > 128 or key.lower().startswith(("aliyun", "acs:")) or key in seen:
                raise AlibabaError("InvalidParameter.TagKey", "Tag.%d.Key: at most 128 characters, not starting with "
                                   "'aliyun' or 'acs:', each key once." % index)
            if value is not None and len(value) > 128:
                raise AlibabaError("InvalidParameter.TagValue", "Tag.%d.Value: at most 128 characters." % index)
            seen.add(key)
            result.append((key, value))
        return result

    def _tag_request(self, params, types):
        resource_type = params.get("ResourceType")
        if not resource_type:
            raise missing("ResourceType")
        if resource_type not in types:
            raise AlibabaError("InvalidParameter.ResourceType", "ResourceType must be one of: %s." % ", ".join(types))
        return resource_type, self._indexed(params, "ResourceId", MAX_RESOURCE_IDS)

    @staticmethod
    def _tag_targets(state, resource_type, resource_ids):
        """The resources, each once; every id must exist before anything changes (all or none)."""
        found = []
        for resource_id in resource_ids:
            # Only apps are emulated: an apiGroup/plugin/api id is never found.
            app = state["apps"].get(resource_id) if resource_type == "app" else None
            if app is None:
                raise AlibabaError("NotFoundResourceId", "The specified resource %s (%s) is not found." % (resource_id, resource_type))
            if all(app is not other for other in found):
                found.append(app)
        return found

    def _do_TagResources(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        resource_type, resource_ids = self._tag_request(params, TAG_RESOURCE_TYPES)
        if not resource_ids:
            raise missing("ResourceId.N")
        tags = self._tag_pairs(params, value_required=True)
        if not tags:
            raise missing("Tag.N.Key")
        updates = []
        for app in self._tag_targets(state, resource_type, resource_ids):
            merged = dict((t["Key"], t["Value"]) for t in app["Tags"])
            merged.update(tags)  # a key already bound gets the new value
            if len(merged) > MAX_TAGS:
                raise AlibabaError("QuotaExceeded.Tag", "A resource can have at most %d tags." % MAX_TAGS)
            updates.append((app, merged))
        for app, merged in updates:
            app["Tags"] = [{"Key": k, "Value": v} for k, v in merged.items()]
        return {}

    def _do_UntagResources(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        resource_type, resource_ids = self._tag_request(params, TAG_RESOURCE_TYPES)
        if not resource_ids:
            raise missing("ResourceId.N")
        keys = self._indexed(params, "TagKey", MAX_TAGS)
        if any(not key for key in keys):
            raise AlibabaError("InvalidParameter.TagKey", "TagKey.N must not be empty.")
        value = params.get("All")
        if value is not None and value.lower() not in ("true", "false"):
            raise AlibabaError("InvalidParameter.All", "All must be true or false.")
        remove_all = value is not None and value.lower() == "true"
        for app in self._tag_targets(state, resource_type, resource_ids):
            if keys:  # TagKey.N given: All is ignored
                app["Tags"] = [t for t in app["Tags"] if t["Key"] not in keys]
            elif remove_all:
                app["Tags"] = []
        return {}

    def _do_ListTagResources(self, params, state, emu):  # pylint: disable=invalid-name,unused-argument
        resource_type, resource_ids = self._tag_request(params, LIST_TAG_RESOURCE_TYPES)
        tags = self._tag_pairs(params, value_required=False)
        if not resource_ids and not tags:
            raise missing("ResourceId.N")
        if resource_ids:
            apps = self._tag_targets(state, resource_type, resource_ids)
        else:
            apps = sorted(state["apps"].values(), key=lambda a: a["Seq"]) if resource_type == "app" else []

        def carries(app, key, value):
            return any(t["Key"] == key and (value is None or t["Value"] == value) for t in app["Tags"])

        apps = [a for a in apps if all(carries(a, k, v) for k, v in tags)]
        rows = [{"ResourceId": a["AppId"], "ResourceType": resource_type, "TagKey": t["Key"], "TagValue": t["Value"]}
                for a in apps for t in a["Tags"]]
        token = params.get("NextToken") or "0"
        if not token.isdigit() or int(token) > len(rows):
            raise AlibabaError("InvalidParameter.NextToken", "The NextToken is not valid.")
        start = int(token)
        end = min(start + LIST_TAGS_PAGE, len(rows))
        # The SDK model: "A NextToken value of -1 indicates that a next query does not exist."
        return {"NextToken": str(end) if end < len(rows) else "-1", "TagResources": {"TagResource": rows[start:end]}}
