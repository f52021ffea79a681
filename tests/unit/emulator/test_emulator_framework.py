"""The emulator framework: faults, rate limits, request log, reset, persistence, CLI."""

import json
import os
import subprocess
import sys
import threading
import time

import pytest
import requests
from alibabacloud_cloudapi20160714 import models as m
from alibabacloud_tea_openapi.exceptions import ClientException, ServerException

from tests.emulator.common import FaultRule, TokenBucket
from tests.unit.emulator.test_alibaba_sdk import tea_client
from tests.unit.emulator.test_volcengine_sdk import call, call_error, rtc_service

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
LOG_KEYS = {"ts", "vendor", "action", "mutating", "status", "error_code", "request_id", "method", "path"}


def volc_apps(emulator):
    return emulator.state()["volcengine"]["apps"]


def test_fault_throttle_and_server_error_use_vendor_errors(emulator):
    emulator.set_faults([{"vendor": "alibaba", "action": "CreateApp", "kind": "throttle"},
                         {"vendor": "volcengine", "action": "*", "kind": "server_error", "count": 2}])
    client = tea_client(emulator)
    with pytest.raises(ClientException) as info:
        client.create_app(m.CreateAppRequest(app_name="throttled"))
    assert info.value.code == "Throttling.Api"
    # count 1 is used up: the next call goes through
    assert client.create_app(m.CreateAppRequest(app_name="throttled")).body.app_id
    rtc = rtc_service(emulator)
    for _i in range(2):
        err = call_error(rtc, "ListApps", {})
        assert err["ResponseMetadata"]["Error"]["Code"] == "InternalError"
    assert call(rtc, "ListApps", {})["Result"]["Total"] == 0
    codes = [(e["vendor"], e["status"], e["error_code"]) for e in emulator.log()]
    assert codes == [("alibaba", 400, "Throttling.Api"), ("alibaba", 200, None), ("volcengine", 500, "InternalError"),
                     ("volcengine", 500, "InternalError"), ("volcengine", 200, None)]


def test_fault_server_error_alibaba_is_5xx(emulator):
    emulator.set_faults([{"vendor": "*", "action": "DescribeApp", "kind": "server_error"}])
    client = tea_client(emulator)
    with pytest.raises(ServerException) as info:
        client.describe_app(m.DescribeAppRequest(app_id=1))
    assert (info.value.status_code, info.value.code) == (500, "InternalError")


def test_fault_clock_skew(emulator):
    emulator.set_faults([{"vendor": "volcengine", "action": "ListApps", "kind": "clock_skew", "count": -1}])
    rtc = rtc_service(emulator)
    for _i in range(3):  # count -1: forever
        assert call_error(rtc, "ListApps", {})["ResponseMetadata"]["Error"]["Code"] == "InvalidTimestamp"
    assert call(rtc, "CreateApp", {"AppName": "unaffected"})["Result"]["Name"] == "unaffected"


def test_fault_delay(emulator):
    emulator.set_faults([{"vendor": "volcengine", "action": "ListApps", "kind": "delay", "delay": 0.4}])
    rtc = rtc_service(emulator)
    start = time.monotonic()
    assert call(rtc, "ListApps", {})["Result"]["Total"] == 0
    assert time.monotonic() - start >= 0.4
    start = time.monotonic()
    call(rtc, "ListApps", {})
    assert time.monotonic() - start < 0.4


def test_drop_before_does_not_act(emulator):
    emulator.set_faults([{"vendor": "volcengine", "action": "CreateApp", "kind": "drop_before"}])
    with pytest.raises(requests.ConnectionError):
        call(rtc_service(emulator), "CreateApp", {"AppName": "lost"})
    assert volc_apps(emulator) == []
    entry = emulator.log()[-1]
    assert (entry["action"], entry["status"], entry["fault"]) == ("CreateApp", None, "drop_before")


def test_drop_after_acts_then_drops(emulator):
    emulator.set_faults([{"vendor": "volcengine", "action": "CreateApp", "kind": "drop_after"}])
    with pytest.raises(requests.ConnectionError):
        call(rtc_service(emulator), "CreateApp", {"AppName": "orphan"})
    assert [a["AppName"] for a in volc_apps(emulator)] == ["orphan"]
    assert emulator.log()[-1]["fault"] == "drop_after"


def test_fault_rules_validated_and_cli_spec():
    assert FaultRule.from_spec("tencent:*:delay:3:0.5").to_dict() == {
        "vendor": "tencent", "action": "*", "kind": "delay", "count": 3, "delay": 0.5}
    assert FaultRule.from_spec("*:CreateApp:drop_after").count == 1
    for bad in ("volcengine:CreateApp", "volcengine:CreateApp:explode", "nocloud:*:throttle"):
        with pytest.raises(ValueError):
            FaultRule.from_spec(bad)


def test_bad_fault_body_rejected(emulator):
    resp = requests.post(emulator.base_url + "/_emulator/faults", data=b'[{"kind": "explode"}]', timeout=5)
    assert resp.status_code == 400
    assert requests.get(emulator.base_url + "/_emulator/faults", timeout=5).json() == []


def test_cli_fault_option(emulator_factory):
    emu = emulator_factory("--fault", "volcengine:CreateApp:server_error:1")
    rtc = rtc_service(emu)
    assert call_error(rtc, "CreateApp", {"AppName": "x1"})["ResponseMetadata"]["Error"]["Code"] == "InternalError"
    assert call(rtc, "CreateApp", {"AppName": "x1"})["Result"]["Name"] == "x1"


def test_token_bucket_bounded_burst_and_refill():
    now = [100.0]
    bucket = TokenBucket(20, 20, clock=lambda: now[0])
    assert sum(bucket.take() for _i in range(50)) == 20  # burst bounded by capacity
    now[0] += 0.5
    assert sum(bucket.take() for _i in range(50)) == 10  # 20/s refill
    now[0] += 3600
    assert sum(bucket.take() for _i in range(50)) == 20  # never more than capacity


def hammer(make_call, threads=6, max_calls=400):
    """Call from several threads until one call is throttled (or max_calls); returns
    (outcomes, elapsed seconds). make_call() builds a per-thread callable returning "ok" or a code."""
    outcomes = []
    lock = threading.Lock()
    stop = threading.Event()

    def worker():
        one = make_call()
        while not stop.is_set():
            outcome = one()
            with lock:
                outcomes.append(outcome)
                if outcome != "ok" or len(outcomes) >= max_calls:
                    stop.set()

    start = time.monotonic()
    pool = [threading.Thread(target=worker) for _i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=60)
    return outcomes, time.monotonic() - start


def volc_list_call(emulator):
    def make():
        rtc = rtc_service(emulator)

        def one():
            try:
                call(rtc, "ListApps", {})
                return "ok"
            except Exception as exc:  # pylint: disable=broad-except
                return json.loads(exc.args[0])["ResponseMetadata"]["Error"]["Code"]
        return one
    return make


def test_rate_limit_answers_vendor_throttle_error(emulator):
    outcomes, elapsed = hammer(volc_list_call(emulator))
    assert set(outcomes) <= {"ok", "FlowLimitExceeded"}
    assert "FlowLimitExceeded" in outcomes
    # 20/s with a burst of 20 (+1 in flight per thread): no more can have succeeded.
    assert outcomes.count("ok") <= 20 + 20 * elapsed + 6
    throttled = [e for e in emulator.log() if e["error_code"] == "FlowLimitExceeded"]
    assert throttled and all(e["status"] == 429 for e in throttled)
    # Buckets are per vendor + action: another action is unaffected.
    assert call(rtc_service(emulator), "CreateApp", {"AppName": "fine"})["Result"]["Name"] == "fine"


def test_rate_limit_alibaba_and_switch_off(emulator_factory):
    limited = emulator_factory()

    def make():
        client = tea_client(limited)

        def one():
            try:
                client.describe_app_attributes(m.DescribeAppAttributesRequest())
                return "ok"
            except ClientException as exc:
                return exc.code
        return one

    outcomes, elapsed = hammer(make)
    assert "Throttling.User" in outcomes and set(outcomes) <= {"ok", "Throttling.User"}
    assert outcomes.count("ok") <= 50 + 50 * elapsed + 6
    free = emulator_factory("--no-rate-limit")
    outcomes = hammer(volc_list_call(free), max_calls=60)[0]
    assert outcomes == ["ok"] * len(outcomes) and len(outcomes) >= 60


def test_log_entries_and_admin_not_logged(emulator, tmp_path):
    rtc = rtc_service(emulator)
    call(rtc, "CreateApp", {"AppName": "logged"})
    call_error(rtc_service(emulator, secret_key="bad"), "ListApps", {})
    emulator.state()
    emulator.health()
    log = emulator.log()
    assert len(log) == 2 and all(set(e) >= LOG_KEYS for e in log)
    ok, bad = log
    assert (ok["vendor"], ok["action"], ok["mutating"], ok["status"], ok["error_code"], ok["method"], ok["path"]) == (
        "volcengine", "CreateApp", True, 200, None, "POST", "/")
    assert ok["request_id"] and bad["request_id"] and ok["request_id"] != bad["request_id"]
    assert (bad["action"], bad["mutating"], bad["status"], bad["error_code"]) == ("ListApps", False, 401, "SignatureDoesNotMatch")
    assert isinstance(ok["ts"], float) and ok["ts"] <= bad["ts"]


def test_log_file_json_lines(emulator_factory, tmp_path):
    path = tmp_path / "requests.jsonl"
    emu = emulator_factory("--log", path)
    call(rtc_service(emu), "ListApps", {})
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["action"] == "ListApps"


def test_reset_clears_state_log_and_faults(emulator):
    rtc = rtc_service(emulator)
    call(rtc, "CreateApp", {"AppName": "gone"})
    emulator.set_faults([{"kind": "server_error", "count": -1}])
    emulator.reset()
    assert volc_apps(emulator) == [] and emulator.log() == []
    assert call(rtc, "ListApps", {})["Result"]["Total"] == 0  # no fault left


def test_unknown_request_shape_is_404(emulator):
    resp = requests.get(emulator.base_url + "/nothing/here", timeout=5)
    assert resp.status_code == 404 and resp.json()["error"] == "NoVendorMatched"
    assert emulator.log() == []


def test_state_persists_across_restart(emulator_factory, tmp_path):
    path = tmp_path / "state.json"
    first = emulator_factory("--state", path)
    app_id = call(rtc_service(first), "CreateApp", {"AppName": "durable"})["Result"]["AppId"]
    first.set_faults([{"vendor": "alibaba", "action": "CreateApp", "kind": "drop_after"}])
    with pytest.raises(Exception):
        tea_client(first).create_app(m.CreateAppRequest(app_name="durable_ali"))
    first.server.shutdown()
    first.server.server_close()
    second = emulator_factory("--state", path)
    listed = call(rtc_service(second), "ListApps", {})["Result"]["AppList"]
    assert [(a["AppId"], a["AppName"]) for a in listed] == [(app_id, "durable")]
    found = tea_client(second).describe_app_attributes(m.DescribeAppAttributesRequest(app_name="durable_ali")).body
    assert found.total_count == 1


def test_cli_prints_base_url_first(tmp_path):
    cmd = [sys.executable, "-m", "tests.emulator", "--port", "0", "--state", str(tmp_path / "s.json")]
    with subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        try:
            first = proc.stdout.readline().strip()
            assert first.startswith("http://127.0.0.1:") and int(first.rsplit(":", 1)[1]) > 0
            assert requests.get(first + "/_emulator/health", timeout=5).json() == {"ok": True}
            defaults = type("Defaults", (), {"base_url": first, "access_key": "AKIDEMULATOR0000000001",
                                             "secret_key": "EmulatorSecretKey0000000000000000000001"})()
            call(rtc_service(defaults), "CreateApp", {"AppName": "cli_default_keys"})
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    saved = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert saved["volcengine"]["apps"][0]["AppName"] == "cli_default_keys"
