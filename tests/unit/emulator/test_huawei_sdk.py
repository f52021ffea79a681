"""The Huawei APIG emulator driven by the official SDK (huaweicloudsdkapig v2 ApigClient) and,
for the shared v1.0 paths the SDK lacks, by huaweicloudsdkcore's own Signer plus requests."""

import calendar
import http.client
import json
import os
import time

import pytest

import requests

# pylint: disable=wrong-import-position
from huaweicloudsdkapig.v2 import ApigClient
from huaweicloudsdkapig.v2.model import (ApiAuthCreate, CancelingAuthorizationV2Request, CreateAuthorizingAppsV2Request,
                                         ListApisBindedToAppV2Request)
from huaweicloudsdkapig.v2.model import (AppCreate, AppResetCreate, CreateAnAppV2Request, DeleteAppV2Request,
                                         ListAppsV2Request, ResettingAppSecretV2Request, ShowDetailsOfAppV2Request,
                                         UpdateAppV2Request)
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException, ServerResponseException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

PROJECT = "0123456789abcdef0123456789abcdef"
INSTANCE = "eddc4d25480b4cd6b512f270a1b8b341"
VECTORS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "vectors", "huaweicloud.json")


def make_client(emulator, ak=None, sk=None, token=None, project=PROJECT):
    config = HttpConfig.get_default_config()
    config.timeout = (5, 10)
    creds = BasicCredentials(ak or emulator.access_key, sk or emulator.secret_key, project)
    if token:
        creds = creds.with_security_token(token)
    return ApigClient.new_builder().with_http_config(config).with_credentials(creds) \
        .with_endpoint(emulator.base_url).build()


def create(client, name, instance=INSTANCE, **fields):
    return client.create_an_app_v2(CreateAnAppV2Request(instance_id=instance, body=AppCreate(name=name, **fields)))


def v1_call(emulator, method, path, query=None, body=None, sk=None, sdk_date=None):
    """Sign with the SDK's Signer (as BasicCredentials does: X-Project-Id first) and send with requests."""
    host = emulator.base_url.split("//", 1)[1]
    headers = {"Content-Type": "application/json;charset=UTF-8", "X-Project-Id": PROJECT}
    if sdk_date:
        headers["X-Sdk-Date"] = sdk_date
    raw = json.dumps(body).encode("utf-8") if body is not None else b""
    req = SdkRequest(method=method, schema="http", host=host, resource_path=path,
                     query_params=list((query or {}).items()), header_params=headers, body=raw)
    creds = BasicCredentials(emulator.access_key, sk or emulator.secret_key, PROJECT)
    signed = Signer(creds).sign(req)
    return requests.request(method, emulator.base_url + signed.uri, headers=signed.header_params,
                            data=signed.body or None, timeout=10)


def test_v2_lifecycle_with_official_sdk(emulator):
    client = make_client(emulator, token="SessionToken~*+!'() 0123")
    app = create(client, "测试_app", remark="备注")
    assert app.status_code == 201
    assert len(app.id) == 32 and int(app.id, 16) >= 0
    assert (app.status, app.creator, app.app_type, app.remark) == (1, "USER", "apig", "备注")
    assert app.app_key and app.app_secret and app.register_time is not None

    found = client.list_apps_v2(ListAppsV2Request(instance_id=INSTANCE, name="测试_app", precise_search="name",
                                                  limit=500))
    assert (found.total, found.size, [a.id for a in found.apps]) == (1, 1, [app.id])
    assert found.apps[0].bind_num == 0

    shown = client.show_details_of_app_v2(ShowDetailsOfAppV2Request(instance_id=INSTANCE, app_id=app.id))
    assert (shown.name, shown.app_key, shown.app_secret) == ("测试_app", app.app_key, app.app_secret)

    updated = client.update_app_v2(UpdateAppV2Request(instance_id=INSTANCE, app_id=app.id,
                                                      body=AppCreate(name="renamed_app", remark="new")))
    assert (updated.name, updated.remark, updated.app_key) == ("renamed_app", "new", app.app_key)

    reset = client.resetting_app_secret_v2(ResettingAppSecretV2Request(instance_id=INSTANCE, app_id=app.id,
                                                                       body=AppResetCreate()))
    assert reset.app_secret != app.app_secret and len(reset.app_secret) >= 8
    custom = client.resetting_app_secret_v2(ResettingAppSecretV2Request(
        instance_id=INSTANCE, app_id=app.id, body=AppResetCreate(app_secret="Custom_Secret-01!")))
    assert custom.app_secret == "Custom_Secret-01!"

    deleted = client.delete_app_v2(DeleteAppV2Request(instance_id=INSTANCE, app_id=app.id))
    assert deleted.status_code == 204
    with pytest.raises(ClientRequestException) as err:
        client.show_details_of_app_v2(ShowDetailsOfAppV2Request(instance_id=INSTANCE, app_id=app.id))
    assert (err.value.status_code, err.value.error_code) == (404, "APIG.3004")
    assert app.id in err.value.error_msg
    # The SDK takes request_id from the X-Request-Id header; the body carries the same id.
    assert err.value.request_id

    log = emulator.log()
    assert [e["action"] for e in log] == ["CreateApp", "ListApps", "ShowApp", "UpdateApp", "ResetAppSecret",
                                          "ResetAppSecret", "DeleteApp", "ShowApp"]
    assert {e["vendor"] for e in log} == {"huawei"}
    assert log[-1]["error_code"] == "APIG.3004" and log[-1]["request_id"] == err.value.request_id
    assert [e["mutating"] for e in log][:2] == [True, False]


def test_v2_list_paging_fuzzy_and_precise(emulator):
    client = make_client(emulator)
    for name in ("alpha_app", "alpha_app_two", "beta_app"):
        create(client, name)
    fuzzy = client.list_apps_v2(ListAppsV2Request(instance_id=INSTANCE, name="alpha_app"))
    assert sorted(a.name for a in fuzzy.apps) == ["alpha_app", "alpha_app_two"]
    precise = client.list_apps_v2(ListAppsV2Request(instance_id=INSTANCE, name="alpha_app", precise_search="name"))
    assert [a.name for a in precise.apps] == ["alpha_app"]
    page1 = client.list_apps_v2(ListAppsV2Request(instance_id=INSTANCE, limit=2, offset=0))
    page2 = client.list_apps_v2(ListAppsV2Request(instance_id=INSTANCE, limit=2, offset=2))
    assert (page1.total, page1.size, page2.size) == (3, 2, 1)
    assert {a.id for a in page1.apps}.isdisjoint({a.id for a in page2.apps})
    # Each instance is its own gateway: nothing leaks between them.
    other = client.list_apps_v2(ListAppsV2Request(instance_id="another-instance"))
    assert other.total == 0


def test_v1_shared_gateway_lifecycle_signed_by_sdk_signer(emulator):
    resp = v1_call(emulator, "POST", "/v1.0/apigw/apps", body={"name": "shared_app", "remark": "r"})
    assert resp.status_code == 201, resp.text
    app = resp.json()
    assert resp.headers["X-Request-Id"]
    assert set(app) >= {"id", "name", "status", "app_key", "app_secret", "creator", "register_time", "remark",
                        "update_time", "app_type"}
    assert app["register_time"].endswith("Z")

    listed = v1_call(emulator, "GET", "/v1.0/apigw/apps",
                     query={"name": "shared_app", "precise_search": "name", "page_size": 10, "page_no": 1}).json()
    assert (listed["total"], [a["id"] for a in listed["apps"]]) == (1, [app["id"]])
    assert v1_call(emulator, "GET", "/v1.0/apigw/apps", query={"page_size": 10, "page_no": 2}).json()["size"] == 0

    shown = v1_call(emulator, "GET", "/v1.0/apigw/apps/" + app["id"]).json()
    assert shown["app_secret"] == app["app_secret"]
    updated = v1_call(emulator, "PUT", "/v1.0/apigw/apps/" + app["id"], body={"name": "shared_app2"})
    assert updated.status_code == 200 and updated.json()["name"] == "shared_app2"
    # PUT replaces the remark too: one not sent is cleared.
    assert updated.json()["remark"] == ""
    reset = v1_call(emulator, "PUT", "/v1.0/apigw/apps/secret/" + app["id"])
    assert reset.status_code == 200 and reset.json()["app_secret"] != app["app_secret"]
    deleted = v1_call(emulator, "DELETE", "/v1.0/apigw/apps/" + app["id"])
    assert (deleted.status_code, deleted.content) == (204, b"")
    gone = v1_call(emulator, "GET", "/v1.0/apigw/apps/" + app["id"])
    assert gone.status_code == 404
    assert gone.json()["error_code"] == "APIG.3004"
    assert gone.json()["request_id"] == gone.headers["X-Request-Id"]
    assert emulator.state()["huawei"]["gateways"]["shared"] == {}


def test_wrong_secret_and_unknown_ak_are_rejected(emulator):
    with pytest.raises(ClientRequestException) as err:
        create(make_client(emulator, sk="WrongSecret0000000000"), "good_name")
    assert (err.value.status_code, err.value.error_code) == (401, "APIGW.0301")
    assert "verify aksk signature fail" in err.value.error_msg
    with pytest.raises(ClientRequestException) as err:
        create(make_client(emulator, ak="AKIDUNKNOWN"), "good_name")
    assert (err.value.status_code, err.value.error_code) == (401, "APIGW.0301")
    assert "ak not exist" in err.value.error_msg
    assert emulator.state()["huawei"]["gateways"] == {}


def test_tampered_body_and_unsigned_request_rejected(emulator):
    host = emulator.base_url.split("//", 1)[1]
    req = SdkRequest(method="POST", schema="http", host=host, resource_path="/v1.0/apigw/apps", query_params=[],
                     header_params={"Content-Type": "application/json"}, body=b'{"name":"signed_name"}')
    signed = Signer(BasicCredentials(emulator.access_key, emulator.secret_key, PROJECT)).sign(req)
    tampered = requests.post(emulator.base_url + signed.uri, headers=signed.header_params,
                             data=b'{"name":"other_name"}', timeout=10)
    assert (tampered.status_code, tampered.json()["error_code"]) == (401, "APIGW.0301")
    ok = requests.post(emulator.base_url + signed.uri, headers=signed.header_params, data=signed.body, timeout=10)
    assert ok.status_code == 201
    bare = requests.get(emulator.base_url + "/v1.0/apigw/apps", timeout=10)
    assert (bare.status_code, bare.json()["error_code"]) == (401, "APIGW.0301")


def test_x_sdk_date_outside_15_minutes_rejected(emulator_factory):
    late = emulator_factory("--clock-skew", "960")
    with pytest.raises(ClientRequestException) as err:
        create(make_client(late), "skewed_app")
    assert (err.value.status_code, err.value.error_code) == (401, "APIGW.0301")
    assert "15 minutes" in err.value.error_msg
    near = emulator_factory("--clock-skew", "-840")
    assert create(make_client(near), "near_app").status_code == 201


def test_validation_errors(emulator_factory):
    # 14 creates in a burst: run without the 10/s limit so the test cannot flake on a fast box.
    emulator = emulator_factory("--no-rate-limit")
    client = make_client(emulator)
    bad = [dict(name="ab"), dict(name="1abc"), dict(name="_abc"), dict(name="bad-name"), dict(name="a" * 65),
           dict(name="ok_name", remark="r" * 256), dict(name="ok_name", app_key="short7c"),
           dict(name="ok_name", app_key="-startsbad"), dict(name="ok_name", app_key="k" * 201),
           dict(name="ok_name", app_secret="bad*secret"), dict(name="ok_name", app_secret="s" * 129)]
    for fields in bad:
        with pytest.raises(ClientRequestException) as err:
            create(client, **fields)
        assert (err.value.status_code, err.value.error_code) == (400, "APIG.2011"), fields
    ok = create(client, "数据_app_" + "x" * 55, remark="r" * 255, app_key="k" * 200, app_secret="S" * 128)
    assert ok.app_key == "k" * 200
    # v1.0 keeps the older 8-64 limits for app_key and app_secret.
    resp = v1_call(emulator, "POST", "/v1.0/apigw/apps", body={"name": "shared_ok", "app_key": "k" * 65})
    assert (resp.status_code, resp.json()["error_code"]) == (400, "APIG.2011")
    assert "app_key" in resp.json()["error_msg"]
    resp = v1_call(emulator, "POST", "/v1.0/apigw/apps", body={"name": "shared_ok", "app_key": "k" * 64,
                                                               "app_secret": "Secret!@#$%_-01"})
    assert resp.status_code == 201


def test_duplicate_name_rejected_per_gateway(emulator):
    client = make_client(emulator)
    first = create(client, "dup_app")
    with pytest.raises(ClientRequestException) as err:
        create(client, "dup_app")
    assert (err.value.status_code, err.value.error_code) == (400, "APIG.3203")
    # Renaming another app onto the name is a duplicate too; the same name elsewhere is fine.
    second = create(client, "other_app")
    with pytest.raises(ClientRequestException) as err:
        client.update_app_v2(UpdateAppV2Request(instance_id=INSTANCE, app_id=second.id, body=AppCreate(name="dup_app")))
    assert err.value.error_code == "APIG.3203"
    assert create(client, "dup_app", instance="second-instance").status_code == 201
    # Updating an app with its own name is not a conflict.
    same = client.update_app_v2(UpdateAppV2Request(instance_id=INSTANCE, app_id=first.id,
                                                   body=AppCreate(name="dup_app", remark="x")))
    assert same.remark == "x"


def test_app_quota_per_gateway(emulator_factory, tmp_path):
    # Start from a --state file with 49 apps in the instance (50 SDK calls would be slow).
    gateway = "%s/%s" % (PROJECT, INSTANCE)
    apps = {}
    for i in range(49):
        app_id = "%032x" % i
        apps[app_id] = {"id": app_id, "name": "seed_%02d" % i, "remark": "", "creator": "USER",
                        "update_time": "2024-01-01T00:00:00Z", "register_time": "2024-01-01T00:00:00Z",
                        "app_key": "key%029x" % i, "app_secret": "s" * 32, "status": 1, "app_type": "apig"}
    state_file = tmp_path / "state.json"
    state_file.write_text(json.dumps({"huawei": {"gateways": {gateway: apps}, "ak_failures": {}}}), encoding="utf-8")
    emu = emulator_factory("--state", str(state_file))
    client = make_client(emu)
    assert client.list_apps_v2(ListAppsV2Request(instance_id=INSTANCE)).total == 49
    assert create(client, "quota_app_49").status_code == 201
    with pytest.raises(ClientRequestException) as err:
        create(client, "quota_app_50")
    assert (err.value.status_code, err.value.error_code) == (403, "APIG.3103")
    assert create(client, "quota_app_50", instance="other-instance").status_code == 201
    saved = json.loads(state_file.read_text(encoding="utf-8"))["huawei"]["gateways"]
    assert len(saved[gateway]) == 50 and len(saved["%s/other-instance" % PROJECT]) == 1


def test_fault_replies_in_huawei_shape(emulator):
    client = make_client(emulator)
    emulator.set_faults([{"vendor": "huawei", "action": "CreateApp", "kind": "throttle"},
                         {"vendor": "huawei", "action": "ListApps", "kind": "server_error"},
                         {"vendor": "huawei", "action": "ShowApp", "kind": "clock_skew"}])
    with pytest.raises(ClientRequestException) as err:
        create(client, "fault_app")
    assert (err.value.status_code, err.value.error_code) == (429, "APIGW.0308")
    assert "throttling threshold" in err.value.error_msg
    with pytest.raises(ServerResponseException) as err:
        client.list_apps_v2(ListAppsV2Request(instance_id=INSTANCE))
    assert (err.value.status_code, err.value.error_code, err.value.error_msg) == (500, "APIG.9999", "System error")
    with pytest.raises(ClientRequestException) as err:
        client.show_details_of_app_v2(ShowDetailsOfAppV2Request(instance_id=INSTANCE, app_id="0" * 32))
    assert (err.value.status_code, err.value.error_code) == (401, "APIGW.0301")
    # Faults were one-shot and the throttled create did nothing.
    assert emulator.state()["huawei"]["gateways"] == {}
    assert create(client, "fault_app").status_code == 201


def test_rate_limit_answers_429(emulator):
    statuses = [v1_call(emulator, "GET", "/v1.0/apigw/apps").status_code for dummy in range(15)]
    assert 429 in statuses and statuses[0] == 200
    throttled = [e for e in emulator.log() if e["status"] == 429]
    assert throttled and all(e["error_code"] == "APIGW.0308" for e in throttled)


def test_ak_locked_after_repeated_signature_failures(emulator):
    for dummy in range(6):
        assert v1_call(emulator, "GET", "/v1.0/apigw/apps", sk="WrongSecret000").status_code == 401
    locked = v1_call(emulator, "GET", "/v1.0/apigw/apps")
    assert (locked.status_code, locked.json()["error_code"]) == (401, "APIGW.0301")
    assert "forbidden" in locked.json()["error_msg"]
    emulator.reset()
    assert v1_call(emulator, "GET", "/v1.0/apigw/apps").status_code == 200


def test_instance_restriction_option(emulator_factory):
    emu = emulator_factory("--huawei-instance-id", INSTANCE)
    client = make_client(emu)
    assert create(client, "allowed_app").status_code == 201
    with pytest.raises(ClientRequestException) as err:
        create(client, "allowed_app", instance="not-this-one")
    assert (err.value.status_code, err.value.error_code) == (404, "APIG.3030")


def test_sdk_signing_vectors_are_accepted_byte_for_byte(emulator_factory):
    """Replay the SDK-made vectors verbatim (own Host header, fixed X-Sdk-Date) at an emulator
    whose keys and clock match the vector: a server-side canonicalisation slip fails this."""
    with open(VECTORS, encoding="utf-8") as handle:
        cases = json.load(handle)["cases"]
    for case in cases:
        given, expected = case["input"], case["expected"]
        when = calendar.timegm(time.strptime(given["x_sdk_date"], "%Y%m%dT%H%M%SZ"))
        emu = emulator_factory("--access-key", given["ak"], "--secret-key", given["sk"],
                               "--clock-skew", str(when - time.time()))
        for tamper in (False, True):
            headers = dict(expected["headers_to_send"])
            if tamper:
                headers["Authorization"] = headers["Authorization"][:-1] + (
                    "0" if headers["Authorization"][-1] != "0" else "1")
            conn = http.client.HTTPConnection(emu.host, emu.port, timeout=10)
            conn.putrequest(given["method"], expected["request_uri"], skip_host=True, skip_accept_encoding=True)
            for name, value in headers.items():
                conn.putheader(name, value.encode("utf-8"))
            body = given["body"].encode("utf-8")
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            resp = conn.getresponse()
            data = resp.read()
            conn.close()
            if tamper:
                assert resp.status == 401, case["name"]
            else:
                assert resp.status in (200, 201), (case["name"], data)


def test_query_order_on_the_wire_does_not_matter(emulator):
    """The server sorts the query itself (the canonical form is sorted), like APIG does."""
    v1_call(emulator, "POST", "/v1.0/apigw/apps", body={"name": "order_app"})
    host = emulator.base_url.split("//", 1)[1]
    query = [("precise_search", "name"), ("name", "order_app"), ("page_size", "5")]
    req = SdkRequest(method="GET", schema="http", host=host, resource_path="/v1.0/apigw/apps", query_params=query,
                     header_params={"Content-Type": "application/json"}, body=b"")
    signed = Signer(BasicCredentials(emulator.access_key, emulator.secret_key, PROJECT)).sign(req)
    assert signed.uri.endswith("?name=order_app&page_size=5&precise_search=name")
    reordered = "/v1.0/apigw/apps?precise_search=name&page_size=5&name=order_app"
    resp = requests.get(emulator.base_url + reordered, headers=signed.header_params, timeout=10)
    assert resp.status_code == 200 and resp.json()["total"] == 1
    changed = "/v1.0/apigw/apps?precise_search=name&page_size=6&name=order_app"
    resp = requests.get(emulator.base_url + changed, headers=signed.header_params, timeout=10)
    assert resp.status_code == 401


def test_app_authorizations_with_official_sdk(emulator):
    client = make_client(emulator)
    app_id = create(client, "auth_app").id
    release, weather, city, draft = ("DEFAULT_ENVIRONMENT_RELEASE_ID", "5f918d104dc84480a75166ba99efff21",
                                     "6a9f25b5e4a347f3b0ffb4e8c2c9e6a1", "7b0e36c6f5b458048110c5f9d3dae7b2")
    answer = client.create_authorizing_apps_v2(CreateAuthorizingAppsV2Request(
        instance_id=INSTANCE, body=ApiAuthCreate(env_id=release, app_ids=[app_id], api_ids=[weather, city, draft])))
    statuses = dict((a.api_id, a.auth_result.status) for a in answer.auths)
    assert statuses == {weather: "SUCCESS", city: "SUCCESS", draft: "FAILED"}
    failed = next(a for a in answer.auths if a.api_id == draft).auth_result
    assert failed.error_code and failed.error_msg
    again = client.create_authorizing_apps_v2(CreateAuthorizingAppsV2Request(
        instance_id=INSTANCE, body=ApiAuthCreate(env_id=release, app_ids=[app_id], api_ids=[weather])))
    assert again.auths[0].auth_result.status == "SKIPPED"
    listed = client.list_apis_binded_to_app_v2(ListApisBindedToAppV2Request(
        instance_id=INSTANCE, app_id=app_id, env_id=release, limit=500))
    assert listed.total == 2 and sorted(a.api_id for a in listed.auths) == sorted([weather, city])
    client.canceling_authorization_v2(CancelingAuthorizationV2Request(instance_id=INSTANCE, app_auth_id=listed.auths[0].id))
    listed = client.list_apis_binded_to_app_v2(ListApisBindedToAppV2Request(instance_id=INSTANCE, app_id=app_id))
    assert listed.total == 1
    with pytest.raises(ClientRequestException) as info:
        client.create_authorizing_apps_v2(CreateAuthorizingAppsV2Request(
            instance_id=INSTANCE, body=ApiAuthCreate(env_id="no-such-env", app_ids=[app_id], api_ids=[weather])))
    assert info.value.error_code == "APIG.3003"


def test_app_codes_through_the_sdk(emulator):
    """apps/{app_id}/app-codes: POST a value, PUT to generate, GET the list, DELETE one, as the SDK sends them."""
    from huaweicloudsdkapig.v2.model import (AppCodeCreate, CreateAppCodeAutoV2Request, CreateAppCodeV2Request,
                                             DeleteAppCodeV2Request, ListAppCodesV2Request)
    client = make_client(emulator)
    app_id = create(client, "coded_app").id
    mine = "Code+" + "a1" * 40
    made = client.create_app_code_v2(CreateAppCodeV2Request(instance_id=INSTANCE, app_id=app_id,
                                                            body=AppCodeCreate(app_code=mine)))
    assert made.app_code == mine and made.app_id == app_id and made.id and made.create_time
    generated = client.create_app_code_auto_v2(CreateAppCodeAutoV2Request(instance_id=INSTANCE, app_id=app_id))
    assert len(generated.app_code) >= 64 and generated.id != made.id
    listed = client.list_app_codes_v2(ListAppCodesV2Request(instance_id=INSTANCE, app_id=app_id, limit=500))
    assert listed.total == 2 and [c.app_code for c in listed.app_codes] == [mine, generated.app_code]
    with pytest.raises(ClientRequestException) as caught:
        client.create_app_code_v2(CreateAppCodeV2Request(instance_id=INSTANCE, app_id=app_id,
                                                         body=AppCodeCreate(app_code="short")))
    assert caught.value.error_code == "APIG.2011"
    client.delete_app_code_v2(DeleteAppCodeV2Request(instance_id=INSTANCE, app_id=app_id, app_code_id=made.id))
    listed = client.list_app_codes_v2(ListAppCodesV2Request(instance_id=INSTANCE, app_id=app_id))
    assert [c.id for c in listed.app_codes] == [generated.id]
    for dummy in range(4):
        client.create_app_code_auto_v2(CreateAppCodeAutoV2Request(instance_id=INSTANCE, app_id=app_id))
    with pytest.raises(ClientRequestException) as caught:
        client.create_app_code_auto_v2(CreateAppCodeAutoV2Request(instance_id=INSTANCE, app_id=app_id))
    assert caught.value.status_code == 403


def test_app_acl_through_the_sdk(emulator):
    """apps/{app_id}/app-acl: PUT a list, GET it, DELETE it, as the SDK sends them."""
    from huaweicloudsdkapig.v2.model import (AppAclCreate, DeleteAppAclRequest, ShowDetailsOfAppAclRequest,
                                             UpdateAppAclRequest)
    client = make_client(emulator)
    app_id = create(client, "fenced_app").id
    empty = client.show_details_of_app_acl(ShowDetailsOfAppAclRequest(instance_id=INSTANCE, app_id=app_id))
    assert empty.app_acl_values == [] and not empty.app_acl_type
    values = ["192.0.2.10", "198.51.100.0/24", "203.0.113.1-203.0.113.9"]
    put = client.update_app_acl(UpdateAppAclRequest(instance_id=INSTANCE, app_id=app_id,
                                                    body=AppAclCreate(app_acl_type="PERMIT", app_acl_values=values)))
    assert (put.app_id, put.app_acl_type, put.app_acl_values) == (app_id, "PERMIT", values)
    shown = client.show_details_of_app_acl(ShowDetailsOfAppAclRequest(instance_id=INSTANCE, app_id=app_id))
    assert (shown.app_acl_type, shown.app_acl_values) == ("PERMIT", values)
    for bad in (["10.0.0.1/8"], ["10.0.0.9-10.0.0.1"], ["not-an-ip"]):
        with pytest.raises(ClientRequestException) as caught:
            client.update_app_acl(UpdateAppAclRequest(instance_id=INSTANCE, app_id=app_id,
                                                      body=AppAclCreate(app_acl_type="DENY", app_acl_values=bad)))
        assert caught.value.error_code == "APIG.2011"
    client.delete_app_acl(DeleteAppAclRequest(instance_id=INSTANCE, app_id=app_id))
    assert client.show_details_of_app_acl(ShowDetailsOfAppAclRequest(instance_id=INSTANCE, app_id=app_id)).app_acl_values == []


def test_app_quotas_through_the_sdk(emulator):
    from huaweicloudsdkapig.v2.model import (
        AppQuotaCreate, AssociateAppsForAppQuotaRequest, CreateAppQuotaBindingApp, CreateAppQuotaRequest,
        DeleteAppQuotaRequest, DisassociateAppQuotaWithAppRequest, ListAppQuotaBoundAppsRequest, ListAppQuotasRequest,
        ShowAppBoundAppQuotaRequest, UpdateAppQuotaRequest)
    client = make_client(emulator)
    app_id = create(client, "quota_app").id
    made = client.create_app_quota(CreateAppQuotaRequest(instance_id=INSTANCE, body=AppQuotaCreate(
        name="partner_quota", call_limits=1000, time_unit="MINUTE", time_interval=1, remark="partners")))
    assert made.app_quota_id and made.bound_app_num == 0 and made.time_unit == "MINUTE"
    listed = client.list_app_quotas(ListAppQuotasRequest(instance_id=INSTANCE, name="partner", limit=500))
    assert [q.name for q in listed.quotas] == ["partner_quota"] and listed.total == 1
    client.update_app_quota(UpdateAppQuotaRequest(instance_id=INSTANCE, app_quota_id=made.app_quota_id, body=AppQuotaCreate(
        name="partner_quota", call_limits=2000, time_unit="HOUR", time_interval=2)))
    client.associate_apps_for_app_quota(AssociateAppsForAppQuotaRequest(
        instance_id=INSTANCE, app_quota_id=made.app_quota_id, body=CreateAppQuotaBindingApp(app_ids=[app_id])))
    bound = client.show_app_bound_app_quota(ShowAppBoundAppQuotaRequest(instance_id=INSTANCE, app_id=app_id))
    assert (bound.app_quota_id, bound.call_limits, bound.bound_app_num) == (made.app_quota_id, 2000, 1)
    apps = client.list_app_quota_bound_apps(ListAppQuotaBoundAppsRequest(instance_id=INSTANCE, app_quota_id=made.app_quota_id))
    assert [a.app_id for a in apps.apps] == [app_id]
    client.disassociate_app_quota_with_app(DisassociateAppQuotaWithAppRequest(
        instance_id=INSTANCE, app_quota_id=made.app_quota_id, app_id=app_id))
    assert client.show_app_bound_app_quota(ShowAppBoundAppQuotaRequest(instance_id=INSTANCE, app_id=app_id)).app_quota_id is None
    with pytest.raises(ClientRequestException) as caught:
        client.create_app_quota(CreateAppQuotaRequest(instance_id=INSTANCE, body=AppQuotaCreate(
            name="1bad", call_limits=1, time_unit="WEEK", time_interval=1)))
    assert caught.value.error_code == "APIG.2011"
    # The codes of the credential-quota pages: a taken name, a quota that does not exist.
    with pytest.raises(ClientRequestException) as caught:
        client.create_app_quota(CreateAppQuotaRequest(instance_id=INSTANCE, body=AppQuotaCreate(
            name="partner_quota", call_limits=1, time_unit="MINUTE", time_interval=1)))
    assert (caught.value.status_code, caught.value.error_code) == (400, "APIG.3325")
    client.delete_app_quota(DeleteAppQuotaRequest(instance_id=INSTANCE, app_quota_id=made.app_quota_id))
    assert client.list_app_quotas(ListAppQuotasRequest(instance_id=INSTANCE)).total == 0
    with pytest.raises(ClientRequestException) as caught:
        client.associate_apps_for_app_quota(AssociateAppsForAppQuotaRequest(
            instance_id=INSTANCE, app_quota_id=made.app_quota_id, body=CreateAppQuotaBindingApp(app_ids=[app_id])))
    assert (caught.value.status_code, caught.value.error_code) == (404, "APIG.3093")
