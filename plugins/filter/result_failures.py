# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: result_failures
short_description: The failed items of a cloudapps.provision module task
version_added: 0.2.0
description:
  - Lists every failed item of a registered module task run with
    O(cloudapps.provision.volcengine_rtc_app#module:items), each with the vendor, the name, the error
    category, the vendor code and the message; an authorization of an item that failed is an entry named
    C(<name> (authorization <scope>)), a failed secret store hand-off one named
    C(<name> (secret_store <path>)). A task that failed as a whole (for example missing
    credentials) gives one entry without a name; when the module gave no answer (its interpreter
    is missing, or it crashed), the entry's message ends with the last lines the module printed.
  - Used by the C(cloudapps.provision.cloud_apps) role to fail at the end naming each failed item.
options:
  _input:
    description: The registered result of a module task.
    type: dict
    required: true
  vendor:
    description: The vendor name put into each entry, such as V(huaweicloud).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Collect the failed items of a task
  ansible.builtin.set_fact:
    failures: "{{ apps_run | cloudapps.provision.result_failures('huaweicloud') }}"
"""

RETURN = r"""
_value:
  description: One entry per failed item.
  type: list
  elements: dict
  sample:
    - vendor: huaweicloud
      name: broken_app
      index: 3
      category: conflict
      code: APIG.3203
      msg: "..."
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cloudapps.provision.plugins.module_utils._failures import failed_rows, part_label


def result_failures(result, vendor):
    if not isinstance(result, dict):
        raise AnsibleFilterError("result_failures expects the registered result of a module task")
    failures = []
    for entry, auth in failed_rows(result.get("item_results")):
        failure = auth or entry
        error = failure.get("error") or {}
        name = "%s (%s)" % (entry.get("name"), part_label(auth)) if auth else entry.get("name")
        failures.append(dict(vendor=vendor, name=name, index=entry.get("index"), category=error.get("category"),
                             code=error.get("code"), msg=failure.get("msg")))
    if not failures and (result.get("failed") or (result.get("msg") and "item_results" not in result)):
        error = result.get("error") or {}
        failures.append(dict(vendor=vendor, name=None, index=None, category=error.get("category"),
                             code=error.get("code"), msg=_task_message(result)))
    return failures


def _task_message(result):
    """The task's message; when the module never answered (a missing interpreter, a crash), what
    it printed, which is where the cause is ("python3.13: not found", an ImportError)."""
    msg = str(result.get("msg") or "the task failed")
    printed = [line.strip() for key in ("module_stderr", "module_stdout")
               for line in str(result.get(key) or "").splitlines() if line.strip()]
    if printed:
        tail = " / ".join(printed[-3:])
        msg += " (module output: %s)" % (tail if len(tail) <= 500 else "..." + tail[-500:])
    return msg


class FilterModule(object):
    def filters(self):
        return {"result_failures": result_failures}
