# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: failure_line
short_description: One line describing a failed item
version_added: 0.2.0
description:
  - Formats one entry of P(cloudapps.provision.result_failures#filter) on one line, the vendor, the
    quoted name, the category and code in parentheses, then the message (see the sample).
options:
  _input:
    description: One entry of P(cloudapps.provision.result_failures#filter).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Fail naming every failed item
  ansible.builtin.fail:
    msg: "{{ failures | map('cloudapps.provision.failure_line') | join('; ') }}"
  when: failures | length > 0
"""

RETURN = r"""
_value:
  description: The line.
  type: str
  sample: "huaweicloud 'broken_app' (conflict, APIG.3203): the app name already exists"
"""


from ansible_collections.cloudapps.provision.plugins.module_utils._failures import failure_text


def failure_line(failure):
    failure = failure if isinstance(failure, dict) else {}
    name = " %r" % failure["name"] if failure.get("name") is not None else ""
    return failure_text((failure.get("vendor") or "") + name, failure.get("category"), failure.get("code"),
                        failure.get("msg"))


class FilterModule(object):
    def filters(self):
        return {"failure_line": failure_line}
