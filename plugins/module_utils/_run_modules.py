# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""The options of run_modules: the action plugin validates with them, the module file documents them.

No imports: the action plugin loads this in the controller's Python, which may lack requests.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def run_modules_argument_spec():
    return dict(runs=dict(type="list", elements="dict", required=True, options=dict(
        name=dict(type="str", required=True),
        module=dict(type="str", required=True),
        args=dict(type="dict", default={}),
        after=dict(type="str"),
    )))
