"""The official Cloud-native API Gateway SDK (alibabacloud-apig20240327) against the emulator's
consumer calls: signature, envelope, validation, clientToken replay, dryRun and paging."""

import uuid

import pytest
from alibabacloud_apig20240327 import models as m
from alibabacloud_apig20240327.client import Client
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.models import Config


def client(emulator, secret_key=None):
    return Client(Config(access_key_id=emulator.access_key, access_key_secret=secret_key or emulator.secret_key,
                         protocol="http", region_id="cn-hangzhou", endpoint=emulator.base_url.split("://", 1)[1]))


def error_of(call, *args):
    with pytest.raises(ClientException) as info:
        call(*args)
    return info.value


def api_key(source="Header", field="X-Api-Key", **credential):
    return m.ApiKeyIdentityConfig(type="Apikey", apikey_source=m.ApiKeyIdentityConfigApikeySource(source=source, value=field),
                                  credentials=[m.ApiKeyIdentityConfigCredentials(**(credential or {"generate_mode": "System"}))])


def test_lifecycle_through_the_sdk(emulator):
    sdk = client(emulator)
    created = sdk.create_consumer(m.CreateConsumerRequest(
        name="partner-a", description="for partner A", enable=True, gateway_type="API", apikey_identity_config=api_key(),
        ak_sk_identity_configs=[m.AkSkIdentityConfig(type="AkSk", generate_mode="System")])).body
    assert created.code == "Ok" and created.request_id and created.data.consumer_id.startswith("cs-")
    consumer_id = created.data.consumer_id
    got = sdk.get_consumer(consumer_id).body.data
    assert (got.name, got.description, got.enable) == ("partner-a", "for partner A", True)
    # GetConsumer spells it apiKeyIdentityConfig; the generated key and pair are readable.
    assert got.api_key_identity_config.apikey_source.source == "Header"
    assert got.api_key_identity_config.apikey_source.value == "X-Api-Key"
    assert len(got.api_key_identity_config.credentials[0].apikey) >= 8
    assert got.ak_sk_identity_configs[0].ak and got.ak_sk_identity_configs[0].sk
    sdk.update_consumer(consumer_id, m.UpdateConsumerRequest(enable=False, description="paused"))
    got = sdk.get_consumer(consumer_id).body.data
    assert (got.enable, got.description) == (False, "paused")
    sdk.delete_consumer(consumer_id)
    err = error_of(sdk.get_consumer, consumer_id)
    assert err.code == "NotFound.Consumer" and err.status_code == 404


def test_client_token_returns_the_first_consumer_and_rejects_other_parameters(emulator):
    sdk = client(emulator)
    token = str(uuid.uuid4())
    first = sdk.create_consumer(m.CreateConsumerRequest(name="once", client_token=token)).body.data.consumer_id
    again = sdk.create_consumer(m.CreateConsumerRequest(name="once", client_token=token)).body.data.consumer_id
    assert again == first and len(emulator.state()["apig"]["consumers"]) == 1
    err = error_of(sdk.create_consumer, m.CreateConsumerRequest(name="other", client_token=token))
    assert err.code == "IdempotentParameterMismatch"
    # Without the token, the same name is a conflict.
    assert error_of(sdk.create_consumer, m.CreateConsumerRequest(name="once")).code == "Conflict.ConsumerName"


def test_dry_run_validates_without_creating(emulator):
    sdk = client(emulator)
    answer = sdk.create_consumer(m.CreateConsumerRequest(name="dry", dry_run=True)).body
    assert answer.code == "Ok" and emulator.state()["apig"]["consumers"] == {}
    err = error_of(sdk.create_consumer, m.CreateConsumerRequest(name="bad name!", dry_run=True))
    assert err.code == "InvalidParameter" and "name" in err.message
    err = error_of(sdk.create_consumer, m.CreateConsumerRequest(name="dry", apikey_identity_config=api_key(
        generate_mode="Custom", apikey="short"), dry_run=True))
    assert err.code == "InvalidParameter"


def test_paging_and_the_fuzzy_name_filter(emulator):
    sdk = client(emulator)
    for number in range(12):
        sdk.create_consumer(m.CreateConsumerRequest(name="c%02d" % number))
    sdk.create_consumer(m.CreateConsumerRequest(name="ai-one", gateway_type="AI"))
    page = sdk.list_consumers(m.ListConsumersRequest(page_number=2, page_size=5, gateway_type="API")).body.data
    assert (page.total_size, page.page_number, page.page_size, len(page.items)) == (12, 2, 5, 5)
    fuzzy = sdk.list_consumers(m.ListConsumersRequest(name_like="c0", page_size=100)).body.data
    assert sorted(item.name for item in fuzzy.items) == ["c%02d" % n for n in range(10)]
    assert error_of(sdk.list_consumers, m.ListConsumersRequest(page_size=101)).code == "InvalidParameter"


def test_signature_and_immutable_fields(emulator):
    err = error_of(client(emulator, secret_key="wrong-secret").list_consumers, m.ListConsumersRequest())
    assert err.code == "SignatureDoesNotMatch"
    sdk = client(emulator)
    consumer_id = sdk.create_consumer(m.CreateConsumerRequest(name="fixed")).body.data.consumer_id
    # The SDK's UpdateConsumerRequest has no name: an update can never rename.
    assert not hasattr(m.UpdateConsumerRequest(), "name")
    sdk.update_consumer(consumer_id, m.UpdateConsumerRequest(description="x"))
    assert sdk.get_consumer(consumer_id).body.data.name == "fixed"


def test_authorization_rules_through_the_sdk(emulator):
    sdk = client(emulator)
    consumer_id = sdk.create_consumer(m.CreateConsumerRequest(name="ruled")).body.data.consumer_id
    env, route, undeployed = "env-cti17hem1hktoruj98ug", "hr-cloudapps000000000001", "hr-cloudapps000000000003"

    def rule(resource_id):
        return m.CreateConsumerAuthorizationRulesRequestAuthorizationRules(
            principal_type="Consumer", consumer_id=consumer_id, resource_type="HttpApiRoute", expire_mode="LongTerm",
            resource_identifier=m.CreateConsumerAuthorizationRulesRequestAuthorizationRulesResourceIdentifier(
                resource_id=resource_id, environment_id=env))
    created = sdk.create_consumer_authorization_rules(m.CreateConsumerAuthorizationRulesRequest(
        authorization_rules=[rule(route)])).body
    (rule_id,) = created.data.consumer_authorization_rule_ids
    found = sdk.query_consumer_authorization_rules(m.QueryConsumerAuthorizationRulesRequest(
        consumer_id=consumer_id, environment_id=env, page_size=100)).body.data
    assert found.total_size == 1 and found.items[0].resource_id == route
    assert found.items[0].consumer_authorization_rule_id == rule_id
    assert found.items[0].environment_info.environment_id == env
    err = error_of(sdk.create_consumer_authorization_rules, m.CreateConsumerAuthorizationRulesRequest(
        authorization_rules=[rule(undeployed)]))
    assert err.code == "InvalidParameter" and "not deployed" in err.message
    sdk.delete_consumer_authorization_rule(rule_id, consumer_id)
    err = error_of(sdk.delete_consumer_authorization_rule, rule_id, consumer_id)
    assert err.code == "NotFound.AuthorizationRule"


def test_rules_that_expire_through_the_sdk(emulator):
    """expireMode ShortTerm with expireTimestamp (ms) on create, changed with UpdateConsumerAuthorizationRule."""
    sdk = client(emulator)
    consumer_id = sdk.create_consumer(m.CreateConsumerRequest(name="ending")).body.data.consumer_id
    env, route = "env-cti17hem1hktoruj98ug", "hr-cloudapps000000000001"
    ends = 1935360000000  # 2031-04-30T00:00:00Z
    created = sdk.create_consumer_authorization_rules(m.CreateConsumerAuthorizationRulesRequest(authorization_rules=[
        m.CreateConsumerAuthorizationRulesRequestAuthorizationRules(
            principal_type="Consumer", consumer_id=consumer_id, resource_type="HttpApiRoute", expire_mode="ShortTerm",
            expire_timestamp=ends,
            resource_identifier=m.CreateConsumerAuthorizationRulesRequestAuthorizationRulesResourceIdentifier(
                resource_id=route, environment_id=env))])).body
    (rule_id,) = created.data.consumer_authorization_rule_ids

    def listed():
        (item,) = sdk.query_consumer_authorization_rules(m.QueryConsumerAuthorizationRulesRequest(
            consumer_id=consumer_id, environment_id=env, page_size=100)).body.data.items
        return item
    assert (listed().expire_mode, listed().expire_timestamp, listed().expire_status) == ("ShortTerm", ends, "Active")
    sdk.update_consumer_authorization_rule(consumer_id, rule_id, m.UpdateConsumerAuthorizationRuleRequest(
        expire_mode="ShortTerm", expire_timestamp=1000))
    assert (listed().expire_timestamp, listed().expire_status) == (1000, "Expired")
    sdk.update_consumer_authorization_rule(consumer_id, rule_id, m.UpdateConsumerAuthorizationRuleRequest(
        expire_mode="LongTerm"))
    assert (listed().expire_mode, listed().expire_timestamp) == ("LongTerm", None)
    err = error_of(sdk.update_consumer_authorization_rule, consumer_id, rule_id,
                   m.UpdateConsumerAuthorizationRuleRequest(expire_mode="ShortTerm"))
    assert err.code == "InvalidParameter" and "expireTimestamp" in err.message
