# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Alibaba Cloud-native API Gateway consumers (APIG 2024-03-27): vendor declaration, error
mapping, a small ROA client and the Resource.

Calls are ROA: a method and a path under ``/v1/consumers``, a JSON body, signed with
ACS3-HMAC-SHA256 over the pathname, as the official SDK (alibabacloud-apig20240327) sends them.
Answers are ``{requestId, code, message, data}``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import time
import uuid

from ansible.module_utils.six.moves.urllib.parse import quote, urlsplit

from ansible_collections.cloudapps.provision.plugins.module_utils import _alicloud
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    MALFORMED_CODE, CONFLICT, INVALID_PARAMETER, NOT_FOUND, QUOTA, SERVER, THROTTLED, CloudError, categorize,
    malformed_answer, without_string_to_sign,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._declarations import Vendor
from ansible_collections.cloudapps.provision.plugins.module_utils._module import CloudAppsModule
from ansible_collections.cloudapps.provision.plugins.module_utils._paging import collect
from ansible_collections.cloudapps.provision.plugins.module_utils._reconcile import MASK, MASK_CHANGED, Field, Resource
from ansible_collections.cloudapps.provision.plugins.module_utils._secret_store import fingerprint
from ansible_collections.cloudapps.provision.plugins.module_utils._signers import sign_alibaba_acs3
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import USER_AGENT

VENDOR_NAME = "Alibaba Cloud APIG"
API_VERSION = "2024-03-27"

VENDOR = Vendor(
    name=VENDOR_NAME,
    # The same AccessKey and region variables as the CloudAPI module: one AWX credential serves both.
    credentials=_alicloud.VENDOR.credentials,
    region_env=_alicloud.VENDOR.region_env,
    default_region=None,
    # Its own override: CloudAPI and APIG have different hosts.
    endpoint_env=("CLOUDAPPS_ALICLOUD_APIG_ENDPOINT",),
    endpoint_for=lambda region: "https://apig.%s.aliyuncs.com" % region,
    # APIG publishes no rate; CloudAPI's 50 calls/s per account is the assumption.
    rate_limit=50.0,
    # The same STS (one RAM role serves both gateways).
    sts=_alicloud.VENDOR.sts,
)

# CloudAPI's rules cover the POP gateway in front (signature, keys, throttling); then APIG's own.
CODE_RULES = _alicloud.CODE_RULES + (
    ("IdempotentParameterMismatch", INVALID_PARAMETER),
    # The first request with this clientToken is still being processed: ask again later.
    ("IdempotentProcessing", THROTTLED),
    ("Conflict*", CONFLICT),
    ("NotFound*", NOT_FOUND),
    ("QuotaExceeded*", QUOTA),
)

CONSUMERS = "/v1/consumers"
PAGE_SIZE = 100   # not documented (default 10); the emulator and the console use up to 100
MAX_PAGES = 50
GATEWAY_TYPES = ("API", "AI")
# Option value -> apikeySource.source (CreateConsumer's ApiKeyIdentityConfig).
API_KEY_SOURCES = {"bearer": "Default", "header": "Header", "query": "QueryString"}
NAME_MAX = 64
# The gateway's rules as it enforces them (the API pages publish none): a name of letters, digits,
# CJK, '_', '-', '.', starting with a letter, digit or CJK; credential values 8-128 of [A-Za-z0-9_-].
NAME_RE = re.compile(r"[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_.\-\u4e00-\u9fff]{0,%d}" % (NAME_MAX - 1))
NAME_RULE = ("1 to %d letters, digits, Chinese characters, '_', '-' or '.', starting with a letter, digit or "
             "Chinese character" % NAME_MAX)
DESCRIPTION_MAX = 255
CREDENTIAL_RE = re.compile(r"[A-Za-z0-9_-]{8,128}")
CREDENTIAL_RULE = "8 to 128 letters, digits, '_' or '-'"
# The listing's scope, shared by the consumer module and its info module.
SCOPE_OPTIONS = dict(gateway_type=dict(type="str", default="API", choices=list(GATEWAY_TYPES)))
SYSTEM, CUSTOM = "System", "Custom"


def parse_response(response):
    """``(data, request_id)`` of an APIG answer, or raise CloudError with code and category."""
    try:
        body = json.loads(response.body.decode("utf-8")) if response.body else None
    except ValueError:
        body = None
    body = body if isinstance(body, dict) else None
    request_id = (body or {}).get("requestId") or (body or {}).get("RequestId") or response.headers.get("x-acs-request-id")
    if 200 <= response.status < 300:
        if body is None:
            raise CloudError("malformed answer from %s: not a JSON object (HTTP %s)" % (VENDOR_NAME, response.status),
                             code=MALFORMED_CODE, request_id=request_id, category=SERVER, vendor=VENDOR_NAME,
                             http_status=response.status, malformed=True)
        return body.get("data"), request_id
    # APIG's own errors are lowercase; the POP gateway's (signature, throttling) capitalised.
    code = (body or {}).get("code") or (body or {}).get("Code")
    message = (body or {}).get("message") or (body or {}).get("Message") or "HTTP %s" % response.status
    message = without_string_to_sign(message)
    raise CloudError(message, code=code, request_id=request_id, vendor=VENDOR_NAME,
                     category=categorize(CODE_RULES, response.status, code), http_status=response.status,
                     retry_after=_alicloud.retry_after_seconds(response.headers))


class Client:
    """Signs and sends APIG ROA calls through the shared transport."""

    def __init__(self, module):
        self.module = module
        self.host = urlsplit(module.base_url).netloc

    def call(self, action, method, path, query=None, body=None, mutating=False, idempotent=False):
        module = self.module
        payload = b"" if body is None else json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        headers = {"content-type": "application/json; charset=utf-8", "user-agent": USER_AGENT} if body is not None \
            else {"user-agent": USER_AGENT}

        def prepare():
            key, secret, token = module.signing_keys()
            signed = sign_alibaba_acs3(
                access_key_id=key, access_key_secret=secret,
                method=method, host=self.host, action=action, version=API_VERSION, query=dict(query or {}),
                headers=headers, body=payload, date=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                nonce=uuid.uuid4().hex, security_token=token, path=path)
            url = module.base_url + path + ("?" + signed.query if signed.query else "")
            return method, url, signed.headers, signed.body

        return module.transport.call(prepare, parse_response, action, mutating=mutating, idempotent=idempotent)


def consumer_path(consumer_id):
    # The SDK percent-encodes the path parameter (DaraURL.percent_encode).
    return "%s/%s" % (CONSUMERS, quote(str(consumer_id), safe=""))


# --- the resource shape ---------------------------------------------------------------------
def api_key_from_vendor(config):
    """GetConsumer's ``apiKeyIdentityConfig`` as returned to the user (None: no API key)."""
    if not isinstance(config, dict):
        return None
    source = config.get("apikeySource") or {}
    kind = dict((v, k) for k, v in API_KEY_SOURCES.items()).get(source.get("source"), source.get("source"))
    return {
        "source": kind,
        # bearer (Default) reads the Authorization header: no field name of its own.
        "field": (source.get("value") or "") if kind != "bearer" else "",
        "keys": [{"generated": cred.get("generateMode") != CUSTOM, "value": cred.get("apikey")}
                 for cred in config.get("credentials") or [] if isinstance(cred, dict)],
    }


def ak_sk_from_vendor(configs):
    return [{"generated": cfg.get("generateMode") != CUSTOM, "access_key": cfg.get("ak"), "secret_key": cfg.get("sk")}
            for cfg in configs or [] if isinstance(cfg, dict)]


def consumer_from_vendor(item, gateway_type=None):
    consumer = {
        "consumer_id": item.get("consumerId"),
        "name": item.get("name"),
        "description": item.get("description") or "",
        "enabled": item.get("enable") is not False,
        "gateway_type": item.get("gatewayType") or gateway_type,
        "create_timestamp": item.get("createTimestamp"),
        "update_timestamp": item.get("updateTimestamp"),
        "deploy_status": item.get("deployStatus"),
    }
    if "apiKeyIdentityConfig" in item or "akSkIdentityConfigs" in item:
        # Only GetConsumer carries the credentials; a listed consumer leaves them to complete().
        consumer["api_key"] = api_key_from_vendor(item.get("apiKeyIdentityConfig"))
        consumer["ak_sk"] = ak_sk_from_vendor(item.get("akSkIdentityConfigs"))
    return consumer


def _custom_keys(api_key):
    return sorted(k["value"] for k in (api_key or {}).get("keys") or [] if not k.get("generated"))


def _same_api_key(current, wanted):
    """Whether the current API key configuration is what ``wanted`` asks for."""
    if current is None:
        return False
    if (current.get("source"), current.get("field") or "") != (wanted["source"], wanted.get("field") or ""):
        return False
    if _custom_keys(wanted):
        return _custom_keys(current) == _custom_keys(wanted) and not any(k["generated"] for k in current["keys"])
    # Generated: any one generated key will do, and no custom key may remain.
    return not _custom_keys(current) and any(k["generated"] for k in current["keys"])


def _pairs(ak_sk, generated):
    return sorted((p["access_key"], p["secret_key"]) for p in ak_sk or [] if bool(p.get("generated")) == generated)


def _same_ak_sk(current, wanted):
    if current is None:
        return False
    # More generated pairs than wanted: a rotation's previous ones, removed when the grace ends.
    return (_pairs(current, False) == _pairs(wanted, False)
            and len(_pairs(current, True)) >= len(_pairs(wanted, True)) >= (1 if _pairs(current, True) else 0))


def _api_key_body(wanted, current=None, regenerate=False):
    """CreateConsumer/UpdateConsumer ``apikeyIdentityConfig`` for ``wanted``, keeping ``current``
    generated keys (sent back with their values) unless ``regenerate``."""
    source = {"source": API_KEY_SOURCES[wanted["source"]]}
    if wanted["source"] != "bearer":
        source["value"] = wanted["field"]
    custom = _custom_keys(wanted)
    given = [k["value"] for k in wanted.get("keys") or [] if k.get("generated") and k.get("value")]
    if custom:
        credentials = [{"generateMode": CUSTOM, "apikey": value} for value in custom]
    elif given:
        # Exactly these generated keys (the newest kept when a grace ends).
        credentials = [{"generateMode": SYSTEM, "apikey": value} for value in given]
    else:
        kept = [k for k in (current or {}).get("keys") or [] if k.get("generated") and k.get("value")]
        credentials = [{"generateMode": SYSTEM} if regenerate else {"generateMode": SYSTEM, "apikey": k["value"]}
                       for k in kept[-1:]] or [{"generateMode": SYSTEM}]
    return {"type": "Apikey", "apikeySource": source, "credentials": credentials}


def _ak_sk_body(wanted, current=None, regenerate=False):
    body = [{"type": "AkSk", "generateMode": CUSTOM, "ak": ak, "sk": sk} for ak, sk in _pairs(wanted, False)]
    given = [p for p in wanted or [] if p.get("generated") and p.get("access_key")]
    if given:
        # Exactly these generated pairs (the newest kept when a grace ends).
        return body + [{"type": "AkSk", "generateMode": SYSTEM, "ak": p["access_key"], "sk": p["secret_key"]}
                       for p in given]
    count = len(_pairs(wanted, True))
    # The newest generated pairs are the ones kept (a rotation appends).
    kept = [] if regenerate else [p for p in current or [] if p.get("generated") and p.get("access_key")][-count:]
    for index in range(count):
        if index < len(kept):
            body.append({"type": "AkSk", "generateMode": SYSTEM, "ak": kept[index]["access_key"],
                         "sk": kept[index]["secret_key"]})
        else:
            body.append({"type": "AkSk", "generateMode": SYSTEM})
    return body


def desired_api_key(option):
    if option is None:
        return None
    keys = option.get("keys")
    return {
        "source": option.get("source") or "bearer",
        "field": option.get("field") or "",
        "keys": [{"generated": False, "value": value} for value in keys] if keys else [{"generated": True, "value": None}],
    }


def desired_ak_sk(option):
    if option is None:
        return None
    return [{"generated": not pair.get("access_key"), "access_key": pair.get("access_key"),
             "secret_key": pair.get("secret_key")} for pair in option]


def validate_params(params):
    """Every input problem, each naming the option and the rule ([] when fine)."""
    problems = []
    name = params.get("name")
    if name is not None and not NAME_RE.fullmatch(name):
        problems.append("name: must be %s (got %r)" % (NAME_RULE, name))
    description = params.get("description")
    if description is not None and len(description) > DESCRIPTION_MAX:
        problems.append("description: must be at most %d characters (got %d)" % (DESCRIPTION_MAX, len(description)))
    if params.get("jwt") is not None:
        problems.append("jwt: JWT credentials are not supported by this module yet; create the consumer with api_key "
                        "or ak_sk, then add JWT in the console or with UpdateConsumer")
    api_key = params.get("api_key")
    if api_key is not None:
        source = api_key.get("source") or "bearer"
        if source == "bearer" and api_key.get("field"):
            problems.append("api_key.field: only with source header or query (bearer reads Authorization: Bearer <key>)")
        if source != "bearer" and not api_key.get("field"):
            problems.append("api_key.field: required with source %s: the name of the %s field that carries the key"
                            % (source, "HTTP header" if source == "header" else "query string"))
        keys = api_key.get("keys")
        if keys is not None and not keys:
            problems.append("api_key.keys: give at least one key, or leave keys out to have the gateway generate one")
        for value in keys or []:
            if not CREDENTIAL_RE.fullmatch(value or ""):
                problems.append("api_key.keys: each key must be %s (the value is not shown)" % CREDENTIAL_RULE)
                break
        if keys and len(set(keys)) != len(keys):
            problems.append("api_key.keys: the same key is given twice")
    for index, pair in enumerate(params.get("ak_sk") or []):
        given = [pair.get("access_key") is not None, pair.get("secret_key") is not None]
        if any(given) and not all(given):
            problems.append("ak_sk[%d]: give access_key and secret_key together, or neither to have the gateway "
                            "generate the pair" % index)
        for option in ("access_key", "secret_key"):
            value = pair.get(option)
            if value is not None and not CREDENTIAL_RE.fullmatch(value):
                problems.append("ak_sk[%d].%s: must be %s (the value is not shown)" % (index, option, CREDENTIAL_RULE))
    return problems


class ApigConsumer(Resource):
    kind = "consumer"
    title = "Alibaba Cloud APIG consumer"
    id_key = "consumer_id"
    # The credentials' values are secret; public() and diff_view() show the rest of these structures.
    FIELDS = (
        Field("name", "name", "name"),
        Field("description", wire="description"),
        Field("enabled", wire="enable"),
        Field("gateway_type", wire="gatewayType", mutable=False),
        Field("api_key", secret=True, normalize=desired_api_key, same=_same_api_key),
        Field("ak_sk", secret=True, normalize=desired_ak_sk, same=_same_ak_sk),
    )
    # Written as UpdateConsumer's credential list, plus apikey / ak and sk when there is one of a kind.
    store_vendor = "alicloud_apig"
    store_fields = (("apikey", "api_key"), ("ak", "ak_sk"))
    # UpdateConsumer with a System credential sent without its value regenerates it.
    rotate_key = "api_key"
    # The API gives no time per credential: the consumer's update time (UpdateConsumer sets it, so a
    # rotation does; any other change of the consumer does too, which only delays the next one).
    secret_time_key = "update_timestamp"
    # Consumers of the API and the AI gateway are listed apart.
    list_scope = ("gateway_type",)

    def __init__(self, module, params=None):
        super(ApigConsumer, self).__init__(module, params)
        self.client = Client(module)
        self._client_token = None

    def validate(self):
        return validate_params(self.params)

    def given_secrets(self):
        given = []
        if (self.params.get("api_key") or {}).get("keys"):
            given.append("api_key.keys")
        if any(pair.get("secret_key") for pair in self.params.get("ak_sk") or []):
            given.append("ak_sk.secret_key")
        return given

    def credential_keys(self):
        return ["api_key", "ak_sk"]

    def credential_rows(self, resource):
        # The API gives no time per credential: created and age_days are null.
        rows = [dict(handle=fingerprint({"apikey": key["value"]}), created=None, secrets={"apikey": key["value"]})
                for key in (resource.get("api_key") or {}).get("keys") or [] if key.get("value")]
        rows += [dict(handle=pair["access_key"], created=None, secrets={"sk": pair["secret_key"]})
                 for pair in resource.get("ak_sk") or [] if pair.get("access_key")]
        return rows

    def credential_material(self, resource):
        keys = [{"type": "Apikey", "apikey": key["value"]}
                for key in (resource.get("api_key") or {}).get("keys") or [] if key.get("value")]
        pairs = [{"type": "AkSk", "ak": pair["access_key"], "sk": pair["secret_key"]}
                 for pair in resource.get("ak_sk") or [] if pair.get("access_key")]
        material = {"credentials": keys + pairs}
        # The newest of a kind is the current one; during a grace the one before it is previous_*.
        if keys:
            material["apikey"] = keys[-1]["apikey"]
        if len(keys) > 1:
            material["previous_apikey"] = keys[-2]["apikey"]
        if pairs:
            material.update(ak=pairs[-1]["ak"], sk=pairs[-1]["sk"])
        if len(pairs) > 1:
            material.update(previous_ak=pairs[-2]["ak"], previous_sk=pairs[-2]["sk"])
        return material

    def public(self, resource):
        if resource is None:
            return {}
        if self.params.get("return_secrets"):
            return dict(resource)
        return self._redacted(resource)

    def diff_view(self, resource, keys, changed=()):
        if resource is None:
            return {}
        view = dict((key, resource[key]) for key in keys if key in resource)
        return self._redacted(view, MASK_CHANGED if set(changed) & set(self.secret_keys) else MASK)

    @staticmethod
    def _redacted(resource, mask=None):
        """Credential values removed (or masked), the rest of the structures kept."""
        out = dict(resource)
        if isinstance(out.get("api_key"), dict):
            out["api_key"] = dict(out["api_key"], keys=[
                dict(k, value=mask) if mask and k.get("value") is not None else dict((n, v) for n, v in k.items() if n != "value")
                for k in out["api_key"].get("keys") or []])
        if isinstance(out.get("ak_sk"), list):
            out["ak_sk"] = [dict(p, secret_key=mask) if mask and p.get("secret_key") is not None
                            else dict((n, v) for n, v in p.items() if n != "secret_key") for p in out["ak_sk"]]
        return out

    # --- reads ---
    def list_all(self, **filters):
        gateway_type = self.params.get("gateway_type") or "API"
        # nameLike is a fuzzy match: it narrows the listing, names are compared exactly here.
        like = filters.get("name") if filters.get("name") is not None else filters.get("name_prefix")

        def fetch(page):
            query = {"gatewayType": gateway_type, "pageNumber": page.number, "pageSize": PAGE_SIZE}
            if like:
                query["nameLike"] = like
            data = self.client.call("ListConsumers", "GET", CONSUMERS, query=query)
            data = data if isinstance(data, dict) else {}
            return data.get("items"), data.get("totalSize")
        items = collect(fetch, PAGE_SIZE, MAX_PAGES, VENDOR_NAME, "ListConsumers", lambda: self.module.request_ids)
        name = filters.get("name")
        return [consumer_from_vendor(item, gateway_type) for item in items if name is None or item.get("name") == name]

    def _get(self, consumer_id):
        data = self.client.call("GetConsumer", "GET", consumer_path(consumer_id))
        if not isinstance(data, dict) or not data.get("consumerId"):
            raise malformed_answer(VENDOR_NAME, "GetConsumer", (self.module.request_ids or [None])[-1],
                                   "the answer has no consumer where the vendor documents one")
        return consumer_from_vendor(data, self.params.get("gateway_type") or "API")

    def find_by_id(self, resource_id):
        try:
            return [self._get(resource_id)]
        except CloudError as error:
            if self.is_missing(error):
                return []
            raise

    def complete(self, current, keys):
        if current.get(self.id_key) and any(key in self.secret_keys and key not in current for key in keys):
            full = self._get(current[self.id_key])
            return dict(current, api_key=full.get("api_key"), ak_sk=full.get("ak_sk"),
                        gateway_type=full.get("gateway_type") or current.get("gateway_type"))
        return current

    # --- writes ---
    def _body(self, desired, current=None, regenerate=False):
        # The name and gateway type are the create call's only (the type cannot change).
        body = self.to_wire(dict((key, desired[key]) for key in ("description", "enabled") if key in desired))
        if "api_key" in desired:
            body["apikeyIdentityConfig"] = _api_key_body(desired["api_key"], (current or {}).get("api_key"), regenerate)
        if "ak_sk" in desired:
            body["akSkIdentityConfigs"] = _ak_sk_body(desired["ak_sk"], (current or {}).get("ak_sk"), regenerate)
        return body

    def _create_body(self, desired):
        return dict(self._body(desired), **self.to_wire(dict(name=desired["name"], gateway_type=desired["gateway_type"])))

    def check_create(self, desired):
        if not self.params.get("dry_run"):
            return
        # dryRun: the vendor's own checks (parameters, permissions, business rules), nothing created.
        self.client.call("CreateConsumer", "POST", CONSUMERS, query={"dryRun": "true"}, body=self._create_body(desired))
        self.extra["dry_run"] = {"accepted": True, "request_id": (self.module.request_ids or [None])[-1]}

    def create(self, desired):
        # One token per consumer to create, the same on every attempt and every call of this item:
        # the gateway answers a repeat with the consumer the first request made.
        if self._client_token is None:
            self._client_token = str(uuid.uuid4())
        data = self.client.call("CreateConsumer", "POST", CONSUMERS, query={"clientToken": self._client_token},
                                body=self._create_body(desired), mutating=True, idempotent=True)
        created = dict((key, desired[key]) for key in ("name", "gateway_type", "description", "enabled") if key in desired)
        created.setdefault("description", "")
        created.setdefault("enabled", True)
        created[self.id_key] = data.get("consumerId") if isinstance(data, dict) else None
        # The answer has no credentials: complete() reads them (generated values included).
        return created

    def update(self, current, changes, regenerate=False):
        if not changes and not regenerate:
            return current
        body = self._body(changes, current, regenerate)
        self.client.call("UpdateConsumer", "PUT", consumer_path(current[self.id_key]), body=body, mutating=True)
        updated = dict(current, **dict((k, v) for k, v in changes.items() if k not in self.secret_keys))
        if set(changes) & set(self.secret_keys) or regenerate:
            # Generated values exist only on the gateway: read them back.
            updated = self._get(current[self.id_key])
        return updated

    def rotate(self, current):
        full = current if "api_key" in current and "ak_sk" in current else self.complete(current, list(self.secret_keys))
        wanted = {}
        if full.get("api_key") and any(k["generated"] for k in full["api_key"]["keys"]):
            wanted["api_key"] = full["api_key"]
        if any(p["generated"] for p in full.get("ak_sk") or []):
            wanted["ak_sk"] = full["ak_sk"]
        if not wanted:
            self.module.warn("rotate_secret: the %s %r has no generated credential to regenerate; nothing rotated"
                             % (self.title, full.get("name")))
            return full
        if not self.params.get("previous_secret_grace"):
            return self.update(full, wanted, regenerate=True)
        # Overlap: the newest generated credentials stay (valid through previous_secret_grace), new
        # ones are added after them; older ones are dropped.
        body = {}
        if "api_key" in wanted:
            keep = [k["value"] for k in full["api_key"]["keys"] if k["generated"] and k.get("value")][-1:]
            source = _api_key_body(full["api_key"])
            body["apikeyIdentityConfig"] = dict(source, credentials=[{"generateMode": SYSTEM, "apikey": v} for v in keep]
                                                + [{"generateMode": SYSTEM}])
        if "ak_sk" in wanted:
            generated = [p for p in full["ak_sk"] if p["generated"] and p.get("access_key")]
            custom = [p for p in full["ak_sk"] if not p["generated"]]
            body["akSkIdentityConfigs"] = (
                [{"type": "AkSk", "generateMode": CUSTOM, "ak": p["access_key"], "sk": p["secret_key"]} for p in custom]
                + [{"type": "AkSk", "generateMode": SYSTEM, "ak": p["access_key"], "sk": p["secret_key"]}
                   for p in generated[-1:]] + [{"type": "AkSk", "generateMode": SYSTEM}])
        self.client.call("UpdateConsumer", "PUT", consumer_path(full[self.id_key]), body=body, mutating=True)
        return self._get(full[self.id_key])

    def changes(self, current, desired):
        found = super(ApigConsumer, self).changes(current, desired)
        if self.grace_over(current):
            # The previous generated credentials outlived previous_secret_grace: only the newest stay.
            keys = (current.get("api_key") or {}).get("keys") or []
            generated = [k for k in keys if k["generated"]]
            if len(generated) > 1 and "api_key" not in found:
                found["api_key"] = dict(current["api_key"], keys=generated[-1:])
            pairs = [p for p in current.get("ak_sk") or [] if p["generated"]]
            if len(pairs) > 1 and "ak_sk" not in found:
                found["ak_sk"] = [p for p in current["ak_sk"] if not p["generated"]] + pairs[-1:]
        return found

    def delete(self, current):
        return self.delete_with(current, lambda: self.client.call(
            "DeleteConsumer", "DELETE", consumer_path(current[self.id_key]), mutating=True))


def run_apig_consumer():
    """The whole of the module alicloud_apig_consumer (also run in one process with others by run_modules)."""
    # Imported here: that file imports this one.
    from ansible_collections.cloudapps.provision.plugins.module_utils._alicloud_apig_authorization import SCOPE_SPEC, ApigConsumerAuthorizations
    module = CloudAppsModule(
        VENDOR,
        argument_spec=dict(
            SCOPE_OPTIONS,
            description=dict(type="str"),
            enabled=dict(type="bool"),
            # The configuration is not secret (source and field); its keys are, and are no_log.
            api_key=dict(type="dict", no_log=False, options=dict(
                source=dict(type="str", default="bearer", choices=["bearer", "header", "query"]),
                field=dict(type="str"),
                keys=dict(type="list", elements="str", no_log=True),
            )),
            ak_sk=dict(type="list", elements="dict", options=dict(
                # The AccessKey identifies the pair, like an access key id: not a secret.
                access_key=dict(type="str", no_log=False),
                secret_key=dict(type="str", no_log=True),
            )),
            jwt=dict(type="raw"),
            dry_run=dict(type="bool", default=False),
            authorizations=dict(type="list", elements="dict", options=SCOPE_SPEC),
        ),
    )
    module.run(ApigConsumer, authorizations=ApigConsumerAuthorizations)
