# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Tencent Cloud API Gateway API keys: vendor declaration, error table, a small client and the Resource."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import time

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict
from ansible.module_utils.six.moves.urllib.parse import urlsplit

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    MALFORMED_CODE,
    AUTH, CONFLICT, INVALID_PARAMETER, NETWORK, NOT_FOUND, QUOTA, SERVER, SIGNATURE, THROTTLED,
    CloudError, categorize,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._assume_role import temporary_key
from ansible_collections.cloudapps.provision.plugins.module_utils._declarations import Credential, RoleOption, Sts, Vendor
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule
from ansible_collections.cloudapps.provision.plugins.module_utils._paging import collect
from ansible_collections.cloudapps.provision.plugins.module_utils._reconcile import Field, Resource
from ansible_collections.cloudapps.provision.plugins.module_utils._signers import sign_tencent, tencent_json_body
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import UNRESOLVED_HOST, USER_AGENT

VENDOR_NAME = "Tencent Cloud"
API_HOST = "apigateway.tencentcloudapi.com"
API_VERSION = "2018-08-08"
SERVICE = "apigateway"
# English error messages; the SDK's default is zh-CN.
LANGUAGE = "en-US"

STS_VERSION = "2018-08-13"


def assume_role(transport, settings, base_keys):
    """STS AssumeRole (2018-08-13, TC3 with service sts): the role's temporary key."""
    key, secret, token = base_keys
    params = {"RoleArn": settings["role_arn"], "RoleSessionName": settings["session_name"],
              "DurationSeconds": settings["duration_seconds"]}
    if settings.get("external_id"):
        params["ExternalId"] = settings["external_id"]
    body = tencent_json_body(params)
    host = urlsplit(settings["endpoint"]).netloc

    def prepare():
        signed = sign_tencent(secret_id=key, secret_key=secret, method="POST", host=host, action="AssumeRole",
                              version=STS_VERSION, region=settings.get("region"), query="", body=body, timestamp=int(time.time()),
                              session_token=token, service="sts", language=LANGUAGE)
        return "POST", settings["endpoint"] + "/", dict(signed.headers, **{"User-Agent": USER_AGENT}), signed.body

    data = transport.call(prepare, parse_response, "AssumeRole")
    found = data.get("Credentials") if isinstance(data, dict) else None
    found = found if isinstance(found, dict) else {}
    return temporary_key(VENDOR_NAME, transport, found.get("TmpSecretId"), found.get("TmpSecretKey"),
                         found.get("Token"), data.get("Expiration") if isinstance(data, dict) else None)


VENDOR = Vendor(
    name=VENDOR_NAME,
    credentials=(
        Credential("secret_id", ("TENCENTCLOUD_SECRET_ID",), False, True, ()),
        Credential("secret_key", ("TENCENTCLOUD_SECRET_KEY",), True, True, ()),
        Credential("security_token", ("TENCENTCLOUD_SECURITY_TOKEN",), True, False, ()),
    ),
    region_env=("TENCENTCLOUD_REGION",),
    default_region=None,
    endpoint_env=("CLOUDAPPS_TENCENTCLOUD_ENDPOINT",),
    # Like the SDK: one host with nearest-region routing; the region travels in X-TC-Region.
    endpoint_for=lambda region: "https://" + API_HOST,
    rate_limit=20,
    # Environment variables as the Tencent Cloud Terraform provider names them.
    sts=Sts(options=(RoleOption("role_arn", ("TENCENTCLOUD_ASSUME_ROLE_ARN",)),
                     RoleOption("session_name", ("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME",)),
                     RoleOption("duration_seconds", ("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION",)),
                     RoleOption("external_id", ("TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID",)),
                     RoleOption("endpoint", ("TENCENTCLOUD_STS_ENDPOINT",))),
            key_options=("secret_id", "secret_key", "security_token"),
            default_endpoint="https://sts.tencentcloudapi.com", durations=(900, 43200), rate_limit=10,
            assume=assume_role,
            other_login_env=()),
)

# Ordered (code prefix, category); a prefix also matches its dotted sub-codes. Specific codes
# come before the families that contain them (LimitExceeded.RequestLimitExceeded is throttling,
# other LimitExceeded codes are quotas).
CODE_RULES = (
    ("RequestLimitExceeded", THROTTLED),
    ("LimitExceeded.RequestLimitExceeded", THROTTLED),
    ("AuthFailure.SignatureFailure", SIGNATURE),
    ("AuthFailure.SignatureExpire", SIGNATURE),
    ("AuthFailure", AUTH),
    ("UnauthorizedOperation", AUTH),
    ("InvalidParameter", INVALID_PARAMETER),
    ("InvalidParameterValue", INVALID_PARAMETER),
    ("MissingParameter", INVALID_PARAMETER),
    ("UnknownParameter", INVALID_PARAMETER),
    ("UnsupportedOperation.UnpackError", INVALID_PARAMETER),
    ("InvalidAction", INVALID_PARAMETER),
    ("NoSuchVersion", INVALID_PARAMETER),
    ("UnsupportedRegion", INVALID_PARAMETER),
    ("ActionOffline", INVALID_PARAMETER),
    ("LimitExceeded.ApiKeyCountLimitExceeded", QUOTA),
    ("LimitExceeded", QUOTA),
    ("FailedOperation.AccessKeyExist", CONFLICT),
    ("ResourceNotFound", NOT_FOUND),
    ("UnsupportedOperation.InvalidStatus", CONFLICT),
    ("UnsupportedOperation.UnsupportedUpdateApiKey", CONFLICT),
    ("UnsupportedOperation.UnsupportedBindApiKey", CONFLICT),
    # A key bound to a usage plan cannot be deleted (API reference error table: ResourceIsInUse).
    ("UnsupportedOperation.ResourceIsInUse", CONFLICT),
    # Manual (custom) keys need the account on Tencent's allowlist.
    ("UnsupportedOperation.UinNotInWhiteList", AUTH),
    ("InternalError", SERVER),
    ("ResourceUnavailable", SERVER),
)

# One sentence added to the vendor message, saying what to do.
_HINTS = {
    "UnsupportedOperation.ResourceIsInUse": " Unbind it from its usage plans first, then delete it.",
    "UnsupportedOperation.UinNotInWhiteList": " Manual (custom) keys need the account on Tencent's allowlist: "
                                              "ask Tencent Cloud support, or leave access_key_id out for an auto key.",
}

# Tencent Cloud API Gateway is switched off in batches from 2026-10-30 (announcement 2475):
# these failures can mean that the account's batch is gone, so the error says so.
SHUTDOWN_CODES = ("InvalidAction", "ActionOffline", "UnsupportedOperation", UNRESOLVED_HOST)
SHUTDOWN_SENTENCE = (" Tencent Cloud API Gateway is being switched off in batches since 2026-10-30 (console and APIs "
                     "together, Tencent announcement 2475); if your account's batch has been switched off, the "
                     "service is gone and these keys can no longer be managed.")
SHUTDOWN_HINT = ("if Tencent has switched off your account's batch, move these callers to another gateway; "
                 "otherwise check the region and the endpoint")

# ApiKey.Status
STATUS_DISABLED = 0
STATUS_ENABLED = 1

# SecretName: the API reference says only "custom key name"; the console guide (product doc
# 628/11816) allows at most 50 ASCII letters, digits and underscores, and '-' for custom keys.
NAME_MAX = 50
_NAME_CHARS = {"auto": re.compile("[A-Za-z0-9_]+"), "manual": re.compile("[A-Za-z0-9_-]+")}
_NAME_RULE = {"auto": "ASCII letters, digits and underscores",
              "manual": "ASCII letters, digits, underscores and '-' (a manual key)"}
# CreateApiKey: AccessKeyId 5-50 and AccessKeySecret 10-50 letters, digits, underscores.
_KEY_CHARS = re.compile("[A-Za-z0-9_]+")
KEY_ID_RANGE = (5, 50)
KEY_SECRET_RANGE = (10, 50)

PAGE_LIMIT = 100  # DescribeApiKeysStatus maximum
# A name filter rarely matches more than one page; the bound only stops a runaway loop.
MAX_PAGES = 100


def name_problems(name, key_type="auto"):
    """Problems with a SecretName, each naming the option and the rule."""
    if name is None or not name:
        return ["name: must not be empty"]
    problems = []
    if len(name) > NAME_MAX:
        problems.append("name: must be at most %d characters (got %d)" % (NAME_MAX, len(name)))
    kind = "manual" if key_type == "manual" else "auto"
    if not _NAME_CHARS[kind].fullmatch(name):
        problems.append("name: may contain only %s (got %r)" % (_NAME_RULE[kind], name))
    return problems


def key_problems(option, value, bounds, secret):
    """Problems with a manual AccessKeyId / AccessKeySecret; a secret is never echoed."""
    low, high = bounds
    shown = "" if secret else " (got %r)" % value
    if not low <= len(value) <= high or not _KEY_CHARS.fullmatch(value):
        return ["%s: must be %d to %d letters, digits or underscores%s" % (option, low, high, shown)]
    return []


def scope_problems(params):
    if not params.get("region"):
        return ["region: required; Tencent Cloud has no default region (set region or TENCENTCLOUD_REGION)"]
    return []


def input_problems(params):
    """Every problem with the module input, found before any API call."""
    problems = name_problems(params.get("name"), params.get("key_type")) + scope_problems(params)
    manual = params.get("key_type") == "manual"
    present = params.get("state", "present") == "present"
    for option, bounds, secret in (("access_key_id", KEY_ID_RANGE, False),
                                   ("access_key_secret", KEY_SECRET_RANGE, True)):
        value = params.get(option)
        if value is None:
            if manual and present:
                problems.append("%s: required with key_type=manual (%d to %d letters, digits or underscores)"
                                % (option, bounds[0], bounds[1]))
            continue
        if not manual:
            problems.append("%s: only valid with key_type=manual; an auto key gets a generated id and secret" % option)
            continue
        problems.extend(key_problems(option, value, bounds, secret))
    return problems


def parse_response(response):
    """``(Response object, request id)`` of a Tencent Cloud answer, or raise CloudError.

    Errors come with HTTP 200 and ``Response.Error``; a non-200 status is a transport-level
    failure (the SDK's ``ServerNetworkError``) unless its body still carries an envelope.
    """
    status = response.status
    try:
        data = json.loads(response.body.decode("utf-8")) if response.body else None
    except ValueError:
        data = None
    envelope = data.get("Response") if isinstance(data, dict) else None
    envelope = envelope if isinstance(envelope, dict) else None
    request_id = (envelope or {}).get("RequestId") or None
    error = (envelope or {}).get("Error")
    if status == 200 and envelope is not None and not error:
        return envelope, request_id
    if isinstance(error, dict):
        code = error.get("Code") or None
        message = error.get("Message") or "no error message"
        # The code decides; the status only for codes the table does not know.
        category = categorize(CODE_RULES, None if status == 200 else status, code)
        message += _HINTS.get(code, "")
        raise CloudError(message, code=code, request_id=request_id, category=category, vendor=VENDOR_NAME,
                         http_status=status)
    if status == 200:
        raise CloudError("malformed answer from %s: not an API envelope (no Response object)" % VENDOR_NAME,
                         code=MALFORMED_CODE, request_id=request_id, category=SERVER, vendor=VENDOR_NAME,
                         http_status=status, malformed=True)
    snippet = response.body[:200].decode("utf-8", "replace").strip() if response.body else ""
    raise CloudError("HTTP %s without a Tencent Cloud error envelope%s" % (status, ": " + snippet if snippet else ""),
                     code="ServerNetworkError", request_id=request_id, category=_status_category(status),
                     vendor=VENDOR_NAME, http_status=status)


def _status_category(status):
    # 5xx is the gateway's fault; 429 is throttling; anything else did not come from the API
    # (a proxy, a wrong endpoint), which is a network problem from the user's point of view.
    if status >= 500:
        return SERVER
    if status == 429:
        return THROTTLED
    return NETWORK


def api_key_from_vendor(item):
    """An ApiKey object as the module returns it: vendor fields in snake_case plus ``enabled``."""
    key = camel_dict_to_snake_dict(item or {})
    key["enabled"] = key.get("status") != STATUS_DISABLED
    return key


class TencentClient:
    """Signs (TC3-HMAC-SHA256) and sends API Gateway 2018-08-08 calls: POST / with a JSON body."""

    def __init__(self, module):
        self.module = module
        self.url = module.base_url + "/"
        # Host as on the wire: it is signed, so it must carry the port of a custom endpoint.
        self.host = urlsplit(module.base_url).netloc
        params = module.params
        self.region = params.get("region")

    def call(self, action, params, mutating=False):
        # The SDK's own serialisation (json.dumps defaults): the bytes it would send and sign.
        body = tencent_json_body(params)

        def prepare():
            key, secret, token = self.module.signing_keys()
            signed = sign_tencent(
                secret_id=key, secret_key=secret, method="POST", host=self.host,
                action=action, version=API_VERSION, region=self.region, query="", body=body,
                timestamp=int(time.time()), session_token=token, service=SERVICE, language=LANGUAGE)
            headers = dict(signed.headers)
            headers["User-Agent"] = USER_AGENT
            return "POST", self.url, headers, signed.body

        try:
            return self.module.transport.call(prepare, parse_response, action, mutating=mutating)
        except CloudError as error:
            if error.code in SHUTDOWN_CODES:
                error.message += SHUTDOWN_SENTENCE
                error.args = (error.message,)
                error.hint = SHUTDOWN_HINT
            raise


class TencentApiKey(Resource):
    kind = "api_key"
    title = "Tencent Cloud API Gateway API key"
    id_key = "access_key_id"
    # In the order of CreateApiKeyRequest's fields, so the body is the one the SDK sends. The key's
    # id and secret are options of a manual key only (checked by input_problems()).
    FIELDS = (
        Field("secret_name", "name", "SecretName", mutable=False),
        Field("access_key_type", "key_type", "AccessKeyType", mutable=False),
        Field("access_key_id", wire="AccessKeyId", mutable=False),
        Field("access_key_secret", wire="AccessKeySecret", secret=True),
        Field("enabled"),
    )
    store_vendor = "tencentcloud"
    store_fields = (("AccessKeyId", "access_key_id"), ("AccessKeySecret", "access_key_secret"))
    # UpdateApiKey without AccessKeySecret has the gateway generate a new secret for an auto key;
    # a manual key's secret is the user's (access_key_secret), which rotate_secret cannot be combined with.
    rotate_key = "access_key_secret"
    # UpdateApiKey sets ModifiedTime; enabling or disabling the key does too (the age then reads younger).
    secret_time_key = "modified_time"
    info_filters = ("enabled",)

    def __init__(self, module, params=None):
        super(TencentApiKey, self).__init__(module, params)
        self.client = TencentClient(module)
        self._rotated = None  # the key as rotated by update() before disabling it

    def validate(self):
        return input_problems(self.params)

    def scope_problems(self):
        return scope_problems(self.params)

    def preview(self, current, changes):
        key = dict(current, **changes)
        if "enabled" in changes:
            # The status the switch call would leave, so status and enabled agree in check mode.
            key["status"] = STATUS_ENABLED if changes["enabled"] else STATUS_DISABLED
        return key

    # --- reads ---------------------------------------------------------------------------------
    def _list(self, filters=(), exact=None):
        """Every key the ``(Name, value)`` filters select (ANDed), with ``exact`` ``(field, value)``
        compared exactly here: the server may match fuzzily."""
        def fetch(page):
            # Key order of the SDK's request model, so the body is the one the SDK would send.
            request = {"Limit": PAGE_LIMIT, "Offset": page.offset}
            if filters:
                request["Filters"] = [{"Name": name, "Values": [value]} for name, value in filters]
            result = self.client.call("DescribeApiKeysStatus", request).get("Result")
            result = result if isinstance(result, dict) else {}
            return result.get("ApiKeySet"), result.get("TotalCount")
        items = collect(fetch, PAGE_LIMIT, MAX_PAGES, VENDOR_NAME, "DescribeApiKeysStatus",
                        lambda: self.module.request_ids)
        return [api_key_from_vendor(item) for item in items if exact is None or item.get(exact[0]) == exact[1]]

    def list_all(self, **filters):
        query = []
        exact = None
        if filters.get("name") is not None:
            query.append(("SecretName", filters["name"]))
            exact = ("SecretName", filters["name"])
        elif filters.get("name_prefix"):
            # KeyWord is the documented fuzzy filter (name or path); the prefix is checked exactly later.
            query.append(("KeyWord", filters["name_prefix"]))
        if filters.get("enabled") is not None:
            query.append(("Status", str(STATUS_ENABLED if filters["enabled"] else STATUS_DISABLED)))
        return self._list(query, exact)

    def info_match(self, resource):
        enabled = self.params.get("enabled")
        return enabled is None or resource.get("enabled") == enabled

    def find_by_id(self, resource_id):
        return self._list([("AccessKeyId", resource_id)], ("AccessKeyId", resource_id))

    def complete(self, current, keys):
        # DescribeApiKeysStatus returns the secret; read the key alone only if an answer lacked it.
        if any(key in self.secret_keys and current.get(key) is None for key in keys):
            result = self.client.call("DescribeApiKey", {"AccessKeyId": current["access_key_id"]}).get("Result")
            if result:
                current = dict(current, **api_key_from_vendor(result))
        return current

    # --- writes --------------------------------------------------------------------------------
    def create(self, desired):
        result = self.client.call("CreateApiKey", self.to_wire(desired), mutating=True).get("Result")
        if result:
            return api_key_from_vendor(result)
        # The reference allows a null Result: look the new key up instead of guessing its fields.
        if desired["access_key_type"] == "manual":
            found = self.find_by_id(desired["access_key_id"])
        else:
            found = self.find_by_name(desired["secret_name"])
        if len(found) != 1:
            raise CloudError("CreateApiKey answered without the new key, and %d keys named %r were found afterwards"
                             % (len(found), desired["secret_name"]), category=SERVER, vendor=VENDOR_NAME)
        return found[0]

    def _switch(self, action, key_id):
        answer = self.client.call(action, {"AccessKeyId": key_id}, mutating=True)
        if answer.get("Result") is False:
            raise CloudError("%s answered Result=false for key %s" % (action, key_id), code=None,
                             request_id=answer.get("RequestId"), category=CONFLICT, vendor=VENDOR_NAME)

    def update(self, current, changes):
        key = dict(current)
        key_id = current["access_key_id"]
        enabled = changes.get("enabled")
        # Rotate while the key is enabled when it ends up enabled: the console rotates live keys.
        if enabled is True:
            self._switch("EnableApiKey", key_id)
            key.update(status=STATUS_ENABLED, enabled=True)
        if "access_key_secret" in changes:
            result = self.client.call("UpdateApiKey", {"AccessKeyId": key_id,
                                                       "AccessKeySecret": changes["access_key_secret"]},
                                      mutating=True).get("Result")
            key["access_key_secret"] = changes["access_key_secret"]
            if result:
                # Keep the status we know: UpdateApiKey only replaces the secret.
                status = key.get("status")
                key.update(api_key_from_vendor(result))
                key.update(status=status, enabled=status != STATUS_DISABLED)
        if enabled is False:
            if self.params.get("rotate_secret"):
                # The gateway rotates only enabled keys: rotate before the key is disabled.
                key = self._rotated = self.rotate(key)
            self._switch("DisableApiKey", key_id)
            key.update(status=STATUS_DISABLED, enabled=False)
        return key

    def rotate(self, current):
        if self._rotated is not None:
            return dict(current, access_key_secret=self._rotated.get("access_key_secret"))
        key_id = current["access_key_id"]
        if current.get("status") == STATUS_DISABLED:
            # UpdateApiKey answers UnsupportedOperation.UnsupportedUpdateApiKey for a disabled key.
            raise CloudError("rotate_secret: key %s is disabled and Tencent rotates only enabled keys; set enabled=true "
                             "in the same task to enable it first" % key_id, category=CONFLICT, vendor=VENDOR_NAME)
        result = self.client.call("UpdateApiKey", {"AccessKeyId": key_id}, mutating=True).get("Result")
        if not result or not result.get("AccessKeySecret"):
            return self.complete(dict(current, access_key_secret=None), ["access_key_secret"])
        key = dict(current, **api_key_from_vendor(result))
        # UpdateApiKey replaces only the secret: keep the status we know.
        key.update(status=current.get("status"), enabled=current.get("enabled"))
        return key

    def delete(self, current):
        key_id = current["access_key_id"]

        def disable_then_delete():
            # Only a disabled key can be deleted.
            if current.get("status") != STATUS_DISABLED:
                self._switch("DisableApiKey", key_id)
            self.client.call("DeleteApiKey", {"AccessKeyId": key_id}, mutating=True)
        return self.delete_with(current, disable_then_delete)


def run_api_key():
    """The whole of the module tencentcloud_apigateway_api_key (also run in one process with others by run_modules)."""
    module = CloudAppsModule(
        VENDOR,
        argument_spec=dict(
            # Redefined only to add the Terraform provider's name as an alias.
            name=dict(type="str", aliases=["secret_name"]),
            key_type=dict(type="str", default="auto", choices=["auto", "manual"], aliases=["access_key_type"]),
            # An AccessKeyId is an identifier, not a secret: keep it readable in output.
            access_key_id=dict(type="str", no_log=False),
            access_key_secret=dict(type="str", no_log=True),
            enabled=dict(type="bool"),
        ),
    )
    module.run(TencentApiKey)
