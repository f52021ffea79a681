# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""The one HTTP transport: timeouts, TLS, proxies, rate limit, retries with backoff."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import random
import threading
import time

from ansible.module_utils.six.moves.urllib.parse import urlsplit

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module through missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    CloudError, NETWORK, THROTTLED,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._version import COLLECTION_VERSION

try:
    from ansible.module_utils.ansible_release import __version__ as ANSIBLE_VERSION
except ImportError:  # pragma: no cover
    ANSIBLE_VERSION = "unknown"

USER_AGENT = "cloudapps.provision/%s (ansible-core/%s)" % (COLLECTION_VERSION, ANSIBLE_VERSION)

DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_BACKOFF_BASE = 0.5
DEFAULT_BACKOFF_CAP = 20.0
# A vendor asking for a longer pause than this is better answered by failing the task.
RETRY_AFTER_CAP = 60.0


class RateLimiter:
    """Client-side pacing: calls start one every ``SPACING / rate_per_second`` seconds (a leaky bucket).

    One limiter is shared by every thread and every item of a task, so a batch never sends more
    than the vendor's published rate, retries included. Calls are spread out rather than let
    through a window's worth at once: the vendor counts arrivals, and the time between admitting a
    call and its arrival varies by tens of milliseconds; spaced a little wider than the rate, any
    one-second window of arrivals stays within the rate under that jitter.
    """

    SPACING = 1.06

    def __init__(self, rate_per_second, clock=time.monotonic, sleep=time.sleep):
        self._interval = self.SPACING / rate_per_second if rate_per_second else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next = None
        self._lock = threading.Lock()

    def wait(self):
        if not self._interval:
            return
        with self._lock:
            now = self._clock()
            slot = now if self._next is None or self._next < now else self._next
            self._next = slot + self._interval
        if slot > now:
            self._sleep(slot - now)


def _signed_already(request):
    """The session's auth: the request carries its own signature. Without it requests looks up
    ~/.netrc for every request, and would replace the signed Authorization header with a netrc entry
    of the vendor's host."""
    return request


class SessionPool:
    """One requests session per thread: sessions are not documented as thread-safe."""

    def __init__(self):
        self._local = threading.local()
        # What the environment says for each base URL (proxies, CA bundle): read once per task.
        self._settings = {}
        self._settings_lock = threading.Lock()

    def settings(self, session, url, verify):
        """requests' merge_environment_settings for ``url``, once per scheme, host and verify."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc, verify)
        with self._settings_lock:
            found = self._settings.get(key)
        if found is None:
            found = session.merge_environment_settings(url, {}, True, verify, None)
            with self._settings_lock:
                self._settings[key] = found
        return dict(found, proxies=dict(found["proxies"]))

    def discard(self, session):
        """Stop using ``session`` (in this thread) and close its connections."""
        if getattr(self._local, "session", None) is session:
            self._local.session = None
        session.close()

    def get(self):
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()  # trust_env: proxies and CA bundle from the environment
            session.headers["User-Agent"] = USER_AGENT
            session.auth = _signed_already
            self._local.session = session
        return session


def parse_retry_after(value):
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date), or None."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


# What requests itself reads from the environment of every module (trust_env): the docs site lists them.
ENVIRONMENT = (
    ("REQUESTS_CA_BUNDLE", "the CA bundle that verifies endpoints' certificates, unless ca_cert is set"),
    ("CURL_CA_BUNDLE", "the same, when REQUESTS_CA_BUNDLE is not set"),
    ("HTTPS_PROXY", "the proxy for https:// endpoints"),
    ("HTTP_PROXY", "the proxy for http:// endpoints"),
    ("NO_PROXY", "hosts reached without the proxy (comma-separated)"),
)


# The code of a network error whose host name did not resolve (no vendor code exists for it).
UNRESOLVED_HOST = "NameResolutionError"


def _not_sent(exc):
    """True when a requests exception proves the request never reached the server."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(exc, (requests.exceptions.SSLError, requests.exceptions.ProxyError)):
        return True
    return bool(_causes(exc, ("NewConnectionError", "ConnectTimeoutError", UNRESOLVED_HOST)))


def _causes(exc, names):
    """The exceptions named ``names`` anywhere in the cause chain of ``exc``."""
    found = []
    seen = set()
    stack = [exc]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if type(item).__name__ in names:
            found.append(item)
        # ssl.SSLError's reason is a string, urllib3's an exception: follow exceptions only.
        linked = [getattr(item, "reason", None), item.__cause__, item.__context__] + list(getattr(item, "args", ()))
        stack.extend(link for link in linked if isinstance(link, BaseException))
    return found


class Response:
    """What a vendor parser sees of an HTTP answer."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json_or_none(self):
        """The body as JSON, or None when there is none or it is not JSON (the caller decides what that means)."""
        if not self.body:
            return None
        try:
            return json.loads(self.body.decode("utf-8"))
        except ValueError:
            return None


class Transport:
    """Sends signed requests for one vendor and retries what is safe to retry.

    ``prepare`` is called for every attempt so that each attempt carries a fresh timestamp, nonce
    and signature. ``parse`` turns a ``Response`` into data or raises ``CloudError``.
    Reads are retried on throttling, 5xx and network errors. Writes are retried only when the
    request cannot have taken effect (throttled, or never sent); otherwise the error is raised
    with ``may_have_applied`` so the reconcile step can look before acting again.
    """

    def __init__(self, vendor, timeout=30, validate_certs=True, rate_limit=None,
                 max_attempts=DEFAULT_MAX_ATTEMPTS, backoff_base=DEFAULT_BACKOFF_BASE,
                 backoff_cap=DEFAULT_BACKOFF_CAP, sleep=time.sleep, log=None, limiter=None, sessions=None,
                 ca_cert=None):
        self.vendor = vendor
        self.timeout = timeout
        self.validate_certs = validate_certs
        self.ca_cert = ca_cert
        self.max_attempts = max(1, max_attempts)
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.sleep = sleep
        self.log = log or (lambda message: None)
        # A batch shares one limiter and one session pool between the transports of its items.
        self.limiter = limiter if limiter is not None else RateLimiter(rate_limit, sleep=sleep)
        self.sessions = sessions if sessions is not None else SessionPool()
        self.request_ids = []
        self.calls = 0

    @property
    def session(self):
        return self.sessions.get()

    def for_item(self):
        """A transport for one batch item: own request ids, shared limiter and sessions."""
        return Transport(self.vendor, timeout=self.timeout, validate_certs=self.validate_certs,
                         max_attempts=self.max_attempts, backoff_base=self.backoff_base,
                         backoff_cap=self.backoff_cap, sleep=self.sleep, log=self.log,
                         limiter=self.limiter, sessions=self.sessions, ca_cert=self.ca_cert)

    def backoff(self, attempt, retry_after=None):
        delay = random.uniform(0, min(self.backoff_cap, self.backoff_base * (2 ** attempt)))
        if retry_after is not None:
            delay = max(delay, min(retry_after, RETRY_AFTER_CAP))
        return delay

    def _send(self, method, url, headers, body):
        session = self.session
        request = requests.Request(method, url, headers=headers, data=body or None)
        prepared = session.prepare_request(request)
        # requests may re-quote the URL; the signature covers the exact query we built.
        prepared.url = url
        # verify=True lets requests take REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE; ca_cert wins over both.
        verify = (self.ca_cert or True) if self.validate_certs else False
        settings = self.sessions.settings(session, url, verify)
        outcome = {}

        def exchange():
            try:
                # stream=True (in settings): the body is read below, not by send().
                response = session.send(prepared, timeout=self.timeout, allow_redirects=False, **settings)
                # Read the whole body here, inside the deadline.
                outcome["body"] = response.content
                outcome["response"] = response
            except Exception as exc:  # pylint: disable=broad-except
                # Handed to the caller's thread, which raises it.
                outcome["error"] = exc

        # requests' timeout bounds each socket read, so an answer that trickles in could last for
        # ever: the whole exchange (connect, send, read every byte) gets self.timeout in total.
        worker = threading.Thread(target=exchange, name="cloudapps-request")
        worker.daemon = True
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            # Closing the abandoned session's connections ends the worker's read.
            self.sessions.discard(session)
            raise requests.exceptions.ReadTimeout("no complete answer within %s seconds" % self.timeout)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["response"]

    def call(self, prepare, parse, action, mutating=False, idempotent=False):
        """Send, parse, retry what is safe to retry. ``idempotent``: a write the vendor deduplicates
        (a client token that ``prepare`` sends unchanged on every attempt) is retried like a read."""
        retry_any = not mutating or idempotent
        attempt = 0
        while True:
            attempt += 1
            self.limiter.wait()
            method, url, headers, body = prepare()
            self.calls += 1
            try:
                raw = self._send(method, url, headers, body)
            except requests.exceptions.RequestException as exc:
                not_sent = _not_sent(exc)
                # urllib3 2 raises NameResolutionError; older ones keep the socket.gaierror.
                unresolved = bool(_causes(exc, (UNRESOLVED_HOST, "gaierror")))
                # A certificate or protocol mismatch fails the same way every time: no retry.
                tls = isinstance(exc, requests.exceptions.SSLError)
                if (retry_any or not_sent) and not tls and attempt < self.max_attempts:
                    self._pause(attempt, None, action, CloudError(_describe(exc, url), category=NETWORK))
                    continue
                reason = "the host name did not resolve" if unresolved else _describe(exc, url)
                error = CloudError(
                    "%s request to %s could not be completed (%s): %s" % (
                        action, _location(url), _attempts(attempt), reason),
                    code=UNRESOLVED_HOST if unresolved else None,
                    category=NETWORK, vendor=self.vendor, may_have_applied=mutating and not not_sent)
                error.attempts = attempt
                raise error
            response = Response(raw.status_code, raw.headers, raw.content)
            try:
                data, request_id = parse(response)
            except CloudError as error:
                if error.request_id:
                    self.request_ids.append(error.request_id)
                if error.retry_after is None:
                    error.retry_after = parse_retry_after(raw.headers.get("Retry-After"))
                safe = retry_any or error.category == THROTTLED
                if error.retryable and safe and attempt < self.max_attempts:
                    self._pause(attempt, error.retry_after, action, error)
                    continue
                if mutating and error.retryable and error.category != THROTTLED:
                    error.may_have_applied = True
                error.attempts = attempt
                raise
            if request_id:
                self.request_ids.append(request_id)
            return data

    def _pause(self, attempt, retry_after, action, error):
        delay = self.backoff(attempt - 1, retry_after)
        # A vendor error by its code, a network error by what happened (neither carries a secret).
        reason = error.code or (error.message if error.category == NETWORK else "HTTP %s" % error.http_status)
        self.log("%s %s attempt %d of %d failed (%s: %s); retrying in %.2fs"
                 % (self.vendor, action, attempt, self.max_attempts, error.category, reason, delay))
        self.sleep(delay)


def _location(url):
    """scheme://host:port/path of a request: never the query, which can carry a signature."""
    parts = urlsplit(url)
    return "%s://%s%s" % (parts.scheme, parts.netloc.rsplit("@", 1)[-1], parts.path or "/")


def _attempts(count):
    return "1 attempt" if count == 1 else "%d attempts" % count


# OpenSSL's reasons when the other end does not speak TLS at all (plain HTTP on the port).
_NOT_TLS = ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG", "HTTP_REQUEST",
            "UNEXPECTED_RECORD", "wrong version number", "record layer failure", "packet length too long")
TLS_ADVICE = ("if the endpoint uses a private CA (or a TLS-inspecting proxy), set ca_cert or the REQUESTS_CA_BUNDLE "
              "environment variable to that CA's PEM bundle; set validate_certs=false only for a trusted private "
              "endpoint")


def _describe_tls(exc, url):
    host = urlsplit(url).netloc.rsplit("@", 1)[-1]
    verify = _causes(exc, ("SSLCertVerificationError",))
    if verify:
        detail = str(getattr(verify[0], "verify_message", None) or getattr(verify[0], "reason", None)
                     or "not trusted").rstrip(".")
        if "mismatch" in detail:
            advice = ("write the endpoint with a host name the certificate is issued for; set validate_certs=false "
                      "only for a trusted private endpoint")
        elif "expired" in detail or "not yet valid" in detail:
            advice = "the server's certificate must be renewed (or the clock of this machine is wrong)"
        else:
            advice = TLS_ADVICE
        return "the TLS certificate of %s was rejected (%s); %s" % (host, detail, advice)
    text = " ".join(str(getattr(item, "reason", "") or "") + " " + str(item)
                    for item in _causes(exc, ("SSLError",)) + [exc])
    if any(marker in text for marker in _NOT_TLS):
        return ("%s did not answer TLS (is it a plain http:// endpoint? then write the endpoint with http://)"
                % host)
    return "the TLS handshake with %s failed; %s" % (host, TLS_ADVICE)


def _describe(exc, url):
    """A short reason for a network failure; never includes headers, bodies or the query."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return "connection timed out"
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return "no answer within the timeout"
    if isinstance(exc, requests.exceptions.SSLError):
        return _describe_tls(exc, url)
    if isinstance(exc, requests.exceptions.ProxyError):
        return "proxy error"
    if isinstance(exc, requests.exceptions.ConnectionError):
        if _causes(exc, ("ConnectionRefusedError", "NewConnectionError")):
            return "connection refused or not possible (is the endpoint's host and port right?)"
        return "connection failed or was closed before an answer came"
    return type(exc).__name__
