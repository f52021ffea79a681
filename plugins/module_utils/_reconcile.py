# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""The one reconcile step: find, compare, create/update/delete, check mode, diff, result."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError

MASK = "********"
MASK_CHANGED = "******** (new value)"


class Resource:
    """What a vendor declares about its resource; the reconcile step does the rest.

    Resources are plain dicts with snake_case keys, as returned to the user. A vendor subclass
    sets the class attributes and implements the vendor calls.
    """

    kind = "app"           # key of the resource in the module result
    title = "app"          # for messages: "Volcengine RTC app"
    id_key = "app_id"      # key holding the vendor id
    name_key = "app_name"  # key holding the name
    fields = ()            # user-visible keys managed by module options (besides the name)
    secret_keys = ()       # returned only with return_secrets; masked in diffs
    immutable = ()         # keys that cannot change in place
    rotate_key = None      # secret key that rotate() regenerates; None: the vendor cannot rotate
    option_names = {}      # resource key -> module option, where they differ (besides name_key)
    rotate_howto = ""      # with rotate_key None: how to rotate by hand, added to the error

    def __init__(self, module, params=None):
        self.module = module
        # One item's options: the module's own, or one entry of a batch.
        self.params = module.params if params is None else params

    # --- declared by each vendor -------------------------------------------------------------
    def validate(self):
        """Problems with the module input, each naming the option and the rule ([] when fine)."""
        return []

    def desired(self):
        """The state the user asked for: name plus every managed field the user set."""
        wanted = {self.name_key: self.params["name"]}
        for key in self.fields:
            if self.params.get(key) is not None:
                wanted[key] = self.params[key]
        return wanted

    def find_by_name(self, name):
        raise NotImplementedError

    def find_by_id(self, resource_id):
        raise NotImplementedError

    def complete(self, current, keys):
        """Add to ``current`` what ``keys`` need but the find call does not return (e.g. secrets)."""
        return current

    def create(self, desired):
        raise NotImplementedError

    def update(self, current, changes):
        raise NotImplementedError

    def delete(self, current):
        """Delete ``current``; return None, or the resource if the vendor cannot delete it."""
        raise NotImplementedError

    def rotate(self, current):
        """Regenerate (or set) the secret of ``current``; return the resource with the new secret."""
        raise NotImplementedError

    def preview(self, current, changes):
        """What ``current`` would look like after ``changes``, for check mode (no call made)."""
        return dict(current, **changes)

    def needs_delete(self, current):
        return True

    def absent_after(self, current):
        """What ``state=absent`` leaves behind (None: nothing), for check mode and diff."""
        return None

    # --- shared helpers ------------------------------------------------------------------------
    def changes(self, current, desired):
        return dict((key, value) for key, value in desired.items() if current.get(key) != value)

    def option_of(self, key):
        """The module option a resource key is set with, as reported in ``changed_fields``."""
        if key == self.name_key:
            return "name"
        return self.option_names.get(key, key)

    def public(self, resource):
        if resource is None:
            return {}
        if self.params.get("return_secrets"):
            return dict(resource)
        return dict((k, v) for k, v in resource.items() if k not in self.secret_keys)


def _diff_view(resource, keys, secret_keys, changed=()):
    if resource is None:
        return {}
    view = {}
    for key in keys:
        if key not in resource:
            continue
        value = resource[key]
        if key in secret_keys and value is not None:
            value = MASK_CHANGED if key in changed else MASK
        view[key] = value
    return view


def _find(resource, params):
    if params.get("id"):
        return resource.find_by_id(params["id"])
    return resource.find_by_name(params["name"])


def _create(module, resource, desired):
    """Create, making sure a create whose answer was lost is not repeated blindly."""
    try:
        return resource.create(desired)
    except CloudError as error:
        if not error.may_have_applied:
            raise
        found = resource.find_by_name(desired[resource.name_key])
        if len(found) > 1:
            raise
        if found:
            module.warn("the answer to the create call was lost (%s); found the %s it created and used it"
                        % (error.category, resource.title))
            return found[0]
        module.warn("the create call failed without an answer (%s) and nothing was created; trying once more"
                    % error.category)
        return resource.create(desired)


def reconcile(module, resource):
    params = module.params
    matches = _find(resource, params)
    if len(matches) > 1:
        ids = ", ".join(str(item.get(resource.id_key)) for item in matches)
        module.fail_json(msg="found %d %ss named %r (ids: %s); names must be unique to be managed, use id to pick one"
                         % (len(matches), resource.title, params["name"], ids), request_ids=module.request_ids)
    current = matches[0] if matches else None
    if current is None and params.get("id") and params["state"] == "present":
        # Creating would give a new id, not the one asked for.
        module.fail_json(msg="id: no %s with id %r exists; leave id unset to create one named %r"
                         % (resource.title, params["id"], params["name"]), request_ids=module.request_ids)
    desired = resource.desired()
    diff_keys = [resource.id_key, resource.name_key] + [k for k in resource.fields if k not in (resource.name_key,)]
    wanted_secrets = resource.secret_keys if params.get("return_secrets") else ()
    changed = False
    changed_keys = ()
    action = "unchanged"

    if params["state"] == "absent":
        after = None
        if current is not None and resource.needs_delete(current):
            changed = True
            action = "delete"
            if module.check_mode:
                after = resource.absent_after(current)
            else:
                after = resource.delete(current)
        elif current is not None:
            after = resource.absent_after(current)
        before = current
        final = after
    else:
        before = current
        if current is None:
            changed = True
            action = "create"
            changed_keys = tuple(key for key in desired if key != resource.name_key)
            if module.check_mode:
                final = dict(desired)
            else:
                current = _create(module, resource, desired)
                current = resource.complete(current, list(desired))
                pending = resource.changes(current, desired)
                final = resource.update(current, pending) if pending else current
        else:
            current = resource.complete(current, list(desired))
            before = current
            pending = resource.changes(current, desired)
            fixed = sorted(key for key in pending if key in resource.immutable)
            if fixed:
                module.fail_json(
                    msg="%s %r: %s cannot be changed in place (current %s, wanted %s); delete it and create it again if that is what you want"
                    % (resource.title, params["name"], ", ".join(fixed),
                       ", ".join(_shown(current.get(k), k, resource) for k in fixed),
                       ", ".join(_shown(desired.get(k), k, resource) for k in fixed)),
                    action="error", changed_fields=sorted(resource.option_of(k) for k in fixed),
                    request_ids=module.request_ids)
            rotate = bool(params.get("rotate_secret")) and resource.rotate_key is not None
            changed = bool(pending) or rotate
            changed_keys = tuple(pending) + ((resource.rotate_key,) if rotate else ())
            if changed:
                action = "update"
            if not pending:
                final = current
            elif module.check_mode:
                final = resource.preview(current, pending)
            else:
                final = resource.update(current, pending)
            if rotate and not module.check_mode:
                final = resource.rotate(final)
        if wanted_secrets and final is not None and not module.check_mode:
            final = resource.complete(final, list(wanted_secrets))

    changed_fields = sorted(set(resource.option_of(key) for key in changed_keys))
    result = dict(changed=changed, action=action, changed_fields=changed_fields, request_ids=module.request_ids)
    result[resource.kind] = resource.public(final)
    if module.diff_mode:
        result["diff"] = dict(
            before=_diff_view(before, diff_keys, resource.secret_keys),
            after=_diff_view(final, diff_keys, resource.secret_keys, changed_keys),
        )
    return result


def _shown(value, key, resource):
    return MASK if key in resource.secret_keys else repr(value)
