# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The transport against a real local HTTP server that answers from a script."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import socket
import ssl
import time

import pytest
import requests
import urllib3

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    CloudError, NETWORK, SERVER, THROTTLED, categorize,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._transport import (
    UNRESOLVED_HOST, USER_AGENT, RateLimiter, Transport, _causes, _describe, _not_sent, parse_retry_after,
)
from ansible_collections.cloudapps.provision.tests.unit.recording_server import DROP, RecordingServer


class ScriptedServer(RecordingServer):
    """Answers each request with the next step of a script: (status, headers, body) or 'drop' or ('sleep', s)."""

    def __init__(self):
        self.script = []
        super(ScriptedServer, self).__init__(self._next)
        self.url = self.base_url

    def _next(self, request):
        step = self.script.pop(0) if self.script else (200, {}, {"ok": True})
        if step != DROP and step[0] == "sleep":
            return ("sleep", step[1], (200, {}, {"ok": True}))
        return step


@pytest.fixture
def server():
    srv = ScriptedServer()
    yield srv
    srv.close()


RULES = (("Throttling", THROTTLED),)


def parse(response):
    data = json.loads(response.body)
    if response.status >= 300 or "Code" in data:
        raise CloudError(data.get("Message", "error"), code=data.get("Code"), request_id=data.get("RequestId"),
                         category=categorize(RULES, response.status, data.get("Code")), vendor="Test",
                         http_status=response.status)
    return data, data.get("RequestId")


def make_transport(sleeps, **kwargs):
    kwargs.setdefault("timeout", 2)
    return Transport("Test", sleep=sleeps.append, **kwargs)


def prepare_for(url, signed_query="a=%2A~%20"):
    attempts = []

    def prepare():
        attempts.append(time.time())
        return "POST", url + "/?" + signed_query, {"X-Attempt": str(len(attempts))}, b"{}"
    return prepare, attempts


def test_read_retries_throttling_then_succeeds(server):
    server.script = [(400, {}, {"Code": "Throttling.User", "RequestId": "r1"}),
                     (503, {}, {"Code": "ServiceUnavailable", "RequestId": "r2"}),
                     (200, {}, {"RequestId": "r3", "value": 1})]
    sleeps = []
    transport = make_transport(sleeps)
    prepare, attempts = prepare_for(server.url)
    assert transport.call(prepare, parse, "Describe") == {"RequestId": "r3", "value": 1}
    assert len(attempts) == 3 and len(sleeps) == 2
    assert transport.request_ids == ["r1", "r2", "r3"]
    # each attempt is signed afresh
    assert [r["headers"]["X-Attempt"] for r in server.requests] == ["1", "2", "3"]


def test_exact_query_is_sent_unchanged(server):
    transport = make_transport([])
    prepare, unused = prepare_for(server.url, "b=%21%27%28%29&c=%E6%B5%8B")
    transport.call(prepare, parse, "Describe")
    assert server.requests[0]["target"] == "/?b=%21%27%28%29&c=%E6%B5%8B"
    assert server.requests[0]["headers"]["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("cloudapps.provision/")


def test_write_not_retried_on_server_error_and_flagged(server):
    server.script = [(500, {}, {"Code": "InternalError", "RequestId": "w1"})]
    transport = make_transport([])
    prepare, attempts = prepare_for(server.url)
    with pytest.raises(CloudError) as info:
        transport.call(prepare, parse, "Create", mutating=True)
    assert len(attempts) == 1
    assert info.value.category == SERVER and info.value.may_have_applied
    assert info.value.request_id == "w1"


def test_write_retried_on_throttling(server):
    server.script = [(429, {}, {"Code": "Throttling", "RequestId": "t1"}), (200, {}, {"RequestId": "ok"})]
    sleeps = []
    transport = make_transport(sleeps)
    prepare, attempts = prepare_for(server.url)
    transport.call(prepare, parse, "Create", mutating=True)
    assert len(attempts) == 2 and len(sleeps) == 1


def test_retry_after_is_honoured(server):
    server.script = [(429, {"Retry-After": "7"}, {"Code": "Throttling"}), (200, {}, {})]
    sleeps = []
    make_transport(sleeps).call(prepare_for(server.url)[0], parse, "Describe")
    assert sleeps[0] >= 7


def test_retries_give_up_after_max_attempts(server):
    server.script = [(429, {}, {"Code": "Throttling"})] * 3
    sleeps = []
    transport = make_transport(sleeps, max_attempts=3)
    with pytest.raises(CloudError) as info:
        transport.call(prepare_for(server.url)[0], parse, "Describe")
    assert info.value.category == THROTTLED and len(sleeps) == 2


def test_dropped_write_is_not_retried_and_may_have_applied(server):
    server.script = ["drop"]
    transport = make_transport([])
    prepare, attempts = prepare_for(server.url)
    with pytest.raises(CloudError) as info:
        transport.call(prepare, parse, "Create", mutating=True)
    assert len(attempts) == 1
    assert info.value.category == NETWORK and info.value.may_have_applied


def test_dropped_read_is_retried(server):
    server.script = ["drop", (200, {}, {"RequestId": "x"})]
    transport = make_transport([])
    assert transport.call(prepare_for(server.url)[0], parse, "Describe")["RequestId"] == "x"


def test_read_timeout(server):
    server.script = [("sleep", 1.5), ("sleep", 1.5)]
    transport = make_transport([], timeout=0.3, max_attempts=2)
    with pytest.raises(CloudError) as info:
        transport.call(prepare_for(server.url)[0], parse, "Describe")
    assert info.value.category == NETWORK
    assert "timeout" in info.value.message


def test_refused_connection_is_safe_to_retry_for_writes():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens on this port now
    sleeps = []
    transport = make_transport(sleeps, max_attempts=2)
    with pytest.raises(CloudError) as info:
        transport.call(prepare_for("http://127.0.0.1:%d" % port)[0], parse, "Create", mutating=True)
    assert len(sleeps) == 1  # retried once: the request never left
    assert not info.value.may_have_applied


def test_backoff_grows_and_is_capped():
    transport = Transport("Test", backoff_base=1, backoff_cap=8)
    assert max(transport.backoff(0) for dummy in range(200)) <= 1
    assert max(transport.backoff(10) for dummy in range(200)) <= 8
    assert max(transport.backoff(3) for dummy in range(200)) > 1
    assert transport.backoff(0, retry_after=30) == 30
    assert transport.backoff(0, retry_after=1000) == 60


def test_parse_retry_after():
    assert parse_retry_after("3") == 3
    assert parse_retry_after(None) is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert parse_retry_after("soon") is None


def test_rate_limiter_paces_calls_below_the_rate_in_any_second():
    clock = [0.0]
    starts = []

    def sleep(seconds):
        clock[0] += seconds
    limiter = RateLimiter(20, clock=lambda: clock[0], sleep=sleep)
    for dummy in range(70):
        limiter.wait()
        starts.append(clock[0])
        clock[0] += 0.004  # the call itself
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:])]
    # Paced, not bursts: every call starts a little more than 1/20 s after the one before.
    assert min(gaps) >= 0.05 and max(gaps) < 0.06
    busiest = max(sum(1 for t in starts if begin <= t < begin + 1.0) for begin in starts)
    assert busiest == 19
    # Still within 1/SPACING of the rate: 70 calls take about 69 intervals, not more.
    assert starts[-1] <= 69 * RateLimiter.SPACING / 20 + 1e-9


def test_rate_limiter_keeps_the_rate_when_arrivals_jitter():
    """The vendor sees arrival times: 30 ms of jitter on each call still keeps any second within 20."""
    import random
    clock = [0.0]
    arrivals = []
    jitter = random.Random(7)

    def sleep(seconds):
        clock[0] += seconds
    limiter = RateLimiter(20, clock=lambda: clock[0], sleep=sleep)
    for dummy in range(200):
        limiter.wait()
        arrivals.append(clock[0] + 0.04 + jitter.uniform(-0.015, 0.015))
    arrivals.sort()
    busiest = max(sum(1 for t in arrivals if begin <= t < begin + 1.0) for begin in arrivals)
    assert busiest <= 20


def test_rate_limiter_does_not_bank_idle_time():
    clock = [0.0]
    starts = []

    def sleep(seconds):
        clock[0] += seconds
    limiter = RateLimiter(10, clock=lambda: clock[0], sleep=sleep)
    limiter.wait()
    clock[0] += 5.0  # idle: no burst of saved-up calls afterwards
    for dummy in range(3):
        limiter.wait()
        starts.append(clock[0])
    assert starts[1] - starts[0] >= 0.1 and starts[2] - starts[1] >= 0.1


def test_rate_limiter_is_shared_by_the_transports_of_a_batch():
    parent = Transport("Test", rate_limit=10)
    item = parent.for_item()
    assert item.limiter is parent.limiter and item.sessions is parent.sessions
    assert item.request_ids is not parent.request_ids


def test_categorize_prefixes_and_status():
    rules = (("Throttling", THROTTLED), ("InvalidTimeStamp", "signature"))
    assert categorize(rules, 400, "Throttling.User") == THROTTLED
    assert categorize(rules, 400, "ThrottlingX") == "invalid_parameter"
    assert categorize(rules, 400, "InvalidTimeStamp.Expired") == "signature"
    assert categorize(rules, 503, "Unknown") == SERVER
    assert categorize(rules, 404, None) == "not_found"
    assert categorize(rules, 403, None) == "auth"


def test_error_text_has_code_request_id_and_category():
    text = str(CloudError("bad", code="X.Y", request_id="rid-1", category=THROTTLED, vendor="Tencent Cloud"))
    assert "X.Y" in text and "rid-1" in text and "throttled" in text and "Tencent Cloud" in text


def test_proxy_from_the_environment_is_used(server, monkeypatch):
    # The scripted server plays the proxy: a proxied request arrives with the absolute URL.
    monkeypatch.setenv("HTTP_PROXY", server.url)
    monkeypatch.setenv("http_proxy", server.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    transport = make_transport([])
    transport.call(prepare_for("http://upstream.invalid")[0], parse, "Describe")
    assert server.requests[0]["target"] == "http://upstream.invalid/?a=%2A~%20"


def test_an_unresolvable_host_is_named_so():
    """The code vendors use to say "the service is gone" for a host that no longer resolves."""
    resolution = urllib3.exceptions.NameResolutionError("apigateway.example.invalid", None, OSError("no such host"))
    wrapped = requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(None, "/", resolution))
    assert _causes(wrapped, (UNRESOLVED_HOST, "gaierror")) == [resolution]
    assert _not_sent(wrapped)
    refused = requests.exceptions.ConnectionError(OSError("connection reset"))
    assert _causes(refused, (UNRESOLVED_HOST, "gaierror")) == []


def test_a_tls_error_whose_reason_is_a_string_is_described_not_crashed_on():
    """ssl.SSLError carries its reason as a string; the cause walk must not treat it as an exception."""
    verify = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    verify.reason = "CERTIFICATE_VERIFY_FAILED"
    verify.verify_message = "self-signed certificate"
    wrapped = requests.exceptions.SSLError(
        urllib3.exceptions.MaxRetryError(None, "/", urllib3.exceptions.SSLError(verify)))
    assert _causes(wrapped, ("SSLCertVerificationError",)) == [verify]
    text = _describe(wrapped, "https://api.example.com:8443/?Signature=s3cr3t")
    assert text.startswith("the TLS certificate of api.example.com:8443 was rejected (self-signed certificate); ")
    assert "s3cr3t" not in text and "ca_cert" in text


def test_a_netrc_entry_for_the_host_never_replaces_the_signature(server, monkeypatch, tmp_path):
    """requests adds ~/.netrc credentials of a host as Basic auth, over the signed Authorization header."""
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login someone password something\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("NETRC", str(netrc))
    transport = make_transport([])

    def prepare():
        return "POST", server.url + "/?a=1", {"Authorization": "HMAC-SHA256 Credential=signed"}, b"{}"
    transport.call(prepare, parse, "Describe")
    transport.call(prepare, parse, "Describe")
    assert [r["headers"]["Authorization"] for r in server.requests] == ["HMAC-SHA256 Credential=signed"] * 2


def test_no_proxy_is_read_for_each_host(server, monkeypatch):
    """The environment's settings are kept per host: NO_PROXY still picks which host goes direct."""
    monkeypatch.setenv("HTTP_PROXY", server.url)
    monkeypatch.setenv("http_proxy", server.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    transport = make_transport([])
    transport.call(prepare_for(server.url)[0], parse, "Describe")
    transport.call(prepare_for("http://upstream.invalid")[0], parse, "Describe")
    assert [r["target"] for r in server.requests] == ["/?a=%2A~%20", "http://upstream.invalid/?a=%2A~%20"]
