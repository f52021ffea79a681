# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""The one reconcile step: a pure plan (current state + desired item -> action) and its apply."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import unicodedata
from collections import namedtuple

from ansible_collections.cloudapps.provision.plugins.module_utils._hand_off import hand_off_problems
from ansible_collections.cloudapps.provision.plugins.module_utils._identity_authorizations import entry_problems
from ansible_collections.cloudapps.provision.plugins.module_utils._secret_store import fingerprint
from ansible_collections.cloudapps.provision.plugins.module_utils._times import parse_time
from ansible_collections.cloudapps.provision.plugins.module_utils._errors import (
    CONFLICT, INVALID_PARAMETER, NOT_FOUND, CloudError, malformed_answer,
)

MASK = "********"
MASK_CHANGED = "******** (new value)"


_SAME = object()


class Field(namedtuple("Field", "key option wire mutable secret normalize same")):
    """One field of a resource, declared once; the Resource derives the rest from its rows.

    ``key``: the key in the resource dict (as returned to the user); ``option``: the module
    option that sets it (the key by default; ``name`` for the name; None: read-only); ``wire``:
    its name in the vendor's create and update bodies (None: set some other way); ``mutable``:
    whether it can change in place; ``secret``: returned only with return_secrets and masked in
    diffs; ``normalize``: option value -> resource value; ``same``: (current, wanted) -> equal.
    """

    __slots__ = ()

    def __new__(cls, key, option=_SAME, wire=None, mutable=True, secret=False, normalize=None, same=None):
        return super(Field, cls).__new__(cls, key, key if option is _SAME else option, wire, mutable, secret,
                                         normalize, same)


class Resource:
    """What a vendor declares about its resource; the reconcile step does the rest.

    Resources are plain dicts with snake_case keys, as returned to the user. A vendor subclass
    declares its ``FIELDS`` (one row per field), sets the class attributes and implements the
    vendor calls. ``name_key``, ``fields``, ``secret_keys``, ``immutable`` and ``option_names``
    come from the rows.
    """

    kind = "app"           # key of the resource in the module result
    title = "app"          # for messages: "Volcengine RTC app"
    id_key = "app_id"      # key holding the vendor id
    FIELDS = ()            # Field rows: the name's (option "name") and every other field's
    rotate_key = None      # secret key that rotate() regenerates; None: the vendor cannot rotate
    rotate_howto = ""      # with rotate_key None: how to rotate by hand, added to the error
    list_scope = ()        # options that select which listing an item is in (a gateway instance)
    item_overrides = {}    # option -> task options a batch item setting it does not inherit
    info_filters = ()      # options of the info module the vendor can filter its listing on
    # (vendor's name, resource key) of each credential field secret_store writes, in the vendor's words.
    store_fields = ()
    store_vendor = None    # {vendor} in a secret_store path, and the stored copy's vendor: the action group
    # Key of the time the current secret was made (max_secret_age); None: the vendor gives none.
    secret_time_key = None
    secret_time_note = ""  # with secret_time_key None: what the vendor lacks, for the error

    # Derived from FIELDS by __init_subclass__.
    name_key = "name"      # key holding the name
    fields = ()            # keys set by module options, besides the name
    secret_keys = ()       # returned only with return_secrets; masked in diffs
    immutable = ()         # keys that cannot change in place
    option_names = {}      # resource key -> module option, where they differ (besides name_key)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        rows = cls.__dict__.get("FIELDS")
        if not rows:
            return
        names = [row.key for row in rows if row.option == "name"]
        if len(names) != 1:
            raise TypeError("%s.FIELDS: exactly one row must have option 'name'" % cls.__name__)
        cls.name_key = names[0]
        cls.fields = tuple(row.key for row in rows if row.option not in (None, "name"))
        cls.secret_keys = tuple(row.key for row in rows if row.secret)
        cls.immutable = tuple(row.key for row in rows if not row.mutable)
        cls.option_names = dict((row.key, row.option) for row in rows
                                if row.option not in (None, "name") and row.option != row.key)

    def __init__(self, module, params=None):
        self.module = module
        # One item's options: the module's own, or one entry of a batch.
        self.params = module.params if params is None else params
        # Result keys a vendor adds for this item (what a vendor-side dry run said).
        self.extra = {}

    # --- declared by each vendor -------------------------------------------------------------
    def validate(self):
        """Problems with the module input, each naming the option and the rule ([] when fine)."""
        return []

    def desired(self):
        """The state the user asked for: name plus every field whose option the user set."""
        wanted = {}
        for row in self.FIELDS:
            value = self.params.get(row.option) if row.option else None
            if value is not None:
                wanted[row.key] = row.normalize(value) if row.normalize else value
        return wanted

    def to_wire(self, values):
        """The vendor's body for ``values`` (resource keys): every field with a wire name, in row order."""
        return dict((row.wire, values[row.key]) for row in self.FIELDS if row.wire and row.key in values)

    def list_all(self, **filters):
        """Every resource in the listing of ``self.params`` (all pages), optionally filtered."""
        raise NotImplementedError

    def find_by_name(self, name):
        """The resources named exactly ``name``: by default the listing filtered by name."""
        return self.list_all(name=name)

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

    def scope_problems(self):
        """Problems with the options that say where to list (a gateway, a project, an id's form)."""
        return []

    def info_match(self, resource):
        """Whether ``resource`` passes the vendor filters of the info module, compared exactly."""
        return True

    def create_problem(self):
        """Why the resource of ``self.params`` cannot be created through the API (None: it can)."""
        return None

    def check_create(self, desired):
        """In check mode, validate the create with the vendor where it can (a dry run); no write."""

    def given_secrets(self):
        """The options that set a secret to the user's value (rotate_secret cannot go with them)."""
        return [self.option_of(key) for key in self.secret_keys if self.params.get(self.option_of(key)) is not None]

    def credential_material(self, resource):
        """The credential fields of ``resource`` (secrets read) under the vendor's names, for secret_store."""
        return dict((name, resource[key]) for name, key in self.store_fields if resource.get(key) not in (None, ""))

    def fence_keys(self):
        """Keys of the fences ``complete()`` reads for an info module's ``list_fences`` (an access list,
        traffic limits); [] where the vendor has none."""
        return []

    def has_authorizations(self):
        """Whether the identities listed here can hold authorizations (the vendor lists them)."""
        return True

    def credential_keys(self):
        """The keys ``complete()`` must fill for ``credential_rows()`` (an info module's credentials)."""
        return [self.store_fields[0][1]] if self.store_fields else []

    def credential_rows(self, resource):
        """Each credential of ``resource``: ``handle`` (identifies it without revealing secret material:
        a public id, or a fingerprint), ``created`` (the vendor's time, or None) and ``secrets`` (its
        secret fields under the vendor's names)."""
        if not self.store_fields:
            return []
        name, key = self.store_fields[0]
        handle = fingerprint({name: resource.get(key)}) if key in self.secret_keys else resource.get(key)
        created = resource.get(self.secret_time_key) if self.secret_time_key else None
        secrets = dict((field, resource.get(item)) for field, item in self.store_fields if item in self.secret_keys)
        return [dict(handle=handle, created=created, secrets=secrets)]

    def grace_over(self, current):
        """Whether previous_secret_grace has passed since the current secret was made (the vendor's time)."""
        grace = self.params.get("previous_secret_grace")
        age = secret_age_days(self, current)
        return grace is not None and age is not None and age >= grace

    def observed_keys(self):
        """Keys the plan needs beyond the compared fields (a secret's age), read by ``complete()``."""
        return [self.secret_time_key] if self.params.get("max_secret_age") and self.secret_time_key else []

    def diff_view(self, resource, keys, changed=()):
        """``resource`` as ``--diff`` shows it: the ``keys`` only, secrets masked."""
        return _diff_view(resource, keys, self.secret_keys, changed)

    def preview(self, current, changes):
        """What ``current`` would look like after ``changes``, for check mode (no call made)."""
        return dict(current, **changes)

    def needs_delete(self, current):
        return True

    def is_missing(self, error):
        """Whether the vendor ``error`` says this resource does not exist (a missing gateway or a
        wrong endpoint is not that: it must fail, never read as "already gone")."""
        return error.category == NOT_FOUND

    def delete_with(self, current, call):
        """Run the vendor's delete ``call`` for ``current`` under the one "already gone" policy.

        A resource the vendor says is missing is the end state asked for: silently when the call
        had been retried (the first attempt may have deleted it), else with a warning, since someone
        else deleted it. A delete whose answer was lost counts as done once the lookup by id finds
        nothing. Returns None (gone).
        """
        try:
            call()
        except CloudError as error:
            if self.is_missing(error):
                if error.attempts <= 1:
                    self.module.warn("the %s %s was already deleted by someone else" % (self.title, current[self.id_key]))
                return None
            if error.may_have_applied and not self.find_by_id(current[self.id_key]):
                return None
            raise
        return None

    def observed_warnings(self, matches):
        """Warnings about what the listing found for this item (a state the user should know of)."""
        return []

    def absent_after(self, current):
        """What ``state=absent`` leaves behind (None: nothing), for check mode and diff."""
        return None

    # --- shared helpers ------------------------------------------------------------------------
    def _invisible_problems(self, options):
        problems = []
        for option in options:
            value = self.params.get(option)
            if isinstance(value, str) and any(unicodedata.category(char) in ("Cc", "Cf") for char in value):
                # Line breaks, tabs and invisible or direction-changing characters (U+202E).
                problems.append("%s: must not contain control or format (invisible) characters" % option)
        return problems

    def _age_problems(self):
        problems = []
        grace = self.params.get("previous_secret_grace")
        if grace is not None and grace < 0:
            problems.append("previous_secret_grace: must be 0 or more days (got %d)" % grace)
        age = self.params.get("max_secret_age")
        if age is None or self.params.get("state", "present") != "present":
            return problems
        if age < 1:
            problems.append("max_secret_age: must be at least 1 day (got %d)" % age)
        elif self.rotate_key is None:
            problems.append("max_secret_age: %s has no API to regenerate its secret%s"
                            % (self.title, ("; " + self.rotate_howto) if self.rotate_howto else ""))
        elif self.secret_time_key is None:
            problems.append("max_secret_age: %s" % self.secret_time_note)
        elif self.given_secrets():
            problems.append("max_secret_age: cannot be combined with %s, which sets the secret to your value"
                            % self.given_secrets()[0])
        return problems

    def info_problems(self):
        """What is wrong with the filters of an info module, before any API call.

        Names are not checked against today's naming rule: an old resource may predate it.
        """
        problems = self._invisible_problems(("name", "name_prefix", "id")) + self.scope_problems()
        older = self.params.get("older_than_days")
        if older is not None and older < 0:
            problems.append("older_than_days: must be 0 or more days (got %d)" % older)
        return problems

    def input_problems(self):
        """The common rules, then the vendor's: every problem found before any API call."""
        problems = self._invisible_problems(("name", "id"))
        if self.params.get("rotate_secret") and self.params.get("state", "present") == "present":
            if self.rotate_key is None:
                problems.append("rotate_secret: %s has no API to regenerate its secret%s"
                                % (self.title, ("; " + self.rotate_howto) if self.rotate_howto else ""))
            else:
                given = self.given_secrets()
                if given:
                    problems.append("rotate_secret: cannot be combined with %s; %s sets the secret to your value, "
                                    "rotate_secret has the vendor generate a new one" % (given[0], given[0]))
        problems.extend(self._age_problems())
        problems.extend(self.validate())
        problems.extend(entry_problems(self))
        problems.extend(hand_off_problems(self))
        return problems

    def changes(self, current, desired):
        """The wanted values that differ from ``current``, compared as each field's row says."""
        same = dict((row.key, row.same) for row in self.FIELDS if row.same)
        return dict((key, value) for key, value in desired.items()
                    if not (same[key](current.get(key), value) if key in same else current.get(key) == value))

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


class Plan:
    """What one item needs: the outcome of ``plan()``, carried out by ``apply()``.

    ``action`` is create, update, delete, unchanged, or error (``error`` then says why and
    ``category`` is invalid_parameter, conflict or not_found); ``changed_keys`` are resource keys.
    """

    def __init__(self, action, current=None, desired=None, changes=None, changed_keys=(), rotate=False,
                 error=None, category=None, rotate_reason=None):
        self.action = action
        self.current = current
        self.desired = desired or {}
        self.changes = changes or {}
        self.changed_keys = tuple(changed_keys)
        self.rotate = rotate
        # Why the secret is rotated: "rotate_secret", or its age ("age 97 d > 90").
        self.rotate_reason = rotate_reason
        self.error = error
        self.category = category

    @property
    def changed(self):
        return self.action in ("create", "update", "delete")


def observe(resource, matches):
    """Complete the one match with what comparing needs (e.g. a secret the list does not return).

    The only step before ``plan()`` that may call the vendor besides the listing itself.
    """
    params = resource.params
    # Both ways an item comes in (a single task, an entry of items) pass here: warn once, here.
    for warning in resource.observed_warnings(matches):
        resource.module.warn(warning)
    if len(matches) == 1 and params["state"] == "present":
        keys = list(_comparable(resource, resource.desired(), matches[0])) + resource.observed_keys()
        return [resource.complete(matches[0], keys)]
    return matches


def _comparable(resource, desired, current):
    """``desired`` without the secrets that would need a secret-reading call, when the user said so.

    With ``compare_secrets=false`` a secret the listing does not return is neither read nor
    compared nor changed on an existing resource; it is still set when the resource is created.
    """
    if current is None or resource.params.get("compare_secrets", True):
        return desired
    return dict((key, value) for key, value in desired.items()
                if key not in resource.secret_keys or current.get(key) is not None)


def plan(resource, matches):
    """Decide, without calling anything, what the item ``resource.params`` needs.

    ``matches`` are the resources found for the item (by id, else by exact name).
    """
    params = resource.params
    if len(matches) > 1:
        ids = ", ".join(str(item.get(resource.id_key)) for item in matches)
        return Plan("error", category=CONFLICT,
                    error="found %d %ss named %r (ids: %s); names must be unique to be managed, use id to pick one"
                    % (len(matches), resource.title, params["name"], ids))
    current = matches[0] if matches else None
    desired = resource.desired()
    if params["state"] == "absent":
        if current is not None and resource.needs_delete(current):
            return Plan("delete", current=current, desired=desired)
        return Plan("unchanged", current=current, desired=desired)
    if current is None:
        if params.get("id"):
            # Creating would give a new id, not the one asked for.
            return Plan("error", desired=desired, category=NOT_FOUND,
                        error="id: no %s with id %r exists; leave id unset to create one named %r"
                        % (resource.title, params["id"], params["name"]))
        problem = resource.create_problem()
        if problem:
            return Plan("error", desired=desired, category=INVALID_PARAMETER, error=problem)
        return Plan("create", desired=desired, changed_keys=[key for key in desired if key != resource.name_key])
    changes = resource.changes(current, _comparable(resource, desired, current))
    fixed = sorted(key for key in changes if key in resource.immutable)
    if fixed:
        return Plan("error", current=current, desired=desired, changed_keys=fixed, category=INVALID_PARAMETER,
                    error="%s %r: %s cannot be changed in place (current %s, wanted %s); delete it and create it again if that is what you want"
                    % (resource.title, params["name"], ", ".join(fixed),
                       ", ".join(_shown(current.get(k), k, resource) for k in fixed),
                       ", ".join(_shown(desired.get(k), k, resource) for k in fixed)))
    reason = rotation_reason(resource, current)
    rotate = reason is not None
    changed_keys = tuple(changes) + ((resource.rotate_key,) if rotate else ())
    return Plan("update" if changed_keys else "unchanged", current=current, desired=desired, changes=changes,
                changed_keys=changed_keys, rotate=rotate, rotate_reason=reason)


def secret_age_days(resource, current, now=None):
    """Whole days since the current secret was made, from the vendor's time (None: unknown)."""
    made = parse_time(current.get(resource.secret_time_key)) if resource.secret_time_key else None
    if made is None:
        return None
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return max(0, int((now - made).total_seconds() // 86400))


def rotation_reason(resource, current):
    """Why the secret of ``current`` is rotated in this run, or None."""
    params = resource.params
    if resource.rotate_key is None:
        return None
    if params.get("rotate_secret"):
        return "rotate_secret"
    limit = params.get("max_secret_age")
    if limit:
        age = secret_age_days(resource, current)
        if age is None:
            # The vendor did not say when: rotating on every run would be worse than reporting it.
            resource.module.warn("max_secret_age: the %s did not say when its secret was made; not rotated"
                                 % resource.title)
        elif age > limit:
            return "age %d d > %d" % (age, limit)
    return None


def apply(resource, item_plan, check_mode):
    """Carry out a plan that is not an error; return the resource afterwards (None: gone).

    In check mode nothing is called: the result is what the change would give.
    """
    current = item_plan.current
    params = resource.params
    if params["state"] == "absent":
        if item_plan.action == "delete" and not check_mode:
            return resource.delete(current)
        return resource.absent_after(current) if current is not None else None
    if item_plan.action == "create":
        if check_mode:
            resource.check_create(item_plan.desired)
            return dict(item_plan.desired)
        created = _create(resource, item_plan.desired)
        created = resource.complete(created, list(item_plan.desired))
        pending = resource.changes(created, item_plan.desired)
        final = resource.update(created, pending) if pending else created
    elif item_plan.changes:
        final = (resource.preview(current, item_plan.changes) if check_mode
                 else resource.update(current, item_plan.changes))
    else:
        final = current
    if check_mode:
        return final
    if item_plan.rotate:
        final = resource.rotate(final)
    if params.get("return_secrets") and final is not None:
        final = resource.complete(final, list(resource.secret_keys))
    return final


def outcome(resource, item_plan, final, diff_mode):
    """The result keys of one item: changed, action, changed_fields, the resource and its diff."""
    changed_fields = sorted(set(resource.option_of(key) for key in item_plan.changed_keys))
    result = dict(changed=item_plan.changed, action=item_plan.action, changed_fields=changed_fields)
    if item_plan.rotate_reason:
        result["rotate_reason"] = item_plan.rotate_reason
    result[resource.kind] = resource.public(final)
    if diff_mode:
        keys = [resource.id_key, resource.name_key] + [k for k in resource.fields if k != resource.name_key]
        result["diff"] = dict(
            before=resource.diff_view(item_plan.current, keys),
            after=resource.diff_view(final, keys, item_plan.changed_keys),
        )
    result.update(resource.extra)
    return result


def find(resource):
    """The resources matching the item: by id when given, else by exact name."""
    params = resource.params
    if params.get("id"):
        return resource.find_by_id(params["id"])
    return resource.find_by_name(params["name"])


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


def _create(resource, desired):
    """Create, making sure a create whose answer was lost is not repeated blindly."""
    module = resource.module
    try:
        created = resource.create(desired)
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
        created = resource.create(desired)
    if created and created.get(resource.id_key) not in (None, ""):
        return created
    # The create went through (the vendor answered success) but the answer lacks the id: never
    # create again; find what it created, or fail saying so.
    found = resource.find_by_name(desired[resource.name_key])
    if len(found) == 1:
        module.warn("the answer to the create call had no %s id; found the %s it created and used it"
                    % (resource.title, resource.title))
        return found[0]
    vendor = getattr(getattr(module, "vendor", None), "name", None) or resource.title
    raise malformed_answer(vendor, "create call", (module.request_ids or [None])[-1],
                           "the create call succeeded without the new %s's id, and %d %ss named %r were found "
                           "afterwards; check the console before running again"
                           % (resource.title, len(found), resource.title, desired[resource.name_key]))


def _shown(value, key, resource):
    return MASK if key in resource.secret_keys else repr(value)
