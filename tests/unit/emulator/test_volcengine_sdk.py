"""The official volcengine SDK (generic Service/ApiInfo machinery, service rtc) against the emulator."""

import datetime
import json
import os
import urllib.parse

import pytest
import requests
from volcengine.ApiInfo import ApiInfo
from volcengine.Credentials import Credentials
from volcengine.ServiceInfo import ServiceInfo
from volcengine.auth.SignerV4 import SignerV4
from volcengine.base.Request import Request as VolcRequest
from volcengine.base.Service import Service

from tests.emulator.common import Request
from tests.emulator.server import Emulator, parse_options

ACTIONS = ("CreateApp", "ListApps", "ModifyAppStatus")
VECTORS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "vectors", "volcengine.json")


def rtc_service(emulator, version="2023-11-01", access_key=None, secret_key=None, token=""):
    """An RTC client built the way the SDK builds its services (there is no RTC class in 1.0.229)."""
    host = emulator.base_url.split("://", 1)[1]
    credentials = Credentials(access_key or emulator.access_key, secret_key or emulator.secret_key,
                              "rtc", "cn-north-1", token)
    info = ServiceInfo(host, {"Accept": "application/json"}, credentials, 5, 5, scheme="http")
    apis = {a: ApiInfo("POST", "/", {"Action": a, "Version": version}, {}, {}) for a in ACTIONS}
    service = Service(info, apis)
    # Service.init() may read keys from the environment or ~/.volc; the test's keys must win.
    service.set_ak(credentials.ak)
    service.set_sk(credentials.sk)
    return service


def call(service, action, body):
    return json.loads(service.json(action, {}, json.dumps(body)))


def call_error(service, action, body):
    """The SDK raises Exception(response bytes) for any non-200 answer."""
    with pytest.raises(Exception) as info:
        service.json(action, {}, json.dumps(body))
    raw = info.value.args[0]
    return json.loads(raw.decode("utf-8") if isinstance(raw, bytes) else raw)


def test_create_list_modify_status_roundtrip(emulator):
    rtc = rtc_service(emulator)
    created = call(rtc, "CreateApp", {"AppName": "demo_app"})
    meta, result = created["ResponseMetadata"], created["Result"]
    assert meta["Action"] == "CreateApp" and meta["Service"] == "rtc" and meta["Region"] == "cn-north-1"
    assert meta["Version"] == "2023-11-01" and meta["RequestId"]
    assert result["Name"] == "demo_app" and result["InstanceStatus"] == 1
    assert len(result["AppId"]) == 24 and len(result["AppKey"]) == 32 and result["AppKey"] != result["SecondaryAppKey"]

    listed = call(rtc, "ListApps", {"Limit": "100", "Offset": "0"})["Result"]
    assert listed["Total"] == 1 and listed["Limit"] == 100 and listed["Offset"] == 0
    app = listed["AppList"][0]
    assert (app["AppId"], app["AppName"], app["Status"], app["AppKey"]) == (
        result["AppId"], "demo_app", 1, result["AppKey"])

    assert call(rtc, "ModifyAppStatus", {"AppId": result["AppId"], "Status": 2})["Result"] == "success"
    assert call(rtc, "ListApps", {"AppId": result["AppId"]})["Result"]["AppList"][0]["Status"] == 98
    call(rtc, "ModifyAppStatus", {"AppId": result["AppId"], "Status": 1})
    assert call(rtc, "ListApps", {})["Result"]["AppList"][0]["Status"] == 1
    assert [e["action"] for e in emulator.log()] == ["CreateApp", "ListApps", "ModifyAppStatus", "ListApps",
                                                     "ModifyAppStatus", "ListApps"]


def test_old_version_and_session_token_accepted(emulator):
    rtc = rtc_service(emulator, version="2020-12-01", token="STS2eyJ0b2tlbiI6ICJ4In0=")
    assert call(rtc, "CreateApp", {"AppName": "测试_app"})["ResponseMetadata"]["Version"] == "2020-12-01"
    assert emulator.state()["volcengine"]["apps"][0]["AppName"] == "测试_app"


def test_unknown_version_rejected(emulator):
    err = call_error(rtc_service(emulator, version="2099-01-01"), "ListApps", {})
    assert err["ResponseMetadata"]["Error"] == {
        "CodeN": 100008, "Code": "InvalidActionOrVersion", "Message": err["ResponseMetadata"]["Error"]["Message"]}


def test_wrong_secret_rejected_and_nothing_created(emulator):
    err = call_error(rtc_service(emulator, secret_key="not-the-secret"), "CreateApp", {"AppName": "x1"})
    error = err["ResponseMetadata"]["Error"]
    assert (error["CodeN"], error["Code"]) == (100010, "SignatureDoesNotMatch")
    assert err["ResponseMetadata"]["RequestId"] and "Result" not in err
    assert emulator.state()["volcengine"]["apps"] == []
    entry = emulator.log()[-1]
    assert (entry["status"], entry["error_code"]) == (401, "SignatureDoesNotMatch")


def test_unknown_access_key_rejected(emulator):
    err = call_error(rtc_service(emulator, access_key="AKLTunknown"), "ListApps", {})
    assert err["ResponseMetadata"]["Error"]["Code"] == "InvalidAccessKey"


def test_missing_authorization_rejected(emulator):
    resp = requests.post(emulator.base_url + "/?Action=ListApps&Version=2023-11-01", json={}, timeout=5)
    assert resp.status_code == 401
    assert resp.json()["ResponseMetadata"]["Error"]["Code"] == "MissingAuthenticationToken"


def test_tampered_body_rejected(emulator):
    """The signature covers the body: change it after signing and the gateway must refuse."""
    host = emulator.base_url.split("://", 1)[1]
    req = VolcRequest()
    req.set_method("POST")
    req.set_path("/")
    req.set_query({"Action": "CreateApp", "Version": "2023-11-01"})
    req.set_headers({"Host": host, "Content-Type": "application/json"})
    req.set_body('{"AppName":"good"}')
    SignerV4.sign(req, Credentials(emulator.access_key, emulator.secret_key, "rtc", "cn-north-1"))
    url = emulator.base_url + "/?Action=CreateApp&Version=2023-11-01"
    ok = requests.post(url, data=b'{"AppName":"good"}', headers=dict(req.headers), timeout=5)
    assert ok.status_code == 200
    bad = requests.post(url, data=b'{"AppName":"evil"}', headers=dict(req.headers), timeout=5)
    assert bad.status_code == 401 and bad.json()["ResponseMetadata"]["Error"]["Code"] == "SignatureDoesNotMatch"
    # An unsigned X-Security-Token is refused too (the SDK always signs it).
    headers = dict(req.headers, **{"X-Security-Token": "tok"})
    assert requests.post(url, data=b'{"AppName":"good"}', headers=headers, timeout=5).status_code == 401


@pytest.mark.parametrize("skew, expected", [(3600, 400), (-3600, 400), (600, 200)])
def test_clock_skew_limit_is_15_minutes(emulator_factory, skew, expected):
    emu = emulator_factory("--clock-skew", skew)
    rtc = rtc_service(emu)
    if expected == 200:
        assert call(rtc, "ListApps", {})["Result"]["Total"] == 0
    else:
        err = call_error(rtc, "ListApps", {})
        assert err["ResponseMetadata"]["Error"]["Code"] == "InvalidTimestamp"
        assert err["ResponseMetadata"]["Error"]["CodeN"] == 100006


def test_validation_and_duplicates(emulator):
    rtc = rtc_service(emulator)
    err = call_error(rtc, "CreateApp", {"AppName": "a" * 25})
    assert err["ResponseMetadata"]["Error"]["Code"] == "InvalidParameter"
    assert call_error(rtc, "CreateApp", {"AppName": "bad-name"})["ResponseMetadata"]["Error"]["Code"] == "InvalidParameter"
    assert call_error(rtc, "CreateApp", {})["ResponseMetadata"]["Error"]["Code"] == "InvalidParameter"
    call(rtc, "CreateApp", {"AppName": "a" * 24})
    # Names are not unique on Volcengine: a second app with the same name is created.
    call(rtc, "CreateApp", {"AppName": "a" * 24})
    assert call(rtc, "ListApps", {"Limit": 100})["Result"]["Total"] == 2
    assert call_error(rtc, "ListApps", {"Limit": 101})["ResponseMetadata"]["Error"]["Code"] == "InvalidParameter"
    err = call_error(rtc, "ModifyAppStatus", {"AppId": "0" * 24, "Status": 2})
    assert err["ResponseMetadata"]["Error"]["Code"] == "InvalidParameter.NotExistAppId"
    err = call_error(rtc, "ListApps", {"AppId": "0" * 24})
    assert err["ResponseMetadata"]["Error"]["Code"] == "InvalidParameter.NotExistAppId"
    app_id = emulator.state()["volcengine"]["apps"][0]["AppId"]
    assert call_error(rtc, "ModifyAppStatus", {"AppId": app_id, "Status": 3})["ResponseMetadata"]["Error"]["Code"] == "InvalidParameter"


def test_list_paging_and_order(emulator):
    rtc = rtc_service(emulator)
    for i in range(5):
        call(rtc, "CreateApp", {"AppName": "app_%d" % i})
    page = call(rtc, "ListApps", {"Limit": "2", "Offset": "2"})["Result"]
    assert [a["AppName"] for a in page["AppList"]] == ["app_2", "app_3"] and page["Total"] == 5
    newest = call(rtc, "ListApps", {"Limit": 1, "Reverse": 1})["Result"]["AppList"]
    assert [a["AppName"] for a in newest] == ["app_4"]


def test_quota_of_100_apps(emulator):
    rtc = rtc_service(emulator)
    call(rtc, "CreateApp", {"AppName": "first"})
    apps = emulator.emu.state["volcengine"]["apps"]
    with emulator.emu.lock:  # fill the account up to the quota without 100 API calls
        for i in range(99):
            apps.append(dict(apps[0], AppId="%024x" % (i + 1), Seq=i + 1))
    err = call_error(rtc, "CreateApp", {"AppName": "one_too_many"})
    assert err["ResponseMetadata"]["Error"]["Code"] == "QuotaExceeded"
    assert len(emulator.state()["volcengine"]["apps"]) == 100


def _vector_requests():
    with open(VECTORS, encoding="utf-8") as handle:
        cases = json.load(handle)["cases"]
    for case in cases:
        inp, exp = case["input"], case["expected"]
        target = inp["path"] + "?" + urllib.parse.urlencode(inp["query"])
        yield case["name"], inp, Request(inp["method"], target, list(exp["headers_to_send"].items()),
                                         inp["body"].encode("utf-8"))


def test_signing_vectors_verify_byte_exactly():
    """The SDK-made vectors (CJK body, signed STS token, GET with ~*+!'() in the query) pass the
    emulator's verifier; one changed byte fails it."""
    for name, inp, req in _vector_requests():
        when = datetime.datetime.strptime(inp["x_date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        skew = (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
        emu = Emulator(parse_options(["--access-key", inp["access_key"], "--secret-key", inp["secret_key"],
                                      "--clock-skew", str(skew), "--no-rate-limit"]))
        reply = emu.handle_request(req)
        code = emu.log_entries[-1]["error_code"]
        # ModifyAppStatus on an unknown AppId gets past authentication and fails as not found.
        assert code in (None, "InvalidParameter.NotExistAppId"), (name, reply.body)
        tampered = Request(req.method, req.path + "?" + req.raw_query,
                           list(req.headers.items()), req.body + b" ")
        emu.handle_request(tampered)
        assert emu.log_entries[-1]["error_code"] == "SignatureDoesNotMatch", name
