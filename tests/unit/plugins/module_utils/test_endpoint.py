# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""parse_endpoint: a base URL, or a message naming what is wrong, never echoing user info."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.cloudapps.provision.plugins.module_utils._endpoint import parse_endpoint


@pytest.mark.parametrize("given, base", [
    ("https://apig.cn-north-4.myhuaweicloud.com", "https://apig.cn-north-4.myhuaweicloud.com"),
    ("https://gw.example.com:8443/", "https://gw.example.com:8443"),
    ("  http://127.0.0.1:9000  ", "http://127.0.0.1:9000"),
    ("https://[::1]:8443", "https://[::1]:8443"),
])
def test_base_urls_are_accepted(given, base):
    assert parse_endpoint(given) == base


@pytest.mark.parametrize("given, says", [
    ("apig.example.com", "must start with https:// or http://"),
    ("ftp://apig.example.com", "must start with https:// or http://"),
    ("https://apig.example.com/v2/apps", "without a path"),
    ("https://apig.example.com/?x=1", "without query or fragment"),
    ("https://apig.example.com#top", "without query or fragment"),
    ("https://bad_host!.example.com", "invalid host name"),
    ("https://apig.example.com:99999", "invalid port"),
    ("https://apig.example.com:0", "invalid port"),
    ("https://[zz::1]", "invalid IPv6 host"),
])
def test_bad_endpoints_say_what_is_wrong(given, says):
    with pytest.raises(ValueError, match=says.replace("?", r"\?")):
        parse_endpoint(given)


def test_user_info_is_refused_without_echoing_it():
    with pytest.raises(ValueError) as caught:
        parse_endpoint("https://admin:S3cretPass@apig.example.com")
    assert "user info" in str(caught.value) and "S3cretPass" not in str(caught.value)
