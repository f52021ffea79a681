# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Alibaba Cloud API Gateway apps (CloudAPI 2016-07-14): vendor declaration, error mapping,
a small RPC client and the Resource.

Every call is ``POST /`` with all parameters in the query and an empty body, signed with the
RPC signature v1 (HMAC-SHA1), as the tea SDK does with ``signature_algorithm='v2'``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import time
import uuid

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    MALFORMED_CODE,
    AUTH, CONFLICT, INVALID_PARAMETER, NOT_FOUND, QUOTA, SERVER, SIGNATURE, THROTTLED, CloudError, categorize,
    malformed_answer, without_string_to_sign,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._assume_role import temporary_key
from ansible_collections.cloudapps.provision.plugins.module_utils._declarations import Credential, RoleOption, Sts, Vendor
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule
from ansible_collections.cloudapps.provision.plugins.module_utils._paging import collect
from ansible_collections.cloudapps.provision.plugins.module_utils._reconcile import Field, Resource
from ansible_collections.cloudapps.provision.plugins.module_utils._secret_store import fingerprint
from ansible_collections.cloudapps.provision.plugins.module_utils._tagging import (
    normalize_tags, tag_delta, tags_field, wanted_tags,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._signers import sign_alibaba_rpc
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import USER_AGENT

VENDOR_NAME = "Alibaba Cloud"
API_VERSION = "2016-07-14"

STS_VERSION = "2015-04-01"


def assume_role(transport, settings, base_keys):
    """STS AssumeRole (2015-04-01, the RPC signature of CloudAPI): the role's temporary key."""
    key, secret, token = base_keys
    params = {"RoleArn": settings["role_arn"], "RoleSessionName": settings["session_name"],
              "DurationSeconds": settings["duration_seconds"], "Policy": settings.get("policy") or None,
              "ExternalId": settings.get("external_id") or None}
    params = dict((name, value) for name, value in params.items() if value is not None)

    def prepare():
        signed = sign_alibaba_rpc(access_key_id=key, access_key_secret=secret, method="POST", params=params,
                                  timestamp=timestamp_now(), nonce=uuid.uuid4().hex, security_token=token,
                                  version=STS_VERSION, action="AssumeRole")
        return "POST", settings["endpoint"] + "/?" + signed.query, {"User-Agent": USER_AGENT}, b""

    data = transport.call(prepare, parse_response, "AssumeRole")
    found = data.get("Credentials") if isinstance(data, dict) else None
    found = found if isinstance(found, dict) else {}
    return temporary_key(VENDOR_NAME, transport, found.get("AccessKeyId"), found.get("AccessKeySecret"),
                         found.get("SecurityToken"), found.get("Expiration"))


VENDOR = Vendor(
    name=VENDOR_NAME,
    credentials=(
        # The AccessKey ID is an id, not a secret: no_log=False keeps it readable in output.
        Credential("access_key_id", ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"), False, True,
                   ("alicloud_access_key", "access_key")),
        Credential("access_key_secret", ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"), True, True,
                   ("alicloud_secret_key", "secret_key")),
        Credential("security_token", ("ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"), True, False,
                   ("alicloud_security_token",)),
    ),
    region_env=("ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"),
    default_region=None,
    endpoint_env=("CLOUDAPPS_ALICLOUD_ENDPOINT",),
    endpoint_for=lambda region: "https://apigateway.%s.aliyuncs.com" % region,
    # CreateApp: 50 calls/s per account (the published limit).
    rate_limit=50.0,
    # Environment variables as Alibaba's credentials tools name them, then the Terraform provider.
    sts=Sts(options=(RoleOption("role_arn", ("ALIBABA_CLOUD_ROLE_ARN", "ALICLOUD_ASSUME_ROLE_ARN")),
                     RoleOption("session_name", ("ALIBABA_CLOUD_ROLE_SESSION_NAME", "ALICLOUD_ASSUME_ROLE_SESSION_NAME")),
                     RoleOption("duration_seconds", ("ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION",)),
                     RoleOption("policy", ()),
                     RoleOption("external_id", ("ALIBABA_CLOUD_EXTERNAL_ID",)),
                     RoleOption("endpoint", ("ALIBABA_CLOUD_STS_ENDPOINT",))),
            key_options=("access_key_id", "access_key_secret", "security_token"),
            # A role's session lasts up to its maximum (1 to 12 hours, set on the role).
            default_endpoint="https://sts.aliyuncs.com", durations=(900, 43200), rate_limit=10,
            assume=assume_role,
            # RRSA (a pod's OIDC login) sets ALIBABA_CLOUD_ROLE_ARN for its own AssumeRoleWithOIDC.
            other_login_env=("ALIBABA_CLOUD_OIDC_PROVIDER_ARN",)),
)

# Ordered (code, category); matched exactly or as a dotted prefix by categorize(). Codes no rule
# knows fall back to the HTTP status (5xx -> server).
CODE_RULES = (
    ("Throttling", THROTTLED),
    ("SignatureDoesNotMatch", SIGNATURE),
    ("IncompleteSignature", SIGNATURE),
    ("InvalidTimeStamp", SIGNATURE),
    ("SignatureNonceUsed", SIGNATURE),
    ("UnsupportedSignatureMethod", SIGNATURE),
    ("InvalidAccessKeyId", AUTH),
    ("InvalidSecurityToken", AUTH),
    ("Forbidden", AUTH),
    ("NoPermission", AUTH),
    # STS: the role to assume does not exist.
    ("EntityNotExist", NOT_FOUND),
    ("InvalidParameter", INVALID_PARAMETER),
    ("InvalidParamter", INVALID_PARAMETER),  # sic: CloudAPI's own spelling
    ("MissingParameter", INVALID_PARAMETER),
    ("InvalidAction", INVALID_PARAMETER),
    ("InvalidVersion", INVALID_PARAMETER),
    # CloudAPI's families (its error-code list): NotFound... (HTTP 400 or 404) is not found,
    # Repeated... and Duplicate... are duplicates; RepeatedCommit also marks a write that may have
    # gone through (see parse_response).
    ("NotFound*", NOT_FOUND),
    ("Repeated*", CONFLICT),
    ("Duplicate*", CONFLICT),
    ("QuotaExceeded", QUOTA),
    ("InternalError", SERVER),
    ("ServiceUnavailable", SERVER),
)

PAGE_SIZE = 100    # DescribeAppAttributes maximum
MAX_PAGES = 20     # 2000 rows: twice the per-account quota of 1000 apps
MAX_TAGS = 20
TAG_MAX_LEN = 128
DESCRIPTION_MAX = 180
# Letters, digits, underscore, starting with a letter. The Chinese API page also allows Chinese
# (CJK unified ideographs), as a first character too, and counts each as 2 of the 4-26 characters.
NAME_RE = re.compile(u"^[A-Za-z\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*" + r"\Z")
NAME_MIN, NAME_MAX = 4, 26


def name_length(name):
    """AppName length as CloudAPI counts it: a Chinese character counts as 2."""
    return sum(2 if u"\u4e00" <= char <= u"\u9fff" else 1 for char in name)


RESERVED_TAG_PREFIXES = ("aliyun", "acs:")


REPEATED_COMMIT = "RepeatedCommit"
# AppKey, AppSecret and AppCode travel in signed query strings: printable ASCII only.
_KEY_CHARS = re.compile(r"[\x21-\x7e]+")
# What CreateApp and ResetAppSecret (NewAppSecret) accept; anything else is InvalidParamter.<Field>.
CREDENTIAL_RULES = {
    "app_key": (re.compile(r"[A-Za-z0-9]{8,64}"), "8 to 64 letters or digits"),
    "app_secret": (re.compile(r"[A-Za-z0-9_-]{8,64}"), "8 to 64 letters, digits, '_' or '-'"),
    "app_code": (re.compile(r"[A-Za-z0-9]{8,64}"), "8 to 64 letters or digits"),
}


def normalize_limits(option):
    """``traffic_limits`` as the resource holds it: [{traffic_control_id, limit}] sorted by id."""
    return sorted(({"traffic_control_id": entry["traffic_control_id"], "limit": entry["limit"]} for entry in option or []),
                  key=lambda entry: entry["traffic_control_id"])


def timestamp_now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def retry_after_seconds(headers):
    """``x-acs-retry-after`` in seconds. The tea SDK reads it as integer milliseconds
    (Utils.get_throttling_time_left, then DaraCore.sleep(ms)); non-positive values mean none."""
    value = headers.get("x-acs-retry-after") if headers is not None else None
    try:
        millis = int(value)
    except (TypeError, ValueError):
        return None
    return millis / 1000.0 if millis > 0 else None


def parse_response(response):
    """``(data, request_id)`` of a CloudAPI answer, or raise CloudError with code and category."""
    try:
        data = json.loads(response.body.decode("utf-8")) if response.body else {}
    except ValueError:
        data = None
    if not isinstance(data, dict):
        data = None
    request_id = (data or {}).get("RequestId") or response.headers.get("x-acs-request-id")
    if 200 <= response.status < 300:
        if data is None:
            raise CloudError("malformed answer from %s: not a JSON object (HTTP %s)" % (VENDOR_NAME, response.status),
                             code=MALFORMED_CODE, request_id=request_id, category=SERVER, vendor=VENDOR_NAME,
                             http_status=response.status, malformed=True)
        return data, request_id
    code = (data or {}).get("Code")
    if data is None:
        message = "unexpected answer that is not a JSON object (HTTP %s)" % response.status
    else:
        message = data.get("Message") or "HTTP %s" % response.status
        message = without_string_to_sign(message)
    raise CloudError(message, code=code, request_id=request_id, vendor=VENDOR_NAME,
                     category=categorize(CODE_RULES, response.status, code), http_status=response.status,
                     retry_after=retry_after_seconds(response.headers),
                     # "Resubmit request": an identical request may have been committed just before.
                     may_have_applied=code == REPEATED_COMMIT)


class Client:
    """Signs and sends CloudAPI RPC calls through the shared transport."""

    def __init__(self, module):
        self.module = module

    def call(self, action, params, mutating=False, idempotent=False):
        params = dict((k, v) for k, v in params.items() if v is not None)
        module = self.module

        def prepare():
            # Fresh timestamp and nonce for every attempt: the server rejects a reused nonce.
            key, secret, token = module.signing_keys()
            signed = sign_alibaba_rpc(
                access_key_id=key, access_key_secret=secret, method="POST", params=params, timestamp=timestamp_now(),
                nonce=uuid.uuid4().hex, security_token=token, version=API_VERSION, action=action)
            return "POST", module.base_url + "/?" + signed.query, {"User-Agent": USER_AGENT}, b""

        return module.transport.call(prepare, parse_response, action, mutating=mutating, idempotent=idempotent)


def tags_to_dict(tags):
    """``Tags.TagInfo[]`` (or a plain list) of ``{Key, Value}`` -> ``{key: value}``."""
    if isinstance(tags, dict):
        tags = tags.get("TagInfo")
    return dict((t.get("Key"), t.get("Value") or "") for t in tags or [] if t.get("Key") is not None)


def tags_to_params(tags):
    """``{key: value}`` -> ``[{Key, Value}]`` (flattened to Tag.N.Key/Tag.N.Value by the signer)."""
    return [{"Key": key, "Value": tags[key]} for key in sorted(tags)]


def to_resource(attribute):
    """One ``AppAttribute`` as the snake_case dict returned to the user."""
    attribute = dict(attribute)
    tags = tags_to_dict(attribute.pop("Tags", None))
    resource = camel_dict_to_snake_dict(attribute)
    resource.setdefault("description", "")
    resource.setdefault("extend", "")
    resource["tags"] = tags
    # ModifyApp's Disabled switch, shown the way the other modules show it.
    resource["enabled"] = not _is_true(resource.pop("disabled", False))
    return resource


def _is_true(value):
    return value is True or str(value).lower() == "true"


def validate_params(params):
    """Every input problem, each naming the option and the rule ([] when fine)."""
    problems = []
    name = params.get("name")
    if name is not None and not (NAME_RE.fullmatch(name) and NAME_MIN <= name_length(name) <= NAME_MAX):
        problems.append("name: %r must be 4 to 26 characters (a Chinese character counts as 2) of letters, digits, "
                        "underscores or Chinese characters, starting with a letter or a Chinese character" % name)
    description = params.get("description")
    if description is not None and len(description) > DESCRIPTION_MAX:
        problems.append("description: must be at most %d characters (got %d)" % (DESCRIPTION_MAX, len(description)))
    resource_id = params.get("id")
    if resource_id is not None and not re.match(r"^[0-9]+\Z", resource_id):
        problems.append("id: must be the numeric AppId of the app (got %r)" % resource_id)
    raw_tags = params.get("tags") or {}
    for key, value in sorted(raw_tags.items(), key=lambda pair: str(pair[0])):
        if isinstance(value, (dict, list, tuple, set)) or isinstance(key, (dict, list, tuple)):
            problems.append("tags: the value of %r must be a string, a number or a boolean (got a %s)"
                            % (str(key), type(value).__name__))
    tags = normalize_tags(dict((k, v) for k, v in raw_tags.items() if not isinstance(v, (dict, list, tuple, set))))
    if tags:
        if len(tags) > MAX_TAGS:
            problems.append("tags: at most %d tags per app (got %d)" % (MAX_TAGS, len(tags)))
        for key, value in sorted(tags.items()):
            if not key:
                problems.append("tags: a tag key must not be empty")
            elif len(key) > TAG_MAX_LEN:
                problems.append("tags: key %r must be at most %d characters" % (key[:32] + "...", TAG_MAX_LEN))
            elif key.lower().startswith(RESERVED_TAG_PREFIXES):
                problems.append("tags: key %r must not start with 'aliyun' or 'acs:' (reserved by Alibaba Cloud)" % key)
            if "http://" in key or "https://" in key:
                problems.append("tags: key %r must not contain 'http://' or 'https://'" % key)
            if len(value) > TAG_MAX_LEN:
                problems.append("tags: the value of %r must be at most %d characters" % (key, TAG_MAX_LEN))
            if "http://" in value or "https://" in value:
                problems.append("tags: the value of %r must not contain 'http://' or 'https://'" % key)
    seen = set()
    for entry in params.get("traffic_limits") or []:
        control = entry.get("traffic_control_id") or ""
        if not _KEY_CHARS.fullmatch(control):
            problems.append("traffic_limits: %r is not a traffic control id (printable ASCII without spaces)" % control)
        if entry.get("limit") is not None and entry["limit"] < 1:
            problems.append("traffic_limits: the limit for %s must be at least 1 call per the policy's unit (got %d)"
                            % (control, entry["limit"]))
        if control in seen:
            problems.append("traffic_limits: %s is given twice" % control)
        seen.add(control)
    for option, (pattern, rule) in sorted(CREDENTIAL_RULES.items()):
        value = params.get(option)
        if value == "":
            problems.append("%s: must not be empty" % option)
        elif value is not None and not _KEY_CHARS.fullmatch(value):
            # Never echo the value: all three are secret material.
            problems.append("%s: must be printable ASCII without spaces (a line break or a stray character was "
                            "pasted with it)" % option)
        elif value is not None and not pattern.fullmatch(value):
            problems.append("%s: must be %s (the gateway refuses it otherwise; the value is not shown)" % (option, rule))
    return problems


class AlicloudApp(Resource):
    kind = "app"
    title = "Alibaba Cloud API Gateway app"
    id_key = "app_id"
    # Tags go through TagResources/UntagResources, enabled through ModifyApp's Disabled; AppKey has
    # no in-place change; AppSecret changes with ResetAppSecret, AppCode with ResetAppCode.
    FIELDS = (
        Field("app_name", "name", "AppName"),
        Field("description", wire="Description"),
        tags_field(),
        Field("extend", wire="Extend"),
        Field("enabled"),
        Field("app_key", wire="AppKey", mutable=False, secret=True),
        Field("app_secret", wire="AppSecret", secret=True),
        Field("app_code", wire="AppCode", secret=True),
        # Read from DescribeAppSecurities: when the newest pair was made, and the older pairs kept
        # through previous_secret_grace after a rotation.
        Field("secret_created", None),
        Field("previous_app_keys", None, secret=True),
        # This app's entries in traffic control policies (SpecialType APP), set with their own calls.
        Field("traffic_limits", normalize=normalize_limits),
    )
    store_vendor = "alicloud"
    store_fields = (("AppKey", "app_key"), ("AppSecret", "app_secret"), ("AppCode", "app_code"))
    # A rotation adds a pair (CreateAppKey) and keeps the previous one through previous_secret_grace.
    rotate_key = "app_secret"
    secret_time_key = "secret_created"
    info_filters = ("tags",)

    def __init__(self, module, params=None):
        super(AlicloudApp, self).__init__(module, params)
        self.client = Client(module)

    def validate(self):
        return validate_params(self.params)

    def scope_problems(self):
        return validate_params({"id": self.params.get("id"), "tags": self.params.get("tags")})

    def changes(self, current, desired):
        wanted = dict(desired)
        if "tags" in wanted:
            wanted["tags"] = wanted_tags(current.get("tags"), wanted["tags"], self.params.get("purge_tags", True))
        if "traffic_limits" in wanted:
            self._check_controls(wanted["traffic_limits"])
            if not self.params.get("purge_traffic_limits"):
                # Entries of other policies stay; the given ones are set.
                merged = dict((e["traffic_control_id"], e["limit"]) for e in current.get("traffic_limits") or [])
                merged.update((e["traffic_control_id"], e["limit"]) for e in wanted["traffic_limits"])
                wanted["traffic_limits"] = normalize_limits([{"traffic_control_id": k, "limit": v} for k, v in merged.items()])
        found = super(AlicloudApp, self).changes(current, wanted)
        if current.get("previous_app_keys") and self.grace_over(current):
            # The older pairs outlived previous_secret_grace: they go (DeleteAppKey).
            found["previous_app_keys"] = []
        return found

    # --- reads ---
    def _describe(self, **params):
        def fetch(page):
            data = self.client.call("DescribeAppAttributes", dict(params, PageSize=PAGE_SIZE, PageNumber=page.number))
            apps = data.get("Apps") if isinstance(data, dict) else None
            return (apps.get("AppAttribute") if isinstance(apps, dict) else None), (data or {}).get("TotalCount")
        return collect(fetch, PAGE_SIZE, MAX_PAGES, VENDOR_NAME, "DescribeAppAttributes", lambda: self.module.request_ids)

    def list_all(self, **filters):
        # The server filter on AppName is not documented as exact (the emulator matches substrings),
        # nor as a prefix match: a name_prefix is applied on our side only.
        name = filters.get("name")
        query = {"AppName": name} if name is not None else {}
        tags = normalize_tags(filters.get("tags"))
        if tags:
            query["Tag"] = tags_to_params(tags)
        return [to_resource(row) for row in self._describe(**query) if name is None or row.get("AppName") == name]

    def info_match(self, resource):
        wanted = normalize_tags(self.params.get("tags")) or {}
        have = resource.get("tags") or {}
        return all(have.get(key) == value for key, value in wanted.items())

    def find_by_id(self, resource_id):
        return [to_resource(row) for row in self._describe(AppId=resource_id) if str(row.get("AppId")) == str(resource_id)]

    # --- traffic limits ---
    def _controls(self):
        """Every traffic control policy of the account (all pages), read once per task."""
        module = self.module
        with module.shared_lock:
            if "traffic_controls" not in module.shared_reads:
                def fetch(page):
                    data = self.client.call("DescribeTrafficControls", {"PageSize": PAGE_SIZE, "PageNumber": page.number})
                    rows = (data.get("TrafficControls") or {}).get("TrafficControl") if isinstance(data, dict) else None
                    return rows, (data or {}).get("TotalCount")
                module.shared_reads["traffic_controls"] = collect(
                    fetch, PAGE_SIZE, MAX_PAGES, VENDOR_NAME, "DescribeTrafficControls", lambda: module.request_ids)
            return module.shared_reads["traffic_controls"]

    def _limits_of(self, app_id):
        found = []
        for control in self._controls():
            for policy in (control.get("SpecialPolicies") or {}).get("SpecialPolicy") or []:
                if policy.get("SpecialType") != "APP":
                    continue
                for special in (policy.get("Specials") or {}).get("Special") or []:
                    if str(special.get("SpecialKey")) == str(app_id):
                        found.append({"traffic_control_id": control.get("TrafficControlId"),
                                      "limit": int(special.get("TrafficValue"))})
        return normalize_limits(found)

    def _check_controls(self, limits):
        known = set(control.get("TrafficControlId") for control in self._controls())
        unknown = sorted(entry["traffic_control_id"] for entry in limits if entry["traffic_control_id"] not in known)
        if unknown:
            raise CloudError("traffic_limits: no traffic control policy with id %s in this region; create it first "
                             "(DescribeTrafficControls lists %d)" % (", ".join(unknown), len(known)),
                             category=INVALID_PARAMETER, vendor=VENDOR_NAME)

    def create_problem(self):
        if self.params.get("traffic_limits"):
            try:
                self._check_controls(normalize_limits(self.params["traffic_limits"]))
            except CloudError as error:
                return error.message
        return None

    def _set_limits(self, app_id, current, wanted):
        have = dict((e["traffic_control_id"], e["limit"]) for e in current or [])
        want = dict((e["traffic_control_id"], e["limit"]) for e in wanted)
        # Adding for a key that has an entry overwrites it: both calls are safe to repeat.
        for control_id in sorted(want):
            if have.get(control_id) != want[control_id]:
                self.client.call("AddTrafficSpecialControl", {"TrafficControlId": control_id, "SpecialType": "APP",
                                                              "SpecialKey": str(app_id), "TrafficValue": want[control_id]},
                                 mutating=True, idempotent=True)
        for control_id in sorted(set(have) - set(want)):
            self.client.call("DeleteTrafficSpecialControl", {"TrafficControlId": control_id, "SpecialType": "APP",
                                                             "SpecialKey": str(app_id)}, mutating=True, idempotent=True)

    def _pairs_wanted(self):
        """Whether this item works with all key pairs (DescribeAppSecurities) rather than the first one:
        when it rotates, hands off, or checks an age, since a rotation leaves several pairs."""
        params = self.params
        return bool(params.get("rotate_secret") or params.get("max_secret_age") or params.get("secret_store")
                    or params.get("list_credentials") or params.get("older_than_days") is not None)

    def credential_keys(self):
        return ["secret_created", "previous_app_keys"]

    def fence_keys(self):
        # One DescribeTrafficControls listing for every app of the task.
        return ["traffic_limits"]

    def credential_rows(self, resource):
        pairs = [dict(app_key=resource.get("app_key"), app_secret=resource.get("app_secret"),
                      created=resource.get("secret_created"))] + list(resource.get("previous_app_keys") or [])
        return [dict(handle=fingerprint({"AppKey": pair["app_key"]}), created=pair["created"] or None,
                     secrets={"AppKey": pair["app_key"], "AppSecret": pair["app_secret"]}) for pair in pairs]

    def observed_keys(self):
        # compare_secrets=false (a plan) reads the pairs only for an age, which lives nowhere else.
        if not self._pairs_wanted() or not (self.params.get("compare_secrets", True) or self.params.get("max_secret_age")):
            return []
        return ["secret_created", "previous_app_keys"]

    def complete(self, current, keys):
        if "traffic_limits" in keys and "traffic_limits" not in current and current.get(self.id_key):
            current = dict(current, traffic_limits=self._limits_of(current[self.id_key]))
        pair_keys = ("app_key", "app_secret", "secret_created", "previous_app_keys")
        if self._pairs_wanted() and any(k in pair_keys and k not in current for k in keys):
            return self._with_pairs(current)
        single = [k for k in self.secret_keys if k != "previous_app_keys"]
        if not any(k in single and k not in current for k in keys):
            return current
        data = self.client.call("DescribeAppSecurity", {"AppId": current[self.id_key]})
        current = dict(current)
        for key in single:
            value = data.get("".join(part.capitalize() for part in key.split("_")))
            if value is not None:
                current[key] = value
        return current

    def _pairs(self, app_id):
        """Every key pair of the app, oldest first (by the later of creation and change)."""
        data = self.client.call("DescribeAppSecurities", {"AppId": app_id})
        rows = ((data.get("AppSecuritys") or {}).get("AppSecurity") if isinstance(data, dict) else None) or []
        pairs = [{"app_key": row.get("AppKey"), "app_secret": row.get("AppSecret"), "app_code": row.get("AppCode"),
                  "created": max(row.get("CreatedTime") or "", row.get("ModifiedTime") or "")}
                 for row in rows if isinstance(row, dict) and row.get("AppKey")]
        if not pairs:
            raise malformed_answer(VENDOR_NAME, "DescribeAppSecurities", (self.module.request_ids or [None])[-1],
                                   "the app has no key pair in the answer")
        return sorted(pairs, key=lambda pair: pair["created"])

    def _with_pairs(self, current, pairs=None):
        """``current`` with the newest pair as its key and secret, and the older ones as previous."""
        pairs = pairs or self._pairs(current[self.id_key])
        newest = pairs[-1]
        current = dict(current, app_key=newest["app_key"], app_secret=newest["app_secret"],
                       secret_created=newest["created"] or None,
                       previous_app_keys=[dict(app_key=p["app_key"], app_secret=p["app_secret"], created=p["created"])
                                          for p in reversed(pairs[:-1])])
        if newest.get("app_code"):
            current["app_code"] = newest["app_code"]
        return current

    def credential_material(self, resource):
        material = super(AlicloudApp, self).credential_material(resource)
        previous = resource.get("previous_app_keys") or []
        if previous:
            # The newest of the older pairs, still valid through previous_secret_grace.
            material.update(previous_AppKey=previous[0]["app_key"], previous_AppSecret=previous[0]["app_secret"])
        return material

    # --- writes ---
    def create(self, desired):
        params = self.to_wire(desired)
        tags = desired.get("tags") or {}
        if tags:
            params["Tag"] = tags_to_params(tags)
        data = self.client.call("CreateApp", params, mutating=True)
        # No read-back: the answer carries the id, the rest is what was sent.
        created = {self.id_key: data.get("AppId"), self.name_key: desired[self.name_key],
                   "description": desired.get("description") or "", "extend": desired.get("extend") or "",
                   "tags": dict(tags), "enabled": True}
        if tags and data.get("TagStatus") is False:
            # TagResources merges, so repeating tags that were in fact bound does no harm.
            self.module.warn("CreateApp reported that the tags were not applied (TagStatus false); setting them with TagResources")
            self.retag(created[self.id_key], {}, tags)
        for key in self.secret_keys:
            if desired.get(key) is not None:
                created[key] = desired[key]
        return created

    def update(self, current, changes):
        updated = dict(current)
        if "app_secret" in changes:
            if not updated.get("app_key"):
                updated = self.complete(updated, ["app_key"])
            self.client.call("ResetAppSecret", {"AppKey": updated["app_key"], "NewAppSecret": changes["app_secret"]},
                             mutating=True)
            updated["app_secret"] = changes["app_secret"]
        if "app_code" in changes:
            updated = self._reset_code(updated, changes["app_code"])
        params = self.to_wire(dict((key, value) for key, value in changes.items() if key not in self.secret_keys))
        if "enabled" in changes:
            params["Disabled"] = not changes["enabled"]
        # ModifyApp's Tag.N is not documented as setting tags (it may be an authorisation filter):
        # tags go through the documented TagResources/UntagResources only.
        if params:
            params["AppId"] = current[self.id_key]
            self.client.call("ModifyApp", params, mutating=True)
        if "tags" in changes:
            self.retag(current[self.id_key], current.get("tags") or {}, changes["tags"])
        for key in (self.name_key, "description", "extend", "tags", "enabled"):
            if key in changes:
                updated[key] = changes[key]
        if "traffic_limits" in changes:
            self._set_limits(current[self.id_key], current.get("traffic_limits"), changes["traffic_limits"])
            updated["traffic_limits"] = list(changes["traffic_limits"])
        if "previous_app_keys" in changes:
            kept = set(pair["app_key"] for pair in changes["previous_app_keys"])
            for pair in current.get("previous_app_keys") or []:
                if pair["app_key"] not in kept:
                    self._delete_pair(current[self.id_key], pair["app_key"])
            updated["previous_app_keys"] = list(changes["previous_app_keys"])
        return updated

    def _reset_code(self, app, new_code):
        """ResetAppCode: to ``new_code``, or to one the gateway generates (None); a cut, there is one code."""
        if not app.get("app_code"):
            app = self.complete(dict((k, v) for k, v in app.items() if k != "app_code"), ["app_code"])
        self.client.call("ResetAppCode", {"AppCode": app["app_code"], "NewAppCode": new_code}, mutating=True)
        if new_code is not None:
            return dict(app, app_code=new_code)
        data = self.client.call("DescribeAppSecurity", {"AppId": app[self.id_key]})
        return dict(app, app_code=data.get("AppCode"))

    def _delete_pair(self, app_id, app_key):
        try:
            self.client.call("DeleteAppKey", {"AppId": app_id, "AppKey": app_key}, mutating=True)
        except CloudError as error:
            # Gone already (a retried call's first attempt, or someone else): the end state asked for.
            if error.category != NOT_FOUND and not (error.may_have_applied and
                                                    app_key not in [p["app_key"] for p in self._pairs(app_id)]):
                raise

    def rotate(self, current):
        """Add a generated pair (CreateAppKey) that becomes the app's key; the older pairs stay valid
        through previous_secret_grace days (0: deleted at once). The AppCode is reset with it
        (ResetAppCode, generated): a cut, as an app has one code."""
        app_id = current[self.id_key]
        if not ("previous_app_keys" in current and current.get("app_key") and current.get("app_code")):
            current = self._with_pairs(current)
        # The pairs the plan read: no second read before the create.
        known = set([current["app_key"]] + [pair["app_key"] for pair in current["previous_app_keys"]])
        try:
            self.client.call("CreateAppKey", {"AppId": app_id}, mutating=True)
        except CloudError as error:
            # A lost answer: a new pair in the listing is the one it made; none means it was not made.
            if not error.may_have_applied or not [p for p in self._pairs(app_id) if p["app_key"] not in known]:
                raise
            self.module.warn("the answer to CreateAppKey was lost (%s); found the pair it created" % error.category)
        self.client.call("ResetAppCode", {"AppCode": current["app_code"]}, mutating=True)
        # One listing gives the new pair and the new code.
        pairs = self._pairs(app_id)
        new = [pair for pair in pairs if pair["app_key"] not in known]
        if len(new) != 1:
            raise malformed_answer(VENDOR_NAME, "CreateAppKey", (self.module.request_ids or [None])[-1],
                                   "%d new key pairs were found after creating one" % len(new))
        # The new pair is the newest whatever the clocks say.
        pairs = [pair for pair in pairs if pair["app_key"] in known] + new
        if self.params.get("previous_secret_grace") == 0:
            for pair in pairs[:-1]:
                self._delete_pair(app_id, pair["app_key"])
            pairs = pairs[-1:]
        return self._with_pairs(current, pairs)

    def retag(self, app_id, current_tags, new_tags):
        """Make the app's tags ``new_tags`` (already merged with the current ones when purge_tags
        is false): UntagResources for the keys to drop, then TagResources for the new or changed
        pairs. Untagging first keeps the app under the 20-tag limit between the two calls."""
        target = {"ResourceType": "app", "ResourceId": [str(app_id)]}
        removed, added = tag_delta(current_tags, new_tags)
        if removed:
            # TagKey.N wins over All, so All is only sent alone, to clear the whole set.
            untag = dict(target, All=True) if not new_tags else dict(target, TagKey=removed)
            self.client.call("UntagResources", untag, mutating=True)
        if added:
            self.client.call("TagResources", dict(target, Tag=tags_to_params(added)), mutating=True)

    def delete(self, current):
        return self.delete_with(current, lambda: self.client.call("DeleteApp", {"AppId": current[self.id_key]},
                                                                  mutating=True))


def run_apigateway_app():
    """The whole of the module alicloud_apigateway_app (also run in one process with others by run_modules)."""
    # Imported here: that file imports this one.
    from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud_authorization import SCOPE_SPEC, AlicloudAppAuthorizations
    module = CloudAppsModule(
        VENDOR,
        argument_spec=dict(
            description=dict(type="str"),
            tags=dict(type="dict"),
            purge_tags=dict(type="bool", default=True),
            extend=dict(type="str"),
            enabled=dict(type="bool"),
            # The AppKey is handed to API callers with the secret; the issue lists it as secret material.
            app_key=dict(type="str", no_log=True),
            app_secret=dict(type="str", no_log=True),
            app_code=dict(type="str", no_log=True),
            traffic_limits=dict(type="list", elements="dict", options=dict(
                traffic_control_id=dict(type="str", required=True), limit=dict(type="int", required=True))),
            purge_traffic_limits=dict(type="bool", default=False),
            authorizations=dict(type="list", elements="dict", options=SCOPE_SPEC),
        ),
    )
    module.run(AlicloudApp, authorizations=AlicloudAppAuthorizations)
