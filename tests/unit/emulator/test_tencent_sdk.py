"""The Tencent API Gateway emulator driven by the official SDK
(tencentcloud.apigateway.v20180808.apigateway_client.ApigatewayClient over http)."""

import datetime
import hashlib
import http.client
import json
import os
import time

import pytest


# pylint: disable=wrong-import-position
from tencentcloud.apigateway.v20180808 import apigateway_client, models
from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.common.sign import Sign

VECTORS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "vectors", "tencentcloud.json")


def make_client(emulator, secret_id=None, secret_key=None, token=None, method="POST", sign_method="TC3-HMAC-SHA256"):
    profile = HttpProfile(protocol="http", endpoint="%s:%d" % (emulator.host, emulator.port), reqMethod=method,
                          reqTimeout=10)
    cred = credential.Credential(secret_id or emulator.access_key, secret_key or emulator.secret_key, token)
    return apigateway_client.ApigatewayClient(cred, "ap-guangzhou", ClientProfile(
        httpProfile=profile, language="en-US", signMethod=sign_method))


def req(cls, **fields):
    obj = getattr(models, cls)()
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


def create(client, name, **fields):
    return client.CreateApiKey(req("CreateApiKeyRequest", SecretName=name, **fields)).Result


def by_name(name, **extra):
    flt = req("Filter", Name="SecretName", Values=[name])
    return req("DescribeApiKeysStatusRequest", Filters=[flt], **extra)


def error_of(call, *args):
    with pytest.raises(TencentCloudSDKException) as err:
        call(*args)
    assert err.value.get_request_id(), "every Tencent error carries a RequestId"
    return err.value.get_code()


def test_lifecycle_with_official_sdk(emulator):
    client = make_client(emulator, token="SessionToken~*+!'() 0123")
    key = create(client, "Test_app_01", Tags=[req("Tag", Key="team", Value="ops")])
    assert key.AccessKeyId.startswith("AKID") and len(key.AccessKeyId) == 40
    assert len(key.AccessKeySecret) == 40 and key.AccessKeySecret.isalnum()
    assert (key.AccessKeyType, key.SecretName, key.Status) == ("auto", "Test_app_01", 1)
    assert time.strptime(key.CreatedTime, "%Y-%m-%dT%H:%M:%SZ") and key.ModifiedTime == key.CreatedTime
    assert [(t.Key, t.Value) for t in key.Tags] == [("team", "ops")]

    listed = client.DescribeApiKeysStatus(by_name("Test_app_01", Limit=100, Offset=0)).Result
    assert (listed.TotalCount, [k.AccessKeyId for k in listed.ApiKeySet]) == (1, [key.AccessKeyId])

    def status():
        return client.DescribeApiKey(req("DescribeApiKeyRequest", AccessKeyId=key.AccessKeyId)).Result.Status

    assert client.DisableApiKey(req("DisableApiKeyRequest", AccessKeyId=key.AccessKeyId)).Result is True
    assert status() == 0
    assert client.EnableApiKey(req("EnableApiKeyRequest", AccessKeyId=key.AccessKeyId)).Result is True
    assert status() == 1
    rotated = client.UpdateApiKey(req("UpdateApiKeyRequest", AccessKeyId=key.AccessKeyId)).Result
    assert rotated.AccessKeyId == key.AccessKeyId and rotated.AccessKeySecret != key.AccessKeySecret

    # An enabled key cannot be deleted; disable first, as the console guide says.
    assert error_of(client.DeleteApiKey, req("DeleteApiKeyRequest", AccessKeyId=key.AccessKeyId)) == \
        "UnsupportedOperation.InvalidStatus"
    client.DisableApiKey(req("DisableApiKeyRequest", AccessKeyId=key.AccessKeyId))
    assert client.DeleteApiKey(req("DeleteApiKeyRequest", AccessKeyId=key.AccessKeyId)).Result is True
    assert error_of(client.DescribeApiKey, req("DescribeApiKeyRequest", AccessKeyId=key.AccessKeyId)) == \
        "ResourceNotFound.InvalidAccessKeyId"

    log = emulator.log()
    assert [e["action"] for e in log] == [
        "CreateApiKey", "DescribeApiKeysStatus", "DisableApiKey", "DescribeApiKey", "EnableApiKey", "DescribeApiKey",
        "UpdateApiKey", "DeleteApiKey", "DisableApiKey", "DeleteApiKey", "DescribeApiKey"]
    assert {e["status"] for e in log} == {200}
    assert log[7]["error_code"] == "UnsupportedOperation.InvalidStatus" and log[0]["error_code"] is None
    assert emulator.state()["tencent"]["keys"] == {}


def test_get_requests_and_filters(emulator):
    post = make_client(emulator)
    get = make_client(emulator, method="GET")
    a = create(post, "alpha_key")
    b = create(post, "alpha_key_two")
    create(post, "beta")
    post.DisableApiKey(req("DisableApiKeyRequest", AccessKeyId=b.AccessKeyId))
    # GET flattens Filters.0.Values.0 into the query and signs the query verbatim.
    fuzzy = get.DescribeApiKeysStatus(by_name("alpha_key")).Result
    assert sorted(k.SecretName for k in fuzzy.ApiKeySet) == ["alpha_key", "alpha_key_two"]
    enabled = get.DescribeApiKeysStatus(req("DescribeApiKeysStatusRequest", Filters=[
        req("Filter", Name="SecretName", Values=["alpha"]), req("Filter", Name="Status", Values=["1"])])).Result
    assert [k.AccessKeyId for k in enabled.ApiKeySet] == [a.AccessKeyId]
    by_id = get.DescribeApiKeysStatus(req("DescribeApiKeysStatusRequest", Filters=[
        req("Filter", Name="AccessKeyId", Values=[b.AccessKeyId, "nope"])])).Result
    assert [k.AccessKeyId for k in by_id.ApiKeySet] == [b.AccessKeyId]
    page1 = post.DescribeApiKeysStatus(req("DescribeApiKeysStatusRequest", Limit=2, Offset=0)).Result
    page2 = post.DescribeApiKeysStatus(req("DescribeApiKeysStatusRequest", Limit=2, Offset=2)).Result
    assert (page1.TotalCount, len(page1.ApiKeySet), len(page2.ApiKeySet)) == (3, 2, 1)
    # Newest first.
    assert page2.ApiKeySet[0].AccessKeyId == a.AccessKeyId
    assert error_of(post.DescribeApiKeysStatus, req("DescribeApiKeysStatusRequest", Limit=101)) == \
        "InvalidParameterValue.LimitExceeded"


def test_manual_keys_and_duplicates(emulator):
    client = make_client(emulator)
    manual = create(client, "manual", AccessKeyType="manual", AccessKeyId="my_key_id_01",
                    AccessKeySecret="my_secret_value_0123")
    assert (manual.AccessKeyId, manual.AccessKeySecret, manual.AccessKeyType) == \
        ("my_key_id_01", "my_secret_value_0123", "manual")
    with pytest.raises(TencentCloudSDKException) as err:
        create(client, "other", AccessKeyType="manual", AccessKeyId="my_key_id_01", AccessKeySecret="x" * 10)
    assert err.value.get_code() == "FailedOperation.AccessKeyExist"
    # Names are not unique on Tencent: a second key with the same SecretName is created.
    twin = create(client, "manual")
    assert twin.AccessKeyId != manual.AccessKeyId
    assert client.DescribeApiKeysStatus(by_name("manual")).Result.TotalCount == 2
    # A manual key is rotated with a caller-supplied secret, and only while enabled.
    assert error_of(client.UpdateApiKey, req("UpdateApiKeyRequest", AccessKeyId="my_key_id_01")) == \
        "MissingParameter"
    new = client.UpdateApiKey(req("UpdateApiKeyRequest", AccessKeyId="my_key_id_01",
                                  AccessKeySecret="another_secret_01")).Result
    assert new.AccessKeySecret == "another_secret_01"
    client.DisableApiKey(req("DisableApiKeyRequest", AccessKeyId="my_key_id_01"))
    assert error_of(client.UpdateApiKey, req("UpdateApiKeyRequest", AccessKeyId="my_key_id_01",
                                             AccessKeySecret="third_secret_01")) == \
        "UnsupportedOperation.UnsupportedUpdateApiKey"


def test_validation_errors(emulator):
    client = make_client(emulator)
    cases = [
        (dict(AccessKeyType="manual", AccessKeyId="abcd", AccessKeySecret="s" * 10), "InvalidParameter.FormatError"),
        (dict(AccessKeyType="manual", AccessKeyId="a" * 51, AccessKeySecret="s" * 10), "InvalidParameter.FormatError"),
        (dict(AccessKeyType="manual", AccessKeyId="bad-id", AccessKeySecret="s" * 10), "InvalidParameter.FormatError"),
        (dict(AccessKeyType="manual", AccessKeyId="abcde", AccessKeySecret="s" * 9), "InvalidParameter.FormatError"),
        (dict(AccessKeyType="manual", AccessKeyId="abcde", AccessKeySecret="s" * 51), "InvalidParameter.FormatError"),
        (dict(AccessKeyType="manual", AccessKeyId="abcde"), "MissingParameter"),
        (dict(AccessKeyType="other"), "InvalidParameterValue"),
    ]
    for fields, code in cases:
        with pytest.raises(TencentCloudSDKException) as err:
            create(client, "name", **fields)
        assert err.value.get_code() == code, fields
    assert error_of(client.CreateApiKey, req("CreateApiKeyRequest")) == "MissingParameter"
    # Boundaries that must pass.
    ok = create(client, "edge", AccessKeyType="manual", AccessKeyId="a_1_b", AccessKeySecret="S" * 50)
    assert ok.AccessKeyId == "a_1_b"
    assert emulator.state()["tencent"]["keys"].keys() == {"a_1_b"}
    # Unknown parameters are refused like the real API does.
    assert error_of(client.call_json, "DescribeApiKey", {"AccessKeyId": "a_1_b", "Bogus": 1}) == "UnknownParameter"


def test_key_count_quota(emulator_factory, tmp_path):
    # Start from a --state file holding 499 keys (500 SDK calls would make the test slow).
    keys = {"seed%03d" % i: {"AccessKeyId": "seed%03d" % i, "AccessKeySecret": "s" * 40, "AccessKeyType": "manual",
                             "SecretName": "seed", "Status": 1, "CreatedTime": "2024-01-01T00:00:00Z",
                             "ModifiedTime": "2024-01-01T00:00:00Z", "Tags": [], "_seq": i} for i in range(499)}
    state_file = tmp_path / "state.json"
    state_file.write_text(json.dumps({"tencent": {"keys": keys, "seq": 499}}), encoding="utf-8")
    emu = emulator_factory("--state", str(state_file))
    client = make_client(emu)
    assert client.DescribeApiKeysStatus(req("DescribeApiKeysStatusRequest")).Result.TotalCount == 499
    last = create(client, "the_500th")
    assert error_of(create, client, "one_too_many") == "LimitExceeded.ApiKeyCountLimitExceeded"
    saved = json.loads(state_file.read_text(encoding="utf-8"))["tencent"]["keys"]
    assert len(saved) == 500 and last.AccessKeyId in saved


def test_wrong_secret_unknown_id_and_missing_auth(emulator):
    assert error_of(create, make_client(emulator, secret_key="WrongSecretKey"), "x") == "AuthFailure.SignatureFailure"
    assert error_of(create, make_client(emulator, secret_id="AKIDUNKNOWN0000"), "x") == "AuthFailure.SecretIdNotFound"
    conn = http.client.HTTPConnection(emulator.host, emulator.port, timeout=10)
    conn.request("POST", "/", body=b"{}", headers={"Content-Type": "application/json", "X-TC-Action": "CreateApiKey",
                                                   "X-TC-Version": "2018-08-08", "X-TC-Region": "ap-guangzhou",
                                                   "X-TC-Timestamp": str(int(time.time()))})
    resp = conn.getresponse()
    body = json.loads(resp.read())
    conn.close()
    assert resp.status == 200 and resp.getheader("Content-Type") == "application/json"
    assert body["Response"]["Error"]["Code"] == "AuthFailure.InvalidAuthorization"
    assert body["Response"]["RequestId"]
    assert emulator.state()["tencent"]["keys"] == {}


def test_timestamp_skew_beyond_5_minutes_rejected(emulator_factory):
    late = emulator_factory("--clock-skew", "330")
    assert error_of(create, make_client(late), "x") == "AuthFailure.SignatureExpire"
    near = emulator_factory("--clock-skew", "-270")
    assert create(make_client(near), "x").Status == 1


def _signed_request(emulator, payload, scope_date, timestamp, action="CreateApiKey"):
    """A hand-built TC3 request whose signature is correct for the scope date it declares."""
    host = "%s:%d" % (emulator.host, emulator.port)
    body = json.dumps(payload)
    canonical = "POST\n/\n\ncontent-type:application/json\nhost:%s\n\ncontent-type;host\n%s" % (
        host, hashlib.sha256(body.encode("utf-8")).hexdigest())
    scope = "%s/apigateway/tc3_request" % scope_date
    to_sign = "TC3-HMAC-SHA256\n%d\n%s\n%s" % (timestamp, scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest())
    signature = Sign.sign_tc3(emulator.secret_key, scope_date, "apigateway", to_sign)
    headers = {"Content-Type": "application/json", "Host": host, "X-TC-Action": action, "X-TC-Version": "2018-08-08",
               "X-TC-Region": "ap-guangzhou", "X-TC-Timestamp": str(timestamp),
               "Authorization": "TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host, Signature=%s"
                                % (emulator.access_key, scope, signature)}
    conn = http.client.HTTPConnection(emulator.host, emulator.port, timeout=10)
    conn.request("POST", "/", body=body.encode("utf-8"), headers=headers)
    resp = conn.getresponse()
    data = json.loads(resp.read())
    conn.close()
    return data["Response"]


def test_scope_date_must_match_timestamp(emulator):
    now = int(time.time())
    today = datetime.datetime.fromtimestamp(now, datetime.timezone.utc)
    good = _signed_request(emulator, {"SecretName": "scoped"}, today.strftime("%Y-%m-%d"), now)
    assert "Error" not in good and good["Result"]["SecretName"] == "scoped"
    yesterday = (today - datetime.timedelta(days=1)).strftime("%Y-%m-%d")
    bad = _signed_request(emulator, {"SecretName": "scoped"}, yesterday, now)
    assert bad["Error"]["Code"] == "AuthFailure.SignatureFailure"


def test_fault_replies_in_tencent_shape(emulator):
    client = make_client(emulator)
    emulator.set_faults([{"vendor": "tencent", "action": "CreateApiKey", "kind": "throttle"},
                         {"vendor": "tencent", "action": "DescribeApiKeysStatus", "kind": "server_error"},
                         {"vendor": "tencent", "action": "DescribeApiKey", "kind": "clock_skew"}])
    assert error_of(create, client, "x") == "RequestLimitExceeded"
    assert error_of(client.DescribeApiKeysStatus, req("DescribeApiKeysStatusRequest")) == "InternalError"
    assert error_of(client.DescribeApiKey, req("DescribeApiKeyRequest", AccessKeyId="x" * 5)) == \
        "AuthFailure.SignatureExpire"
    assert emulator.state()["tencent"]["keys"] == {}
    assert create(client, "x").Status == 1
    codes = [e["error_code"] for e in emulator.log()]
    assert codes == ["RequestLimitExceeded", "InternalError", "AuthFailure.SignatureExpire", None]


def test_rate_limit_20_per_second(emulator):
    # The SDK needs ~40 ms a call here, slower than the refill; replay one signed request instead.
    now = int(time.time())
    day = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).strftime("%Y-%m-%d")
    answers = [_signed_request(emulator, {}, day, now, action="DescribeApiKeysStatus") for dummy in range(30)]
    codes = [a.get("Error", {}).get("Code") for a in answers]
    assert codes[0] is None and "RequestLimitExceeded" in codes
    assert codes.count(None) < 30


def test_sdk_signing_vectors_are_accepted_byte_for_byte(emulator_factory):
    """Replay the SDK-made vectors verbatim (their own Host header and timestamp) at an emulator
    whose keys and clock match: any server-side canonicalisation slip fails this."""
    with open(VECTORS, encoding="utf-8") as handle:
        cases = json.load(handle)["cases"]
    for case in cases:
        given, expected = case["input"], case["expected"]
        emu = emulator_factory("--access-key", given["secret_id"], "--secret-key", given["secret_key"],
                               "--clock-skew", str(given["timestamp"] - time.time()))
        for tamper in (False, True):
            headers = dict(expected["headers_to_send"])
            sent = expected["body_or_query_as_sent"]
            if tamper:
                auth = headers["Authorization"]
                headers["Authorization"] = auth[:-1] + ("0" if auth[-1] != "0" else "1")
            path, body = ("/?" + sent, b"") if given["method"] == "GET" else ("/", sent.encode("utf-8"))
            conn = http.client.HTTPConnection(emu.host, emu.port, timeout=10)
            conn.putrequest(given["method"], path, skip_host=True, skip_accept_encoding=True)
            for name, value in headers.items():
                conn.putheader(name, value.encode("utf-8"))
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            resp = conn.getresponse()
            answer = json.loads(resp.read())["Response"]
            conn.close()
            if tamper:
                assert answer["Error"]["Code"] == "AuthFailure.SignatureFailure", case["name"]
            else:
                # Accepted signature: the answer is a success or a validation error (a vector may carry
                # a name the console rule rejects), never an authentication failure.
                code = (answer.get("Error") or {}).get("Code", "")
                assert not code.startswith("AuthFailure"), (case["name"], answer)


def test_secret_name_follows_the_console_rule(emulator):
    client = make_client(emulator)
    for bad in ("测试_key", "has space", "k" * 51, "auto-dash"):
        with pytest.raises(TencentCloudSDKException) as caught:
            create(client, bad)
        assert caught.value.code == "InvalidParameterValue.SecretName"
    assert create(client, "manual-dash_01", AccessKeyType="manual", AccessKeyId="manual_id_01",
                  AccessKeySecret="Manual_Secret_01").SecretName == "manual-dash_01"
    assert create(client, "k" * 50).SecretName == "k" * 50


@pytest.mark.parametrize("sign_method", ["HmacSHA256", "HmacSHA1"])
@pytest.mark.parametrize("method", ["POST", "GET"])
def test_the_older_signature_methods_of_the_sdk(emulator, sign_method, method):
    client = make_client(emulator, method=method, sign_method=sign_method, token="Token~*+!'() 01")
    key = create(client, "older_sign")
    listed = client.DescribeApiKeysStatus(by_name("older_sign", Limit=100, Offset=0)).Result
    assert [k.AccessKeyId for k in listed.ApiKeySet] == [key.AccessKeyId]
    client.DisableApiKey(req("DisableApiKeyRequest", AccessKeyId=key.AccessKeyId))
    client.DeleteApiKey(req("DeleteApiKeyRequest", AccessKeyId=key.AccessKeyId))
    wrong = make_client(emulator, method=method, sign_method=sign_method, secret_key="WrongSecretKey")
    with pytest.raises(TencentCloudSDKException) as caught:
        create(wrong, "older_sign")
    assert caught.value.code == "AuthFailure.SignatureFailure"
    assert [entry["vendor"] for entry in emulator.log()] == ["tencent"] * 5
