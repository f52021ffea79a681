# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The KV v2 store client against a real OpenBao dev server: logins, check-and-set, a store that is down."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import AUTH, CONFLICT, NETWORK, CloudError
from ansible_collections.cloudapps.provision.plugins.module_utils._secret_store import (
    STORE_OPTIONS, SecretStore, fingerprint, store_problems,
)
from tests.openbao import OpenBao, free_port


@pytest.fixture(scope="module")
def bao(tmp_path_factory):
    server = OpenBao(tmp_path_factory.mktemp("openbao")).start()
    yield server
    server.stop()


def settings(**given):
    found = dict((name, spec.get("default")) for name, spec in STORE_OPTIONS.items())
    found.update(given)
    return found


def test_token_login_writes_with_check_and_set_and_reads_back(bao):
    store = SecretStore(settings(url=bao.url, token=bao.root_token, path="cloudapps/app_one"))
    assert store.read("cloudapps/app_one") is None and store.current_version("cloudapps/app_one") == 0
    assert store.write("cloudapps/app_one", {"app_secret": "first-Secret-01"}, cas=0) == 1
    assert store.read("cloudapps/app_one") == {"data": {"app_secret": "first-Secret-01"}, "version": 1}
    # Someone else's write in between: the check-and-set refuses, nothing is overwritten.
    with pytest.raises(CloudError) as caught:
        store.write("cloudapps/app_one", {"app_secret": "second-Secret-02"}, cas=0)
    assert caught.value.category == CONFLICT and "second-Secret-02" not in str(caught.value)
    assert store.write("cloudapps/app_one", {"app_secret": "second-Secret-02"}, cas=1) == 2
    assert store.current_version("cloudapps/app_one") == 2


def test_approle_login_is_held_to_its_policy(bao):
    store = SecretStore(settings(url=bao.url, auth_method="approle", role_id=bao.role_id, secret_id=bao.secret_id,
                                 path="cloudapps/by_role"))
    assert store.write("cloudapps/by_role", {"k": "v"}, cas=0) == 1
    assert store.token() != bao.root_token
    with pytest.raises(CloudError) as caught:
        store.write("elsewhere/x", {"k": "v"}, cas=0)
    assert caught.value.category == AUTH and "permission denied" in str(caught.value)
    assert bao.secret_id not in str(caught.value) and store.token() not in str(caught.value)


def test_a_wrong_token_or_secret_id_is_an_auth_error_that_does_not_echo_it(bao):
    with pytest.raises(CloudError) as caught:
        SecretStore(settings(url=bao.url, token="not-the-token-123")).read("cloudapps/x")
    assert caught.value.category == AUTH and "not-the-token-123" not in str(caught.value)
    with pytest.raises(CloudError) as caught:
        SecretStore(settings(url=bao.url, auth_method="approle", role_id=bao.role_id,
                             secret_id="wrong-secret-id-456")).read("cloudapps/x")
    assert caught.value.category in (AUTH, "invalid_parameter") and "wrong-secret-id-456" not in str(caught.value)


def test_a_store_that_is_down_is_a_network_error_naming_the_address():
    url = "http://127.0.0.1:%d" % free_port()
    store = SecretStore(settings(url=url, token="t"), timeout=2, max_attempts=1)
    with pytest.raises(CloudError) as caught:
        store.write("cloudapps/x", {"k": "v"}, cas=0)
    assert caught.value.category == NETWORK and "127.0.0.1" in str(caught.value)


def test_input_problems_name_the_suboption_before_any_call():
    assert store_problems(settings(path="cloudapps/x")) == [
        "secret_store.url: required; set it or VAULT_ADDR",
        "secret_store.token: required with auth_method=token; set it or VAULT_TOKEN (or role_id and secret_id, "
        "VAULT_ROLE_ID and VAULT_SECRET_ID, for an AppRole login)"]
    # No method given: a role id without a token means AppRole, which then needs its secret id.
    assert store_problems(settings(url="https://bao.example.com", role_id="r", path="cloudapps/x")) == [
        "secret_store.secret_id: required with auth_method=approle; set it or VAULT_SECRET_ID"]
    problems = store_problems(settings(url="https://bao.example.com", auth_method="approle", path="a/../b"))
    assert problems[0].startswith("secret_store.role_id: required with auth_method=approle")
    assert any(p.startswith("secret_store.path: 'a/../b' is not a KV path") for p in problems)
    assert store_problems(settings(url="bao.example.com", token="t", path="ok/{name}"))[0].startswith(
        "secret_store.url: must start with https:// or http://")


def test_fingerprint_is_stable_short_and_not_the_secret():
    one = fingerprint({"app_key": "k", "app_secret": "Secret-Value-01"})
    assert one == fingerprint({"app_secret": "Secret-Value-01", "app_key": "k"})
    assert one != fingerprint({"app_key": "k", "app_secret": "Secret-Value-02"})
    assert one.startswith("sha256:") and len(one) == len("sha256:") + 16 and "Secret" not in one


def test_a_hand_off_that_lost_the_race_is_refused_unless_the_copy_is_the_same(bao):
    from ansible_collections.cloudapps.provision.plugins.module_utils._hand_off import _write
    store = SecretStore(settings(url=bao.url, token=bao.root_token, path="cloudapps/raced"))
    mine = {"AppSecret": "mine-Secret-0001"}
    theirs = {"AppSecret": "their-Secret-002"}
    stale = store.read("cloudapps/raced")
    store.write("cloudapps/raced", dict(theirs, fingerprint=fingerprint(theirs)), cas=0)
    # Someone else wrote another credential after this run read: refused, nothing overwritten.
    with pytest.raises(CloudError) as caught:
        _write(store, "cloudapps/raced", dict(mine, fingerprint=fingerprint(mine)), stale, fingerprint(mine), mine)
    assert caught.value.category == CONFLICT and "someone else wrote version 1" in str(caught.value)
    assert "mine-Secret-0001" not in str(caught.value) and store.read("cloudapps/raced")["data"]["AppSecret"] == theirs["AppSecret"]
    # A concurrent run wrote the very same credential: settled, its version is the answer.
    assert _write(store, "cloudapps/raced", dict(theirs), stale, fingerprint(theirs), theirs) == 1
