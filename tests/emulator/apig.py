"""Alibaba Cloud-native API Gateway (APIG, API version 2024-03-27, ROA style): the consumer calls
CreateConsumer, ListConsumers, GetConsumer, UpdateConsumer and DeleteConsumer.

Requests are signed with ACS3-HMAC-SHA256 over the ROA pathname (the tea SDK's do_request);
the signature check is the CloudAPI handler's. Answers use APIG's envelope
``{requestId, code, message, data}``; errors of the POP gateway in front of it (signature,
credentials, throttling, version) keep the POP shape ``{RequestId, HostId, Code, Message}``.

Facts from the API pages and the official SDK (alibabacloud-apig20240327 11.6.0): the paths and
methods, the fields, ``clientToken`` (at most 64 characters; the same token within about 24
hours returns the first consumer, different parameters with it give
``IdempotentParameterMismatch``), ``dryRun``, ``gatewayType`` API or AI, the credential
``generateMode`` System or Custom, the API key sources Header, QueryString and Default, and
GetConsumer's ``apiKeyIdentityConfig`` (CreateConsumer's is ``apikeyIdentityConfig``).
Marked "ours" in README.md: the name rule, the page-size cap, the error codes other than the
two above, the quota and the answer to a dry run.
"""

import re
import secrets
import time
import urllib.parse

from .alibaba import AlibabaError, AlibabaHandler, _request_id
from .common import json_reply

VERSION = "2024-03-27"
ROUTES = (
    ("POST", re.compile(r"^/v1/consumers$"), "CreateConsumer"),
    ("GET", re.compile(r"^/v1/consumers$"), "ListConsumers"),
    ("GET", re.compile(r"^/v1/consumers/([^/]+)$"), "GetConsumer"),
    ("PUT", re.compile(r"^/v1/consumers/([^/]+)$"), "UpdateConsumer"),
    ("DELETE", re.compile(r"^/v1/consumers/([^/]+)$"), "DeleteConsumer"),
    ("POST", re.compile(r"^/v1/authorization-rules$"), "CreateConsumerAuthorizationRules"),
    ("GET", re.compile(r"^/v1/authorization-rules$"), "QueryConsumerAuthorizationRules"),
    ("DELETE", re.compile(r"^/v1/consumers/([^/]+)/authorization-rules/([^/]+)$"), "DeleteConsumerAuthorizationRule"),
    ("PUT", re.compile(r"^/v1/consumers/([^/]+)/authorization-rules/([^/]+)$"), "UpdateConsumerAuthorizationRule"),
)
MUTATING = ("CreateConsumer", "UpdateConsumer", "DeleteConsumer", "CreateConsumerAuthorizationRules",
            "DeleteConsumerAuthorizationRule", "UpdateConsumerAuthorizationRule")
# Authorization rules: every gateway starts with one environment and three routes of an HTTP API
# (ours); the third route is not deployed in it, and a rule for it is refused.
DEFAULT_ENVIRONMENT = "env-cti17hem1hktoruj98ug"
DEFAULT_ROUTES = {"hr-cloudapps000000000001": True, "hr-cloudapps000000000002": True, "hr-cloudapps000000000003": False}
RESOURCE_TYPES = ("HttpApiRoute", "HttpApiOperation")
MAX_RULES = 100  # ours: rules per CreateConsumerAuthorizationRules call
GATEWAY_TYPES = ("API", "AI")
API_KEY_SOURCES = ("Header", "QueryString", "Default")
GENERATE_MODES = ("System", "Custom")
TOKEN_TTL = 24 * 3600
TOKEN_MAX = 64
# Ours: the vendor documents no limits for these.
NAME_RE = re.compile(r"^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_.\-\u4e00-\u9fff]{0,63}$")
DESCRIPTION_MAX = 255
PAGE_SIZE_MAX = 100
CONSUMER_QUOTA = 1000
CREDENTIAL_RE = re.compile(r"^[A-Za-z0-9_\-]{8,128}$")
MAX_CREDENTIALS = 5

BUSINESS_STATUS = {
    "InvalidParameter": 400, "MissingParameter": 400, "NotFound.Consumer": 404, "Conflict.ConsumerName": 409,
    "Conflict.Credential": 409, "IdempotentParameterMismatch": 400, "IdempotentProcessing": 409,
    "QuotaExceeded.Consumer": 400, "NotFound.Environment": 404, "NotFound.Resource": 404,
    "NotFound.AuthorizationRule": 404,
}


class ApigError(Exception):
    """A business error of APIG itself (the lowercase envelope)."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = BUSINESS_STATUS.get(code, 400)


def invalid(field, why):
    return ApigError("InvalidParameter", "The parameter %s is invalid: %s" % (field, why))


class ApigHandler(AlibabaHandler):
    name = "apig"
    version = VERSION
    rate_limit = 50.0  # ours: the APIG pages publish no rate; the CloudAPI one

    def matches(self, req):
        return (req.headers.get("x-acs-version") == VERSION or req.path.startswith("/v1/consumers")
                or req.path.startswith("/v1/authorization-rules"))

    def action(self, req):
        return req.headers.get("x-acs-action") or self._route(req)[0] or ""

    def is_mutating(self, action):
        return action in MUTATING

    def request_mutates(self, req, action):
        # A dry run checks everything and creates nothing.
        if action == "CreateConsumer" and dict(req.query).get("dryRun", "").lower() == "true":
            return False
        return self.is_mutating(action)

    @staticmethod
    def _route(req):
        for method, pattern, action in ROUTES:
            match = pattern.match(req.path)
            if match and req.method == method:
                return action, tuple(urllib.parse.unquote(group) for group in match.groups())
        return None, ()

    # --- envelopes ---
    def _business_error(self, err):
        request_id = _request_id()
        return json_reply(err.status, {"requestId": request_id, "code": err.code, "message": err.message},
                          {"x-acs-request-id": request_id})

    @staticmethod
    def _data(data):
        request_id = _request_id()
        return json_reply(200, {"requestId": request_id, "code": "Ok", "message": "success", "data": data},
                          {"x-acs-request-id": request_id})

    def error_reply(self, req, emu, kind, action):
        if kind == "resubmit":
            return self._error(req, "InternalError")
        return super(ApigHandler, self).error_reply(req, emu, kind, action)

    def initial_state(self):
        return {"consumers": {}, "tokens": {}, "rules": {},
                "environments": {DEFAULT_ENVIRONMENT: dict(DEFAULT_ROUTES)}}

    # --- the API ---
    def handle(self, req, emu):
        try:
            if not req.headers.get("Authorization", "").startswith("ACS3-"):
                raise AlibabaError("IncompleteSignature", "The request signature does not conform to Aliyun standards.")
            self._verify_acs3(req, emu)
            action, path_ids = self._route(req)
            if action is None or req.headers.get("x-acs-action") != action:
                raise AlibabaError("InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
        except AlibabaError as err:
            return self._error(req, err.code, err.message, err.status)
        try:
            state = emu.vendor_state(self.name)
            query = dict(req.query)
            body = {}
            if action in ("CreateConsumer", "UpdateConsumer", "CreateConsumerAuthorizationRules",
                          "UpdateConsumerAuthorizationRule"):
                try:
                    body = req.json_body() or {}
                except ValueError:
                    raise ApigError("InvalidParameter", "The request body is not a JSON object.") from None
            if action == "CreateConsumer":
                return self._data(self._create(emu, state, query, body))
            if action == "ListConsumers":
                return self._data(self._list(state, query))
            if action == "CreateConsumerAuthorizationRules":
                return self._data(self._create_rules(state, body))
            if action == "QueryConsumerAuthorizationRules":
                return self._data(self._query_rules(state, query))
            consumer_id = path_ids[0]
            consumer = state["consumers"].get(consumer_id)
            if consumer is None:
                raise ApigError("NotFound.Consumer", "The consumer %s does not exist." % consumer_id)
            if action == "GetConsumer":
                return self._data(self._detail(consumer))
            if action == "UpdateConsumer":
                self._update(emu, state, consumer, body)
                return self._data({})
            if action == "UpdateConsumerAuthorizationRule":
                rule = state["rules"].get(path_ids[1])
                if rule is None or rule["consumerId"] != consumer_id:
                    raise ApigError("NotFound.AuthorizationRule", "The authorization rule %s does not exist." % path_ids[1])
                rule.update(self._expiry(body), updateTimestamp=int(time.time() * 1000))
                return self._data({})
            if action == "DeleteConsumerAuthorizationRule":
                rule = state["rules"].get(path_ids[1])
                if rule is None or rule["consumerId"] != consumer_id:
                    raise ApigError("NotFound.AuthorizationRule", "The authorization rule %s does not exist." % path_ids[1])
                del state["rules"][path_ids[1]]
                return self._data({})
            del state["consumers"][consumer_id]
            # Its authorization rules go with it.
            for rule_id in [k for k, r in state["rules"].items() if r["consumerId"] == consumer_id]:
                del state["rules"][rule_id]
            return self._data({})
        except ApigError as err:
            return self._business_error(err)

    # --- validation ---
    @staticmethod
    def _flag(value, field):
        if isinstance(value, bool):
            return value
        # Query values arrive as text; the SDK sends Python's "True" (the service parses case-insensitively).
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise invalid(field, "must be true or false")

    def _credentials(self, state, body, exclude_id=None):
        """The identity configurations of a create or update body, validated; None when absent."""
        out = {}
        if "apikeyIdentityConfig" in body and body["apikeyIdentityConfig"] is not None:
            config = body["apikeyIdentityConfig"]
            if not isinstance(config, dict):
                raise invalid("apikeyIdentityConfig", "must be an object")
            if config.get("type", "Apikey") != "Apikey":
                raise invalid("apikeyIdentityConfig.type", "must be Apikey")
            source = config.get("apikeySource") or {"source": "Default"}
            if not isinstance(source, dict) or source.get("source") not in API_KEY_SOURCES:
                raise invalid("apikeyIdentityConfig.apikeySource.source", "must be one of %s" % ", ".join(API_KEY_SOURCES))
            if source["source"] != "Default" and not source.get("value"):
                raise invalid("apikeyIdentityConfig.apikeySource.value", "the header or query field name is required")
            creds = config.get("credentials") or []
            if not isinstance(creds, list) or not 1 <= len(creds) <= MAX_CREDENTIALS:
                raise invalid("apikeyIdentityConfig.credentials", "1 to %d credentials" % MAX_CREDENTIALS)
            stored = []
            for cred in creds:
                mode = (cred or {}).get("generateMode")
                if mode not in GENERATE_MODES:
                    raise invalid("apikeyIdentityConfig.credentials.generateMode", "must be System or Custom")
                value = cred.get("apikey")
                if mode == "Custom" and not (isinstance(value, str) and CREDENTIAL_RE.match(value)):
                    raise invalid("apikeyIdentityConfig.credentials.apikey", "8 to 128 letters, digits, '_' or '-'")
                stored.append({"generateMode": mode, "apikey": value if value else secrets.token_hex(16)})
            out["apikey"] = {"type": "Apikey", "apikeySource": {"source": source["source"], "value": source.get("value") or ""},
                             "credentials": stored}
        if "akSkIdentityConfigs" in body and body["akSkIdentityConfigs"] is not None:
            configs = body["akSkIdentityConfigs"]
            if not isinstance(configs, list) or len(configs) > MAX_CREDENTIALS:
                raise invalid("akSkIdentityConfigs", "at most %d pairs" % MAX_CREDENTIALS)
            stored = []
            for config in configs:
                config = config or {}
                if config.get("type", "AkSk") != "AkSk":
                    raise invalid("akSkIdentityConfigs.type", "must be AkSk")
                mode = config.get("generateMode")
                if mode not in GENERATE_MODES:
                    raise invalid("akSkIdentityConfigs.generateMode", "must be System or Custom")
                ak, sk = config.get("ak"), config.get("sk")
                if mode == "Custom" and not all(isinstance(v, str) and CREDENTIAL_RE.match(v) for v in (ak, sk)):
                    raise invalid("akSkIdentityConfigs.ak", "a Custom pair needs ak and sk, 8 to 128 letters, digits, '_' or '-'")
                stored.append({"type": "AkSk", "generateMode": mode, "ak": ak or secrets.token_hex(8),
                               "sk": sk or secrets.token_hex(16)})
            out["aksk"] = stored
        if body.get("jwtIdentityConfig") is not None:
            out["jwt"] = body["jwtIdentityConfig"]
        # An API key or an AK of another consumer cannot be reused.
        taken = set()
        for other_id, other in state["consumers"].items():
            if other_id != exclude_id:
                taken.update(c["apikey"] for c in (other.get("apikey") or {}).get("credentials", []))
                taken.update(c["ak"] for c in other.get("aksk") or [])
        mine = [c["apikey"] for c in (out.get("apikey") or {}).get("credentials", [])] + [c["ak"] for c in out.get("aksk") or []]
        if taken.intersection(mine) or len(set(mine)) != len(mine):
            raise ApigError("Conflict.Credential", "An API key or AccessKey is already used by another credential.")
        return out

    def _check_common(self, body):
        description = body.get("description")
        if description is not None and (not isinstance(description, str) or len(description) > DESCRIPTION_MAX):
            raise invalid("description", "at most %d characters" % DESCRIPTION_MAX)
        if "enable" in body and body["enable"] is not None:
            self._flag(body["enable"], "enable")

    # --- actions ---
    def _create(self, emu, state, query, body):
        token = query.get("clientToken")
        if token is not None and not 1 <= len(token) <= TOKEN_MAX:
            raise invalid("clientToken", "1 to %d characters" % TOKEN_MAX)
        dry_run = self._flag(query["dryRun"], "dryRun") if "dryRun" in query else False
        name = body.get("name")
        if not name:
            raise ApigError("MissingParameter", "The parameter name is required.")
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise invalid("name", "1 to 64 letters, digits, Chinese characters, '_', '-' or '.', not starting with a symbol")
        gateway_type = body.get("gatewayType") or "API"
        if gateway_type not in GATEWAY_TYPES:
            raise invalid("gatewayType", "API or AI")
        self._check_common(body)
        now = time.time()
        for key, (stamp, unused, unused_id) in list(state["tokens"].items()):
            if now - stamp > TOKEN_TTL:
                del state["tokens"][key]
        fingerprint = repr(sorted(body.items()))
        if token is not None and token in state["tokens"] and not dry_run:
            unused, earlier, consumer_id = state["tokens"][token]
            if earlier != fingerprint:
                raise ApigError("IdempotentParameterMismatch",
                                "The request uses the same client token as a previous, but non-identical request.")
            return {"consumerId": consumer_id}
        if any(c["name"] == name and c["gatewayType"] == gateway_type for c in state["consumers"].values()):
            raise ApigError("Conflict.ConsumerName", "A consumer named %s already exists." % name)
        if len(state["consumers"]) >= CONSUMER_QUOTA and not self.seeding:
            raise ApigError("QuotaExceeded.Consumer", "An account can own at most %d consumers." % CONSUMER_QUOTA)
        credentials = self._credentials(state, body)
        if dry_run:
            # Everything was checked; nothing is created or remembered.
            return {}
        consumer_id = "cs-" + secrets.token_hex(10)
        stamp = int(now * 1000)
        state["consumers"][consumer_id] = dict(
            credentials, consumerId=consumer_id, name=name, description=body.get("description") or "",
            enable=self._flag(body["enable"], "enable") if body.get("enable") is not None else True,
            gatewayType=gateway_type, createTimestamp=stamp, updateTimestamp=stamp)
        if token is not None:
            state["tokens"][token] = (now, fingerprint, consumer_id)
        return {"consumerId": consumer_id}

    def _list(self, state, query):
        try:
            number = int(query.get("pageNumber", 1))
            size = int(query.get("pageSize", 10))
        except ValueError:
            raise invalid("pageSize", "pageNumber and pageSize are integers") from None
        if number < 1 or not 1 <= size <= PAGE_SIZE_MAX:
            raise invalid("pageSize", "pageNumber from 1, pageSize 1 to %d" % PAGE_SIZE_MAX)
        consumers = list(state["consumers"].values())
        if query.get("gatewayType"):
            consumers = [c for c in consumers if c["gatewayType"] == query["gatewayType"]]
        if query.get("nameLike"):
            # Fuzzy on purpose: callers compare names exactly themselves.
            consumers = [c for c in consumers if query["nameLike"].lower() in c["name"].lower()]
        consumers.sort(key=lambda c: (-c["createTimestamp"], c["consumerId"]))
        page = consumers[(number - 1) * size:number * size]
        return {"totalSize": len(consumers), "pageNumber": number, "pageSize": size,
                "items": [self._summary(c) for c in page]}

    @staticmethod
    def _summary(consumer):
        return {"consumerId": consumer["consumerId"], "name": consumer["name"], "description": consumer["description"],
                "enable": consumer["enable"], "createTimestamp": consumer["createTimestamp"],
                "updateTimestamp": consumer["updateTimestamp"], "deployStatus": "Deployed"}

    def _detail(self, consumer):
        data = self._summary(consumer)
        data["gatewayType"] = consumer["gatewayType"]
        data["consumerGroups"] = []
        data["akSkIdentityConfigs"] = [dict(c) for c in consumer.get("aksk") or []]
        if consumer.get("apikey"):
            data["apiKeyIdentityConfig"] = consumer["apikey"]
        if consumer.get("jwt"):
            data["jwtIdentityConfig"] = consumer["jwt"]
        return data

    def age(self, state, delta):
        """Every consumer ``delta`` older (createTimestamp and updateTimestamp, in milliseconds)."""
        shift = int(delta.total_seconds() * 1000)
        for consumer in state["consumers"].values():
            consumer["createTimestamp"] -= shift
            consumer["updateTimestamp"] -= shift

    def _update(self, emu, state, consumer, body):
        for fixed in ("name", "gatewayType"):
            if fixed in body:
                raise invalid(fixed, "cannot be changed")
        self._check_common(body)
        credentials = self._credentials(state, body, exclude_id=consumer["consumerId"])
        if body.get("description") is not None:
            consumer["description"] = body["description"]
        if body.get("enable") is not None:
            consumer["enable"] = self._flag(body["enable"], "enable")
        consumer.update(credentials)
        consumer["updateTimestamp"] = int(time.time() * 1000)

    # --- authorization rules ---
    def _create_rules(self, state, body):
        rules = body.get("authorizationRules")
        if not isinstance(rules, list) or not rules:
            raise ApigError("MissingParameter", "The parameter authorizationRules is empty.")
        if len(rules) > MAX_RULES:
            raise invalid("authorizationRules", "at most %d rules" % MAX_RULES)
        checked = []
        for rule in rules:
            rule = rule if isinstance(rule, dict) else {}
            if rule.get("principalType", "Consumer") != "Consumer":
                raise invalid("principalType", "only Consumer is served by the emulator")
            consumer_id = rule.get("consumerId")
            if consumer_id not in state["consumers"]:
                raise ApigError("NotFound.Consumer", "The consumer %s does not exist." % consumer_id)
            if rule.get("resourceType") not in RESOURCE_TYPES:
                raise invalid("resourceType", "one of %s" % ", ".join(RESOURCE_TYPES))
            identifier = rule.get("resourceIdentifier") or {}
            environment = state["environments"].get(identifier.get("environmentId"))
            if environment is None:
                raise ApigError("NotFound.Environment", "The environment %s does not exist." % identifier.get("environmentId"))
            resource_id = identifier.get("resourceId")
            if resource_id not in environment:
                raise ApigError("NotFound.Resource", "The resource %s does not exist." % resource_id)
            if not environment[resource_id]:
                raise invalid("resourceIdentifier.resourceId", "the route %s is not deployed in environment %s"
                              % (resource_id, identifier["environmentId"]))
            checked.append((consumer_id, rule["resourceType"], resource_id, identifier["environmentId"],
                            identifier.get("parentResourceId") or "", self._expiry(rule)))
        ids = []
        for consumer_id, resource_type, resource_id, environment_id, parent, expire in checked:
            # Ours: a rule that exists already is answered with its id (nothing is duplicated).
            existing = next((k for k, r in state["rules"].items() if (r["consumerId"], r["resourceType"], r["resourceId"],
                                                                      r["environmentId"]) == (consumer_id, resource_type,
                                                                                              resource_id, environment_id)), None)
            if existing is None:
                existing = "car-" + secrets.token_hex(10)
                stamp = int(time.time() * 1000)
                state["rules"][existing] = {"consumerAuthorizationRuleId": existing, "consumerId": consumer_id,
                                            "principalType": "Consumer", "resourceType": resource_type,
                                            "resourceId": resource_id, "environmentId": environment_id,
                                            "parentResourceId": parent, "createTimestamp": stamp,
                                            "updateTimestamp": stamp}
                state["rules"][existing].update(expire)
            ids.append(existing)
        return {"consumerAuthorizationRuleIds": ids}

    @staticmethod
    def _expiry(body):
        """expireMode and expireTimestamp (milliseconds) of a rule, checked: ShortTerm needs the time."""
        mode = body.get("expireMode", "LongTerm")
        if mode not in ("LongTerm", "ShortTerm"):
            raise invalid("expireMode", "LongTerm or ShortTerm")
        ends = body.get("expireTimestamp")
        if mode == "ShortTerm" and (not isinstance(ends, int) or isinstance(ends, bool) or ends <= 0):
            raise invalid("expireTimestamp", "a time in milliseconds is required with expireMode ShortTerm")
        return {"expireMode": mode, "expireTimestamp": ends if mode == "ShortTerm" else None}

    def _query_rules(self, state, query):
        try:
            number = int(query.get("pageNumber", 1))
            size = int(query.get("pageSize", 10))
        except ValueError:
            raise invalid("pageSize", "pageNumber and pageSize are integers") from None
        if number < 1 or not 1 <= size <= PAGE_SIZE_MAX:
            raise invalid("pageSize", "pageNumber from 1, pageSize 1 to %d" % PAGE_SIZE_MAX)
        rules = sorted(state["rules"].values(), key=lambda r: (r["createTimestamp"], r["consumerAuthorizationRuleId"]))
        for field in ("consumerId", "environmentId", "resourceType", "resourceId"):
            if query.get(field):
                rules = [r for r in rules if r[field] == query[field]]
        page = rules[(number - 1) * size:number * size]
        items = []
        for rule in page:
            item = dict((k, v) for k, v in rule.items() if k not in ("environmentId", "parentResourceId"))
            item["environmentInfo"] = {"environmentId": rule["environmentId"]}
            ends = rule.get("expireTimestamp")
            item["expireStatus"] = "Expired" if ends and ends <= int(time.time() * 1000) else "Active"
            items.append(item)
        return {"totalSize": len(rules), "pageNumber": number, "pageSize": size, "items": items}

    def seed_one(self, emu, name, options):
        if options.get("kind") == "route":
            # A route named ``name`` (its id hr-<name>) deployed in the default environment.
            emu.vendor_state(self.name)["environments"][DEFAULT_ENVIRONMENT]["hr-" + name] = True
            return None
        # With a generated AK/SK pair, so that listings with secrets have some to show.
        body = {"name": name, "gatewayType": options.get("gateway_type", "API"),
                "akSkIdentityConfigs": [{"type": "AkSk", "generateMode": "System"}]}
        return self._create(emu, emu.vendor_state(self.name), {}, body)
