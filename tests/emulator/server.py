"""The emulator's HTTP server: routing to vendor handlers, admin API, rate limits, faults,
request log and state persistence (see tests/emulator/README.md)."""

import argparse
import datetime
import importlib
import json
import os
import socket
import ssl
import sys
import tempfile
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .common import (VENDORS, ERROR_FAULT_KINDS, FaultRule, Headers, Reply, Request, TokenBucket,
                     VendorHandler, json_reply)

DEFAULT_ACCESS_KEY = "AKIDEMULATOR0000000001"
DEFAULT_SECRET_KEY = "EmulatorSecretKey0000000000000000000001"
ADMIN_PREFIX = "/_emulator/"
MAX_BODY = 10 * 1024 * 1024


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m tests.emulator",
                                     description="Local emulator of four cloud APIs (test use only).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--access-key", default=DEFAULT_ACCESS_KEY)
    parser.add_argument("--secret-key", default=DEFAULT_SECRET_KEY)
    parser.add_argument("--state", metavar="FILE", help="load at start if it exists; save after every mutating call")
    parser.add_argument("--log", metavar="FILE", help="append the request log as JSON lines")
    parser.add_argument("--fault", metavar="SPEC", action="append", default=[],
                        help="vendor:action:kind[:count[:arg]] (repeatable; vendor/action may be *)")
    parser.add_argument("--no-rate-limit", action="store_true")
    parser.add_argument("--huawei-project-id", metavar="ID", default=None)
    parser.add_argument("--huawei-instance-id", metavar="ID", default=None)
    # Huawei's default credential quota is 50 per gateway and can be raised on request.
    parser.add_argument("--huawei-app-quota", type=int, default=50, metavar="N",
                        help="apps per Huawei gateway before APIG.3103 (vendor default 50)")
    parser.add_argument("--clock-skew", type=float, default=0.0, metavar="SECONDS",
                        help="offset added to the emulator's clock")
    parser.add_argument("--tls-cert", metavar="PEM", help="serve https with this certificate chain")
    parser.add_argument("--tls-key", metavar="PEM", help="the private key of --tls-cert")
    return parser


def parse_options(argv=None):
    return build_parser().parse_args(argv)


def load_handlers():
    """Instantiate the VendorHandler subclass found in each tests/emulator/<vendor>.py.

    A vendor module that is missing (not written yet) is skipped so the framework works
    while the handlers are developed in parallel.
    """
    handlers = []
    for vendor in VENDORS:
        try:
            module = importlib.import_module("." + vendor, __package__)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith("." + vendor):
                continue
            raise
        found = [obj for obj in vars(module).values()
                 if isinstance(obj, type) and issubclass(obj, VendorHandler)
                 and obj is not VendorHandler and getattr(obj, "name", "") == vendor]
        if found:
            handlers.append(found[0]())
    return handlers


class Emulator:
    """State and policies shared by all requests; `handle_request` is the per-request pipeline."""

    def __init__(self, options=None, handlers=None):
        self.options = options if options is not None else parse_options([])
        self.access_key = self.options.access_key
        self.secret_key = self.options.secret_key
        self.lock = threading.RLock()
        self.handlers = handlers if handlers is not None else load_handlers()
        self.rate_limit_enabled = not self.options.no_rate_limit
        self.state = {}
        self.log_entries = []
        self.faults = [FaultRule.from_spec(spec) for spec in self.options.fault]
        self.buckets = {}
        # Temporary keys issued by the emulated STSs (tests/emulator/sts.py), by access key id.
        self.sessions = {}
        # The account the request being handled acts in: None for the base account (set while
        # a handler verifies the request's key, under the lock).
        self.current_account = None
        self._reset_state()
        if self.options.state and os.path.exists(self.options.state):
            with open(self.options.state, encoding="utf-8") as handle:
                loaded = json.load(handle)
            for key, value in loaded.items():
                self.state[key] = value

    # --- services offered to the handlers ---
    def now(self):
        return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=self.options.clock_skew)

    @staticmethod
    def new_request_id():
        return str(uuid.uuid4())

    @staticmethod
    def new_id(prefix=""):
        return prefix + uuid.uuid4().hex

    def save(self):
        """Write the state file atomically (a crash mid-write must not lose the old state)."""
        path = self.options.state
        if not path:
            return
        directory = os.path.dirname(os.path.abspath(path))
        fd, tmp = tempfile.mkstemp(prefix=".emulator-state-", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.state, handle, ensure_ascii=False, indent=1, sort_keys=True)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    # --- admin ---
    def _reset_state(self):
        self.state = {h.name: h.initial_state() for h in self.handlers}
        # Other accounts (reached through an assumed role): {account: {vendor: state}}.
        self.state["accounts"] = {}

    def vendor_state(self, name):
        """The state of vendor ``name`` in the account the current request acts in."""
        if self.current_account is None:
            return self.state[name]
        account = self.state.setdefault("accounts", {}).setdefault(self.current_account, {})
        if name not in account:
            account[name] = next(h for h in self.handlers if h.name == name).initial_state()
        return account[name]

    def account_of(self, req):
        """The account a request is signed for (its temporary key's), None for the base key."""
        if not self.sessions:
            return None
        signed = req.headers.get("Authorization", "") + "&" + req.raw_query
        with self.lock:
            for access_key, session in self.sessions.items():
                if access_key in signed:
                    return session["account"]
        return None

    def reset(self):
        with self.lock:
            self._reset_state()
            self.log_entries = []
            self.faults = []
            self.buckets = {}
            self.sessions = {}
            for handler in self.handlers:
                handler.reset()
            self.save()

    def seed(self, body):
        """Create ``count`` resources named ``prefix`` + a number for ``vendor`` through its create
        path, without the account quota and the rate limit: tests that need many resources."""
        try:
            spec = json.loads(body.decode("utf-8") or "{}")
            handler = next(h for h in self.handlers if h.name == spec["vendor"])
            count, prefix = int(spec["count"]), str(spec["prefix"])
        except (ValueError, TypeError, KeyError, StopIteration) as exc:
            return json_reply(400, {"error": "BadSeed", "message": "give vendor, count and prefix (%s)" % exc})
        with self.lock:
            handler.seeding = True
            try:
                for number in range(count):
                    handler.seed_one(self, "%s%04d" % (prefix, number), spec.get("options") or {})
            except Exception as exc:  # pylint: disable=broad-except
                # A vendor rule (a bad name) refused it: say so to the test.
                return json_reply(400, {"error": "BadSeed", "message": "%s: %s" % (type(exc).__name__, exc)})
            finally:
                handler.seeding = False
            self.save()
        return json_reply(200, {"ok": True, "count": count})

    def age(self, body):
        """Make the credentials of ``vendor`` ``days`` older (their creation and change times move
        back): tests of rotation by age. Only the services that keep credential times have ``age``."""
        try:
            spec = json.loads(body.decode("utf-8") or "{}")
            handler = next(h for h in self.handlers if h.name == spec["vendor"] and hasattr(h, "age"))
            days = float(spec["days"])
        except (ValueError, TypeError, KeyError, StopIteration) as exc:
            return json_reply(400, {"error": "BadAge", "message": "give vendor and days (%s)" % exc})
        with self.lock:
            handler.age(self.state[handler.name], datetime.timedelta(days=days))
            self.save()
        return json_reply(200, {"ok": True})

    def set_faults(self, rules):
        parsed = [FaultRule.from_dict(rule) for rule in rules]
        with self.lock:
            self.faults = parsed

    def _take_fault(self, vendor, action):
        with self.lock:
            for rule in self.faults:
                if rule.matches(vendor, action):
                    if rule.count > 0:
                        rule.count -= 1
                    return rule
        return None

    def _rate_ok(self, handler, action, account):
        if not self.rate_limit_enabled:
            return True
        # Each account has its own limits (a region is another emulator).
        key = (handler.name, action, account)
        with self.lock:
            bucket = self.buckets.get(key)
            if bucket is None:
                burst = handler.burst if handler.burst is not None else handler.rate_limit
                bucket = self.buckets[key] = TokenBucket(handler.rate_limit, burst)
        return bucket.take()

    def _log(self, entry):
        with self.lock:
            self.log_entries.append(entry)
            if self.options.log:
                with open(self.options.log, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(entry, ensure_ascii=False) + "\n")

    # --- the pipeline ---
    def handle_request(self, req):
        """Return a Reply, or None when the connection must be dropped without an answer."""
        handler = next((h for h in self.handlers if h.matches(req)), None)
        if handler is None:
            return json_reply(404, {"error": "NoVendorMatched",
                                    "message": "the request does not look like any emulated vendor API"})
        action = handler.action(req) or ""
        mutating = bool(handler.request_mutates(req, action))
        account = self.account_of(req)
        entry = {"ts": time.time(), "vendor": handler.name, "action": action, "mutating": mutating,
                 "status": None, "error_code": None, "request_id": None,
                 "method": req.method, "path": req.path, "account": account}
        reply = None
        drop = False
        if not self._rate_ok(handler, action, account):
            reply = handler.rate_limit_reply(req, self, action)
            entry["limited"] = True
        else:
            rule = self._take_fault(handler.name, action)
            if rule is not None:
                entry["fault"] = rule.kind
            if rule is not None and rule.kind in ERROR_FAULT_KINDS:
                reply = handler.error_reply(req, self, rule.kind, action)
            elif rule is not None and rule.kind == "drop_before":
                drop = True
            else:
                if rule is not None and rule.kind == "delay":
                    time.sleep(max(0.0, rule.delay))
                reply = self._run_handler(handler, req)
                if mutating:
                    with self.lock:
                        self.save()
                drop = rule is not None and rule.kind == "drop_after"
                if rule is not None and rule.kind == "resubmit_after":
                    # Done and committed, yet answered as a resubmission (Alibaba RepeatedCommit).
                    reply = handler.error_reply(req, self, "resubmit", action)
                elif rule is not None and rule.kind in ("malformed", "empty", "trickle"):
                    reply = _corrupt(reply, rule)
        if reply is not None:
            entry["status"] = reply.status
            entry["error_code"], entry["request_id"] = handler.log_fields(reply)
        self._log(entry)
        return None if drop else reply

    def _run_handler(self, handler, req):
        with self.lock:
            self.current_account = None
            try:
                return handler.handle(req, self)
            except Exception:  # pylint: disable=broad-except
                # A handler bug must be visible, not a hung client.
                traceback.print_exc(file=sys.stderr)
                try:
                    return handler.error_reply(req, self, "server_error", handler.action(req))
                except Exception:  # pylint: disable=broad-except
                    return json_reply(500, {"error": "EmulatorBug"})
            finally:
                self.current_account = None

    def admin(self, method, path, body):
        name = path[len(ADMIN_PREFIX):].strip("/")
        if name == "health" and method == "GET":
            return json_reply(200, {"ok": True})
        if name == "reset" and method == "POST":
            self.reset()
            return json_reply(200, {"ok": True})
        if name == "log" and method == "GET":
            with self.lock:
                return json_reply(200, list(self.log_entries))
        if name == "sessions" and method == "GET":
            # The temporary keys issued (secrets included): what the tests' leak checks look for.
            with self.lock:
                return json_reply(200, self.sessions)
        if name == "state" and method == "GET":
            with self.lock:
                return json_reply(200, self.state)
        if name == "faults" and method == "POST":
            try:
                rules = json.loads(body.decode("utf-8") or "[]")
                if not isinstance(rules, list):
                    raise ValueError("body must be a JSON list of rules")
                self.set_faults(rules)
            except (ValueError, TypeError) as exc:
                return json_reply(400, {"error": "BadFaults", "message": str(exc)})
            return json_reply(200, {"ok": True, "faults": [r.to_dict() for r in self.faults]})
        if name == "seed" and method == "POST":
            return self.seed(body)
        if name == "age" and method == "POST":
            return self.age(body)
        if name == "faults" and method == "GET":
            with self.lock:
                return json_reply(200, [r.to_dict() for r in self.faults])
        return json_reply(404, {"error": "NoSuchAdminEndpoint", "message": path})


class _HTTPHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "CloudEmulator/1.0"
    emulator = None  # set on a subclass per server

    def setup(self):
        super().setup()
        # Without TCP_NODELAY the separate header/body writes meet the client's delayed ACK
        # (~40 ms per request on keep-alive connections).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Silence the default stderr access log (the emulator keeps its own log)."""

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            total = 0
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                total += size
                if total > MAX_BODY:
                    raise ValueError("body too large")
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ValueError("body too large")
        return self.rfile.read(length) if length > 0 else b""

    def _dispatch(self):
        try:
            body = self._read_body()
        except ValueError as exc:
            self._send(json_reply(400, {"error": "BadRequestBody", "message": str(exc)}))
            return
        path = self.path.partition("?")[0]
        if path.startswith(ADMIN_PREFIX):
            self._send(self.emulator.admin(self.command, path, body))
            return
        req = Request(self.command, self.path, Headers(self.headers.items()), body)
        reply = self.emulator.handle_request(req)
        if reply is None:
            # Fault drop_before/drop_after: close without a single byte of response.
            self.close_connection = True
            return
        self._send(reply)

    def _send(self, reply):
        body = reply.body or b""
        headers = dict(reply.headers or {})
        trickle = headers.pop(TRICKLE_HEADER, None)
        self.send_response(reply.status)
        names = {k.lower() for k in headers}
        for name, value in headers.items():
            if name.lower() != "content-length":
                self.send_header(name, value)
        if "content-type" not in names and body:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "HEAD" or reply.status in (204, 304):
            return
        if trickle is None:
            self.wfile.write(body)
            return
        # Fault trickle: one byte at a time, each after a pause (a client that bounds only each
        # socket read never times out).
        try:
            for index in range(len(body)):
                time.sleep(float(trickle))
                self.wfile.write(body[index:index + 1])
                self.wfile.flush()
        except OSError:
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _dispatch


# Keys that carry only request ids: what a "malformed" answer keeps of the vendor's envelope.
_ID_KEYS = ("RequestId", "requestId", "request_id", "ResponseMetadata")
TRICKLE_HEADER = "X-Emulator-Trickle"


def _strip_envelope(obj):
    if not isinstance(obj, dict):
        return {}
    kept = dict((key, obj[key]) for key in _ID_KEYS if key in obj)
    if isinstance(obj.get("Response"), dict):
        kept["Response"] = _strip_envelope(obj["Response"])
    if isinstance(kept.get("ResponseMetadata"), dict):
        kept["ResponseMetadata"] = dict((k, v) for k, v in kept["ResponseMetadata"].items() if k != "Error")
    return kept


def _corrupt(reply, rule):
    """The answer of a malformed/empty/trickle fault, after the action was done and committed."""
    if rule.kind == "empty":
        return Reply(200, dict(reply.headers or {}), b"")
    if rule.kind == "trickle":
        return Reply(reply.status, dict(reply.headers or {}, **{TRICKLE_HEADER: str(rule.delay)}), reply.body)
    try:
        data = json.loads((reply.body or b"{}").decode("utf-8"))
    except ValueError:
        data = {}
    return Reply(200, dict(reply.headers or {}), json.dumps(_strip_envelope(data)).encode("utf-8"))


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    emulator = None
    base_url = ""
    thread = None


def make_server(options=None, handlers=None):
    """Build (not start) a server; `server.emulator` is the Emulator, `server.base_url` its URL."""
    emulator = Emulator(options, handlers)
    handler_cls = type("BoundHTTPHandler", (_HTTPHandler,), {"emulator": emulator})
    server = EmulatorServer((emulator.options.host, emulator.options.port), handler_cls)
    server.emulator = emulator
    scheme = "http"
    if getattr(emulator.options, "tls_cert", None):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(emulator.options.tls_cert, emulator.options.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    host, port = server.server_address[:2]
    server.base_url = "%s://%s:%d" % (scheme, host if ":" not in host else "[%s]" % host, port)
    return server


def start_in_thread(options=None, handlers=None):
    """Start a server on a daemon thread; returns it (call .shutdown(); .server_close())."""
    server = make_server(options, handlers)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    server.thread = thread
    return server


__all__ = ["Emulator", "EmulatorServer", "Reply", "build_parser", "make_server", "parse_options",
           "start_in_thread", "DEFAULT_ACCESS_KEY", "DEFAULT_SECRET_KEY"]
