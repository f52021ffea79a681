# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The provision playbook through ansible-runner, credentials only in the environment, as AWX runs it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import shutil

import ansible_runner

from .conftest import HUAWEI_INSTANCE, REPO

APPS = {
    "cloud_apps_volcengine_rtc_apps": [{"name": "awx_rtc"}],
    "cloud_apps_alicloud_apigateway_apps": [{"name": "awx_gateway", "description": "from AWX"}],
    "cloud_apps_huaweicloud_instance_id": HUAWEI_INSTANCE,
    "cloud_apps_huaweicloud_apig_apps": [{"name": "awx_apig", "app_secret": "HuaweiAppSecret_0001"}],
    "cloud_apps_tencentcloud_apigateway_api_keys": [
        {"name": "awx_key"},
        {"name": "awx_manual", "key_type": "manual", "access_key_id": "awx_manual_id",
         "access_key_secret": "TencentManualSecret_0001"},
    ],
}
# Secret values passed to the run: none may appear in any artifact or event.
PASSED_SECRETS = ("HuaweiAppSecret_0001", "TencentManualSecret_0001")


def _read_artifacts(path):
    """The text of every file ansible-runner kept, by name relative to the artifacts directory."""
    texts = {}
    for root, unused, files in os.walk(path):
        for name in files:
            full = os.path.join(root, name)
            with open(full, "rb") as handle:
                texts[os.path.relpath(full, path)] = handle.read().decode("utf-8", "replace")
    return texts


def test_provision_through_ansible_runner_leaks_no_secret(emulator, ansible, tmp_path):
    private = tmp_path / "runner"
    (private / "project").mkdir(parents=True)
    (private / "env").mkdir()
    shutil.copy(os.path.join(REPO, "playbooks", "provision.yml"), str(private / "project" / "provision.yml"))
    # As AWX prepares a job: extra vars in env/extravars (ansible-playbook gets -e @file, not the
    # values on its command line), credentials only in the process environment, as the credential
    # types' injectors (extensions/awx/credential_types) put them, and no env/ file written for them.
    with open(str(private / "env" / "extravars"), "w") as handle:
        json.dump(APPS, handle)
    # The runner's own callbacks must stay in charge.
    envvars = dict((k, v) for k, v in ansible.base_env.items() if not k.startswith("ANSIBLE_CALLBACK"))
    envvars.update(emulator.env_all())

    def run():
        return ansible_runner.run(private_data_dir=str(private), playbook="provision.yml", inventory="localhost,",
                                  quiet=True, envvars=envvars, suppress_env_files=True)

    first = run()
    assert first.status == "successful", first.stdout.read()
    assert first.stats["changed"].get("localhost", 0) > 0

    second = run()
    assert second.status == "successful", second.stdout.read()
    assert second.stats["changed"].get("localhost", 0) == 0

    state = emulator.state()
    secrets = list(PASSED_SECRETS) + [emulator.secret_key] + emulator.secrets(state)
    assert len(secrets) > len(PASSED_SECRETS) + 1, "the emulator generated secret material to look for"
    events = "\n".join(json.dumps(event, ensure_ascii=False) for run_ in (first, second) for event in run_.events)
    artifacts = _read_artifacts(str(private / "artifacts"))
    # `command` is ansible-runner's record of its own invocation (argv and the whole environment it
    # was handed, so the injected credentials); AWX runs in a throw-away private data dir and keeps
    # only the events and stdout. Everything the playbook run produced is checked.
    outputs = dict((name, text) for name, text in artifacts.items() if os.path.basename(name) != "command")
    assert any(name.endswith("stdout") for name in outputs) and any("job_events" in name for name in outputs)
    for secret in secrets:
        assert secret not in events, secret
        for name, text in outputs.items():
            assert secret not in text, (secret, name)
    # Item secrets reach ansible-playbook only through env/extravars, never on its command line.
    for name, text in artifacts.items():
        if os.path.basename(name) == "command":
            assert not any(secret in text for secret in PASSED_SECRETS), name
    # The searched text is the run's real output: names, vendor ids and the role's results.
    stdout = "\n".join(text for name, text in outputs.items() if name.endswith("stdout"))
    tencent_auto_id = [k for k, v in state["tencent"]["keys"].items() if v["SecretName"] == "awx_key"][0]
    for expected in ("awx_rtc", "awx_gateway", "awx_manual_id", tencent_auto_id, state["volcengine"]["apps"][0]["AppId"]):
        assert expected in stdout and expected in events, expected
