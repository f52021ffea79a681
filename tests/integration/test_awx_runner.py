# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The provision playbook through ansible-runner, credentials only in the environment, as AWX runs it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import shutil

import ansible_runner

from .conftest import REPO

APPS = {
    "cloud_apps_volcengine_rtc_apps": [{"name": "awx_rtc"}],
    "cloud_apps_alicloud_apigateway_apps": [{"name": "awx_gateway", "description": "from AWX"}],
    "cloud_apps_huaweicloud_apig_apps": [{"name": "awx_apig", "app_secret": "HuaweiAppSecret_0001"}],
    "cloud_apps_tencentcloud_apigateway_api_keys": [
        {"name": "awx_key"},
        {"name": "awx_manual", "key_type": "manual", "access_key_id": "awx_manual_id",
         "access_key_secret": "TencentManualSecret_0001"},
    ],
}
# Secret values passed to the run: none may appear in any artifact or event.
PASSED_SECRETS = ("HuaweiAppSecret_0001", "TencentManualSecret_0001")


def _read_tree(path):
    texts = []
    for root, unused, files in os.walk(path):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                texts.append(handle.read().decode("utf-8", "replace"))
    return "\n".join(texts)


def test_provision_through_ansible_runner_leaks_no_secret(emulator, ansible, tmp_path):
    private = tmp_path / "runner"
    (private / "project").mkdir(parents=True)
    shutil.copy(os.path.join(REPO, "playbooks", "provision.yml"), str(private / "project" / "provision.yml"))
    # AWX injects credentials as environment variables; the runner's own callbacks must stay in charge.
    envvars = dict((k, v) for k, v in ansible.base_env.items() if not k.startswith("ANSIBLE_CALLBACK"))
    for vendor in ("volcengine", "alibaba", "huawei", "tencent"):
        envvars.update(emulator.env(vendor))

    def run():
        return ansible_runner.run(private_data_dir=str(private), playbook="provision.yml", inventory="localhost,",
                                  extravars=APPS, quiet=True, envvars=envvars)

    first = run()
    assert first.status == "successful", first.stdout.read()
    assert first.stats["changed"].get("localhost", 0) > 0

    second = run()
    assert second.status == "successful"
    assert second.stats["changed"].get("localhost", 0) == 0

    state = emulator.state()
    assert state, "the emulator holds the provisioned resources"
    events = "\n".join(str(event) for run_ in (first, second) for event in run_.events)
    artifacts = _read_tree(str(private / "artifacts"))
    for secret in PASSED_SECRETS + (emulator.secret_key,):
        assert secret not in events
        assert secret not in artifacts
    # The artifacts do hold the run's output, so the search above looked at real content.
    assert "awx_manual_id" in artifacts and "awx_rtc" in artifacts
