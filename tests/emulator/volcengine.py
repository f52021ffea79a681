"""Volcengine RTC OpenAPI (service rtc, versions 2023-11-01 and 2020-12-01): CreateApp,
ListApps, ModifyAppStatus, behind a gateway that checks HMAC-SHA256 (SignerV4) signatures.

Signature check rebuilds the canonical request from the wire, using the SignedHeaders the
client declared (same algorithm as volcengine.auth.SignerV4, written independently).
"""

import re
import secrets
import time

from . import sts
from .common import (VendorHandler, constant_eq, hmac_sha256, json_reply, parse_basic_date, rfc3986,
                     sha256_hex, skew_seconds)

SERVICE = "rtc"
REGION = "cn-north-1"
VERSIONS = ("2023-11-01", "2020-12-01")
ACTIONS = ("CreateApp", "ListApps", "ModifyAppStatus")
MUTATING = ("CreateApp", "ModifyAppStatus")
MAX_SKEW = 15 * 60
APP_QUOTA = 100
# CJK characters, letters, digits, underscore; at most 24 characters.
NAME_RE = re.compile(r"^[A-Za-z0-9_\u4e00-\u9fff]{1,24}$")
AUTH_RE = re.compile(r"^HMAC-SHA256 Credential=([^,]*), ?SignedHeaders=([^,]*), ?Signature=([0-9a-fA-F]*)$")
# STS (AssumeRole, 2018-01-01) answers on the same port: service sts in the credential scope.
STS_SERVICE = "sts"
STS_VERSION = "2018-01-01"
SESSION_NAME_RE = re.compile(r"^[\w.@=,-]{1,64}$")
# Ours (the STS pages publish no error table): how a refused AssumeRole is answered.
STS_REFUSALS = {"not_found": "EntityNotExist.Role", "not_authorized": "AccessDenied",
                "external_id": "AccessDenied", "invalid": "InvalidParameter"}
STATUS_RUNNING = 1
STATUS_DISABLED = 98

# Gateway errors: (HTTP status, CodeN). CodeN only where the BytePlus common table confirms it.
GATEWAY_ERRORS = {
    "MissingParameter": (400, 100002),
    "MissingAuthenticationToken": (401, 100003),
    "MissingRequestInfo": (400, 100004),
    "MissingSignature": (401, 100005),
    "InvalidTimestamp": (400, 100006),
    "ServiceNotFound": (404, 100007),
    "InvalidActionOrVersion": (404, 100008),
    "InvalidAccessKey": (401, 100009),
    "SignatureDoesNotMatch": (401, 100010),
    "FlowLimitExceeded": (429, None),
    "InternalError": (500, None),
    "InvalidParameter": (400, None),
    "QuotaExceeded": (400, None),
    "ResourceNotFound": (404, None),
    "InvalidSecurityToken": (401, None),
    "EntityNotExist.Role": (404, None),
    "AccessDenied": (403, None),
}


def norm_query(pairs):
    """Util.norm_query: sort by key (stable for repeated keys), RFC 3986 encode key and value."""
    return "&".join(rfc3986(k) + "=" + rfc3986(v) for k, v in sorted(pairs, key=lambda kv: kv[0]))


def norm_uri(path):
    return rfc3986(path or "/", safe="/-_.~").replace("+", "%20")


def signing_key(secret, date, region, service):
    k_date = hmac_sha256(secret, date)
    k_region = hmac_sha256(k_date, region)
    k_service = hmac_sha256(k_region, service)
    return hmac_sha256(k_service, "request")


def _request_id():
    # Volcengine request ids are a timestamp followed by hex digits.
    return time.strftime("%Y%m%d%H%M%S", time.gmtime()) + secrets.token_hex(9).upper()


class VolcengineError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class VolcengineHandler(VendorHandler):
    name = "volcengine"
    rate_limit = 20.0  # 20 QPS per API (reference)

    def matches(self, req):
        if req.headers.get("Authorization", "").startswith("HMAC-SHA256 "):
            return True
        query = req.query_dict()
        if query.get("Version") in VERSIONS and "Action" in query:
            return True
        # An unsigned/odd Volcengine call still carries Action in the query plus X-Date.
        return "Action" in query and "X-Date" in req.headers and "X-Sdk-Date" not in req.headers

    def action(self, req):
        return req.query_dict().get("Action", "")

    def is_mutating(self, action):
        return action in MUTATING

    # --- envelopes ---
    @staticmethod
    def _metadata(req, request_id):
        query = req.query_dict()
        return {"RequestId": request_id, "Action": query.get("Action", ""), "Version": query.get("Version", ""),
                "Service": STS_SERVICE if query.get("Action") == "AssumeRole" else SERVICE, "Region": REGION}

    def _error(self, req, code, message):
        status, code_n = GATEWAY_ERRORS.get(code, (400, None))
        meta = self._metadata(req, _request_id())
        err = {"Code": code, "Message": message}
        if code_n is not None:
            err = {"CodeN": code_n, "Code": code, "Message": message}
        meta["Error"] = err
        return json_reply(status, {"ResponseMetadata": meta})

    def _ok(self, req, result):
        return json_reply(200, {"ResponseMetadata": self._metadata(req, _request_id()), "Result": result})

    def error_reply(self, req, emu, kind, action):
        if kind == "throttle":
            return self._error(req, "FlowLimitExceeded", "Flow limit exceeded, please retry later.")
        if kind == "clock_skew":
            return self._error(req, "InvalidTimestamp", "The request has expired (X-Date is too far from the server time).")
        if kind == "gone":
            return self._error(req, "InvalidActionOrVersion", "Action %s with Version %s is not supported by service rtc."
                               % (action, req.query_dict().get("Version", "")))
        return self._error(req, "InternalError", "The request processing has failed due to some unknown error.")

    # --- authentication ---
    def _verify(self, req, emu):
        auth = req.headers.get("Authorization")
        if not auth:
            raise VolcengineError("MissingAuthenticationToken", "The request does not carry authentication information.")
        match = AUTH_RE.match(auth.strip())
        if not match:
            if "Signature=" not in auth:
                raise VolcengineError("MissingSignature", "The request signature is missing.")
            raise VolcengineError("SignatureDoesNotMatch", "The Authorization header is malformed.")
        credential, signed_headers, signature = match.groups()
        parts = credential.split("/")
        if len(parts) != 5 or not all(parts[:4]) or parts[4] != "request":
            raise VolcengineError("MissingRequestInfo", "The credential scope must be AK/date/region/service/request.")
        access_key, date, region, service = parts[:4]
        if not signature:
            raise VolcengineError("MissingSignature", "The request signature is missing.")
        if service != (STS_SERVICE if req.query_dict().get("Action") == "AssumeRole" else SERVICE):
            raise VolcengineError("ServiceNotFound", "Service %s is not found." % service)
        try:
            secret, emu.current_account = sts.signing_secret(emu, "volcengine", access_key,
                                                             req.headers.get("X-Security-Token"))
        except sts.KeyRefused as refused:
            if refused.kind == "unknown_key":
                raise VolcengineError("InvalidAccessKey", "The access key %s is invalid." % access_key) from None
            raise VolcengineError("InvalidSecurityToken", "The security token is invalid or expired.") from None
        x_date = req.headers.get("X-Date", "")
        when = parse_basic_date(x_date)
        if when is None:
            raise VolcengineError("InvalidTimestamp", "X-Date %r is not a valid timestamp." % x_date)
        if skew_seconds(emu, when) > MAX_SKEW:
            raise VolcengineError("InvalidTimestamp", "The request has expired: X-Date %s differs from the server time by more than 15 minutes." % x_date)
        names = signed_headers.split(";") if signed_headers else []
        mismatch = "The request signature we calculated does not match the signature you provided."
        if (names != sorted(names) or any(n != n.lower() for n in names) or "host" not in names
                or "x-date" not in names):
            raise VolcengineError("SignatureDoesNotMatch", mismatch + " (SignedHeaders must be sorted lower-case names including host and x-date)")
        if "X-Security-Token" in req.headers and "x-security-token" not in names:
            raise VolcengineError("SignatureDoesNotMatch", mismatch + " (X-Security-Token must be signed)")
        if date != x_date[:8] or region != REGION:
            raise VolcengineError("SignatureDoesNotMatch", mismatch + " (credential scope %s/%s/%s does not match X-Date or region %s)"
                                  % (date, region, service, REGION))
        body_hash = sha256_hex(req.body)
        sent_hash = req.headers.get("X-Content-Sha256")
        if sent_hash is not None and sent_hash != body_hash:
            raise VolcengineError("SignatureDoesNotMatch", mismatch + " (X-Content-Sha256 does not match the body)")
        lines = []
        for name in names:
            value = req.headers.get(name)
            if value is None:
                raise VolcengineError("SignatureDoesNotMatch", mismatch + " (signed header %s is missing)" % name)
            if name == "host" and (value.endswith(":80") or value.endswith(":443")):
                value = value.rsplit(":", 1)[0]
            lines.append("%s:%s\n" % (name, value))
        canonical = "\n".join([req.method, norm_uri(req.path), norm_query(req.query), "".join(lines),
                               signed_headers, body_hash])
        string_to_sign = "\n".join(["HMAC-SHA256", x_date, "/".join([date, region, service, "request"]),
                                    sha256_hex(canonical)])
        expected = hmac_sha256(signing_key(secret, date, region, service), string_to_sign).hex()
        if not constant_eq(expected, signature.lower()):
            raise VolcengineError("SignatureDoesNotMatch", mismatch)

    # --- the API ---
    def handle(self, req, emu):
        query = req.query_dict()
        try:
            if not query.get("Action") or not query.get("Version"):
                raise VolcengineError("MissingParameter", "The request must carry Action and Version query parameters.")
            self._verify(req, emu)
            action, version = query["Action"], query["Version"]
            if action == "AssumeRole" and version == STS_VERSION:
                return self._ok(req, self._assume_role(query, emu))
            if action not in ACTIONS or version not in VERSIONS:
                raise VolcengineError("InvalidActionOrVersion", "Action %s with Version %s is not supported by service rtc." % (action, version))
            # Like the gateway: GET carries parameters in the query, POST in a JSON body (query
            # parameters other than Action/Version are accepted too; the body wins).
            body = {k: v for k, v in req.query if k not in ("Action", "Version")}
            try:
                body.update(req.json_body() or {})
            except ValueError:
                raise VolcengineError("InvalidParameter", "The request body is not a JSON object.") from None
            state = emu.vendor_state(self.name)
            result = getattr(self, "_do_" + action)(body, state, emu)
            return self._ok(req, result)
        except VolcengineError as err:
            return self._error(req, err.code, err.message)

    @staticmethod
    def _assume_role(query, emu):
        """STS AssumeRole (2018-01-01): temporary credentials of a role in another account."""
        for name in ("RoleTrn", "RoleSessionName"):
            if not query.get(name):
                raise VolcengineError("MissingParameter", "%s is required." % name)
        if not SESSION_NAME_RE.match(query["RoleSessionName"]):
            raise VolcengineError("InvalidParameter", "RoleSessionName must be 1-64 letters, digits or .@=,_-.")
        duration = query.get("DurationSeconds") or "3600"
        if not duration.isdigit() or not 900 <= int(duration) <= 43200:
            raise VolcengineError("InvalidParameter", "DurationSeconds must be between 900 and 43200.")
        if emu.current_account is not None:
            raise VolcengineError("AccessDenied", "A temporary key cannot assume a role here (ours).")
        try:
            account, role = sts.find_role("volcengine", query["RoleTrn"])
            access_key, secret, token, expires = sts.assume(emu, "volcengine", account, role, duration)
        except sts.Refused as refused:
            raise VolcengineError(STS_REFUSALS[refused.kind], refused.message) from None
        return {"Credentials": {"CurrentTime": emu.now().strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                                "ExpiredTime": expires.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                                "AccessKeyId": access_key, "SecretAccessKey": secret, "SessionToken": token},
                "AssumedRoleUser": {"Trn": "trn:sts::%s:assumed-role/%s/%s" % (account, role, query["RoleSessionName"]),
                                    "AssumedRoleId": "%s:%s" % (secrets.token_hex(8), query["RoleSessionName"])}}

    def seed_one(self, emu, name, options):
        created = self._do_CreateApp({"AppName": name}, emu.vendor_state(self.name), emu)
        if options.get("status") is not None:
            # A state only the vendor sets (6: suspended for arrears).
            emu.vendor_state(self.name)["apps"][-1]["Status"] = int(options["status"])
        return created

    def initial_state(self):
        return {"apps": [], "owner": "2100%06d" % secrets.randbelow(10 ** 6)}

    @staticmethod
    def _public(app):
        return {"AppId": app["AppId"], "AppName": app["AppName"], "CreateAt": app["CreateAt"],
                "Status": app["Status"], "AppKey": app["AppKey"], "SecondaryAppKey": app["SecondaryAppKey"]}

    def _do_CreateApp(self, body, state, emu):  # pylint: disable=invalid-name
        name = body.get("AppName")
        if name is None or name == "":
            raise VolcengineError("InvalidParameter", "AppName is required.")
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise VolcengineError("InvalidParameter", "AppName must be 1-24 CJK characters, letters, digits or underscores.")
        project = body.get("ProjectName", "default")
        if not isinstance(project, str) or not project:
            raise VolcengineError("InvalidParameter", "ProjectName must be a non-empty string.")
        if len(state["apps"]) >= APP_QUOTA and not self.seeding:
            raise VolcengineError("QuotaExceeded", "An account can own at most %d RTC apps." % APP_QUOTA)
        now = emu.now()
        app = {"AppId": secrets.token_hex(12), "AppName": name, "AppKey": secrets.token_hex(16),
               "SecondaryAppKey": secrets.token_hex(16), "Status": STATUS_RUNNING,
               "CreateAt": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "ProjectName": project,
               "InstanceId": "Application_" + secrets.token_hex(8), "Seq": len(state["apps"])}
        state["apps"].append(app)
        return {"AppId": app["AppId"], "AppKey": app["AppKey"], "SecondaryAppKey": app["SecondaryAppKey"],
                "Name": name, "Owner": state["owner"], "InstanceStatus": app["Status"],
                "CreateDate": app["CreateAt"], "InstanceId": app["InstanceId"]}

    @staticmethod
    def _int_param(body, key, default, low, high):
        """Integers may arrive as JSON numbers or digit strings (Offset/Limit are documented as strings)."""
        value = body.get(key)
        if value is None or value == "":
            value = default
        if isinstance(value, (bool, float)):
            raise VolcengineError("InvalidParameter", "%s must be an integer." % key)
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise VolcengineError("InvalidParameter", "%s must be an integer." % key) from None
        if number < low or number > high:
            raise VolcengineError("InvalidParameter", "%s must be between %d and %d." % (key, low, high))
        return number

    def _do_ListApps(self, body, state, emu):  # pylint: disable=invalid-name,unused-argument
        limit = self._int_param(body, "Limit", 50, 1, 100)
        offset = self._int_param(body, "Offset", 0, 0, 10 ** 9)
        reverse = self._int_param(body, "Reverse", 0, 0, 1)
        apps = list(state["apps"])
        if body.get("AppId"):
            apps = [a for a in apps if a["AppId"] == body["AppId"]]
            if not apps:
                # RTC error table: an AppId that does not exist is an error, not an empty list.
                raise VolcengineError("InvalidParameter.NotExistAppId", "AppId %s does not exist." % body["AppId"])
        if body.get("ProjectName"):
            apps = [a for a in apps if a.get("ProjectName") == body["ProjectName"]]
        apps.sort(key=lambda a: a["Seq"], reverse=bool(reverse))
        page = apps[offset:offset + limit]
        return {"AppList": [self._public(a) for a in page], "Limit": limit, "Offset": offset, "Total": len(apps)}

    def _do_ModifyAppStatus(self, body, state, emu):  # pylint: disable=invalid-name,unused-argument
        app_id = body.get("AppId")
        if not app_id or not isinstance(app_id, str):
            raise VolcengineError("InvalidParameter", "AppId is required.")
        if "Status" not in body:
            raise VolcengineError("InvalidParameter", "Status is required.")
        status = self._int_param(body, "Status", None, 1, 2)
        app = next((a for a in state["apps"] if a["AppId"] == app_id), None)
        if app is None:
            raise VolcengineError("InvalidParameter.NotExistAppId", "AppId %s does not exist." % app_id)
        app["Status"] = STATUS_RUNNING if status == 1 else STATUS_DISABLED
        return "success"
