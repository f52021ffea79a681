# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Huawei Cloud APIG apps: vendor declaration, error mapping, a small client and the Resource.

Shared gateway (no ``instance_id``): ``/v1.0/apigw/apps``; dedicated gateway:
``/v2/{project_id}/apigw/instances/{instance_id}/apps``. Requests are signed with
SDK-HMAC-SHA256 and carry the headers the official SDK (huaweicloudsdkcore 3.1.219) signs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress
import json
import re
from urllib.parse import quote, urlsplit

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    MALFORMED_CODE,
    AUTH, CONFLICT, INVALID_PARAMETER, NOT_FOUND, QUOTA, SERVER, SIGNATURE, THROTTLED, CloudError, categorize,
    malformed_answer,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._assume_role import temporary_key
from ansible_collections.cloudapps.provision.plugins.module_utils._declarations import Credential, RoleOption, Sts, Vendor
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule
from ansible_collections.cloudapps.provision.plugins.module_utils._paging import collect
from ansible_collections.cloudapps.provision.plugins.module_utils._reconcile import Field, Resource
from ansible_collections.cloudapps.provision.plugins.module_utils._signers import sign_huawei
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import USER_AGENT

VENDOR_NAME = "Huawei Cloud"

SECURITY_TOKENS = "/v3.0/OS-CREDENTIAL/securitytokens"


def assume_role(transport, settings, base_keys):
    """IAM: a temporary key of an agency (POST /v3.0/OS-CREDENTIAL/securitytokens, method assume_role)."""
    key, secret, token = base_keys
    assume = {"agency_name": settings["agency_name"], "duration_seconds": settings["duration_seconds"]}
    if settings.get("domain_name"):
        assume["domain_name"] = settings["domain_name"]
    else:
        assume["domain_id"] = settings["domain_id"]
    body = json.dumps({"auth": {"identity": {"methods": ["assume_role"], "assume_role": assume}}},
                      separators=(",", ":")).encode("utf-8")
    host = urlsplit(settings["endpoint"]).netloc

    def prepare():
        signed = sign_huawei(access_key=key, secret_key=secret, method="POST", host=host, path=SECURITY_TOKENS,
                             query=[], headers={"Content-Type": CT_BODY, "User-Agent": USER_AGENT}, body=body,
                             x_sdk_date=datetime.datetime.now(datetime.timezone.utc).strftime(ALGORITHM_DATE_FORMAT),
                             security_token=token)
        return "POST", settings["endpoint"] + SECURITY_TOKENS, signed.headers, signed.body

    data = transport.call(prepare, parse_response, "CreateTemporaryAccessKeyByAgency")
    found = data.get("credential") if isinstance(data, dict) else None
    found = found if isinstance(found, dict) else {}
    return temporary_key(VENDOR_NAME, transport, found.get("access"), found.get("secret"),
                         found.get("securitytoken"), found.get("expires_at"))


VENDOR = Vendor(
    name=VENDOR_NAME,
    credentials=(
        # The AK is an id, not a secret: no_log=False keeps it readable in output.
        Credential("access_key", ("HUAWEICLOUD_SDK_AK", "HW_ACCESS_KEY"), False, True, ()),
        Credential("secret_key", ("HUAWEICLOUD_SDK_SK", "HW_SECRET_KEY"), True, True, ()),
        Credential("security_token", ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "HW_SECURITY_TOKEN"), True, False, ()),
        Credential("project_id", ("HUAWEICLOUD_SDK_PROJECT_ID", "HW_PROJECT_ID"), False, False, ()),
    ),
    region_env=("HUAWEICLOUD_REGION", "HW_REGION_NAME"),
    default_region=None,
    endpoint_env=("CLOUDAPPS_HUAWEICLOUD_ENDPOINT",),
    endpoint_for=lambda region: "https://apig.%s.myhuaweicloud.com" % region,
    # APIG publishes no rate for its management API; 10/s is Huawei's usual per-API figure.
    rate_limit=10.0,
    # Environment variables as the Huawei Cloud Terraform provider names them; the IAM endpoint the SDK's.
    sts=Sts(options=(RoleOption("agency_name", ("HW_ASSUME_ROLE_AGENCY_NAME",)),
                     RoleOption("domain_name", ("HW_ASSUME_ROLE_DOMAIN_NAME",)),
                     RoleOption("domain_id", ("HW_ASSUME_ROLE_DOMAIN_ID",)),
                     RoleOption("duration_seconds", ("HW_ASSUME_ROLE_DURATION",)),
                     RoleOption("endpoint", ("HUAWEICLOUD_SDK_IAM_ENDPOINT",))),
            key_options=("access_key", "secret_key", "security_token"),
            default_endpoint="https://iam.myhuaweicloud.com", durations=(900, 86400), rate_limit=10,
            assume=assume_role,
            other_login_env=()),
)

# Ordered (code, category); codes are matched exactly or as a dotted prefix by categorize().
CODE_RULES = (
    ("APIGW.0301", SIGNATURE),
    ("APIG.0301", SIGNATURE),
    ("APIGW.0308", THROTTLED),
    ("APIG.0308", THROTTLED),
    ("APIG.1002", AUTH),
    ("APIG.1005", AUTH),
    ("APIG.2011", INVALID_PARAMETER),
    ("APIG.2012", INVALID_PARAMETER),
    ("APIG.3004", NOT_FOUND),
    ("APIG.3030", NOT_FOUND),
    # Huawei APIG error-code appendix: 3203 app name exists, 3310 AppKey exists (both HTTP 400),
    # 3103 app count limit, 3100 a quota (both HTTP 403, so the status alone would say auth).
    ("APIG.3203", CONFLICT),
    ("APIG.3310", CONFLICT),
    ("APIG.3103", QUOTA),
    ("APIG.3100", QUOTA),
    # Credential quotas (app-quotas) pages: 3093 the quota does not exist (404), 3325 its name exists (400).
    ("APIG.3093", NOT_FOUND),
    ("APIG.3325", CONFLICT),
    ("APIG.9999", SERVER),
)

# APIGW.0301 covers both a bad signature and credentials that cannot work at all; the message
# tells them apart ("... ak not exist", "AK access failed to reach the limit, forbidden",
# "decrypt token fail" are credential problems, not signature or clock problems).
_AUTH_HINTS = ("ak not exist", "forbidden", "token", "authorization header not found")
APP_NOT_FOUND = "APIG.3004"

ALGORITHM_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
# The SDK sends a charset for calls with a JSON body (create/update/reset), lower-cased by
# http_utils.select_header_content_type, and plain
# application/json for GET and DELETE (huaweicloudsdkapig.v2.apig_client *_http_info).
CT_BODY = "application/json;charset=utf-8"
CT_NOBODY = "application/json"
PAGE_SIZE = 500
MAX_PAGES = 20

# Letters are ASCII letters; CJK is the range the API reference names (UTF-8 Chinese characters).
_CJK = u"\u4e00-\u9fa5"
NAME_RE = re.compile(u"^[A-Za-z%s][A-Za-z0-9_%s]*" % (_CJK, _CJK) + r"\Z")
# App codes (console guide; the SDK model has no pattern): 64-180 characters.
APP_CODE_RE = re.compile(r"[A-Za-z0-9+/][A-Za-z0-9+_!@#$%/=]{63,179}")
KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*\Z")
SECRET_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-!@#$%]*\Z")
NAME_LEN = (3, 64)
# Gateway instance ids are 32 hex digits; the rule is kept loose, the point is no path tricks.
_INSTANCE_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
REMARK_MAX = 255
# (min, max) characters: shared gateway v1.0, dedicated gateway v2 (SDK model AppCreate).
KEY_LEN = {"v1": (8, 64), "v2": (8, 200)}
SECRET_LEN = {"v1": (8, 64), "v2": (8, 128)}


def error_category(http_status, code, message):
    category = categorize(CODE_RULES, http_status, code)
    if category == SIGNATURE and any(hint in (message or "").lower() for hint in _AUTH_HINTS):
        return AUTH
    return category


def parse_response(response):
    """(data, request_id) of a 2xx answer; CloudError for anything else."""
    headers = response.headers or {}
    request_id = headers.get("X-Request-Id")
    data = response.json_or_none()
    if isinstance(data, dict) and data.get("request_id"):
        request_id = data["request_id"]
    if 200 <= response.status < 300:
        if response.body and data is None:
            raise CloudError("malformed answer from %s: not JSON (HTTP %s)" % (VENDOR_NAME, response.status),
                             code=MALFORMED_CODE, request_id=request_id, category=SERVER, vendor=VENDOR_NAME,
                             http_status=response.status, malformed=True)
        return data, request_id
    code = message = None
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        # IAM's OS-CREDENTIAL calls answer the Keystone way: {"error": {"code", "message", "title"}}.
        data = dict(data["error"], code=str(data["error"].get("code") or response.status))
    if isinstance(data, dict):
        code = data.get("error_code") or data.get("code")
        message = data.get("error_msg") or data.get("message") or data.get("msg")
    if not message:
        text = (response.body or b"").decode("utf-8", "replace").strip()
        message = text[:300] if text else "HTTP %s without an error body" % response.status
    raise CloudError(message, code=code, request_id=request_id, category=error_category(response.status, code, message),
                     vendor=VENDOR_NAME, http_status=response.status)


def family_of(params):
    """v2 for a dedicated gateway (instance_id), v1 for the shared gateway (opt-in), else None."""
    if params.get("instance_id"):
        return "v2"
    return "v1" if params.get("shared_gateway") else None


# The gateway the apps are on: options of every Huawei module (documented in huaweicloud_gateway).
GATEWAY_OPTIONS = dict(instance_id=dict(type="str"), shared_gateway=dict(type="bool", default=False))

# Huawei APIG user guide: "Shared Gateway (for Existing Users)"; new accounts get dedicated gateways.
GATEWAY_REQUIRED = ("instance_id: required: give the id of your dedicated gateway (and project_id). Huawei's "
                    "shared gateway (v1.0) is for existing users only and is being retired; to keep using it, "
                    "set shared_gateway=true instead")


def scope_problems(params):
    """Problems with the gateway choice and the id: what every module of these apps checks."""
    problems = []
    if params.get("instance_id") and params.get("shared_gateway"):
        problems.append("shared_gateway: cannot be true together with instance_id; instance_id selects a dedicated "
                        "gateway, shared_gateway the shared one")
    elif family_of(params) is None and params.get("instance_id") is None:
        problems.append(GATEWAY_REQUIRED)
    if params.get("instance_id") is not None and not params["instance_id"].strip():
        problems.append("instance_id: must not be empty")
    elif params.get("instance_id") and not _INSTANCE_RE.fullmatch(params["instance_id"]):
        problems.append("instance_id: must be a gateway instance id, letters, digits, '_' and '-' (got %r)"
                        % params["instance_id"])
    if params.get("instance_id") and not params.get("project_id"):
        problems.append("project_id: is required with instance_id (the dedicated gateway API paths carry the project id); "
                        "set it or HUAWEICLOUD_SDK_PROJECT_ID / HW_PROJECT_ID")
    if params.get("id") is not None and not params["id"].strip():
        problems.append("id: must not be empty")
    return problems


def validate_params(params):
    """Every input problem, each naming the option and the rule; [] when the input is fine."""
    problems = scope_problems(params)
    family = family_of(params)
    name = params.get("name")
    if name is not None:
        if not NAME_LEN[0] <= len(name) <= NAME_LEN[1]:
            problems.append("name: must be %d to %d characters long (got %d)" % (NAME_LEN + (len(name),)))
        if not NAME_RE.match(name):
            problems.append("name: must start with a letter or a Chinese character and contain only letters, digits, "
                            "underscores and Chinese characters (got %r)" % name)
    description = params.get("description")
    if description is not None and len(description) > REMARK_MAX:
        problems.append("description: must be at most %d characters long (got %d)" % (REMARK_MAX, len(description)))
    if family is not None:
        problems.extend(_check_credential("app_key", params.get("app_key"), KEY_LEN[family], KEY_RE,
                                          "letters, digits, '_' and '-'", family))
        problems.extend(_check_credential("app_secret", params.get("app_secret"), SECRET_LEN[family], SECRET_RE,
                                          "letters, digits and the characters _-!@#$%", family))
    return problems


def _check_credential(option, value, bounds, pattern, allowed, family):
    if value is None:
        return []
    problems = []
    gateway = "a dedicated gateway (instance_id set)" if family == "v2" else "the shared gateway"
    if not bounds[0] <= len(value) <= bounds[1]:
        problems.append("%s: must be %d to %d characters long on %s (got %d)" % (option, bounds[0], bounds[1], gateway, len(value)))
    if not pattern.match(value):
        # Never echo the value: it is secret.
        problems.append("%s: must start with a letter or digit and contain only %s" % (option, allowed))
    return problems


def normalize_acl(option):
    """The ``acl`` option as the resource holds it: ``{}`` (no list) or ``{type, values}`` (as given)."""
    if not option or not option.get("values"):
        return {}
    return {"type": option.get("type"), "values": list(option["values"])}


def same_acl(current, wanted):
    current = current or {}
    if not wanted:
        return not current
    return current.get("type") == wanted["type"] and sorted(current.get("values") or []) == sorted(wanted["values"])


def acl_problems(option):
    """Every problem of the ``acl`` option, naming the value; no call is made."""
    if option is None:
        return []
    values = option.get("values") or []
    problems = []
    if values and option.get("type") not in ("PERMIT", "DENY"):
        problems.append("acl.type: PERMIT (only these addresses may call) or DENY (these may not) is required with "
                        "acl.values")
    if not values and option.get("type"):
        problems.append("acl.values: give at least one address with acl.type, or neither to remove the app's list")
    for value in values:
        if not _acl_value_ok(value):
            problems.append("acl.values: %r is not an IP address, a CIDR block (host bits zero, such as 10.0.0.0/8) "
                            "or a range a-b with a <= b" % value)
    if len(set(values)) != len(values):
        problems.append("acl.values: an address is given twice")
    return problems


def _acl_value_ok(value):
    try:
        if "-" in value:
            low, high = (ipaddress.ip_address(part.strip()) for part in value.split("-", 1))
            return low.version == high.version and low <= high and value == value.strip()
        ipaddress.ip_network(value, strict=True)
        return True
    except ValueError:
        return False


class HuaweiClient:
    """Signs and sends APIG calls through the shared transport."""

    def __init__(self, module):
        self.module = module
        params = module.params
        self.base_url = module.base_url
        self.host = urlsplit(self.base_url).netloc
        self.project_id = params.get("project_id") or None
        if params.get("instance_id"):
            self.apps_path = "/v2/%s/apigw/instances/%s/apps" % (
                quote(self.project_id, safe=""), quote(params["instance_id"], safe=""))
        else:
            self.apps_path = "/v1.0/apigw/apps"

    def app_path(self, app_id):
        # Path parameters are percent-encoded like the SDK does (quote(str(v), safe='')).
        return "%s/%s" % (self.apps_path, quote(str(app_id), safe=""))

    def secret_path(self, app_id):
        """The reset-secret call of either gateway: .../apps/secret/{app_id}."""
        return "%s/secret/%s" % (self.apps_path, quote(str(app_id), safe=""))

    def call(self, action, method, path, query=None, body=None, mutating=False, idempotent=False):
        payload = b""
        if body is not None:
            payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

        def prepare():
            key, secret, token = self.module.signing_keys()
            signed = sign_huawei(
                access_key=key, secret_key=secret, method=method, host=self.host,
                path=path, query=list(query or []),
                headers={"Content-Type": CT_BODY if body is not None else CT_NOBODY, "User-Agent": USER_AGENT},
                body=payload,
                x_sdk_date=datetime.datetime.now(datetime.timezone.utc).strftime(ALGORITHM_DATE_FORMAT),
                security_token=token, project_id=self.project_id)
            url = self.base_url + path + ("?" + signed.query if signed.query else "")
            return method, url, signed.headers, signed.body

        return self.module.transport.call(prepare, parse_response, action, mutating=mutating, idempotent=idempotent)


# --- app quotas (dedicated gateways): the app module binds them, huaweicloud_apig_app_quota manages them ---
# Codes that mean the gateway or the path is wrong, never "this quota is gone".
_NOT_THE_QUOTA = ("APIG.3030", "APIGW.0101")


def quotas_path(client):
    return client.apps_path[:-len("/apps")] + "/app-quotas"


def quota_path(client, quota_id):
    return "%s/%s" % (quotas_path(client), quote(str(quota_id), safe=""))


def list_quotas(client, module, name=None):
    """Every app quota of the gateway (all pages); ``name`` narrows the listing (a fuzzy match)."""
    def fetch(page):
        query = [("limit", PAGE_SIZE), ("offset", page.offset)] + ([("name", name)] if name else [])
        data = client.call("ListAppQuotas", "GET", quotas_path(client), query=sorted(query))
        data = data if isinstance(data, dict) else {}
        return data.get("quotas"), data.get("total")
    return collect(fetch, PAGE_SIZE, MAX_PAGES, VENDOR_NAME, "ListAppQuotas", lambda: module.request_ids)


def bound_quota(client, app_id):
    """The id of the quota ``app_id`` is bound to, or None."""
    path = "%s/%s/bound-quota" % (client.apps_path, quote(str(app_id), safe=""))
    data = client.call("ShowAppBoundAppQuota", "GET", path)
    return (data or {}).get("app_quota_id") or None if isinstance(data, dict) else None


def bind(client, quota_id, app_id):
    """Bind the app; a bind whose answer was lost is done when the app's bound quota says so (never sent twice)."""
    try:
        client.call("AssociateAppsForAppQuota", "POST", quota_path(client, quota_id) + "/binding-apps",
                    body={"app_ids": [app_id]}, mutating=True)
    except CloudError as error:
        if not error.may_have_applied or bound_quota(client, app_id) != quota_id:
            raise


def unbind(client, quota_id, app_id):
    try:
        client.call("DisassociateAppQuotaWithApp", "DELETE", "%s/bound-apps/%s" % (
            quota_path(client, quota_id), quote(str(app_id), safe="")), mutating=True, idempotent=True)
    except CloudError as error:
        if error.category != NOT_FOUND or error.code in _NOT_THE_QUOTA:
            raise


class HuaweiApigApp(Resource):
    kind = "app"
    title = "Huawei Cloud APIG app"
    id_key = "id"
    # The AppKey identifies the app (like an access key id); only the AppSecret is secret.
    FIELDS = (
        Field("name", "name", "name"),
        Field("remark", "description", "remark"),
        Field("app_key", wire="app_key"),
        Field("app_secret", wire="app_secret", secret=True),
        # App codes (dedicated gateways): your value, or one the gateway generates; set through the
        # app-codes calls. app_code is the newest code; app_codes all of them, with ids and times.
        Field("app_code", secret=True),
        Field("has_app_code", "generate_app_code"),
        Field("app_codes", None, secret=True),
        # The app's access list (dedicated gateways): {type, values}; {} is none.
        Field("acl", normalize=normalize_acl, same=same_acl),
        # The app quota it is bound to (at most one): its name ("" none), and its id.
        Field("quota"),
        Field("quota_id", None),
    )
    store_vendor = "huaweicloud"
    store_fields = (("app_key", "app_key"), ("app_secret", "app_secret"), ("app_code", "app_code"))
    rotate_key = "app_secret"
    # The app's update_time: a secret reset sets it, and so does any other change of the app.
    secret_time_key = "update_time"
    # Each gateway instance (and the shared gateway) has apps of its own.
    list_scope = ("instance_id", "shared_gateway")
    # An item on the shared gateway does not take the task's (the role's) dedicated gateway.
    item_overrides = {"shared_gateway": ("instance_id",)}

    def __init__(self, module, params=None):
        super(HuaweiApigApp, self).__init__(module, params)
        self._client = None

    @property
    def client(self):
        if self._client is None:
            self._client = HuaweiClient(self.module)
        return self._client

    def validate(self):
        problems = validate_params(self.params)
        code = self.params.get("app_code")
        if code is not None and not APP_CODE_RE.fullmatch(code):
            # Never echo the value: it is secret.
            problems.append("app_code: must be 64 to 180 characters: letters, digits and + _ ! @ # $ %% / =, starting "
                            "with a letter, a digit, '+' or '/' (the value is not shown)")
        if (code is not None or self.params.get("generate_app_code")) and family_of(self.params) != "v2":
            problems.append("app_code: app codes exist on dedicated gateways only (instance_id); the shared gateway "
                            "has none")
        problems.extend(acl_problems(self.params.get("acl")))
        if self.params.get("quota") and family_of(self.params) != "v2":
            problems.append("quota: app quotas exist on dedicated gateways only (instance_id)")
        if self.params.get("acl") is not None and family_of(self.params) != "v2":
            problems.append("acl: app access lists exist on dedicated gateways only (instance_id)")
        if code is not None and self.params.get("generate_app_code"):
            problems.append("generate_app_code: cannot be combined with app_code; app_code sets your own value")
        return problems

    def desired(self):
        wanted = super(HuaweiApigApp, self).desired()
        # generate_app_code=false asks for nothing (it does not remove codes).
        if not wanted.get("has_app_code"):
            wanted.pop("has_app_code", None)
        return wanted

    def scope_problems(self):
        return scope_problems(self.params)

    def _codes_path(self, app_id, code_id=None):
        path = "%s/%s/app-codes" % (self.client.apps_path, quote(str(app_id), safe=""))
        return path + ("/%s" % quote(str(code_id), safe="") if code_id else "")

    def _codes(self, app_id):
        """The app's codes, oldest first; none on the shared gateway (it has no app codes)."""
        if family_of(self.params) != "v2":
            return []

        def fetch(page):
            data = self.client.call("ListAppCodes", "GET", self._codes_path(app_id),
                                    query=[("limit", PAGE_SIZE), ("offset", page.offset)])
            data = data if isinstance(data, dict) else {}
            return data.get("app_codes"), data.get("total")
        rows = collect(fetch, PAGE_SIZE, MAX_PAGES, VENDOR_NAME, "ListAppCodes", lambda: self.module.request_ids)
        codes = [dict(id=row.get("id"), app_code=row.get("app_code"), created=row.get("create_time"))
                 for row in rows if isinstance(row, dict) and row.get("id")]
        return sorted(codes, key=lambda code: code["created"] or "")

    @staticmethod
    def _with_codes(current, codes):
        return dict(current, app_codes=codes, app_code=codes[-1]["app_code"] if codes else None,
                    has_app_code=bool(codes))

    def complete(self, current, keys):
        if current.get(self.id_key) and "app_codes" not in current and \
                any(key in ("app_code", "app_codes", "has_app_code") for key in keys):
            current = self._with_codes(current, self._codes(current[self.id_key]))
        if current.get(self.id_key) and "acl" in keys and "acl" not in current:
            current = dict(current, acl=self._acl(current[self.id_key]))
        if current.get(self.id_key) and "quota" in keys and "quota" not in current:
            current = dict(current, **self._bound(current[self.id_key]))
        return current

    def _bound(self, app_id):
        quota_id = bound_quota(self.client, app_id) if family_of(self.params) == "v2" else None
        names = dict((q.get("app_quota_id"), q.get("name")) for q in self._quotas()) if quota_id else {}
        return {"quota": names.get(quota_id, quota_id) if quota_id else "", "quota_id": quota_id}

    # --- the app quota it is bound to ---
    def _quotas(self):
        """The gateway's app quotas, listed once per task and gateway."""
        key = ("huawei_quotas", self.params.get("instance_id"))
        with self.module.shared_lock:
            if key not in self.module.shared_reads:
                self.module.shared_reads[key] = [row for row in list_quotas(self.client, self.module) if isinstance(row, dict)]
            return self.module.shared_reads[key]

    def _quota_named(self, wanted):
        found = [q for q in self._quotas() if wanted in (q.get("app_quota_id"), q.get("name"))]
        if not found:
            raise CloudError("quota: no app quota named or with id %r on gateway %s; create it with "
                             "cloudapps.provision.huaweicloud_apig_app_quota first"
                             % (wanted, self.params.get("instance_id")), category=INVALID_PARAMETER, vendor=VENDOR_NAME)
        return found[0]

    def create_problem(self):
        if self.params.get("quota"):
            try:
                self._quota_named(self.params["quota"])
            except CloudError as error:
                return error.message
        return None

    def has_authorizations(self):
        # app-auths are the dedicated gateway's calls.
        return family_of(self.params) == "v2"

    def fence_keys(self):
        # One app-acl and one bound-quota read per app (and one quota listing), on a dedicated gateway.
        return ["acl", "quota"] if family_of(self.params) == "v2" else []

    def _acl_path(self, app_id):
        return "%s/%s/app-acl" % (self.client.apps_path, quote(str(app_id), safe=""))

    def _acl(self, app_id):
        """The app's access list: {} when it has none."""
        if family_of(self.params) != "v2":
            return {}
        data = self.client.call("ShowDetailsOfAppAcl", "GET", self._acl_path(app_id))
        data = data if isinstance(data, dict) else {}
        values = data.get("app_acl_values") or []
        return {"type": data.get("app_acl_type"), "values": list(values)} if values else {}

    def changes(self, current, desired):
        found = super(HuaweiApigApp, self).changes(current, desired)
        found.pop("quota", None)
        if "quota" in desired:
            wanted = desired["quota"]
            target = self._quota_named(wanted) if wanted else None
            if (target or {}).get("app_quota_id") != current.get("quota_id"):
                found["quota"] = target.get("name") if target else ""
        codes = [code["app_code"] for code in current.get("app_codes") or []]
        if "app_code" in desired and codes == [desired["app_code"]]:
            found.pop("app_code", None)
        elif "app_code" in desired:
            found["app_code"] = desired["app_code"]
        return found

    def _set_codes(self, app_id, keep_new, generate, value=None):
        """Add a code (``value``, or generated), then delete every other: the new one is then the app's only code."""
        before = self._codes(app_id)
        if generate:
            self.client.call("CreateAppCodeAuto", "PUT", self._codes_path(app_id), mutating=True)
        else:
            self.client.call("CreateAppCode", "POST", self._codes_path(app_id), body={"app_code": value}, mutating=True)
        old = set(code["id"] for code in before)
        codes = self._codes(app_id)
        if keep_new:
            for code in codes:
                if code["id"] in old:
                    self._delete_code(app_id, code["id"])
            codes = [code for code in codes if code["id"] not in old]
        return codes

    def _set_acl(self, app_id, acl):
        # The PUT replaces the whole list and the DELETE removes it: sent twice, the end state is the same.
        if not acl:
            try:
                self.client.call("DeleteAppAcl", "DELETE", self._acl_path(app_id), mutating=True, idempotent=True)
            except CloudError as error:
                if error.category != NOT_FOUND or error.code == APP_NOT_FOUND:
                    raise
            return {}
        self.client.call("UpdateAppAcl", "PUT", self._acl_path(app_id), mutating=True, idempotent=True,
                         body={"app_acl_type": acl["type"], "app_acl_values": acl["values"]})
        return dict(acl)

    def _delete_code(self, app_id, code_id):
        try:
            self.client.call("DeleteAppCode", "DELETE", self._codes_path(app_id, code_id), mutating=True)
        except CloudError as error:
            if error.category != NOT_FOUND:
                raise

    def is_missing(self, error):
        # Only "app does not exist": a missing instance (APIG.3030) or a wrong endpoint (APIGW.0101)
        # must fail rather than be read as "already gone".
        return error.code == APP_NOT_FOUND

    def list_all(self, **filters):
        family = family_of(self.params)
        name = filters.get("name")
        # Without precise_search the name filter is a fuzzy match: enough to narrow a prefix.
        if name is not None:
            by_name = [("name", name), ("precise_search", "name")]
        else:
            by_name = [("name", filters["name_prefix"])] if filters.get("name_prefix") else []

        def fetch(page):
            if family == "v2":
                query = [("limit", PAGE_SIZE), ("offset", page.offset)]
            else:
                query = [("page_no", page.number), ("page_size", PAGE_SIZE)]
            # Sorted, as the SDK sends the query.
            data = self.client.call("ListApps", "GET", self.client.apps_path, query=sorted(query + by_name))
            data = data if isinstance(data, dict) else {}
            return data.get("apps"), data.get("total")
        apps = collect(fetch, PAGE_SIZE, MAX_PAGES, VENDOR_NAME, "ListApps", lambda: self.module.request_ids)
        # precise_search already filters; the exact compare guards against a fuzzy server.
        return [dict(app) for app in apps if name is None or app.get("name") == name]

    def find_by_id(self, resource_id):
        try:
            app = self.client.call("ShowApp", "GET", self.client.app_path(resource_id))
        except CloudError as error:
            if self.is_missing(error):
                return []
            raise
        if not isinstance(app, dict) or not app.get("id"):
            raise malformed_answer(VENDOR_NAME, "ShowApp", (self.module.request_ids or [None])[-1],
                                   "the answer has no app where the vendor documents one")
        return [dict(app)]

    def create(self, desired):
        body = self.to_wire(desired)
        answer = self.client.call("CreateApp", "POST", self.client.apps_path, body=body, mutating=True)
        # A malformed answer (no id) is resolved by the caller like a lost one.
        created = dict(answer) if isinstance(answer, dict) else {}
        if created and family_of(self.params) == "v2":
            # A new app has no codes, access list or quota: nothing to read back before setting them.
            created = self._with_codes(dict(created, acl={}, quota="", quota_id=None), [])
        return created

    def update(self, current, changes):
        # PUT replaces the app: name is required and a missing remark would clear it, so both are
        # always sent; the key only when it changes. The secret goes through the reset call: the
        # update body takes it only when the gateway's custom-secret feature is on.
        app = dict(current)
        fields = dict((key, value) for key, value in changes.items() if key in ("name", "remark", "app_key"))
        if fields:
            merged = dict(current, **fields)
            body = {"name": merged["name"], "remark": merged.get("remark") or ""}
            if "app_key" in fields:
                body["app_key"] = fields["app_key"]
            updated = self.client.call("UpdateApp", "PUT", self.client.app_path(current["id"]), body=body,
                                       mutating=True)
            app = dict(app, **(updated or merged))
        if "app_secret" in changes:
            app = self._reset_secret(app, changes["app_secret"])
        if "acl" in changes:
            app = dict(app, acl=self._set_acl(app[self.id_key], changes["acl"]))
        if "quota" in changes:
            # One quota per app: leave the old one first. The plan named the quota; the listing is the task's.
            if current.get("quota_id"):
                unbind(self.client, current["quota_id"], app[self.id_key])
            target = self._quota_named(changes["quota"]) if changes["quota"] else None
            if target:
                bind(self.client, target["app_quota_id"], app[self.id_key])
            app = dict(app, quota=changes["quota"], quota_id=(target or {}).get("app_quota_id"))
        if "app_code" in changes:
            app = self._with_codes(app, self._set_codes(app[self.id_key], True, False, changes["app_code"]))
        elif changes.get("has_app_code"):
            app = self._with_codes(app, self._set_codes(app[self.id_key], False, True))
        return app

    def rotate(self, current):
        app = self._reset_secret(current, None)
        if self.params.get("generate_app_code") and current.get("app_codes"):
            # Generated codes are rotated with the secret, a cut like it: a new one, the others deleted.
            app = self._with_codes(app, self._set_codes(app[self.id_key], True, True))
        return app

    def _reset_secret(self, current, secret):
        """Reset the AppSecret: to ``secret``, or to one the gateway generates (an empty body)."""
        body = {"app_secret": secret} if secret is not None else {}
        answer = self.client.call("ResetAppSecret", "PUT", self.client.secret_path(current["id"]), body=body,
                                  mutating=True) or {}
        app = dict(current, **answer)
        if secret is not None:
            app["app_secret"] = secret
        elif not answer.get("app_secret"):
            app["app_secret"] = None
            app = self.complete(app, ["app_secret"])
        return app

    def delete(self, current):
        return self.delete_with(current, lambda: self.client.call(
            "DeleteApp", "DELETE", self.client.app_path(current["id"]), mutating=True))


def run_apig_app():
    """The whole of the module huaweicloud_apig_app (also run in one process with others by run_modules)."""
    # Imported here: that file imports this one.
    from ansible_collections.cloudapps.provision.plugins.module_utils._huaweicloud_authorization import ENTRY_SPEC, HuaweiAppAuthorizations
    module = CloudAppsModule(
        VENDOR,
        argument_spec=dict(
            GATEWAY_OPTIONS,
            description=dict(type="str", aliases=["remark"]),
            # The AppKey identifies the app, like an access key id: not a secret, keep it readable.
            app_key=dict(type="str", no_log=False),
            app_secret=dict(type="str", no_log=True),
            app_code=dict(type="str", no_log=True),
            generate_app_code=dict(type="bool"),
            quota=dict(type="str"),
            acl=dict(type="dict", options=dict(type=dict(type="str", choices=["PERMIT", "DENY"]),
                                               values=dict(type="list", elements="str"))),
            authorizations=dict(type="list", elements="dict", options=ENTRY_SPEC),
        ),
    )
    module.run(HuaweiApigApp, authorizations=HuaweiAppAuthorizations)
