# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A network failure says where and how often; retries show at -vvv; an empty endpoint is unset."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import socket

VOLC = "cloudapps.provision.volcengine_rtc_app"
ALI = "cloudapps.provision.alicloud_apigateway_app"


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_closed_port_names_the_url_and_the_attempts(emulator, ansible):
    port = _closed_port()
    env = dict(emulator.env("alibaba"), CLOUDAPPS_ALICLOUD_ENDPOINT="http://127.0.0.1:%d" % port)
    run = ansible.playbook([{ALI: {"name": "net_app"}, "register": "r"}], env=env, extra_args=["-vvv"])
    assert run.rc != 0
    result = run.results[0]["result"]
    # The URL without the signed query; the read was tried the transport's five times.
    assert "DescribeAppAttributes request to http://127.0.0.1:%d/ could not be completed (5 attempts)" % port in result["msg"], \
        result["msg"]
    assert "connection refused" in result["msg"]
    assert "?" not in result["msg"].split(" could not")[0]
    assert len(result["retries"]) == 4
    assert result["retries"][0].startswith("Alibaba Cloud DescribeAppAttributes attempt 1 of 5 failed (network: connection")


def test_retries_are_listed_at_vvv_only(emulator, ansible):
    env = emulator.env("volcengine")
    emulator.faults([{"vendor": "volcengine", "action": "ListApps", "kind": "throttle", "count": 2}])
    quiet = ansible.playbook([{VOLC: {"name": "net_app"}, "register": "r"}], env=env)
    assert quiet.rc == 0, quiet
    assert "retries" not in quiet.results[0]["result"]
    emulator.faults([{"vendor": "volcengine", "action": "ListApps", "kind": "throttle", "count": 2}])
    loud = ansible.playbook([{VOLC: {"name": "net_app"}, "register": "r"}], env=env, extra_args=["-vvv"])
    assert loud.rc == 0, loud
    retries = loud.results[0]["result"]["retries"]
    assert len(retries) == 2
    assert all(line.startswith("Volcengine ListApps attempt %d of 5 failed (throttled: " % n)
               for n, line in zip((1, 2), retries)), retries


def test_an_empty_endpoint_variable_means_the_public_endpoint(emulator, ansible):
    """AWX injects an unset credential field as an empty string: it must not be an error."""
    env = dict(emulator.env("volcengine"), CLOUDAPPS_VOLCENGINE_ENDPOINT="")
    run = ansible.playbook([{VOLC: {"name": "net_app"}}], env=env, check=True)
    result = run.results[0]["result"]
    # No loopback emulator is behind the public host, and this machine has no internet: the error
    # names the public endpoint, which proves the empty value was taken as unset.
    assert "https://rtc.volcengineapi.com/" in result["msg"], result["msg"]
    assert emulator.calls() == 0
