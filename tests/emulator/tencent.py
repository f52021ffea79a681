"""Tencent Cloud API Gateway API keys (service apigateway, version 2018-08-08).

Server side of TC3-HMAC-SHA256 (tencentcloud.common.abstract_client / sign.Sign.sign_tc3):
the canonical request is rebuilt from the request as received, with the SignedHeaders the
client declared. Every answer is HTTP 200 `{"Response": {...,"RequestId"}}`; failures carry
`Response.Error.{Code,Message}`.
"""

import base64
import datetime
import hashlib
import hmac
import json
import re
import secrets
import string
import urllib.parse

from . import sts
from .common import VendorHandler, Reply, constant_eq, hmac_sha256, sha256_hex

SERVICE = "apigateway"
VERSION = "2018-08-08"
MAX_SKEW = 5 * 60
# Tencent documents LimitExceeded.ApiKeyCountLimitExceeded but not the number; 500 is our pick.
KEY_QUOTA = 500

_AUTH_RE = re.compile(r"^TC3-HMAC-SHA256\s+Credential=([^/,\s]+)/(\d{4}-\d{2}-\d{2})/([^/,\s]+)/tc3_request\s*,"
                      r"\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$")
_MANUAL_ID_RE = re.compile(r"^[A-Za-z0-9_]{5,50}$")
_MANUAL_SECRET_RE = re.compile(r"^[A-Za-z0-9_]{10,50}$")
_ALNUM = string.ascii_letters + string.digits
_NAME_RE = {"auto": re.compile(r"^[A-Za-z0-9_]{1,50}\Z"), "manual": re.compile(r"^[A-Za-z0-9_-]{1,50}\Z")}

ACTIONS = {
    "CreateApiKey": {"SecretName", "AccessKeyType", "AccessKeyId", "AccessKeySecret", "Tags"},
    "DescribeApiKeysStatus": {"Limit", "Offset", "Filters"},
    "DescribeApiKey": {"AccessKeyId"},
    "UpdateApiKey": {"AccessKeyId", "AccessKeySecret"},
    "EnableApiKey": {"AccessKeyId"},
    "DisableApiKey": {"AccessKeyId"},
    "DeleteApiKey": {"AccessKeyId"},
}
# STS (AssumeRole, 2018-08-13) answers on the same port: service sts in the credential scope.
STS_SERVICE = "sts"
STS_VERSION = "2018-08-13"
STS_PARAMS = {"RoleArn", "RoleSessionName", "DurationSeconds", "Policy", "ExternalId", "Tags", "SourceIdentity",
              "SerialNumber", "TokenCode"}
SESSION_NAME_RE = re.compile(r"^[\w+=,.@-]{2,128}$")
EXTERNAL_ID_RE = re.compile(r"^[\w+=,.@:/-]{2,128}$")
STS_REFUSALS = {"not_found": "ResourceNotFound.RoleNotFound", "not_authorized": "UnauthorizedOperation",
                # Ours: an external id the role's trust condition does not match is not authorized.
                "external_id": "UnauthorizedOperation", "invalid": "InvalidParameter.ParamError"}
MUTATING = {"CreateApiKey", "UpdateApiKey", "EnableApiKey", "DisableApiKey", "DeleteApiKey"}
FILTER_NAMES = {"AccessKeyId", "AccessKeySecret", "SecretName", "NotUsagePlanId", "Status", "KeyWord"}


class TencentError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


# Common parameters of the older signature, not the action's own.
V1_COMMON = {"Action", "Version", "Region", "Timestamp", "Nonce", "SecretId", "Signature", "SignatureMethod",
             "Token", "Language", "RequestClient"}


def _v1_params(req):
    """The parameters of an older-signature request: the query (GET) or the form body (POST)."""
    if req.method.upper() == "GET":
        raw = req.raw_query
    elif (req.headers.get("Content-Type") or "").lower().startswith("application/x-www-form-urlencoded"):
        raw = (req.body or b"").decode("utf-8", "replace")
    else:
        return {}
    return dict(urllib.parse.parse_qsl(raw, keep_blank_values=True))


def _random(length):
    return "".join(secrets.choice(_ALNUM) for dummy in range(length))


def _unflatten(pairs):
    """GET parameters `Filters.0.Values.1=x` (SDK _format_params) back into nested objects."""
    root = {}
    for key, value in pairs:
        parts = key.split(".")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise TencentError("InvalidParameter", "The parameter `%s` has an invalid structure." % key)
        node[parts[-1]] = value

    def fix(node):
        if not isinstance(node, dict):
            return node
        if node and all(k.isdigit() for k in node):
            return [fix(node[k]) for k in sorted(node, key=int)]
        return {k: fix(v) for k, v in node.items()}
    return fix(root)


def _as_int(params, name, default):
    value = params.get(name, default)
    if isinstance(value, bool):
        raise TencentError("InvalidParameter", "The value type of parameter `%s` is not valid." % name)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise TencentError("InvalidParameter", "The value type of parameter `%s` is not valid." % name) from None


class TencentHandler(VendorHandler):
    name = "tencent"
    rate_limit = 20.0  # "A maximum of 20 requests can be initiated per second for this API."

    def matches(self, req):
        if "X-TC-Action" in req.headers or (req.headers.get("Authorization") or "").startswith("TC3-HMAC-SHA256"):
            return True
        # The SDK's older HmacSHA1/HmacSHA256 signature: common parameters in the query or form body.
        params = _v1_params(req)
        return "SecretId" in params and "Signature" in params and "Action" in params

    def action(self, req):
        action = req.headers.get("X-TC-Action") or _v1_params(req).get("Action") or ""
        return action[:1].upper() + action[1:] if action else "Unknown"

    def is_mutating(self, action):
        return action in MUTATING

    def initial_state(self):
        # keys: {AccessKeyId: ApiKey fields + private "_seq"}; seq orders the listing.
        return {"keys": {}, "seq": 0}

    # --- replies ---
    @staticmethod
    def _reply(emu, payload):
        payload = dict(payload)
        payload["RequestId"] = emu.new_request_id()
        body = json.dumps({"Response": payload}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        # Exactly "application/json": the SDK's _check_error ignores the body otherwise.
        return Reply(200, {"Content-Type": "application/json"}, body)

    def _error(self, emu, code, message):
        return self._reply(emu, {"Error": {"Code": code, "Message": message}})

    def error_reply(self, req, emu, kind, action):
        if kind == "throttle":
            return self._error(emu, "RequestLimitExceeded", "Your current request times equals to `%d` in a second, "
                               "which exceeds the frequency limit `%d` for a second. Please reduce the frequency of "
                               "calls." % (int(self.rate_limit) + 1, int(self.rate_limit)))
        if kind == "clock_skew":
            return self._error(emu, "AuthFailure.SignatureExpire", "Signature expired. Timestamp: %s, server unix "
                               "time: %d." % (req.headers.get("X-TC-Timestamp", ""), int(emu.now().timestamp())))
        if kind == "gone":
            return self._error(emu, "InvalidAction", "The action `%s` is not found." % action)
        return self._error(emu, "InternalError", "An internal error has occurred. Retry your request, but if the "
                           "problem persists, contact us.")

    # --- authentication ---
    def _authenticate(self, req, emu):
        header = (req.headers.get("Authorization") or "").strip()
        if not header:
            raise TencentError("AuthFailure.InvalidAuthorization", "The Authorization header is missing.")
        match = _AUTH_RE.match(header)
        if not match:
            raise TencentError("AuthFailure.InvalidAuthorization", "The Authorization header is invalid: only "
                               "TC3-HMAC-SHA256 with Credential, SignedHeaders and Signature is accepted.")
        secret_id, scope_date, service, signed, signature = match.groups()
        raw_ts = req.headers.get("X-TC-Timestamp")
        if raw_ts is None:
            raise TencentError("MissingParameter", "The request is missing a required parameter `Timestamp`.")
        try:
            timestamp = int(raw_ts)
        except ValueError:
            raise TencentError("InvalidParameterValue", "The parameter `Timestamp` is not a Unix time.") from None
        secret = self._signing_secret(emu, secret_id, req.headers.get("X-TC-Token"))
        server_ts = int(emu.now().timestamp())
        if abs(server_ts - timestamp) > MAX_SKEW:
            raise TencentError("AuthFailure.SignatureExpire", "Signature expired. Timestamp: %d, server unix time: "
                               "%d." % (timestamp, server_ts))
        ts_date = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).strftime("%Y-%m-%d")
        if scope_date != ts_date:
            raise TencentError("AuthFailure.SignatureFailure", "The date in the credential scope (%s) does not match "
                               "the UTC date of X-TC-Timestamp (%s)." % (scope_date, ts_date))
        if service != (STS_SERVICE if req.headers.get("X-TC-Action") == "AssumeRole" else SERVICE):
            raise TencentError("AuthFailure.SignatureFailure", "The service in the credential scope must be `%s`."
                               % SERVICE)
        signed_headers = signed.split(";")
        if "content-type" not in signed_headers or "host" not in signed_headers:
            raise TencentError("AuthFailure.SignatureFailure", "SignedHeaders must include content-type and host.")
        lines = []
        for name in signed_headers:
            value = req.headers.get(name)
            if value is None or name != name.lower():
                raise TencentError("AuthFailure.SignatureFailure", "The provided credentials could not be validated. "
                                   "Please check your signature is correct.")
            # Tencent's rule for CanonicalHeaders: lower-case, trimmed values.
            lines.append("%s:%s" % (name, value.strip().lower()))
        method = req.method.upper()
        payload = b"" if method == "GET" else req.body
        if (req.headers.get("X-TC-Content-SHA256") or "").upper() == "UNSIGNED-PAYLOAD":
            payload = b"UNSIGNED-PAYLOAD"
        canonical = "\n".join([method, req.path, req.raw_query if method == "GET" else "",
                               "\n".join(lines) + "\n", signed, sha256_hex(payload)])
        scope = "%s/%s/tc3_request" % (scope_date, service)
        to_sign = "TC3-HMAC-SHA256\n%s\n%s\n%s" % (raw_ts, scope, sha256_hex(canonical))
        key = hmac_sha256("TC3" + secret, scope_date)
        key = hmac_sha256(key, service)
        key = hmac_sha256(key, "tc3_request")
        if not constant_eq(hmac_sha256(key, to_sign).hex(), signature.lower()):
            raise TencentError("AuthFailure.SignatureFailure", "The provided credentials could not be validated. "
                               "Please check your signature is correct.")

    @staticmethod
    def _signing_secret(emu, secret_id, token):
        """The secret of a key that may sign; the request then acts in that key's account."""
        try:
            secret, emu.current_account = sts.signing_secret(emu, "tencent", secret_id, token)
        except sts.KeyRefused as refused:
            if refused.kind == "unknown_key":
                raise TencentError("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that "
                                   "your SecretId is correct.") from None
            raise TencentError("AuthFailure.TokenFailure", "Token verification failed.") from None
        return secret

    def _assume_role(self, emu, params):
        """STS AssumeRole (2018-08-13): temporary credentials of a role in another account."""
        for name in params:
            if name not in STS_PARAMS and name not in V1_COMMON:
                raise TencentError("UnknownParameter", "The parameter `%s` is not recognized." % name)
        arn = self._string(params, "RoleArn")
        session = self._string(params, "RoleSessionName")
        if not SESSION_NAME_RE.match(session):
            raise TencentError("InvalidParameter.ParamError", "RoleSessionName must be 2 to 128 characters of "
                               "letters, digits and =,.@_-.")
        duration = _as_int(params, "DurationSeconds", 7200)
        if duration > 43200:
            raise TencentError("InvalidParameter.OverTimeError", "DurationSeconds is over 43200.")
        external_id = self._string(params, "ExternalId", required=False)
        if external_id is not None and not EXTERNAL_ID_RE.match(external_id):
            raise TencentError("InvalidParameter.ParamError", "ExternalId must be 2 to 128 characters.")
        if emu.current_account is not None:
            raise TencentError("FailedOperation.TempKeyNotAllowed", "This API cannot be called with a temporary key.")
        try:
            account, role = sts.find_role("tencent", arn)
            access_key, secret, token, expires = sts.assume(emu, "tencent", account, role, duration or 7200,
                                                            external_id)
        except sts.Refused as refused:
            raise TencentError(STS_REFUSALS[refused.kind], refused.message) from None
        return {"Credentials": {"Token": token, "TmpSecretId": access_key, "TmpSecretKey": secret},
                "ExpiredTime": int(expires.timestamp()), "Expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ")}

    # --- request handling ---
    def handle(self, req, emu):
        try:
            return self._handle(req, emu)
        except TencentError as exc:
            return self._error(emu, exc.code, exc.message)

    def _params(self, req):
        method = req.method.upper()
        if method == "GET":
            return _unflatten(urllib.parse.parse_qsl(req.raw_query, keep_blank_values=True))
        if method != "POST":
            raise TencentError("UnsupportedProtocol", "HTTP method `%s` is not supported; use POST or GET." % method)
        ctype = (req.headers.get("Content-Type") or "").lower()
        if not ctype.startswith("application/json"):
            raise TencentError("InvalidParameter", "TC3-HMAC-SHA256 POST requests must use Content-Type "
                               "application/json.")
        if not req.body:
            return {}
        try:
            params = json.loads(req.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise TencentError("InvalidParameter", "The request body is not valid JSON.") from None
        if not isinstance(params, dict):
            raise TencentError("InvalidParameter", "The request body must be a JSON object.")
        return params

    def _authenticate_v1(self, req, emu, flat):
        """The older signature (SignatureMethod HmacSHA1 or HmacSHA256): an HMAC, base64, over
        METHOD + Host + path + '?' + the sorted k=v pairs (raw values) of every parameter but Signature."""
        method_name = flat.get("SignatureMethod") or "HmacSHA1"
        digests = {"HmacSHA1": hashlib.sha1, "HmacSHA256": hashlib.sha256}
        if method_name not in digests:
            raise TencentError("AuthFailure.SignatureFailure", "The SignatureMethod `%s` is not supported." % method_name)
        secret = self._signing_secret(emu, flat.get("SecretId"), flat.get("Token"))
        try:
            timestamp = int(flat.get("Timestamp") or "")
        except ValueError:
            raise TencentError("MissingParameter", "The request is missing a required parameter `Timestamp`.") from None
        server_ts = int(emu.now().timestamp())
        if abs(server_ts - timestamp) > MAX_SKEW:
            raise TencentError("AuthFailure.SignatureExpire", "Signature expired. Timestamp: %d, server unix time: "
                               "%d." % (timestamp, server_ts))
        pairs = "&".join("%s=%s" % (key.replace("_", "."), flat[key]) for key in sorted(flat) if key != "Signature")
        to_sign = "%s%s%s?%s" % (req.method.upper(), req.headers.get("Host") or "", req.path, pairs)
        expected = base64.b64encode(hmac.new(secret.encode("utf-8"), to_sign.encode("utf-8"),
                                             digests[method_name]).digest()).decode("ascii")
        if not constant_eq(expected, flat.get("Signature") or ""):
            raise TencentError("AuthFailure.SignatureFailure", "The provided credentials could not be validated. "
                               "Please check your signature is correct.")

    def _handle(self, req, emu):
        raw_action = req.headers.get("X-TC-Action")
        flat = None
        if raw_action:
            self._authenticate(req, emu)
            version, region = req.headers.get("X-TC-Version"), req.headers.get("X-TC-Region")
        else:
            flat = _v1_params(req)
            raw_action = flat.get("Action")
            if not raw_action:
                raise TencentError("MissingParameter", "The request is missing a required parameter `Action`.")
            self._authenticate_v1(req, emu, flat)
            version, region = flat.get("Version"), flat.get("Region")
        action = self.action(req)
        if action == "AssumeRole" and version == STS_VERSION:
            return self._reply(emu, self._assume_role(emu, self._params(req) if flat is None else flat))
        if action not in ACTIONS:
            raise TencentError("InvalidAction", "The action `%s` is not found." % raw_action)
        if not version:
            raise TencentError("MissingParameter", "The request is missing a required parameter `Version`.")
        if version != VERSION:
            raise TencentError("NoSuchVersion", "The API version `%s` does not exist for action `%s`."
                               % (version, action))
        if not region:
            raise TencentError("MissingParameter", "The request is missing a required parameter `Region`.")
        if flat is None:
            params = self._params(req)
        else:
            params = _unflatten([(key, value) for key, value in flat.items() if key not in V1_COMMON])
        for name in params:
            if name not in ACTIONS[action]:
                raise TencentError("UnknownParameter", "The parameter `%s` is not recognized." % name)
        state = emu.vendor_state(self.name)
        if action == "CreateApiKey":
            return self._reply(emu, {"Result": self._view(self._create(emu, state, params))})
        if action == "DescribeApiKeysStatus":
            return self._reply(emu, {"Result": self._describe_status(state, params)})
        key = self._find(state, params)
        now = emu.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        if action == "DescribeApiKey":
            return self._reply(emu, {"Result": self._view(key)})
        if action == "UpdateApiKey":
            return self._reply(emu, {"Result": self._view(self._update(key, params, now))})
        if action in ("EnableApiKey", "DisableApiKey"):
            key["Status"] = 1 if action == "EnableApiKey" else 0
            key["ModifiedTime"] = now
            return self._reply(emu, {"Result": True})
        # DeleteApiKey: only a disabled key may be deleted (console guide + DeleteApiKey error list).
        if key["Status"] != 0:
            raise TencentError("UnsupportedOperation.InvalidStatus", "The current key status does not support "
                               "this operation.")
        del state["keys"][key["AccessKeyId"]]
        return self._reply(emu, {"Result": True})

    @staticmethod
    def _view(key):
        return {k: v for k, v in key.items() if not k.startswith("_")}

    @staticmethod
    def _string(params, name, required=True):
        value = params.get(name)
        if value is None or value == "":
            if required:
                raise TencentError("MissingParameter", "The request is missing a required parameter `%s`." % name)
            return None
        if not isinstance(value, str):
            raise TencentError("InvalidParameter", "The value type of parameter `%s` is not valid." % name)
        return value

    def _find(self, state, params):
        key_id = self._string(params, "AccessKeyId")
        key = state["keys"].get(key_id)
        if key is None:
            raise TencentError("ResourceNotFound.InvalidAccessKeyId", "The key does not exist.")
        return key

    def seed_one(self, emu, name, options):
        key = self._create(emu, emu.vendor_state(self.name), {"SecretName": name, "AccessKeyType": "auto"})
        if options.get("enabled") is False:
            key["Status"] = 0
        return key

    def _create(self, emu, state, params):
        name = self._string(params, "SecretName")
        key_type = self._string(params, "AccessKeyType", required=False) or "auto"
        if key_type not in ("auto", "manual"):
            raise TencentError("InvalidParameterValue", "The value `%s` of parameter `AccessKeyType` is not valid; "
                               "use auto or manual." % key_type)
        # The console guide's rule (product doc 628/11816); the code is ours (the API pages list none).
        if not _NAME_RE[key_type].match(name):
            raise TencentError("InvalidParameterValue.SecretName", "`SecretName` must be 1-50 letters, digits or "
                               "underscores%s." % (" or '-'" if key_type == "manual" else ""))
        tags = params.get("Tags") or []
        if not isinstance(tags, list) or any(not isinstance(t, dict) or not isinstance(t.get("Key"), str)
                                             or not isinstance(t.get("Value", ""), str) for t in tags):
            raise TencentError("InvalidParameter.FormatError", "`Tags` must be a list of {Key, Value} strings.")
        if key_type == "manual":
            key_id = self._string(params, "AccessKeyId")
            secret = self._string(params, "AccessKeySecret")
            if not _MANUAL_ID_RE.match(key_id):
                raise TencentError("InvalidParameter.FormatError", "`AccessKeyId` must be 5-50 letters, digits or "
                                   "underscores.")
            if not _MANUAL_SECRET_RE.match(secret):
                raise TencentError("InvalidParameter.FormatError", "`AccessKeySecret` must be 10-50 letters, digits or "
                                   "underscores.")
            if key_id in state["keys"]:
                raise TencentError("FailedOperation.AccessKeyExist", "The custom key already exists.")
        else:
            # auto: the service picks both (like AKID8my5...: "AKID" + 36, secret 40 characters).
            key_id = "AKID" + _random(36)
            while key_id in state["keys"]:
                key_id = "AKID" + _random(36)
            secret = _random(40)
        if len(state["keys"]) >= KEY_QUOTA and not self.seeding:
            raise TencentError("LimitExceeded.ApiKeyCountLimitExceeded", "The number of keys exceeds the limit (%d)."
                               % KEY_QUOTA)
        now = emu.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        state["seq"] = state.get("seq", 0) + 1
        key = {"AccessKeyId": key_id, "AccessKeySecret": secret, "AccessKeyType": key_type, "SecretName": name,
               "Status": 1, "CreatedTime": now, "ModifiedTime": now,
               "Tags": [{"Key": t["Key"], "Value": t.get("Value", "")} for t in tags], "_seq": state["seq"]}
        state["keys"][key_id] = key
        return key

    def age(self, state, delta):
        """Every key ``delta`` older (CreatedTime and ModifiedTime)."""
        for key in state["keys"].values():
            for field in ("CreatedTime", "ModifiedTime"):
                key[field] = (datetime.datetime.strptime(key[field], "%Y-%m-%dT%H:%M:%SZ") - delta).strftime(
                    "%Y-%m-%dT%H:%M:%SZ")

    def _update(self, key, params, now):
        if key["Status"] != 1:
            # "The current key status does not support this operation" (UpdateApiKey error list).
            raise TencentError("UnsupportedOperation.UnsupportedUpdateApiKey", "The current key status does not "
                               "support this operation.")
        if key["AccessKeyType"] == "manual":
            secret = self._string(params, "AccessKeySecret")
            if not _MANUAL_SECRET_RE.match(secret):
                raise TencentError("InvalidParameter.FormatError", "`AccessKeySecret` must be 10-50 letters, digits or "
                                   "underscores.")
        else:
            secret = _random(40)
        key["AccessKeySecret"] = secret
        key["ModifiedTime"] = now
        return key

    def _describe_status(self, state, params):
        limit = _as_int(params, "Limit", 20)
        offset = _as_int(params, "Offset", 0)
        if limit < 1 or limit > 100:
            raise TencentError("InvalidParameterValue.LimitExceeded", "`Limit` must be between 1 and 100.")
        if offset < 0:
            raise TencentError("InvalidParameterValue", "`Offset` must not be negative.")
        filters = params.get("Filters") or []
        if not isinstance(filters, list):
            raise TencentError("InvalidParameter", "The value type of parameter `Filters` is not valid.")
        checks = []
        for flt in filters:
            if not isinstance(flt, dict) or not isinstance(flt.get("Values", []), list):
                raise TencentError("InvalidParameter", "Each filter must be {Name, Values[]}.")
            fname = flt.get("Name")
            if fname not in FILTER_NAMES:
                raise TencentError("InvalidParameterValue", "The filter name `%s` is not supported." % fname)
            checks.append((fname, [str(v) for v in flt.get("Values", [])]))
        keys = sorted(state["keys"].values(), key=lambda k: k["_seq"], reverse=True)
        selected = [k for k in keys if all(self._filter_ok(k, fname, values) for fname, values in checks)]
        return {"TotalCount": len(selected), "ApiKeySet": [self._view(k) for k in selected[offset:offset + limit]]}

    @staticmethod
    def _filter_ok(key, fname, values):
        """Filters are ANDed, values ORed. SecretName and KeyWord match substrings (fuzzy)."""
        if not values:
            return True
        if fname == "SecretName":
            return any(v in key["SecretName"] for v in values)
        if fname == "KeyWord":
            return any(v in key["SecretName"] or v in key["AccessKeyId"] for v in values)
        if fname == "Status":
            return str(key["Status"]) in values
        if fname == "NotUsagePlanId":
            return True  # no usage plans are emulated, so no key is bound to one
        return key[fname] in values
