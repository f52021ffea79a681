"""The emulated security token services driven by the vendors' official STS clients, and the
temporary credentials they hand out driven by the official API clients: each acts in its role's
account only."""

import json

import pytest
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_sts20150401.client import Client as AlibabaSts
from alibabacloud_cloudapi20160714 import models as cloudapi
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.models import Config
from huaweicloudsdkapig.v2.model import ListAppsV2Request
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkiam.v3 import IamClient
from huaweicloudsdkiam.v3 import model as iam
from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sts.v20180813 import models as tencent_sts_models
from tencentcloud.sts.v20180813 import sts_client
from volcengine.sts.StsService import StsService

from tests.emulator import sts
from tests.unit.emulator import test_huawei_sdk, test_tencent_sdk, test_volcengine_sdk
from tests.unit.emulator.test_alibaba_sdk import tea_client

FIRST, SECOND = sts.ACCOUNTS[0], sts.ACCOUNTS[1]


def alibaba_assume(emulator, arn, external_id=None):
    client = AlibabaSts(Config(access_key_id=emulator.access_key, access_key_secret=emulator.secret_key,
                               protocol="http", endpoint=emulator.base_url.split("://", 1)[1]))
    return client.assume_role(sts_models.AssumeRoleRequest(role_arn=arn, role_session_name="cloudapps-ci",
                                                           duration_seconds=900, external_id=external_id)).body


def tencent_assume(emulator, arn, external_id=None):
    profile = HttpProfile(protocol="http", endpoint="%s:%d" % (emulator.host, emulator.port), reqTimeout=10)
    client = sts_client.StsClient(credential.Credential(emulator.access_key, emulator.secret_key), "ap-guangzhou",
                                  ClientProfile(httpProfile=profile))
    request = tencent_sts_models.AssumeRoleRequest()
    request.RoleArn, request.RoleSessionName, request.ExternalId = arn, "cloudapps-ci", external_id
    return client.AssumeRole(request)


def volcengine_assume(emulator, trn):
    service = StsService()
    service.set_ak(emulator.access_key)
    service.set_sk(emulator.secret_key)
    service.set_host(emulator.base_url.split("://", 1)[1])
    service.set_scheme("http")
    return service.assume_role({"RoleTrn": trn, "RoleSessionName": "cloudapps-ci", "DurationSeconds": "900"})


def huawei_assume(emulator, agency, domain_name=None, domain_id=None):
    config = HttpConfig.get_default_config()
    config.timeout = (5, 10)
    client = IamClient.new_builder().with_http_config(config).with_endpoint(emulator.base_url).with_credentials(
        GlobalCredentials(emulator.access_key, emulator.secret_key, "0" * 32)).build()
    body = iam.CreateTemporaryAccessKeyByAgencyRequestBody(auth=iam.AgencyAuth(identity=iam.AgencyAuthIdentity(
        methods=["assume_role"], assume_role=iam.IdentityAssumerole(
            agency_name=agency, domain_name=domain_name, domain_id=domain_id, duration_seconds=900))))
    return client.create_temporary_access_key_by_agency(
        iam.CreateTemporaryAccessKeyByAgencyRequest(body=body)).credential


def names(client):
    return [a.app_name for a in client.describe_apps(cloudapi.DescribeAppsRequest()).body.apps.app_item]


def test_alibaba_temporary_key_acts_in_its_account_only(emulator):
    creds = alibaba_assume(emulator, sts.role_arn("alibaba", FIRST)).credentials
    assert creds.access_key_id.startswith("STS.") and creds.expiration.endswith("Z")
    first = tea_client(emulator, access_key=creds.access_key_id, secret_key=creds.access_key_secret,
                       token=creds.security_token)
    first.create_app(cloudapi.CreateAppRequest(app_name="in_first_account"))
    # The RPC v1 signature with SecurityToken works as well.
    rpc = tea_client(emulator, v2=True, access_key=creds.access_key_id, secret_key=creds.access_key_secret,
                     token=creds.security_token)
    assert names(rpc) == ["in_first_account"]
    assert names(tea_client(emulator)) == []
    other = alibaba_assume(emulator, sts.role_arn("alibaba", SECOND)).credentials
    assert names(tea_client(emulator, access_key=other.access_key_id, secret_key=other.access_key_secret,
                            token=other.security_token)) == []
    state = emulator.state()
    assert [a["AppName"] for a in state["accounts"][FIRST]["alibaba"]["apps"].values()] == ["in_first_account"]
    assert state["alibaba"]["apps"] == {}


@pytest.mark.parametrize("role, external_id, code", [
    ("missing-role", None, "EntityNotExist.Role"),
    (sts.UNTRUSTED_ROLE, None, "NoPermission"),
    (sts.EXTERNAL_ID_ROLE, "wrong-external-id", "NoPermission"),
])
def test_alibaba_refusals(emulator, role, external_id, code):
    with pytest.raises(ClientException) as info:
        alibaba_assume(emulator, sts.role_arn("alibaba", FIRST, role), external_id)
    assert info.value.code == code
    assert not emulator.emu.sessions


def test_alibaba_external_id_and_token_rules(emulator):
    creds = alibaba_assume(emulator, sts.role_arn("alibaba", FIRST, sts.EXTERNAL_ID_ROLE), sts.EXTERNAL_ID).credentials
    for token, code in ((None, "MissingSecurityToken"), ("not-the-token", "InvalidSecurityToken.Mismatch")):
        client = tea_client(emulator, access_key=creds.access_key_id, secret_key=creds.access_key_secret, token=token)
        with pytest.raises(ClientException) as info:
            client.describe_apps(cloudapi.DescribeAppsRequest())
        assert info.value.code == code


def test_tencent_temporary_key_acts_in_its_account_only(emulator):
    answer = tencent_assume(emulator, sts.role_arn("tencent", FIRST))
    assert answer.ExpiredTime > 0 and answer.Expiration.endswith("Z")
    temp = answer.Credentials
    client = test_tencent_sdk.make_client(emulator, temp.TmpSecretId, temp.TmpSecretKey, temp.Token)
    test_tencent_sdk.create(client, "in_first")
    assert list(emulator.state()["accounts"][FIRST]["tencent"]["keys"].values())[0]["SecretName"] == "in_first"
    assert emulator.state()["tencent"]["keys"] == {}
    wrong = test_tencent_sdk.make_client(emulator, temp.TmpSecretId, temp.TmpSecretKey, "not-the-token")
    with pytest.raises(TencentCloudSDKException) as info:
        test_tencent_sdk.create(wrong, "refused")
    assert info.value.code == "AuthFailure.TokenFailure"


@pytest.mark.parametrize("role, external_id, code", [
    ("missing-role", None, "ResourceNotFound.RoleNotFound"),
    (sts.UNTRUSTED_ROLE, None, "UnauthorizedOperation"),
    (sts.EXTERNAL_ID_ROLE, None, "UnauthorizedOperation"),
])
def test_tencent_refusals(emulator, role, external_id, code):
    with pytest.raises(TencentCloudSDKException) as info:
        tencent_assume(emulator, sts.role_arn("tencent", FIRST, role), external_id)
    assert info.value.code == code


def test_volcengine_temporary_key_acts_in_its_account_only(emulator):
    temp = volcengine_assume(emulator, sts.role_arn("volcengine", SECOND))["Result"]["Credentials"]
    service = test_volcengine_sdk.rtc_service(emulator, access_key=temp["AccessKeyId"],
                                              secret_key=temp["SecretAccessKey"], token=temp["SessionToken"])
    created = test_volcengine_sdk.call(service, "CreateApp", {"AppName": "in_second"})
    assert created["Result"]["Name"] == "in_second"
    state = emulator.state()
    assert [a["AppName"] for a in state["accounts"][SECOND]["volcengine"]["apps"]] == ["in_second"]
    assert state["volcengine"]["apps"] == []
    refused = volcengine_assume_error(emulator, sts.role_arn("volcengine", SECOND, sts.UNTRUSTED_ROLE))
    assert refused == "AccessDenied"
    assert volcengine_assume_error(emulator, sts.role_arn("volcengine", SECOND, "missing")) == "EntityNotExist.Role"


def volcengine_assume_error(emulator, trn):
    with pytest.raises(Exception) as info:
        volcengine_assume(emulator, trn)
    # The SDK raises Exception(body) for an error answer.
    body = info.value.args[0]
    return json.loads(body.decode() if isinstance(body, bytes) else body)["ResponseMetadata"]["Error"]["Code"]


def test_huawei_temporary_key_acts_in_its_account_only(emulator):
    temp = huawei_assume(emulator, sts.TRUSTED_ROLE, domain_name=sts.huawei_domain_name(FIRST))
    client = test_huawei_sdk.make_client(emulator, temp.access, temp.secret, temp.securitytoken)
    test_huawei_sdk.create(client, "in_first")
    listed = client.list_apps_v2(ListAppsV2Request(instance_id=test_huawei_sdk.INSTANCE)).apps
    assert [a.name for a in listed] == ["in_first"]
    assert test_huawei_sdk.make_client(emulator).list_apps_v2(
        ListAppsV2Request(instance_id=test_huawei_sdk.INSTANCE)).apps == []
    by_id = huawei_assume(emulator, sts.TRUSTED_ROLE, domain_id=sts.huawei_domain_id(SECOND))
    assert test_huawei_sdk.make_client(emulator, by_id.access, by_id.secret, by_id.securitytoken).list_apps_v2(
        ListAppsV2Request(instance_id=test_huawei_sdk.INSTANCE)).apps == []


@pytest.mark.parametrize("agency, status", [("missing-agency", 404), (sts.UNTRUSTED_ROLE, 403)])
def test_huawei_refusals(emulator, agency, status):
    with pytest.raises(ClientRequestException) as info:
        huawei_assume(emulator, agency, domain_name=sts.huawei_domain_name(FIRST))
    assert info.value.status_code == status


def test_each_account_has_its_own_rate_limit(emulator):
    """A second account's calls are not throttled by the first account's burst."""
    first = alibaba_assume(emulator, sts.role_arn("alibaba", FIRST)).credentials
    second = alibaba_assume(emulator, sts.role_arn("alibaba", SECOND)).credentials
    clients = [tea_client(emulator, access_key=c.access_key_id, secret_key=c.access_key_secret, token=c.security_token)
               for c in (first, second)]
    throttled = {0: 0, 1: 0}
    for index in (0, 1):
        for dummy in range(60):
            try:
                clients[index].describe_apps(cloudapi.DescribeAppsRequest())
            except ClientException as exc:
                assert exc.code == "Throttling.User"
                throttled[index] += 1
    # Each account spent its own bucket of 50: both were throttled about as much, neither from the start.
    assert 0 < throttled[0] <= 12 and 0 < throttled[1] <= 12
