#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: run_modules
short_description: Reconcile the items of several vendors at the same time, in one task
version_added: 0.2.0
description:
  - Runs each entry of O(runs) - one of this collection's modules that reconcile items, with its arguments -
    at the same time, and returns every module's result under its name. A run takes as long as its slowest
    module, not the sum.
  - The modules it runs are M(cloudapps.provision.volcengine_rtc_app), M(cloudapps.provision.alicloud_apigateway_app),
    M(cloudapps.provision.alicloud_apig_consumer), M(cloudapps.provision.huaweicloud_apig_app_quota),
    M(cloudapps.provision.huaweicloud_apig_app) and M(cloudapps.provision.tencentcloud_apigateway_api_key);
    any other module is refused before any run.
  - Each module gets its arguments over the C(module_defaults) that apply to it (its own name, its
    C(group/cloudapps.provision.<vendor>) group or C(group/cloudapps.provision.cloudapps)), and the task's
    check mode, diff mode and C(no_log). It validates its arguments, keeps its own client-side rate limiter
    and masks its own secrets exactly as in a task of its own, so modules of different vendors (whose
    published rate limits are independent) run at full speed together.
  - The modules run in one process on the target (normally the controller, C(connection=local)), each in
    a thread of its own; one payload and one Python start serve them all, which is most of the time of a
    run with nothing to change.
  - The C(cloudapps.provision.cloud_apps) role runs every vendor's items with one task of this module.
  - One run failing does not stop the others; the task fails after all of them ended, naming each
    failed run (use C(failed_when=false) and read RV(results) to handle failures yourself, as the role does).
  - Warnings of every run are shown once, for the task; each item's own warnings stay in its entry of
    C(item_results).
author:
  - cloudapps.provision contributors (@cloudapps)
options:
  runs:
    description: The module runs, each started at once unless O(runs[].after) names another.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: Name of the run, its key in RV(results); each run has its own.
        type: str
        required: true
      module:
        description:
          - The module, by its short name (V(huaweicloud_apig_app)) or its full name
            (V(cloudapps.provision.huaweicloud_apig_app)); one of those listed above.
        type: str
        required: true
      args:
        description:
          - The module's arguments, as in a task of its own. An argument set to null is left out (as
            C(omit) would), so the module's default or a C(module_defaults) value applies.
        type: dict
        default: {}
      after:
        description:
          - The name of an earlier run that must end (whatever its outcome) before this one starts, such as
            the Huawei app quotas that the apps bind.
        type: str
attributes:
  action:
    description: An action plugin on the controller checks the runs and applies C(module_defaults); the module runs them.
    support: full
  async:
    description: Cannot run with C(async); the runs are concurrent already.
    support: none
  check_mode:
    description: Each module runs in check mode when the task does.
    support: full
  diff_mode:
    description: The diff shows each module's diff, one after another.
    support: full
    details: Secrets are shown masked, as each module masks them.
notes:
  - Modules that call the same vendor account share its published rate limit, but each module paces
    its own calls; run one module per vendor account and let its C(items) carry every resource.
"""

EXAMPLES = r"""
- name: Apps on Volcengine and Huawei Cloud, and a Huawei quota before the apps that bind it, in one task
  cloudapps.provision.run_modules:
    runs:
      - name: rtc
        module: volcengine_rtc_app
        args:
          items:
            - name: partner_rtc
      - name: quotas
        module: huaweicloud_apig_app_quota
        args:
          instance_id: "{{ gateway_id }}"
          name: partner_quota
          call_limits: 1000
          time_unit: MINUTE
          time_interval: 1
      - name: apig
        module: huaweicloud_apig_app
        after: quotas
        args:
          instance_id: "{{ gateway_id }}"
          items:
            - name: partner_app
              quota: partner_quota
  module_defaults:
    group/cloudapps.provision.volcengine:
      region: cn-north-1
    group/cloudapps.provision.huaweicloud:
      region: cn-north-4
      project_id: "{{ huawei_project_id }}"
  register: together

- name: The Huawei apps' results, as the module alone would return them
  ansible.builtin.debug:
    var: together.results.apig.item_results
"""

RETURN = r"""
results:
  description:
    - Each run's result under its name, in the order of O(runs), as the module returns it in a task of its own
      (C(changed), C(failed), C(msg), C(item_results), C(request_ids), ...).
  returned: always
  type: dict
  sample: {"rtc": {"changed": true, "item_results": []}, "apig": {"changed": false, "item_results": []}}
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.cloudapps.provision.plugins.module_utils._run_modules import RUNNABLE, run_modules_argument_spec
from ansible_collections.cloudapps.provision.plugins.module_utils._together import run_together


def main():
    # The action plugin has applied module_defaults to each run's arguments and checked the runs.
    module = AnsibleModule(argument_spec=run_modules_argument_spec(), supports_check_mode=True)
    runs = module.params["runs"]
    unknown = [run["module"] for run in runs if run["module"] not in RUNNABLE]
    if unknown:
        module.fail_json(msg="runs: %s cannot run here; run_modules runs %s" % (", ".join(unknown), ", ".join(RUNNABLE)))
    results = run_together(runs)
    # Each module masked its own answer; the arguments (no_log, for the syslog) must not mask the
    # names and values the answers rightly show.
    module.no_log_values.clear()
    # Under another key than results: ansible-core renames a module's dict-valued results (the action maps it back).
    module.exit_json(changed=any(result.get("changed") for result in results.values()), run_results=results,
                     invocation={"module_args": {"runs": [dict((key, run[key]) for key in ("name", "module", "after"))
                                                          for run in runs]}})


if __name__ == "__main__":
    main()
