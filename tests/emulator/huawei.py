"""Huawei Cloud APIG apps (credentials): shared gateway v1.0 and dedicated gateway v2.

Server side of SDK-HMAC-SHA256 (huaweicloudsdkcore.signer.Signer): the canonical request is
rebuilt from what arrived on the wire, using the SignedHeaders the client declared.
Errors are `{"error_code", "error_msg", "request_id"}` with the id also in `X-Request-Id`.
"""

import datetime
import hashlib
import ipaddress
import re
import secrets
import urllib.parse

from . import sts as sts_service
from .common import (Reply, VendorHandler, constant_eq, hmac_sha256, json_reply, parse_basic_date,
                     sha256_hex, skew_seconds)

ALGORITHM = "SDK-HMAC-SHA256"
EMPTY_HASH = sha256_hex(b"")
MAX_SKEW = 15 * 60
# Quota of apps per gateway: Huawei's "Notes and Constraints" page lists 50 credentials (apps
# included) by default, modifiable on request; --huawei-app-quota sets a raised one.
APP_QUOTA = 50
# More than 5 consecutive AK/SK failures lock the AK for 5 minutes (APIG signing guide).
LOCK_AFTER = 5
LOCK_SECONDS = 5 * 60

_AUTH_RE = re.compile(r"^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)\s*$")
_V1_RE = re.compile(r"^/v1\.0/apigw/apps(?:/(secret)/([^/]+)|/([^/]+))?/?$")
_V2_RE = re.compile(r"^/v2/([^/]+)/apigw/instances/([^/]+)/apps(?:/(secret)/([^/]+)|/([^/]+))?/?$")

# Letters, digits, underscore and CJK; first character a letter or CJK (SDK model AppCreate).
_CJK = "\u4e00-\u9fa5"
_NAME_RE = re.compile(r"^[A-Za-z%s][A-Za-z0-9_%s]{2,63}$" % (_CJK, _CJK))
_KEY_RE = {"v1": re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$"),
           "v2": re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{7,199}$")}
_SECRET_RE = {"v1": re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-!@#$%]{7,63}$"),
              "v2": re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-!@#$%]{7,127}$")}

# IAM: a temporary key of an agency (CreateTemporaryAccessKeyByAgency), served on the same port.
IAM_SECURITY_TOKENS = "/v3.0/OS-CREDENTIAL/securitytokens"
ASSUME_ROLE = "CreateTemporaryAccessKeyByAgency"
MUTATING = {"CreateApp", "UpdateApp", "ResetAppSecret", "DeleteApp", "CreateAuthorizingApps", "CancelingAuthorization",
            "CreateAppCode", "CreateAppCodeAuto", "DeleteAppCode", "UpdateAppAcl", "DeleteAppAcl",
            "CreateAppQuota", "UpdateAppQuota", "DeleteAppQuota", "AssociateAppsForAppQuota",
            "DisassociateAppQuotaWithApp"}
# App authorizations (dedicated gateways): POST .../app-auths, GET .../app-auths/binded-apis,
# DELETE .../app-auths/{app_auth_id} (SDK: CreateAuthorizingAppsV2, ListApisBindedToAppV2,
# CancelingAuthorizationV2).
# App codes (v2 only): apps/{app_id}/app-codes, and one code's id after it.
# App quotas: app-quotas[/{id}[/binding-apps|/bound-apps[/{app_id}]]], and an app's bound-quota.
_QUOTA_RE = re.compile(r"^/v2/([^/]+)/apigw/instances/([^/]+)/app-quotas(?:/([^/]+)(?:/(binding-apps|bound-apps)(?:/([^/]+))?)?)?/?$")
_BOUND_QUOTA_RE = re.compile(r"^/v2/([^/]+)/apigw/instances/([^/]+)/apps/([^/]+)/bound-quota/?$")
QUOTA_UNITS = ("SECOND", "MINUTE", "HOUR", "DAY")
# Quota names: letters, digits, underscore and CJK, starting with a letter or CJK (the SDK model);
# 3-255 characters (not confirmed).
_QUOTA_NAME_RE = re.compile(r"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]{2,254}$")
# An app's access list: apps/{app_id}/app-acl (PUT, GET, DELETE).
_APP_ACL_RE = re.compile(r"^/v2/([^/]+)/apigw/instances/([^/]+)/apps/([^/]+)/app-acl/?$")
_APP_CODE_RE = re.compile(r"^/v2/([^/]+)/apigw/instances/([^/]+)/apps/([^/]+)/app-codes(?:/([^/]+))?/?$")
# Console guide: 64-180 characters; letters, digits and + _ ! @ # $ % / =, starting with a letter,
# digit, '+' or '/' (not confirmed against the live API: the SDK model has no pattern).
_APP_CODE_VALUE_RE = re.compile(r"^[A-Za-z0-9+/][A-Za-z0-9+_!@#$%/=]{63,179}$")
APP_CODES_PER_APP = 5
_APP_AUTH_RE = re.compile(r"^/v2/([^/]+)/apigw/instances/([^/]+)/app-auths(?:/([^/]+))?/?$")
RELEASE_ENV = "DEFAULT_ENVIRONMENT_RELEASE_ID"
TEST_ENV = "7a1ad0c350844ee69479b47df9a881cb"  # ours: a second environment of every gateway
ENVS = {RELEASE_ENV: "RELEASE", TEST_ENV: "TEST"}
# Every dedicated gateway starts with these APIs (ours): id -> (name, group id, published environments).
DEFAULT_APIS = {
    "5f918d104dc84480a75166ba99efff21": ("get_weather", "c77f5e81d9cb4424bf704ef2b0ac7600", (RELEASE_ENV, TEST_ENV)),
    "6a9f25b5e4a347f3b0ffb4e8c2c9e6a1": ("get_city", "c77f5e81d9cb4424bf704ef2b0ac7600", (RELEASE_ENV,)),
    "7b0e36c6f5b458048110c5f9d3dae7b2": ("draft_api", "c77f5e81d9cb4424bf704ef2b0ac7600", ()),
}
MAX_AUTH_APIS = 1000  # APIs per app (Huawei console guide)


def _wire_header(value):
    """http.server decodes header bytes as latin-1; the SDK sends UTF-8 bytes. Undo that."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def canonical_uri(path):
    """Signer._process_canonical_uri: decode, re-encode each segment (safe '~'), end with '/'."""
    segments = urllib.parse.unquote(path).split("/")
    uri = "/".join(urllib.parse.quote(seg, safe="~") for seg in segments)
    return uri if uri.endswith("/") else uri + "/"


def parse_raw_query(raw_query):
    """Decoded (key, value) pairs of the query exactly as sent ('+' is a literal plus)."""
    pairs = []
    for part in raw_query.split("&") if raw_query else []:
        if not part:
            continue
        key, dummy, value = part.partition("=")
        pairs.append((urllib.parse.unquote(key), urllib.parse.unquote(value)))
    return pairs


def canonical_query(raw_query):
    """Signer._process_canonical_query_string: sorted pairs, both sides quote(safe='~')."""
    pairs = sorted(parse_raw_query(raw_query))
    return "&".join("%s=%s" % (urllib.parse.quote(k, safe="~"), urllib.parse.quote(v, safe="~"))
                    for k, v in pairs)


def string_to_sign(req, signed_headers, sdk_date):
    """Return (canonical request, string to sign) for the request as received."""
    lines = []
    for name in signed_headers:
        value = req.headers.get(name)
        if value is None:
            return None, None
        lines.append("%s:%s" % (name, _wire_header(value).strip()))
    if not req.body:
        payload_hash = EMPTY_HASH
    else:
        payload_hash = req.headers.get("X-Sdk-Content-Sha256") or sha256_hex(req.body)
    canonical = "\n".join([req.method.upper(), canonical_uri(req.path), canonical_query(req.raw_query),
                           "\n".join(lines) + "\n", ";".join(signed_headers), payload_hash])
    return canonical, "%s\n%s\n%s" % (ALGORITHM, sdk_date, sha256_hex(canonical))


def _route(req):
    """(family, gateway key, project, instance, action, app_id) or None for an unknown path.

    For the app-auths calls the last item is the authorization id (DELETE) or "".
    """
    path = req.path
    method = req.method.upper()
    if path.rstrip("/") == IAM_SECURITY_TOKENS:
        return ("iam", None, None, None, ASSUME_ROLE, None) if method == "POST" else None
    match = _QUOTA_RE.match(path)
    if match:
        quota_id, tail, app_id = match.group(3), match.group(4), match.group(5)
        if tail == "binding-apps":
            action = "AssociateAppsForAppQuota" if method == "POST" else None
        elif tail == "bound-apps":
            action = ("DisassociateAppQuotaWithApp" if method == "DELETE" else None) if app_id else \
                ("ListAppQuotaBoundApps" if method == "GET" else None)
        elif quota_id:
            action = {"GET": "ShowAppQuota", "PUT": "UpdateAppQuota", "DELETE": "DeleteAppQuota"}.get(method)
        else:
            action = {"POST": "CreateAppQuota", "GET": "ListAppQuotas"}.get(method)
        if action is None:
            return None
        project, instance = urllib.parse.unquote(match.group(1)), urllib.parse.unquote(match.group(2))
        return "v2", "%s/%s" % (project, instance), project, instance, action, urllib.parse.unquote(path)
    match = _BOUND_QUOTA_RE.match(path)
    if match:
        if method != "GET":
            return None
        project, instance = urllib.parse.unquote(match.group(1)), urllib.parse.unquote(match.group(2))
        return ("v2", "%s/%s" % (project, instance), project, instance, "ShowAppBoundAppQuota",
                urllib.parse.unquote(match.group(3)))
    match = _APP_ACL_RE.match(path)
    if match:
        action = {"PUT": "UpdateAppAcl", "GET": "ShowDetailsOfAppAcl", "DELETE": "DeleteAppAcl"}.get(req.method.upper())
        if action is None:
            return None
        project, instance = urllib.parse.unquote(match.group(1)), urllib.parse.unquote(match.group(2))
        return "v2", "%s/%s" % (project, instance), project, instance, action, urllib.parse.unquote(match.group(3))
    match = _APP_CODE_RE.match(path)
    if match:
        project, instance = urllib.parse.unquote(match.group(1)), urllib.parse.unquote(match.group(2))
        code_id, method = match.group(4), req.method.upper()
        if code_id:
            action = {"GET": "ShowDetailsOfAppCode", "DELETE": "DeleteAppCode"}.get(method)
        else:
            action = {"POST": "CreateAppCode", "PUT": "CreateAppCodeAuto", "GET": "ListAppCodes"}.get(method)
        if action is None:
            return None
        # The app id rides in the last slot; the code id (if any) is read again from the path.
        return "v2", "%s/%s" % (project, instance), project, instance, action, urllib.parse.unquote(match.group(3))
    match = _APP_AUTH_RE.match(path)
    if match:
        project, instance = urllib.parse.unquote(match.group(1)), urllib.parse.unquote(match.group(2))
        tail, method = match.group(3), req.method.upper()
        if tail == "binded-apis":
            action = "ListApisBindedToApp" if method == "GET" else None
        elif tail:
            action = "CancelingAuthorization" if method == "DELETE" else None
        else:
            action = "CreateAuthorizingApps" if method == "POST" else None
        if action is None:
            return None
        return "v2", "%s/%s" % (project, instance), project, instance, action, urllib.parse.unquote(
            tail if action == "CancelingAuthorization" else "")
    match = _V1_RE.match(path)
    if match:
        family, project, instance = "v1", None, None
        secret_part, secret_id, app_id = match.group(1), match.group(2), match.group(3)
        gateway = "shared"
    else:
        match = _V2_RE.match(path)
        if not match:
            return None
        family = "v2"
        project, instance = urllib.parse.unquote(match.group(1)), urllib.parse.unquote(match.group(2))
        secret_part, secret_id, app_id = match.group(3), match.group(4), match.group(5)
        gateway = "%s/%s" % (project, instance)
    method = req.method.upper()
    if secret_part:
        action = "ResetAppSecret" if method == "PUT" else None
        app_id = secret_id
    elif app_id is None:
        action = {"POST": "CreateApp", "GET": "ListApps"}.get(method)
    else:
        action = {"GET": "ShowApp", "PUT": "UpdateApp", "DELETE": "DeleteApp"}.get(method)
    if action is None:
        return None
    return family, gateway, project, instance, action, urllib.parse.unquote(app_id or "")


class HuaweiHandler(VendorHandler):
    name = "huawei"
    # APIG publishes no rate for its management API; Huawei's documented per-API throttling
    # for other management APIs is 10 requests per second, used here.
    rate_limit = 10.0

    def matches(self, req):
        return bool(req.path.rstrip("/") == IAM_SECURITY_TOKENS or _V1_RE.match(req.path) or _V2_RE.match(req.path) or _APP_CODE_RE.match(req.path)
                    or _APP_ACL_RE.match(req.path) or _QUOTA_RE.match(req.path) or _BOUND_QUOTA_RE.match(req.path)
                    or req.path.startswith("/v1.0/apigw/")
                    or re.match(r"^/v2/[^/]+/apigw/", req.path))

    def action(self, req):
        route = _route(req)
        return route[4] if route else "Unknown"

    def is_mutating(self, action):
        return action in MUTATING

    def initial_state(self):
        # gateways: {"shared" | "<project>/<instance>": {app_id: app}}; ak_failures: lockout memory.
        return {"gateways": {}, "ak_failures": {}}

    # --- replies ---
    @staticmethod
    def _error(emu, status, code, msg):
        request_id = emu.new_request_id().replace("-", "")
        return json_reply(status, {"error_code": code, "error_msg": msg, "request_id": request_id},
                          {"X-Request-Id": request_id, "Content-Type": "application/json;charset=UTF-8"})

    @staticmethod
    def _ok(emu, status, obj=None):
        request_id = emu.new_request_id().replace("-", "")
        headers = {"X-Request-Id": request_id}
        if obj is None:
            return Reply(status, headers, b"")
        headers["Content-Type"] = "application/json;charset=UTF-8"
        return json_reply(status, obj, headers)

    def error_reply(self, req, emu, kind, action):
        if kind == "throttle":
            return self._error(emu, 429, "APIGW.0308", "The throttling threshold has been reached: policy user over "
                               "ratelimit,limit:%d,time:1 second" % int(self.rate_limit))
        if kind == "clock_skew":
            return self._error(emu, 401, "APIGW.0301", "Incorrect IAM authentication information: "
                               "verify aksk signature fail, X-Sdk-Date is more than 15 minutes off the server time")
        if kind == "gone":
            return self._error(emu, 404, "APIGW.0101", "The API does not exist or has not been published in the "
                               "environment")
        return self._error(emu, 500, "APIG.9999", "System error")

    def _param_error(self, emu, param):
        return self._error(emu, 400, "APIG.2011", "Invalid parameter value,parameterName:%s. "
                           "Please refer to the support documentation" % param)

    # --- authentication ---
    def _auth_fail(self, emu, msg):
        return self._error(emu, 401, "APIGW.0301", "Incorrect IAM authentication information: " + msg)

    def _authenticate(self, req, emu, route):
        """None when the request is correctly signed, else the error Reply."""
        header = req.headers.get("Authorization")
        if not header:
            if req.headers.get("X-Auth-Token"):
                return self._auth_fail(emu, "decrypt token fail")
            return self._auth_fail(emu, "Authorization header not found")
        match = _AUTH_RE.match(header.strip())
        if not match:
            return self._auth_fail(emu, "unsupported or malformed Authorization header")
        access, signed, signature = match.groups()
        try:
            secret, emu.current_account = sts_service.signing_secret(emu, "huawei", access,
                                                                     req.headers.get("X-Security-Token"))
        except sts_service.KeyRefused as refused:
            if refused.kind == "unknown_key":
                return self._auth_fail(emu, "Get secretKey failed,ak:%s,err: ak not exist" % access)
            return self._auth_fail(emu, "verify security token fail")
        failures = emu.vendor_state(self.name).setdefault("ak_failures", {})
        record = failures.get(access)
        now = emu.now().timestamp()
        if record and record.get("locked_until", 0) > now:
            return self._auth_fail(emu, "AK access failed to reach the limit, forbidden")
        signed_headers = signed.split(";")
        problem = None
        if signed_headers != sorted(signed_headers) or any(h != h.lower() for h in signed_headers):
            problem = "verify aksk signature fail"
        elif "host" not in signed_headers or "x-sdk-date" not in signed_headers:
            problem = "verify aksk signature fail"
        sdk_date = req.headers.get("X-Sdk-Date", "")
        when = parse_basic_date(sdk_date)
        if problem is None and when is None:
            problem = "verify aksk signature fail"
        if problem is None:
            _canonical, sts = string_to_sign(req, signed_headers, sdk_date)
            if sts is None or not constant_eq(sha256_hmac_hex(secret, sts), signature.lower()):
                problem = "verify aksk signature fail"
        if problem is None and skew_seconds(emu, when) > MAX_SKEW:
            # A correct signature on a stale date is still rejected (replay window 15 min).
            return self._auth_fail(emu, "verify aksk signature fail, X-Sdk-Date is more than 15 minutes "
                                   "off the server time")
        if problem is not None:
            record = record or {"count": 0}
            record["count"] = record.get("count", 0) + 1
            if record["count"] > LOCK_AFTER:
                record["locked_until"] = now + LOCK_SECONDS
                record["count"] = 0
            failures[access] = record
            return self._auth_fail(emu, problem)
        failures.pop(access, None)
        # Scope checks: the project in the path / X-Project-Id, the instance id (CLI options).
        family, _gateway, project, instance = route[0], route[1], route[2], route[3]
        want_project = getattr(emu.options, "huawei_project_id", None)
        header_project = req.headers.get("X-Project-Id")
        if header_project and project and header_project != project:
            return self._auth_fail(emu, "project id in the path does not match X-Project-Id")
        if want_project and (project or header_project) and (project or header_project) != want_project:
            return self._error(emu, 403, "APIG.1005", "No permissions to request this method")
        want_instance = getattr(emu.options, "huawei_instance_id", None)
        if family == "v2" and want_instance and instance != want_instance:
            return self._error(emu, 404, "APIG.3030", "The instance does not exist;id:%s" % instance)
        return None

    @staticmethod
    def _iam_error(status, title, message):
        # IAM's OS-CREDENTIAL calls answer errors the Keystone way (not APIG's error_code/error_msg).
        return json_reply(status, {"error": {"code": status, "message": message, "title": title}})

    def _security_token(self, req, emu):
        """IAM POST /v3.0/OS-CREDENTIAL/securitytokens with the assume_role method."""
        try:
            body = req.json_body() or {}
            identity = body["auth"]["identity"]
            if identity.get("methods") != ["assume_role"]:
                raise ValueError("methods must be [\"assume_role\"]")
            assume = identity["assume_role"]
            duration = assume.get("duration_seconds", 900)
            if isinstance(duration, bool) or not isinstance(duration, int) or not 900 <= duration <= 86400:
                raise ValueError("duration_seconds must be an integer from 900 to 86400")
            if not assume.get("agency_name") or not (assume.get("domain_name") or assume.get("domain_id")):
                raise ValueError("agency_name and domain_name or domain_id are required")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            return self._iam_error(400, "Bad Request", "The request you have made is invalid: %s." % exc)
        if emu.current_account is not None:
            return self._iam_error(403, "Forbidden", "A temporary key cannot assume an agency here (ours).")
        try:
            account, agency = sts_service.find_agency(assume.get("domain_name"), assume.get("domain_id"),
                                                      assume["agency_name"])
            access_key, secret, token, expires = sts_service.assume(emu, "huawei", account, agency, duration)
        except sts_service.Refused as refused:
            if refused.kind == "not_found":
                return self._iam_error(404, "Not Found", refused.message)
            return self._iam_error(403, "Forbidden", "You are not authorized to perform the requested action: "
                                   "assume_role.")
        return json_reply(201, {"credential": {"access": access_key, "secret": secret, "securitytoken": token,
                                               "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "000Z"}},
                          {"X-Request-Id": emu.new_request_id().replace("-", "")})

    # --- request handling ---
    def handle(self, req, emu):
        route = _route(req)
        if route is None:
            return self._error(emu, 404, "APIGW.0101", "The API does not exist or has not been published in "
                               "the environment")
        failure = self._authenticate(req, emu, route)
        if failure is not None:
            return failure
        family, gateway, _project, _instance, action, app_id = route
        if action == ASSUME_ROLE:
            return self._security_token(req, emu)
        apps = emu.vendor_state(self.name).setdefault("gateways", {}).setdefault(gateway, {})
        if action in ("ListApisBindedToApp", "CreateAuthorizingApps", "CancelingAuthorization"):
            return self._app_auths(req, emu, gateway, apps, action, app_id)
        if action == "ListApps":
            return self._list(req, emu, family, apps)
        if action.endswith(("AppQuota", "AppQuotas", "AppQuotaBoundApps", "AppQuotaWithApp", "ForAppQuota")):
            return self._quotas(req, emu, gateway, apps, action, app_id)
        if action in ("UpdateAppAcl", "ShowDetailsOfAppAcl", "DeleteAppAcl"):
            return self._app_acl(req, emu, apps, action, app_id)
        if action in ("CreateAppCode", "CreateAppCodeAuto", "ListAppCodes", "ShowDetailsOfAppCode", "DeleteAppCode"):
            return self._app_codes(req, emu, apps, action, app_id)
        if action in ("CreateApp", "UpdateApp", "ResetAppSecret"):
            try:
                body = req.json_body()
            except ValueError:
                return self._error(emu, 400, "APIG.2012", "Invalid parameter value,parameterName:body. "
                                   "Please refer to the support documentation")
            body = body or {}
        if action == "CreateApp":
            return self._create(emu, family, apps, body)
        app = apps.get(app_id)
        if app is None:
            return self._error(emu, 404, "APIG.3004", "App %s does not exist" % app_id)
        if action == "ShowApp":
            return self._ok(emu, 200, self._view(app))
        if action == "DeleteApp":
            del apps[app_id]
            # Deleting an app also removes the API authorisations bound to it.
            auths = emu.vendor_state(self.name).get("auths", {}).get(gateway, {})
            for auth_id in [k for k, a in auths.items() if a["app_id"] == app_id]:
                del auths[auth_id]
            return self._ok(emu, 204)
        if action == "UpdateApp":
            return self._update(emu, family, apps, app, body)
        return self._reset_secret(emu, family, app, body)

    # --- app quotas ---
    def _quota_body(self, emu, body, quotas, own_id=None):
        name = body.get("name")
        if not isinstance(name, str) or not _QUOTA_NAME_RE.match(name):
            return self._param_error(emu, "name")
        if any(q["name"] == name and q["app_quota_id"] != own_id for q in quotas.values()):
            return self._error(emu, 400, "APIG.3325", "The API quota name already exists")
        limits = body.get("call_limits")
        if not isinstance(limits, int) or isinstance(limits, bool) or not 1 <= limits <= 2147483647:
            return self._param_error(emu, "call_limits")
        if body.get("time_unit") not in QUOTA_UNITS:
            return self._param_error(emu, "time_unit")
        interval = body.get("time_interval")
        if not isinstance(interval, int) or isinstance(interval, bool) or not 1 <= interval <= 2147483647:
            return self._param_error(emu, "time_interval")
        remark = body.get("remark")
        if remark is not None and (not isinstance(remark, str) or len(remark) > 255):
            return self._param_error(emu, "remark")
        return None

    def _quotas(self, req, emu, gateway, apps, action, path_or_app):
        quotas = emu.vendor_state(self.name).setdefault("quotas", {}).setdefault(gateway, {})
        if action == "ShowAppBoundAppQuota":
            app = apps.get(path_or_app)
            if app is None:
                return self._error(emu, 404, "APIG.3004", "App %s does not exist" % path_or_app)
            bound = [q for q in quotas.values() if path_or_app in q["apps"]]
            # Not confirmed: the answer for an app bound to no quota; an empty object here.
            return self._ok(emu, 200, self._quota_view(bound[0]) if bound else {})
        match = _QUOTA_RE.match(path_or_app)
        quota_id, app_id = match.group(3), match.group(5)
        if action == "ListAppQuotas":
            params = dict(parse_raw_query(req.raw_query))
            rows = sorted(quotas.values(), key=lambda q: (q["create_time"], q["app_quota_id"]))
            if params.get("name"):
                rows = [q for q in rows if params["name"] in q["name"]]
            offset, limit = int(params.get("offset") or 0), min(int(params.get("limit") or 20), 500)
            page = [self._quota_view(q) for q in rows[offset:offset + limit]]
            return self._ok(emu, 200, {"total": len(rows), "size": len(page), "quotas": page})
        if action == "CreateAppQuota":
            try:
                body = req.json_body() or {}
            except ValueError:
                return self._param_error(emu, "body")
            problem = self._quota_body(emu, body, quotas)
            if problem is not None:
                return problem
            quota = dict(app_quota_id=emu.new_id(), name=body["name"], call_limits=body["call_limits"],
                         time_unit=body["time_unit"], time_interval=body["time_interval"],
                         remark=body.get("remark") or "", reset_time=body.get("reset_time") or "",
                         create_time=self._time(emu), apps={})
            quotas[quota["app_quota_id"]] = quota
            return self._ok(emu, 201, self._quota_view(quota))
        quota = quotas.get(quota_id)
        if quota is None:
            return self._error(emu, 404, "APIG.3093", "The App quota %s does not exist" % quota_id)
        if action == "ShowAppQuota":
            return self._ok(emu, 200, self._quota_view(quota))
        if action == "DeleteAppQuota":
            del quotas[quota_id]
            return self._ok(emu, 204)
        if action == "UpdateAppQuota":
            try:
                body = req.json_body() or {}
            except ValueError:
                return self._param_error(emu, "body")
            problem = self._quota_body(emu, body, quotas, own_id=quota_id)
            if problem is not None:
                return problem
            quota.update(name=body["name"], call_limits=body["call_limits"], time_unit=body["time_unit"],
                         time_interval=body["time_interval"], remark=body.get("remark") or "",
                         reset_time=body.get("reset_time") or quota["reset_time"])
            return self._ok(emu, 200, self._quota_view(quota))
        if action == "ListAppQuotaBoundApps":
            rows = [dict(app_quota_id=quota_id, app_id=a, bound_time=t, app_name=apps[a]["name"] if a in apps else "")
                    for a, t in sorted(quota["apps"].items())]
            return self._ok(emu, 200, {"total": len(rows), "size": len(rows), "apps": rows})
        if action == "DisassociateAppQuotaWithApp":
            if app_id not in quota["apps"]:
                return self._error(emu, 404, "APIG.3089", "The app is not bound to this quota")  # code not confirmed
            del quota["apps"][app_id]
            return self._ok(emu, 204)
        try:
            body = req.json_body() or {}
        except ValueError:
            return self._param_error(emu, "body")
        app_ids = body.get("app_ids")
        if not isinstance(app_ids, list) or not app_ids or any(a not in apps for a in app_ids):
            return self._param_error(emu, "app_ids")
        # An app is bound to one quota at most (the console guide).
        if any(a in q["apps"] for a in app_ids for q in quotas.values() if q is not quota):
            return self._error(emu, 400, "APIG.3090", "The app is already bound to another quota")  # code not confirmed
        now = self._time(emu)
        for a in app_ids:
            quota["apps"].setdefault(a, now)
        bindings = [dict(app_quota_id=quota_id, app_id=a, bound_time=quota["apps"][a]) for a in app_ids]
        return self._ok(emu, 201, {"app_quota_app_bindings": bindings})

    @staticmethod
    def _quota_view(quota):
        view = dict((k, v) for k, v in quota.items() if k != "apps")
        view["bound_app_num"] = len(quota["apps"])
        return view

    # --- app access list ---
    def _app_acl(self, req, emu, apps, action, app_id):
        app = apps.get(app_id)
        if app is None:
            return self._error(emu, 404, "APIG.3004", "App %s does not exist" % app_id)
        if action == "ShowDetailsOfAppAcl":
            # Not confirmed: the answer for an app without a list; an empty one here.
            acl = app.get("app_acl") or {"app_acl_type": "", "app_acl_values": []}
            return self._ok(emu, 200, dict(acl, app_id=app_id))
        if action == "DeleteAppAcl":
            app.pop("app_acl", None)
            return self._ok(emu, 204)
        try:
            body = req.json_body() or {}
        except ValueError:
            return self._param_error(emu, "body")
        kind, values = body.get("app_acl_type"), body.get("app_acl_values")
        if kind not in ("PERMIT", "DENY"):
            return self._param_error(emu, "app_acl_type")
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and _acl_value_ok(v) for v in values):
            return self._param_error(emu, "app_acl_values")
        app["app_acl"] = {"app_acl_type": kind, "app_acl_values": list(values)}
        return self._ok(emu, 200, dict(app["app_acl"], app_id=app_id))

    # --- app codes ---
    def _app_codes(self, req, emu, apps, action, app_id):
        app = apps.get(app_id)
        if app is None:
            return self._error(emu, 404, "APIG.3004", "App %s does not exist" % app_id)
        codes = app.setdefault("app_codes", [])
        if action == "ListAppCodes":
            params = dict(parse_raw_query(req.raw_query))
            try:
                offset = int(params.get("offset") or 0)
                limit = min(int(params.get("limit") or 20), 500)
            except ValueError:
                return self._param_error(emu, "limit")
            page = [dict(code) for code in codes[offset:offset + limit]]
            return self._ok(emu, 200, {"total": len(codes), "size": len(page), "app_codes": page})
        if action in ("ShowDetailsOfAppCode", "DeleteAppCode"):
            code_id = urllib.parse.unquote(_APP_CODE_RE.match(req.path).group(4))
            found = [code for code in codes if code["id"] == code_id]
            if not found:
                return self._error(emu, 404, "APIG.3481", "The AppCode %s does not exist" % code_id)  # code ours
            if action == "DeleteAppCode":
                codes.remove(found[0])
                return self._ok(emu, 204)
            return self._ok(emu, 200, dict(found[0]))
        if len(codes) >= APP_CODES_PER_APP:
            return self._error(emu, 403, "APIG.3481", "The number of AppCodes exceeds the maximum allowed limit")
        value = None
        if action == "CreateAppCode":
            try:
                body = req.json_body() or {}
            except ValueError:
                return self._param_error(emu, "body")
            value = body.get("app_code")
            if not isinstance(value, str) or not _APP_CODE_VALUE_RE.match(value):
                return self._param_error(emu, "app_code")
            if any(code["app_code"] == value for code in codes):
                return self._error(emu, 400, "APIG.3480", "The AppCode already exists")  # code ours
        code = {"id": emu.new_id(), "app_code": value or secrets.token_urlsafe(48)[:64].replace("-", "+").replace("_", "/"),
                "app_id": app_id, "create_time": self._time(emu)}
        codes.append(code)
        return self._ok(emu, 201, dict(code))

    # --- app authorizations ---
    def _gateway_apis(self, emu, gateway):
        apis = emu.vendor_state(self.name).setdefault("apis", {})
        if gateway not in apis:
            apis[gateway] = dict((api_id, {"name": name, "group_id": group, "envs": list(envs)})
                                 for api_id, (name, group, envs) in DEFAULT_APIS.items())
        return apis[gateway]

    def _app_auths(self, req, emu, gateway, apps, action, auth_id):
        auths = emu.vendor_state(self.name).setdefault("auths", {}).setdefault(gateway, {})
        apis = self._gateway_apis(emu, gateway)
        if action == "CancelingAuthorization":
            if auth_id not in auths:
                return self._error(emu, 404, "APIG.3018", "The authorization record does not exist")  # ours
            del auths[auth_id]
            return self._ok(emu, 204)
        if action == "ListApisBindedToApp":
            params = dict(parse_raw_query(req.raw_query))
            app_id = params.get("app_id")
            if not app_id:
                return self._param_error(emu, "app_id")
            if app_id not in apps:
                return self._error(emu, 404, "APIG.3004", "App %s does not exist" % app_id)
            try:
                offset = max(0, int(params.get("offset") or 0))
                limit = int(params.get("limit") or 20)
            except ValueError:
                return self._param_error(emu, "limit")
            limit = 20 if limit <= 0 else min(limit, 500)
            rows = sorted((a for a in auths.values() if a["app_id"] == app_id
                           and (not params.get("env_id") or a["env_id"] == params["env_id"])),
                          key=lambda a: (a["env_id"], a["api_id"]))
            return self._ok(emu, 200, {"total": len(rows), "size": len(rows[offset:offset + limit]),
                                       "auths": rows[offset:offset + limit]})
        try:
            body = req.json_body() or {}
        except ValueError:
            return self._param_error(emu, "body")
        env_id, app_ids, api_ids = body.get("env_id"), body.get("app_ids"), body.get("api_ids")
        if not env_id:
            return self._param_error(emu, "env_id")
        if env_id not in ENVS:
            return self._error(emu, 404, "APIG.3003", "The environment %s does not exist" % env_id)
        for field, values in (("app_ids", app_ids), ("api_ids", api_ids)):
            if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
                return self._param_error(emu, field)
        missing_app = next((a for a in app_ids if a not in apps), None)
        if missing_app:
            return self._error(emu, 404, "APIG.3004", "App %s does not exist" % missing_app)
        missing_api = next((a for a in api_ids if a not in apis), None)
        if missing_api:
            return self._error(emu, 404, "APIG.3002", "API %s does not exist" % missing_api)
        results = []
        for app_id in app_ids:
            bound = [a for a in auths.values() if a["app_id"] == app_id]
            for api_id in api_ids:
                api = apis[api_id]
                existing = next((a for a in bound if a["api_id"] == api_id and a["env_id"] == env_id), None)
                relation = {"api_id": api_id, "app_id": app_id, "auth_role": "PROVIDER", "auth_tunnel": "NORMAL",
                            "auth_whitelist": [], "auth_blacklist": [], "visit_params": ""}
                if existing is not None:
                    relation.update(id=existing["id"], auth_time=existing["auth_time"],
                                    auth_result={"status": "SKIPPED", "api_name": api["name"], "app_name": apps[app_id]["name"]})
                elif env_id not in api["envs"]:
                    # ours: the code of "not published in this environment"
                    relation.update(id="", auth_time=self._time(emu), auth_result={
                        "status": "FAILED", "error_code": "APIG.3708", "api_name": api["name"],
                        "error_msg": "The API has not been published in the environment", "app_name": apps[app_id]["name"]})
                elif len(bound) >= MAX_AUTH_APIS:
                    relation.update(id="", auth_time=self._time(emu), auth_result={
                        "status": "FAILED", "error_code": "APIG.3709", "api_name": api["name"],
                        "error_msg": "The number of APIs authorized to the app exceeds the limit", "app_name": apps[app_id]["name"]})
                else:
                    record = {"id": emu.new_id(), "api_id": api_id, "api_name": api["name"], "group_id": api["group_id"],
                              "group_name": "group_" + api["group_id"][:6], "api_type": 1, "api_remark": "",
                              "env_id": env_id, "env_name": ENVS[env_id], "auth_role": "PROVIDER",
                              "auth_time": self._time(emu), "app_name": apps[app_id]["name"], "app_remark": "",
                              "app_type": "apig", "app_creator": "USER", "publish_id": emu.new_id(),
                              "auth_tunnel": "NORMAL", "auth_whitelist": [], "auth_blacklist": [], "visit_param": "",
                              "roma_app_type": "", "tags": [], "app_id": app_id}
                    auths[record["id"]] = record
                    bound.append(record)
                    relation.update(id=record["id"], auth_time=record["auth_time"],
                                    auth_result={"status": "SUCCESS", "api_name": api["name"], "app_name": apps[app_id]["name"]})
                results.append(relation)
        return self._ok(emu, 201, {"auths": results})

    @staticmethod
    def _view(app, bind_num=False):
        out = dict(app)
        out.pop("app_codes", None)
        if bind_num:
            out["bind_num"] = 0
        return out

    def _validate(self, emu, family, apps, body, current_id=None):
        """Validate a create/update body; return an error Reply or None."""
        unknown_types = [k for k in ("name", "remark", "app_key", "app_secret")
                         if k in body and body[k] is not None and not isinstance(body[k], str)]
        if unknown_types:
            return self._param_error(emu, unknown_types[0])
        name = body.get("name")
        if not name or not _NAME_RE.match(name):
            return self._param_error(emu, "name")
        remark = body.get("remark")
        if remark is not None and len(remark) > 255:
            return self._param_error(emu, "remark")
        if body.get("app_key") is not None and not _KEY_RE[family].match(body["app_key"]):
            return self._param_error(emu, "app_key")
        if body.get("app_secret") is not None and not _SECRET_RE[family].match(body["app_secret"]):
            return self._param_error(emu, "app_secret")
        for other_id, other in apps.items():
            if other_id == current_id:
                continue
            if other["name"] == name:
                return self._error(emu, 400, "APIG.3203", "The app name already exists")
            if body.get("app_key") and other["app_key"] == body["app_key"]:
                # Huawei's error-code appendix: APIG.3310 "The AppKey already exists" (HTTP 400).
                return self._error(emu, 400, "APIG.3310", "The AppKey already exists")
        return None

    @staticmethod
    def _time(emu):
        return emu.now().strftime("%Y-%m-%dT%H:%M:%SZ")

    def age(self, state, delta):
        """Every app of every gateway ``delta`` older (register_time and update_time)."""
        for gateway in state["gateways"].values():
            for app in gateway.values():
                for field in ("register_time", "update_time"):
                    app[field] = (datetime.datetime.strptime(app[field], "%Y-%m-%dT%H:%M:%SZ") - delta).strftime(
                        "%Y-%m-%dT%H:%M:%SZ")
                for code in app.get("app_codes", []):
                    code["create_time"] = (datetime.datetime.strptime(code["create_time"], "%Y-%m-%dT%H:%M:%SZ")
                                           - delta).strftime("%Y-%m-%dT%H:%M:%SZ")

    def seed_one(self, emu, name, options):
        """``options["gateway"]``: the state key of the gateway (``project/instance``, or ``shared``).
        ``options["kind"] == "api"``: an API named ``name`` published in every environment, its id the
        md5 of ``gateway/name``."""
        gateway = options.get("gateway") or "shared"
        if options.get("kind") == "api":
            api_id = hashlib.md5(("%s/%s" % (gateway, name)).encode("utf-8")).hexdigest()
            self._gateway_apis(emu, gateway)[api_id] = {"name": name, "group_id": "c77f5e81d9cb4424bf704ef2b0ac7600",
                                                        "envs": list(ENVS)}
            return None
        apps = emu.vendor_state(self.name).setdefault("gateways", {}).setdefault(gateway, {})
        reply = self._create(emu, "v1" if gateway == "shared" else "v2", apps, {"name": name})
        if reply.status >= 300:
            raise ValueError(reply.body.decode("utf-8"))
        return reply

    def _create(self, emu, family, apps, body):
        problem = self._validate(emu, family, apps, body)
        if problem is not None:
            return problem
        if len(apps) >= getattr(emu.options, "huawei_app_quota", APP_QUOTA) and not self.seeding:
            return self._error(emu, 403, "APIG.3103", "The number of apps exceeds the maximum allowed limit")
        now = self._time(emu)
        app = {"id": emu.new_id(), "name": body["name"], "remark": body.get("remark") or "",
               "creator": "USER", "update_time": now, "register_time": now,
               "app_key": body.get("app_key") or emu.new_id(),
               "app_secret": body.get("app_secret") or secrets.token_hex(16),
               "status": 1, "app_type": "apig"}
        if family == "v2":
            app["roma_app_type"] = ""
            for extra in ("related_domain_id", "related_project_id"):
                if isinstance(body.get(extra), str):
                    app[extra] = body[extra]
        apps[app["id"]] = app
        return self._ok(emu, 201, self._view(app))

    def _update(self, emu, family, apps, app, body):
        problem = self._validate(emu, family, apps, body, current_id=app["id"])
        if problem is not None:
            return problem
        # PUT replaces name and remark (a missing remark clears it); key/secret only when sent.
        app["name"] = body["name"]
        app["remark"] = body.get("remark") or ""
        if body.get("app_key"):
            app["app_key"] = body["app_key"]
        if body.get("app_secret"):
            app["app_secret"] = body["app_secret"]
        app["update_time"] = self._time(emu)
        return self._ok(emu, 200, self._view(app))

    def _reset_secret(self, emu, family, app, body):
        secret = body.get("app_secret")
        if secret is not None and (not isinstance(secret, str) or not _SECRET_RE[family].match(secret)):
            return self._param_error(emu, "app_secret")
        app["app_secret"] = secret or secrets.token_hex(16)
        app["update_time"] = self._time(emu)
        return self._ok(emu, 200, self._view(app))

    def _list(self, req, emu, family, apps):
        params = dict(parse_raw_query(req.raw_query))
        ints = {}
        for key, default in (("offset", 0), ("limit", 20), ("page_no", 1), ("page_size", 20)):
            raw = params.get(key)
            try:
                ints[key] = int(raw) if raw not in (None, "") else default
            except ValueError:
                return self._param_error(emu, key)
        if family == "v2":
            offset = max(0, ints["offset"])
            limit = ints["limit"] if ints["limit"] > 0 else 20
            limit = min(limit, 500)
        else:
            page_size = ints["page_size"] if ints["page_size"] > 0 else 20
            page_size = min(page_size, 500)
            page_no = max(1, ints["page_no"])
            offset, limit = (page_no - 1) * page_size, page_size
        precise = params.get("precise_search", "")
        selected = []
        for app in sorted(apps.values(), key=lambda a: (a["register_time"], a["id"]), reverse=True):
            if params.get("id") and app["id"] != params["id"]:
                continue
            if params.get("name"):
                if "name" in precise.split(","):
                    if app["name"] != params["name"]:
                        continue
                elif params["name"] not in app["name"]:
                    continue
            if params.get("status") and str(app["status"]) != params["status"]:
                continue
            if params.get("app_key") and app["app_key"] != params["app_key"]:
                continue
            if params.get("creator") and app["creator"] != params["creator"]:
                continue
            selected.append(app)
        page = [self._view(app, bind_num=True) for app in selected[offset:offset + limit]]
        return self._ok(emu, 200, {"total": len(selected), "size": len(page), "apps": page})


def _acl_value_ok(value):
    """An IP address, a CIDR block or a range ``a-b`` (the SDK model: IP, IP range and CIDR)."""
    try:
        if "-" in value:
            low, high = (ipaddress.ip_address(part) for part in value.split("-", 1))
            return low.version == high.version and low <= high
        ipaddress.ip_network(value, strict=True)
        return True
    except ValueError:
        return False


def sha256_hmac_hex(secret, message):
    return hmac_sha256(secret, message).hex()
