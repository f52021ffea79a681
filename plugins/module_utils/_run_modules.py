# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""The options of run_modules and the modules it runs: the action plugin validates with them, the
module documents and runs them.

No imports: the action plugin loads this in the controller's Python, which may lack requests.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The modules that reconcile items: run_modules runs these together, in one process.
RUNNABLE = (
    "volcengine_rtc_app",
    "alicloud_apigateway_app",
    "alicloud_apig_consumer",
    "huaweicloud_apig_app_quota",
    "huaweicloud_apig_app",
    "tencentcloud_apigateway_api_key",
)


def run_modules_argument_spec():
    # no_log: the arguments carry credentials; each module masks its own output.
    return dict(runs=dict(type="list", elements="dict", required=True, no_log=True, options=dict(
        name=dict(type="str", required=True),
        module=dict(type="str", required=True),
        args=dict(type="dict", default={}),
        after=dict(type="str"),
    )))
