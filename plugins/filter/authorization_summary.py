# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: authorization_summary
short_description: The authorizations of a looped authorization task, by identity, and its failures
version_added: 0.2.0
description:
  - Turns the registered result of a looped authorization task of the C(cloudapps.provision.cloud_apps) role
    (each loop item a pair of an identity item and one of its C(authorizations)) into C(results), a dictionary
    of identity name to a dictionary with the key C(authorizations), to merge into C(cloud_apps_results), and
    C(failures), entries like those of P(cloudapps.provision.result_failures#filter).
  - Each authorization has C(scope) (the group and stage, or the environment), C(action), C(added), C(removed)
    and, when it failed, C(error).
options:
  _input:
    description: The registered result of the looped task.
    type: dict
    required: true
  vendor:
    description: The vendor name put into each failure, such as V(huaweicloud).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Record the authorizations
  ansible.builtin.set_fact:
    cloud_apps_results: "{{ cloud_apps_results | combine({'alicloud': summary.results}, recursive=True) }}"
    cloud_apps_failures: "{{ cloud_apps_failures + summary.failures }}"
  vars:
    summary: "{{ auth_run | cloudapps.provision.authorization_summary('alicloud') }}"
"""

RETURN = r"""
_value:
  description: C(results) (identity name to its authorizations) and C(failures).
  type: dict
  sample:
    results:
      billing_app:
        authorizations:
          - {scope: "group 523e8dc7 RELEASE", action: add, added: [api1], removed: []}
    failures: []
"""

from ansible.errors import AnsibleFilterError

SCOPE_KEYS = ("group_id", "stage_name", "env_id", "environment_id", "resource_type")


def _scope(authorization):
    return " ".join(str(authorization[key]) for key in SCOPE_KEYS if authorization.get(key)) or "-"


def authorization_summary(result, vendor):
    if not isinstance(result, dict):
        raise AnsibleFilterError("authorization_summary expects the registered result of a looped task")
    results, failures = {}, []
    for entry in result.get("results") or []:
        if not isinstance(entry, dict) or entry.get("skipped"):
            continue
        pair = entry.get("item") or [{}, {}]
        name, authorization = pair[0].get("name"), pair[1] if len(pair) > 1 else {}
        row = dict(scope=_scope(dict(authorization, stage_name=authorization.get("stage_name") or (
            "RELEASE" if authorization.get("group_id") else None))), action=entry.get("action") or "error",
            added=list(entry.get("added") or []), removed=list(entry.get("removed") or []))
        # The role's task has failed_when false: a failure shows as the module's error.
        if entry.get("failed") or "error" in entry:
            error = entry.get("error") or {}
            row["action"] = "error"
            row["error"] = dict(error, message=entry.get("msg"))
            failures.append(dict(vendor=vendor, name="%s (authorization %s)" % (name, row["scope"]), index=None,
                                 category=error.get("category"), code=error.get("code"), msg=entry.get("msg")))
        results.setdefault(name, {"authorizations": []})["authorizations"].append(row)
    return dict(results=results, failures=failures)


class FilterModule(object):
    def filters(self):
        return {"authorization_summary": authorization_summary}
