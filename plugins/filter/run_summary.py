# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: run_summary
short_description: Summarise every run of a cloudapps.provision.run_modules task at once
version_added: 0.2.0
description:
  - Turns the registered result of a M(cloudapps.provision.run_modules) task into C(results), each run's
    items as P(cloudapps.provision.result_summary#filter) gives them, keyed by the run's record key, and
    C(failures), the failed items of every run as P(cloudapps.provision.result_failures#filter) lists them
    (the record key as the vendor).
  - One pass over every run, in the order of O(records); a run that is not in the result is left out.
  - Used by the C(cloudapps.provision.cloud_apps) role to fill C(cloud_apps_results) and C(cloud_apps_failures).
options:
  _input:
    description: The registered result of a M(cloudapps.provision.run_modules) task.
    type: dict
    required: true
  records:
    description:
      - By run name, how to summarise it - C(key) (the name in the summary), C(kind) (the resource key in
        each item result, such as V(app)) and C(id_key) (the vendor id inside it, such as V(app_id)).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Summarise a run of two vendors
  ansible.builtin.set_fact:
    summary: >-
      {{ together | cloudapps.provision.run_summary({
           'rtc': {'key': 'volcengine', 'kind': 'app', 'id_key': 'app_id'},
           'keys': {'key': 'tencentcloud', 'kind': 'api_key', 'id_key': 'access_key_id'}}) }}
"""

RETURN = r"""
_value:
  description: C(results) (record key to the run's items by name) and C(failures) (every failed item).
  type: dict
  sample:
    results:
      volcengine:
        partner_rtc: {id: 65a1f0c2e4b0a1b2c3d4e5f6, state: present, changed: true, action: create}
    failures: []
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cloudapps.provision.plugins.filter.result_failures import result_failures
from ansible_collections.cloudapps.provision.plugins.filter.result_summary import result_summary


def run_summary(result, records):
    if not isinstance(result, dict) or not isinstance(records, dict):
        raise AnsibleFilterError("run_summary expects the registered result of a run_modules task and a dict of records")
    runs = result.get("results") if isinstance(result.get("results"), dict) else {}
    summary = dict(results={}, failures=[])
    for name, record in records.items():
        if name not in runs:
            continue
        summary["results"][record["key"]] = result_summary(runs[name], record["kind"], record["id_key"])
        summary["failures"].extend(result_failures(runs[name], record["key"]))
    return summary


class FilterModule(object):
    def filters(self):
        return {"run_summary": run_summary}
