# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The wrong Python for localhost: the module and the role say what is wrong, in their own words."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

ROLE = "cloudapps.provision.cloud_apps"


def test_a_python_without_requests_is_named_by_the_module(emulator, ansible, bare_python):
    run = ansible.playbook([{"cloudapps.provision.volcengine_rtc_app": {"name": "py_app"}}],
                           env=emulator.env("volcengine"), extra_args=["-e", "ansible_python_interpreter=" + bare_python])
    assert run.rc != 0
    msg = run.results[0]["result"]["msg"]
    assert "Failed to import the required Python library (requests)" in msg and bare_python in msg, msg
    assert emulator.calls() == 0


def test_the_role_failure_carries_what_the_module_printed(emulator, ansible):
    """A missing interpreter gives no module answer; the role's failure line shows the shell's words."""
    play_vars = {"cloud_apps_volcengine_rtc_apps": [{"name": "py_app"}]}
    run = ansible.playbook([{"ansible.builtin.import_role": {"name": ROLE}}], env=emulator.env("volcengine"),
                           play_vars=play_vars, extra_args=["-e", "ansible_python_interpreter=python3.99"],
                           no_interpreter=True)
    assert run.rc != 0
    (failed,) = [e for e in run.results if e["task"].endswith("Fail when an item failed")]
    msg = failed["result"]["msg"]
    assert "1 item(s) failed: volcengine: " in msg, msg
    assert "python3.99: not found" in msg or "python3.99: command not found" in msg, msg
    assert emulator.calls() == 0
