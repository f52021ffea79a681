"""Shared pieces of the local cloud emulator: request/reply types, the vendor handler base
class, percent-encoding and time helpers, token buckets and fault rules.

Standard library only; nothing here may import plugins/ code (the emulator must check
signatures independently of the code it is used to test).
"""

import collections
import datetime
import hashlib
import hmac
import json
import threading
import time
import urllib.parse

Reply = collections.namedtuple("Reply", ["status", "headers", "body"])

# Tried in this order: apig (Alibaba's ROA 2024-03-27 calls) before alibaba, which takes every other ACS3 call.
VENDORS = ("volcengine", "apig", "alibaba", "huawei", "tencent")
FAULT_KINDS = ("throttle", "server_error", "delay", "drop_before", "drop_after", "clock_skew", "gone",
               "resubmit", "resubmit_after", "malformed", "empty", "trickle")
# Kinds answered by the vendor handler's error_reply().
ERROR_FAULT_KINDS = ("throttle", "server_error", "clock_skew", "gone", "resubmit")


def json_reply(status, obj, headers=None):
    """A JSON reply; compact separators like the real gateways, raw UTF-8."""
    body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    hdrs = {"Content-Type": "application/json; charset=utf-8"}
    if headers:
        hdrs.update(headers)
    return Reply(status, hdrs, body)


class Headers(collections.abc.Mapping):
    """Case-insensitive, read-only header mapping that keeps the original names and values.

    Repeated headers are joined with "," (RFC 9110); `.items()` yields original names.
    """

    def __init__(self, pairs=()):
        self._data = {}
        for name, value in pairs:
            key = name.lower()
            if key in self._data:
                orig, old = self._data[key]
                self._data[key] = (orig, old + "," + value)
            else:
                self._data[key] = (name, value)

    def __getitem__(self, name):
        return self._data[name.lower()][1]

    def __contains__(self, name):
        return isinstance(name, str) and name.lower() in self._data

    def __iter__(self):
        return (item[0] for item in self._data.values())

    def __len__(self):
        return len(self._data)

    def get(self, key, default=None):
        item = self._data.get(key.lower())
        return item[1] if item else default


class Request:
    """One request as it arrived on the wire."""

    def __init__(self, method, target, headers, body):
        self.method = method
        path, _sep, raw_query = target.partition("?")
        self.path = path or "/"
        self.raw_query = raw_query
        # keep_blank_values: "SignatureType=" must survive (the legacy Alibaba core signs it).
        self.query = urllib.parse.parse_qsl(raw_query, keep_blank_values=True)
        self.headers = headers if isinstance(headers, Headers) else Headers(headers)
        self.body = body or b""
        self.host = self.headers.get("Host", "")

    def query_dict(self):
        """Query as a dict (the last value wins for repeated keys)."""
        return dict(self.query)

    def form(self):
        """Parameters of an application/x-www-form-urlencoded body (empty list otherwise)."""
        ctype = self.headers.get("Content-Type", "")
        if not self.body or "application/x-www-form-urlencoded" not in ctype.lower():
            return []
        return urllib.parse.parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True)

    def json_body(self):
        """The body parsed as a JSON object; None if empty; raises ValueError if not JSON."""
        if not self.body:
            return None
        obj = json.loads(self.body.decode("utf-8"))
        if not isinstance(obj, dict):
            raise ValueError("JSON body is not an object")
        return obj


class VendorHandler:
    """Base class of the four vendor handlers (see the emulator contract)."""

    name = ""
    # Token bucket per action: `rate_limit` tokens per second, at most `burst` stored.
    rate_limit = 20.0
    burst = None  # None: same as rate_limit (one second worth of calls)

    def matches(self, req):
        raise NotImplementedError

    def action(self, req):
        raise NotImplementedError

    def is_mutating(self, action):
        raise NotImplementedError

    def error_reply(self, req, emu, kind, action):
        raise NotImplementedError

    def handle(self, req, emu):
        raise NotImplementedError

    def rate_limit_reply(self, req, emu, action):
        """Answer to a call over the rate limit; default: the vendor's throttle error."""
        return self.error_reply(req, emu, "throttle", action)

    def initial_state(self):
        """The vendor's empty state (stored as emu.state[self.name])."""
        return {}

    def reset(self):
        """Forget transient memory (e.g. nonces); called by POST /_emulator/reset."""

    def request_mutates(self, req, action):
        """Whether this request can change state (logged as ``mutating``; state saved after it)."""
        return self.is_mutating(action)

    # Set while POST /_emulator/seed runs: the account quota does not apply, so tests can list
    # more than one page of resources (a real account can have its quota raised).
    seeding = False

    def seed_one(self, emu, name, options):
        """Create one resource named ``name`` through the vendor's own create path (for tests)."""
        raise NotImplementedError("the %s emulator cannot seed resources" % self.name)

    def log_fields(self, reply):
        """(error_code, request_id) of a reply, for the request log."""
        return generic_log_fields(reply)


def _dig(obj, *keys):
    for key in keys:
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def generic_log_fields(reply):
    """Find the error code and request id in the four vendors' envelopes."""
    try:
        obj = json.loads(reply.body.decode("utf-8")) if reply.body else {}
    except ValueError:
        obj = {}
    if not isinstance(obj, dict):
        obj = {}
    request_id = (_dig(obj, "ResponseMetadata", "RequestId") or _dig(obj, "Response", "RequestId")
                  or obj.get("RequestId") or obj.get("request_id"))
    if not request_id:
        hdrs = {k.lower(): v for k, v in (reply.headers or {}).items()}
        request_id = hdrs.get("x-request-id") or hdrs.get("x-acs-request-id")
    code = (_dig(obj, "ResponseMetadata", "Error", "Code") or _dig(obj, "Response", "Error", "Code")
            or obj.get("error_code"))
    if code is None and reply.status >= 400:
        code = obj.get("Code") or obj.get("code") or "HTTP%d" % reply.status
    return code, request_id


# --- encoding / hashing helpers -------------------------------------------------------------

def rfc3986(value, safe="-_.~"):
    """Percent-encode like the vendors' signers: only unreserved characters stay literal."""
    if not isinstance(value, str):
        value = str(value)
    return urllib.parse.quote(value, safe=safe)


def sha256_hex(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def hmac_sha256(key, msg):
    if isinstance(key, str):
        key = key.encode("utf-8")
    if isinstance(msg, str):
        msg = msg.encode("utf-8")
    return hmac.new(key, msg, hashlib.sha256).digest()


def constant_eq(a, b):
    return hmac.compare_digest(str(a).encode("utf-8"), str(b).encode("utf-8"))


def parse_basic_date(value):
    """YYYYMMDDTHHMMSSZ (Volcengine X-Date, Huawei X-Sdk-Date) -> aware datetime or None."""
    try:
        return datetime.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    except (TypeError, ValueError):
        return None


def parse_iso_date(value):
    """YYYY-MM-DDThh:mm:ssZ (Alibaba Timestamp / x-acs-date) -> aware datetime or None."""
    try:
        return datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    except (TypeError, ValueError):
        return None


def skew_seconds(emu, when):
    """Absolute difference in seconds between the emulator clock and `when`."""
    return abs((emu.now() - when).total_seconds())


def iso_now(emu):
    return emu.now().strftime("%Y-%m-%dT%H:%M:%SZ")


# --- rate limits -------------------------------------------------------------------------------

class TokenBucket:
    """Classic token bucket: starts full, refills `rate` tokens per second up to `capacity`."""

    def __init__(self, rate, capacity, clock=time.monotonic):
        self.rate = float(rate)
        self.capacity = float(capacity)
        self.tokens = float(capacity)
        self.clock = clock
        self.stamp = clock()
        self._lock = threading.Lock()

    def take(self):
        with self._lock:
            now = self.clock()
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1.0:
                self.tokens -= 1.0
                return True
            return False


# --- faults --------------------------------------------------------------------------------------

class FaultRule:
    """One fault rule: vendor/action ("*" = any), kind, count (-1 = forever), delay seconds."""

    def __init__(self, vendor="*", action="*", kind="server_error", count=1, delay=1.0):
        if kind not in FAULT_KINDS:
            raise ValueError("unknown fault kind %r (known: %s)" % (kind, ", ".join(FAULT_KINDS)))
        if vendor != "*" and vendor not in VENDORS:
            raise ValueError("unknown vendor %r" % vendor)
        self.vendor = vendor or "*"
        self.action = action or "*"
        self.kind = kind
        self.count = int(count)
        self.delay = float(delay)

    @classmethod
    def from_dict(cls, obj):
        if not isinstance(obj, dict):
            raise ValueError("a fault rule must be a JSON object")
        unknown = set(obj) - {"vendor", "action", "kind", "count", "delay"}
        if unknown:
            raise ValueError("unknown fault rule keys: %s" % ", ".join(sorted(unknown)))
        return cls(obj.get("vendor", "*"), obj.get("action", "*"), obj.get("kind", ""),
                   obj.get("count", 1), obj.get("delay", 1.0))

    @classmethod
    def from_spec(cls, spec):
        """CLI form vendor:action:kind[:count[:arg]] (arg = delay seconds for kind delay)."""
        parts = spec.split(":")
        if len(parts) < 3 or len(parts) > 5:
            raise ValueError("fault spec must be vendor:action:kind[:count[:arg]], got %r" % spec)
        count = int(parts[3]) if len(parts) > 3 and parts[3] != "" else 1
        delay = float(parts[4]) if len(parts) > 4 else 1.0
        return cls(parts[0], parts[1], parts[2], count, delay)

    def to_dict(self):
        return {"vendor": self.vendor, "action": self.action, "kind": self.kind,
                "count": self.count, "delay": self.delay}

    def matches(self, vendor, action):
        return (self.count != 0 and self.vendor in ("*", vendor)
                and self.action in ("*", action))
