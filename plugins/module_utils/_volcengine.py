# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Volcengine RTC apps: vendor declaration, error table, a small client and the Resource."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import time

from ansible.module_utils.six.moves.urllib.parse import urlsplit

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    MALFORMED_CODE,
    AUTH, INVALID_PARAMETER, NOT_FOUND, QUOTA, SERVER, SIGNATURE, THROTTLED, CloudError, categorize,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._assume_role import temporary_key
from ansible_collections.cloudapps.provision.plugins.module_utils._declarations import Credential, RoleOption, Sts, Vendor
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule
from ansible_collections.cloudapps.provision.plugins.module_utils._paging import collect
from ansible_collections.cloudapps.provision.plugins.module_utils._reconcile import Field, Resource
from ansible_collections.cloudapps.provision.plugins.module_utils._secret_store import fingerprint
from ansible_collections.cloudapps.provision.plugins.module_utils._signers import sign_volcengine
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import USER_AGENT

VENDOR_NAME = "Volcengine"
API_HOST = "rtc.volcengineapi.com"
API_VERSION = "2023-11-01"
SERVICE = "rtc"

STS_VERSION = "2018-01-01"


def assume_role(transport, settings, base_keys):
    """STS AssumeRole (2018-01-01, GET, service sts in cn-north-1): the role's temporary key."""
    key, secret, token = base_keys
    endpoint = settings["endpoint"]
    host = urlsplit(endpoint).netloc
    query = {"Action": "AssumeRole", "Version": STS_VERSION, "RoleTrn": settings["role_trn"],
             "RoleSessionName": settings["session_name"], "DurationSeconds": settings["duration_seconds"]}
    if settings.get("policy"):
        query["Policy"] = settings["policy"]

    def prepare():
        signed = sign_volcengine(access_key=key, secret_key=secret, method="GET", host=host, path="/", query=query,
                                 headers={"Host": host}, body=b"", x_date=time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()),
                                 session_token=token, region="cn-north-1", service="sts")
        return "GET", "%s/?%s" % (endpoint, signed.query), dict(signed.headers, **{"User-Agent": USER_AGENT}), b""

    result = transport.call(prepare, parse_response, "AssumeRole")
    found = (result or {}).get("Credentials") if isinstance(result, dict) else None
    found = found if isinstance(found, dict) else {}
    return temporary_key(VENDOR_NAME, transport, found.get("AccessKeyId"), found.get("SecretAccessKey"),
                         found.get("SessionToken"), found.get("ExpiredTime"))


VENDOR = Vendor(
    name=VENDOR_NAME,
    credentials=(
        Credential("access_key", ("VOLCENGINE_ACCESS_KEY", "VOLC_ACCESSKEY"), False, True, ()),
        Credential("secret_key", ("VOLCENGINE_SECRET_KEY", "VOLC_SECRETKEY"), True, True, ()),
        Credential("session_token", ("VOLCENGINE_SESSION_TOKEN",), True, False, ()),
    ),
    region_env=("VOLCENGINE_REGION",),
    default_region="cn-north-1",
    endpoint_env=("CLOUDAPPS_VOLCENGINE_ENDPOINT",),
    # The region is only part of the signing scope; RTC has one host for every account.
    endpoint_for=lambda region: "https://" + API_HOST,
    rate_limit=20,
    # Environment variables as the Volcengine Terraform provider names them.
    sts=Sts(options=(RoleOption("role_trn", ("VOLCENGINE_ASSUME_ROLE_TRN",)),
                     RoleOption("session_name", ("VOLCENGINE_ASSUME_ROLE_SESSION_NAME",)),
                     RoleOption("duration_seconds", ("VOLCENGINE_ASSUME_ROLE_DURATION_SECONDS",)),
                     RoleOption("policy", ("VOLCENGINE_ASSUME_ROLE_POLICY",)),
                     RoleOption("endpoint", ("VOLCENGINE_STS_ENDPOINT",))),
            key_options=("access_key", "secret_key", "session_token"),
            default_endpoint="https://sts.volcengineapi.com", durations=(900, 43200), rate_limit=10,
            assume=assume_role,
            other_login_env=()),
)

# Gateway codes from the Volcengine/BytePlus common error table. Codes not listed fall back to
# the HTTP status (429 throttled, 5xx server, ...), which is what the reference advises for the
# throttling and 5xx code names it could not confirm.
CODE_RULES = (
    ("InvalidTimestamp", SIGNATURE),
    ("SignatureDoesNotMatch", SIGNATURE),
    ("MissingSignature", SIGNATURE),
    ("MissingRequestInfo", SIGNATURE),
    ("InvalidAccessKey", AUTH),
    ("MissingAuthenticationToken", AUTH),
    ("AccessDenied", AUTH),
    ("LackPolicy", AUTH),
    ("FlowLimitExceeded", THROTTLED),
    ("AccountFlowLimitExceeded", THROTTLED),
    ("ServiceUnavailableTemp", SERVER),
    ("InternalError", SERVER),
    ("InternalServiceError", SERVER),
    ("InternalServiceTimeout", SERVER),
    # 404 codes about the API itself, not about a resource.
    ("ServiceNotFound", INVALID_PARAMETER),
    ("InvalidActionOrVersion", INVALID_PARAMETER),
    ("MissingParameter", INVALID_PARAMETER),
    # RTC error table: the AppId does not exist (before its InvalidParameter family).
    ("InvalidParameter.NotExistAppId", NOT_FOUND),
    ("InvalidParameter", INVALID_PARAMETER),
    ("QuotaExceeded", QUOTA),
    ("ResourceNotFound", NOT_FOUND),
)

APP_NOT_FOUND = "InvalidParameter.NotExistAppId"

# ListApps Status / CreateApp InstanceStatus.
STATUS_CREATING = 0
STATUS_RUNNING = 1
STATUS_ARREARS = 6
STATUS_DISABLED = 98
# ModifyAppStatus Status.
MODIFY_ENABLE = 1
MODIFY_DISABLE = 2

APP_QUOTA = 100
NAME_MAX = 24
# CJK unified ideographs, ASCII letters, digits, underscore (CreateApp AppName rule).
_NAME_RE = re.compile("[A-Za-z0-9_\u4e00-\u9fff]+")
PAGE_LIMIT = 100
# The account quota is 100 apps, so one page is normal; the bound only stops a runaway loop.
MAX_PAGES = 50


def name_problems(name):
    """Problems with an AppName, each naming the option and the rule."""
    if not name:
        return ["name: must not be empty"]
    problems = []
    if len(name) > NAME_MAX:
        problems.append("name: must be at most %d characters (got %d)" % (NAME_MAX, len(name)))
    if not _NAME_RE.fullmatch(name):
        bad = sorted(set(ch for ch in name if not _NAME_RE.fullmatch(ch)))
        problems.append("name: may contain only CJK characters, letters, digits and underscores (not %s)"
                        % ", ".join(repr(ch) for ch in bad))
    return problems


# Options that select the listing, shared by the app module and its info module.
SCOPE_OPTIONS = dict(project_name=dict(type="str"))

# Volcengine IAM project names (IAM CreateProject): letters, digits, '_', '-' and '.', up to 64.
_PROJECT_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def is_enabled(status):
    """The user's switch: only 98 (disabled through ModifyAppStatus) is off.

    0 (creating) becomes 1 by itself, and 6 (suspended for arrears) is lifted by paying,
    not by ModifyAppStatus; treating them as off would call the API on every run.
    """
    return status != STATUS_DISABLED


def parse_response(response):
    """``(Result, request id)`` of a Volcengine answer, or raise CloudError.

    Errors come as a non-2xx status with ``ResponseMetadata.Error``; an ``Error`` inside a 200
    answer is an error too.
    """
    status = response.status
    try:
        data = json.loads(response.body.decode("utf-8")) if response.body else None
    except ValueError:
        data = None
    meta = data.get("ResponseMetadata") if isinstance(data, dict) else None
    meta = meta if isinstance(meta, dict) else {}
    request_id = meta.get("RequestId") or response.headers.get("X-Tt-Logid") or None
    error = meta.get("Error")
    ok = 200 <= status < 300
    if ok and not error:
        if not isinstance(data, dict):
            raise CloudError("malformed answer from %s: not a JSON object (HTTP %s)" % (VENDOR_NAME, status),
                             code=MALFORMED_CODE, request_id=request_id, category=SERVER, vendor=VENDOR_NAME,
                             http_status=status, malformed=True)
        return data.get("Result"), request_id
    if not isinstance(error, dict):
        error = {"Message": str(error)} if error else {}
    code = error.get("Code") or None
    message = error.get("Message") or ("HTTP %s without an error message" % status)
    if error.get("CodeN") is not None:
        message = "%s (CodeN %s)" % (message, error["CodeN"])
    raise CloudError(message, code=code, request_id=request_id, vendor=VENDOR_NAME, http_status=status,
                     category=categorize(CODE_RULES, None if ok else status, code))


def app_from_list(item):
    """A ListApps AppList entry as the module returns it."""
    return {
        "app_id": item.get("AppId"),
        "app_name": item.get("AppName"),
        "create_at": item.get("CreateAt"),
        "status": item.get("Status"),
        "enabled": is_enabled(item.get("Status")),
        "app_key": item.get("AppKey"),
        "secondary_app_key": item.get("SecondaryAppKey"),
    }


def app_from_create(result, name):
    """The CreateApp result in the same shape as a listed app, so every run returns the same keys."""
    return app_from_list({
        "AppId": result.get("AppId"),
        "AppName": result.get("Name") or name,
        "CreateAt": result.get("CreateDate"),
        "Status": result.get("InstanceStatus", STATUS_RUNNING),
        "AppKey": result.get("AppKey"),
        "SecondaryAppKey": result.get("SecondaryAppKey"),
    })


class VolcengineClient:
    """Signs and sends RTC OpenAPI calls (POST / with Action and Version in the query)."""

    def __init__(self, module):
        self.module = module
        self.base_url = module.base_url
        # Signed as the URL's netloc (port included), as the SDK signs its Host header.
        self.host = urlsplit(module.base_url).netloc

    def call(self, action, params, mutating=False):
        body = json.dumps(params, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        opts = self.module.params

        def prepare():
            key, secret, token = self.module.signing_keys()
            signed = sign_volcengine(
                access_key=key, secret_key=secret, method="POST", host=self.host,
                path="/", query={"Action": action, "Version": API_VERSION},
                headers={"Host": self.host, "Content-Type": "application/json"}, body=body,
                x_date=time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()),
                session_token=token, region=opts["region"], service=SERVICE)
            headers = dict(signed.headers)
            headers["User-Agent"] = USER_AGENT
            return "POST", "%s/?%s" % (self.base_url, signed.query), headers, signed.body

        return self.module.transport.call(prepare, parse_response, action, mutating=mutating)

    def list_apps(self, app_id=None, project_name=None):
        """Every app (or the one with ``app_id``; only those of ``project_name`` when given),
        following Offset while Total says more exist."""
        def fetch(page):
            # Limit and Offset are documented as strings.
            params = {"Limit": str(PAGE_LIMIT), "Offset": str(page.offset)}
            if app_id:
                params["AppId"] = app_id
            if project_name:
                params["ProjectName"] = project_name
            result = self.call("ListApps", params)
            # No Result object at all is a malformed answer, not an empty account.
            result = result if isinstance(result, dict) else {}
            return result.get("AppList"), result.get("Total")
        return collect(fetch, PAGE_LIMIT, MAX_PAGES, VENDOR_NAME, "ListApps", lambda: self.module.request_ids)

    def create_app(self, name):
        return self.call("CreateApp", {"AppName": name}, mutating=True) or {}

    def modify_app_status(self, app_id, enabled):
        self.call("ModifyAppStatus", {"AppId": app_id, "Status": MODIFY_ENABLE if enabled else MODIFY_DISABLE},
                  mutating=True)


class RtcApp(Resource):
    """A Volcengine RTC app. Only its status can change; it cannot be renamed or deleted."""

    kind = "app"
    title = "Volcengine RTC app"
    # An item with project_name is listed within that project only.
    list_scope = ("project_name",)
    id_key = "app_id"
    FIELDS = (
        Field("app_name", "name", "AppName", mutable=False),
        Field("enabled"),
        Field("app_key", None, secret=True),
        Field("secondary_app_key", None, secret=True),
    )
    store_vendor = "volcengine"
    # The keys are made with the app and cannot be rotated through the API: their age is the app's.
    secret_time_key = "create_at"
    store_fields = (("AppKey", "app_key"), ("SecondaryAppKey", "secondary_app_key"))

    def __init__(self, module, params=None):
        super(RtcApp, self).__init__(module, params)
        self.client = VolcengineClient(module)

    rotate_howto = ("rotate it in the RTC console: enable the secondary AppKey, move your clients to it, "
                    "then swap the keys")

    def credential_rows(self, resource):
        return [dict(handle=fingerprint({name: resource.get(key)}), created=resource.get("create_at"),
                     secrets={name: resource.get(key)})
                for name, key in self.store_fields if resource.get(key)]

    def validate(self):
        return name_problems(self.params["name"]) + self.scope_problems()

    def scope_problems(self):
        project = self.params.get("project_name")
        if project is not None and not _PROJECT_RE.fullmatch(project):
            return ["project_name: must be 1 to 64 letters, digits, '_', '-' or '.' (got %r)" % project]
        return []

    def is_missing(self, error):
        # ListApps answers InvalidParameter.NotExistAppId for the AppId of a gone app.
        return error.code == APP_NOT_FOUND

    def observed_warnings(self, matches):
        return ["%s %r (AppId %s) is suspended for arrears (status 6); it counts as enabled, and only settling "
                "the account's payment makes it usable again" % (self.title, app["app_name"], app["app_id"])
                for app in matches if app["status"] == STATUS_ARREARS]

    def list_all(self, **filters):
        # ListApps has no name filter: a name is matched exactly here.
        name = filters.get("name")
        project = self.params.get("project_name")
        return [self._in_project(app_from_list(item)) for item in self.client.list_apps(filters.get("app_id"), project)
                if name is None or item.get("AppName") == name]

    def _in_project(self, app):
        # AppList entries do not say their project; with project_name the listing was filtered by it.
        if self.params.get("project_name"):
            app["project_name"] = self.params["project_name"]
        return app

    def find_by_name(self, name):
        return self.list_all(name=name)

    def find_by_id(self, resource_id):
        try:
            items = self.client.list_apps(resource_id, self.params.get("project_name"))
        except CloudError as error:
            if not self.is_missing(error):
                raise
            items = []
        return [self._in_project(app_from_list(item)) for item in items if item.get("AppId") == resource_id]

    def create_problem(self):
        if self.params.get("project_name"):
            # CreateApp documents only AppName: an app cannot be created in a project through the API.
            return ("project_name: no %s named %r is in project %r, and the RTC API cannot create an app in a "
                    "project (CreateApp takes only AppName); create it without project_name, then move it to the "
                    "project in the console" % (self.title, self.params["name"], self.params["project_name"]))
        return None

    def create(self, desired):
        name = desired[self.name_key]
        return app_from_create(self.client.create_app(name), name)

    def update(self, current, changes):
        # app_name is immutable (checked by reconcile), so only the status can be asked for.
        enabled = changes["enabled"]
        self.client.modify_app_status(current[self.id_key], enabled)
        return self._with_status(current, enabled)

    def needs_delete(self, current):
        return current["enabled"]

    def delete(self, current):
        self.client.modify_app_status(current[self.id_key], False)
        self._warn_kept(current, "was disabled instead")
        return self._with_status(current, False)

    def absent_after(self, current):
        self._warn_kept(current, "would be disabled instead" if current["enabled"] else "is disabled")
        return self._with_status(current, False)

    def _warn_kept(self, current, what):
        self.module.warn("The Volcengine RTC API cannot delete an app: %s %r (AppId %s) %s. It still exists and "
                         "still counts against the quota of %d apps per account."
                         % (self.title, current[self.name_key], current[self.id_key], what, APP_QUOTA))

    @staticmethod
    def _with_status(current, enabled):
        status = current.get("status")
        if enabled and status == STATUS_DISABLED:
            status = STATUS_RUNNING
        elif not enabled:
            status = STATUS_DISABLED
        return dict(current, status=status, enabled=enabled)


def run_rtc_app():
    """The whole of the module volcengine_rtc_app (also run in one process with others by run_modules)."""
    module = CloudAppsModule(VENDOR, argument_spec=dict(SCOPE_OPTIONS, enabled=dict(type="bool")))
    module.run(RtcApp)
