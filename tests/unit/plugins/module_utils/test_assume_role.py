# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""assume_role settings: built from the option or the environment, checked before any call. (The
STS calls themselves are checked by the emulator, whose STSs the official STS clients drive:
tests/unit/emulator/test_sts_sdk.py and tests/integration/test_assume_role.py.)"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.cloudapps.provision.plugins.module_utils import (
    _alicloud, _alicloud_apig, _huaweicloud, _tencentcloud, _volcengine,
)
from ansible_collections.cloudapps.provision.plugins.module_utils._assume_role import role_settings
from ansible_collections.cloudapps.provision.plugins.module_utils._declarations import connection_argument_spec

VENDORS = {"alibaba": _alicloud.VENDOR, "apig": _alicloud_apig.VENDOR, "huawei": _huaweicloud.VENDOR,
           "tencent": _tencentcloud.VENDOR, "volcengine": _volcengine.VENDOR}
ROLE_ENV = [(name, vendor, option.env[0]) for name, vendor in sorted(VENDORS.items())
            for option in vendor.sts.options[:1]]


@pytest.fixture
def clean_env(monkeypatch):
    for vendor in VENDORS.values():
        for name in [env for option in vendor.sts.options for env in option.env] + list(vendor.sts.other_login_env):
            monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_every_vendor_declares_its_suboptions_with_their_environment_variables():
    for vendor in VENDORS.values():
        spec = connection_argument_spec(vendor)["assume_role"]
        assert spec["type"] == "dict" and spec["no_log"] is False
        assert list(spec["options"]) == [option.name for option in vendor.sts.options]
        for option in vendor.sts.options:
            assert spec["options"][option.name].get("fallback", (None, []))[1] == list(option.env)


@pytest.mark.parametrize("name, vendor, variable", ROLE_ENV, ids=[row[0] for row in ROLE_ENV])
def test_no_role_anywhere_is_no_assume_role(clean_env, name, vendor, variable):
    assert role_settings(vendor, None) == (None, [])
    # AWX injects an unset field as an empty string: not set.
    clean_env.setenv(variable, "")
    assert role_settings(vendor, None) == (None, [])


def test_the_environment_builds_the_option_with_its_defaults(clean_env):
    clean_env.setenv("ALICLOUD_ASSUME_ROLE_ARN", "acs:ram::1234567890123456:role/provisioner")
    clean_env.setenv("ALIBABA_CLOUD_ROLE_SESSION_NAME", "nightly")
    clean_env.setenv("ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION", "1800")
    settings, problems = role_settings(_alicloud.VENDOR, None)
    assert problems == []
    assert settings["role_arn"] == "acs:ram::1234567890123456:role/provisioner"
    assert (settings["session_name"], settings["duration_seconds"]) == ("nightly", 1800)
    assert settings["endpoint"] == "https://sts.aliyuncs.com" and settings["external_id"] is None


def test_a_duration_from_the_environment_that_is_no_number_is_refused(clean_env):
    clean_env.setenv("TENCENTCLOUD_ASSUME_ROLE_ARN", "qcs::cam::uin/100000000001:roleName/provisioner")
    clean_env.setenv("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION", "1h")
    settings, problems = role_settings(_tencentcloud.VENDOR, None)
    assert problems == ["assume_role.duration_seconds: must be a whole number of seconds from 900 to 43200 for "
                        "Tencent Cloud (got '1h')"]


def given(vendor, **values):
    """The option as AnsibleModule hands it over: every suboption, defaults filled in."""
    names = [option.name for option in vendor.sts.options]
    found = dict((name, None) for name in names)
    found.update((name, value) for name, value in (("session_name", "cloudapps-provision"), ("duration_seconds", 3600))
                 if name in names)
    found.update(values)
    return found


@pytest.mark.parametrize("vendor, values, words", [
    (_alicloud.VENDOR, {}, "assume_role.role_arn: required"),
    (_alicloud.VENDOR, {"role_arn": "arn:aws:iam::123:role/x"}, "is not a role name of Alibaba Cloud, such as acs:ram::"),
    (_tencentcloud.VENDOR, {"role_arn": "acs:ram::1:role/x"}, "such as qcs::cam::uin/"),
    (_volcengine.VENDOR, {"role_trn": "trn:iam::1:role/x", "session_name": "x"}, "assume_role.session_name"),
    (_volcengine.VENDOR, {"role_trn": "trn:iam::1:role/x", "duration_seconds": 60}, "from 900 to 43200"),
    (_huaweicloud.VENDOR, {"agency_name": "a", "domain_name": "d", "domain_id": "0" * 32}, "domain_name or domain_id"),
    (_huaweicloud.VENDOR, {"agency_name": "a", "domain_id": "0" * 32, "duration_seconds": 86401}, "from 900 to 86400"),
    (_alicloud.VENDOR, {"role_arn": "acs:ram::1:role/x", "external_id": "a"}, "assume_role.external_id"),
    (_alicloud.VENDOR, {"role_arn": "acs:ram::1:role/x", "policy": "[1]"}, "assume_role.policy"),
    (_tencentcloud.VENDOR, {"role_arn": "qcs::cam::uin/1:roleName/x", "endpoint": "https://u:p@sts"}, "user info"),
])
def test_bad_settings_are_named_before_any_call(vendor, values, words):
    settings, problems = role_settings(vendor, given(vendor, **values))
    assert len(problems) == 1 and words in problems[0], problems


def test_empty_values_are_not_set(clean_env):
    settings, problems = role_settings(_huaweicloud.VENDOR, given(
        _huaweicloud.VENDOR, agency_name="provisioner", domain_name="", domain_id="0" * 32, endpoint=""))
    assert problems == []
    assert settings["domain_name"] is None and settings["endpoint"] == "https://iam.myhuaweicloud.com"


def test_a_pods_oidc_login_keeps_its_role_variable(clean_env):
    """Alibaba's RRSA sets ALIBABA_CLOUD_ROLE_ARN for its own OIDC login: no assume_role from it."""
    clean_env.setenv("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1234567890123456:role/pod-role")
    clean_env.setenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1234567890123456:oidc-provider/ack-rrsa")
    assert role_settings(_alicloud.VENDOR, None) == (None, [])
    clean_env.delenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN")
    assert role_settings(_alicloud.VENDOR, None)[0]["role_arn"] == "acs:ram::1234567890123456:role/pod-role"
