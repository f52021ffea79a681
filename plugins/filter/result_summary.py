# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: result_summary
short_description: Summarise the registered results of a looped cloudapps.provision module task
version_added: 0.1.0
description:
  - Turns the C(results) list of a looped task that ran one of the collection's modules into a
    dictionary keyed by resource name, with the vendor id, the state asked for, whether the item
    changed, and the resource as the module returned it.
  - Used by the C(cloudapps.provision.cloud_apps) role to build C(cloud_apps_results).
  - Secrets appear only if the module returned them (O(cloudapps.provision.volcengine_rtc_app#module:return_secrets)).
options:
  _input:
    description: The C(results) list of a registered looped task.
    type: list
    elements: dict
    required: true
  kind:
    description: Key of the resource in each module result, V(app) or V(api_key).
    type: str
    required: true
  id_key:
    description: Key of the vendor id inside the resource, such as V(app_id), V(id) or V(access_key_id).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Summarise a looped task
  ansible.builtin.set_fact:
    summary: "{{ runs.results | cloudapps.provision.result_summary('app', 'app_id') }}"
"""

RETURN = r"""
_value:
  description: One entry per resource name.
  type: dict
  sample:
    demo_app:
      id: "661e5b7c0a1b2c3d4e5f6a7b"
      state: present
      changed: true
      resource: {"app_id": "661e5b7c0a1b2c3d4e5f6a7b", "app_name": "demo_app", "status": 1}
"""

from ansible.errors import AnsibleFilterError


def result_summary(results, kind, id_key):
    if not isinstance(results, list):
        raise AnsibleFilterError("result_summary expects the results list of a looped task")
    summary = {}
    for entry in results:
        item = entry.get("item") or {}
        if entry.get("skipped"):
            continue
        resource = entry.get(kind) or {}
        summary[item.get("name")] = dict(
            id=resource.get(id_key),
            state=item.get("state", "present"),
            changed=bool(entry.get("changed")),
            resource=resource,
        )
    return summary


class FilterModule(object):
    def filters(self):
        return {"result_summary": result_summary}
