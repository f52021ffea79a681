# Copyright (c) Ansible Project
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Created with antsibull-docs 2.28.0

# This file only contains a selection of the most common options. For a full list see the
# documentation:
# http://www.sphinx-doc.org/en/master/config

project = 'cloudapps.provision'
copyright = 'cloudapps.provision contributors'

title = 'Ansible Collections Documentation'
html_short_title = 'Ansible Collections Documentation'

extensions = ['sphinx.ext.autodoc', 'sphinx.ext.intersphinx', 'sphinx_antsibull_ext']

pygments_style = 'ansible'

highlight_language = 'YAML+Jinja'

html_theme = 'sphinx_ansible_theme'
html_show_sphinx = False

display_version = False

html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False

# See https://www.sphinx-doc.org/en/master/usage/extensions/intersphinx.html#confval-intersphinx_mapping for the syntax
# Offline: no intersphinx lookups (the build must not need the network).
intersphinx_mapping = {}

default_role = 'any'


# The few labels of Ansible's own documentation that generated pages link to, resolved to their
# published pages without an intersphinx download.
_ANSIBLE_DOCS = "https://docs.ansible.com/projects/ansible/latest/"
_EXTERNAL_LABELS = {
    "common_return_values": _ANSIBLE_DOCS + "reference_appendices/common_return_values.html",
    "ansible_configuration_settings": _ANSIBLE_DOCS + "reference_appendices/config.html",
    "action_plugins": _ANSIBLE_DOCS + "plugins/action.html",
}


def _external_label(app, env, node, contnode):
    target = _EXTERNAL_LABELS.get(node.get("reftarget"))
    if node.get("reftype") != "ref" or target is None:
        return None
    from docutils import nodes  # pylint: disable=import-outside-toplevel
    reference = nodes.reference("", "", internal=False, refuri=target)
    reference += contnode
    return reference


def setup(app):
    app.connect("missing-reference", _external_label)
