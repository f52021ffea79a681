# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""The one HTTP transport: timeouts, TLS, proxies, rate limit, retries with backoff."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import email.utils
import random
import threading
import time

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
    """Client-side limit: at most ``rate_per_second`` calls start in any window of one second.

    One limiter is shared by every thread and every item of a task, so a batch never sends more
    than the vendor's published rate, retries included. The window is kept a little longer than a
    second so that clock granularity on either side cannot squeeze one call too many into it.
    """

    WINDOW = 1.02

    def __init__(self, rate_per_second, clock=time.monotonic, sleep=time.sleep):
        self._capacity = max(1, int(rate_per_second)) if rate_per_second else 0
        self._clock = clock
        self._sleep = sleep
        self._starts = collections.deque()
        self._lock = threading.Lock()

    def wait(self):
        if not self._capacity:
            return
        while True:
            with self._lock:
                now = self._clock()
                while self._starts and now - self._starts[0] >= self.WINDOW:
                    self._starts.popleft()
                if len(self._starts) < self._capacity:
                    self._starts.append(now)
                    return
                delay = self.WINDOW - (now - self._starts[0])
            self._sleep(max(delay, 0.001))


class SessionPool:
    """One requests session per thread: sessions are not documented as thread-safe."""

    def __init__(self):
        self._local = threading.local()

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
        stack.extend([getattr(item, "reason", None), item.__cause__, item.__context__])
        stack.extend(arg for arg in getattr(item, "args", ()) if isinstance(arg, BaseException))
    return found


class Response:
    """What a vendor parser sees of an HTTP answer."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body


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
                 backoff_cap=DEFAULT_BACKOFF_CAP, sleep=time.sleep, log=None, limiter=None, sessions=None):
        self.vendor = vendor
        self.timeout = timeout
        self.validate_certs = validate_certs
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
                         limiter=self.limiter, sessions=self.sessions)

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
        settings = session.merge_environment_settings(url, {}, True, self.validate_certs, None)
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
                error = CloudError(
                    "%s request could not be completed: %s" % (
                        action, "the host name did not resolve" if unresolved else _describe(exc)),
                    code=UNRESOLVED_HOST if unresolved else None,
                    category=NETWORK, vendor=self.vendor, may_have_applied=mutating and not not_sent)
                if (retry_any or not_sent) and attempt < self.max_attempts:
                    self._pause(attempt, None, action, error)
                    continue
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
                raise
            if request_id:
                self.request_ids.append(request_id)
            return data

    def _pause(self, attempt, retry_after, action, error):
        delay = self.backoff(attempt - 1, retry_after)
        self.log("%s %s attempt %d failed (%s %s); retrying in %.2fs"
                 % (self.vendor, action, attempt, error.category, error.code or "", delay))
        self.sleep(delay)


def _describe(exc):
    """A short reason for a network failure; never includes headers or bodies."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return "connection timed out"
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return "no answer within the timeout"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS verification failed (set validate_certs=false only for a trusted private endpoint)"
    if isinstance(exc, requests.exceptions.ProxyError):
        return "proxy error"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "connection failed or was closed before an answer came"
    return type(exc).__name__
