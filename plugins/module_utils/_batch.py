# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cloudapps.provision contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Internal to cloudapps.provision: may change without notice. The public API is the modules.
"""Many items in one module run: validate all, list once, plan each, apply concurrently."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.cloudapps.provision.plugins.module_utils._errors import CloudError, INVALID_PARAMETER
from ansible_collections.cloudapps.provision.plugins.module_utils._failures import failed_rows, failure_text, part_label
from ansible_collections.cloudapps.provision.plugins.module_utils._hand_off import hand_off, shared_paths
from ansible_collections.cloudapps.provision.plugins.module_utils._identity_authorizations import reconcile_entries
from ansible_collections.cloudapps.provision.plugins.module_utils._reconcile import (
    apply, find, observe, outcome, plan,
)

# Threads in flight per batch. The shared rate limiter, not this, sets the pace; enough threads
# keep the published rate busy when every answer takes a few hundred milliseconds.
MAX_WORKERS = 16


class ItemFailed(Exception):
    """Raised instead of exiting when vendor code calls fail_json for one item."""

    def __init__(self, msg, error=None):
        super(ItemFailed, self).__init__(msg)
        self.msg = msg
        self.error = error or {}


class ItemContext:
    """What a Resource sees of the module for one batch item.

    The item's own options, a transport of its own (request ids per item; the rate limiter and
    HTTP sessions are shared), and its warnings; everything else is the module's.
    """

    def __init__(self, parent, params, index):
        self._parent = parent
        self.params = params
        self.index = index
        self.warnings = []
        self._transport = None

    @property
    def transport(self):
        # Made on the item's first call: checking its input must not reach the cloud (assume_role).
        if self._transport is None:
            self._transport = self._parent.transport.for_item()
        return self._transport

    def __getattr__(self, name):
        return getattr(self._parent, name)

    @property
    def request_ids(self):
        return list(self._transport.request_ids) if self._transport else []

    def warn(self, warning):
        self.warnings.append(warning)

    def fail_json(self, msg, **kwargs):
        raise ItemFailed(msg, kwargs.get("error"))


def item_spec(module):
    """The options an item may set: the resource options of the module, without items."""
    return dict((key, value) for key, value in module.resource_spec.items() if key != "items")


def validate_items(module, raw_items, overrides=None):
    """(params or None, [problems]) for every item, in order; no API call is made.

    Options set on the task are defaults for every item; connection options are the task's only.
    ``overrides`` maps an option to the task options an item that sets it does not inherit (an
    item with ``shared_gateway: true`` does not take the task's ``instance_id``).
    """
    spec = item_spec(module)
    task_defaults = {}
    for key, option in spec.items():
        if key in ("name", "id"):
            continue
        value = module.params.get(key)
        if value is not None and value != option.get("default"):
            task_defaults[key] = _given(value)
    validator = ArgumentSpecValidator(spec, **module.resource_constraints)
    checked = []
    for index, raw in enumerate(raw_items):
        where = "items[%d]" % index
        if not isinstance(raw, dict):
            checked.append((None, ["%s: must be a dictionary of options (got %s)" % (where, type(raw).__name__)]))
            continue
        dropped = set()
        for option, others in (overrides or {}).items():
            if raw.get(option):
                dropped.update(other for other in others if other not in raw)
        merged = dict((key, value) for key, value in task_defaults.items() if key not in dropped)
        merged.update(raw)
        result = validator.validate(merged)
        module.no_log_values.update(result._no_log_values)
        if result.error_messages:
            checked.append((None, ["%s: %s" % (where, error) for error in result.error_messages]))
            continue
        if not result.validated_parameters.get("name"):
            checked.append((None, ["%s: name is required" % where]))
            continue
        params = dict(module.params)
        params.pop("items", None)
        params.update(result.validated_parameters)
        checked.append((params, []))
    return checked


def _given(value):
    """A validated task option as the user could have written it: sub-options left unset (None) are
    dropped, so that each item's validation sees them unset, not set to None."""
    if isinstance(value, dict):
        return dict((key, _given(inner)) for key, inner in value.items() if inner is not None)
    if isinstance(value, list):
        return [_given(inner) for inner in value]
    return value


def _scope(resource):
    """The listing an item belongs to (e.g. one Huawei gateway instance)."""
    return tuple(resource.params.get(key) for key in resource.list_scope)


def _describe_error(error):
    if isinstance(error, CloudError):
        return str(error), error.to_dict()
    details = dict(category=INVALID_PARAMETER, code=None, message=error.msg, request_id=None)
    details.update(error.error)
    return error.msg, details


class Batch:
    """Reconcile a list of items of one resource class; one item's failure never stops the others.

    A task without ``items`` is a batch of one (``raw_items`` None): its item is the task's own
    options, already checked by AnsibleModule, and goes through the same steps as any item.
    """

    def __init__(self, module, resource_class, raw_items=None):
        self.module = module
        self.resource_class = resource_class
        self.task_item = raw_items is None
        self.raw_items = [dict(module.params)] if self.task_item else raw_items
        self.results = [None] * len(self.raw_items)
        self.contexts = [None] * len(self.raw_items)

    def run(self):
        """Every item's result; with ``items``, the task's summary of them."""
        self.reconcile()
        return self._summary()

    def reconcile(self):
        """Fill ``self.results``: validate all, list once per scope, plan and apply each item."""
        resources = self._prepare()
        listings = self._list(resources)
        pending = [(index, resource) for index, resource in enumerate(resources)
                   if resource is not None and self.results[index] is None]
        workers = max(1, min(MAX_WORKERS, len(pending)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for dummy in pool.map(lambda job: self._item(job[0], job[1], listings), pending):
                pass
        return self.results

    # --- phases -----------------------------------------------------------------------------
    def _prepare(self):
        """Validate every item before any call; the invalid ones end as errors right away."""
        resources = [None] * len(self.raw_items)
        checked = ([(self.raw_items[0], [])] if self.task_item
                   else validate_items(self.module, self.raw_items, self.resource_class.item_overrides))
        for index, (params, problems) in enumerate(checked):
            name = self.raw_items[index].get("name") if isinstance(self.raw_items[index], dict) else None
            if params is not None:
                context = ItemContext(self.module, params, index)
                resource = self.resource_class(context)
                problems = list(problems) + resource.input_problems()
                self.contexts[index] = context
                if not problems:
                    resources[index] = resource
            if problems:
                self._error(index, name, "invalid input: " + "; ".join(problems), INVALID_PARAMETER)
        seen = {}
        for index, resource in enumerate(resources):
            if resource is None:
                continue
            params = resource.params
            key = (_scope(resource), "id", params["id"]) if params.get("id") else (_scope(resource), "name", params["name"])
            if key in seen:
                first = seen[key]
                msg = ("items[%d] and items[%d] both name %r; each resource may appear once in items"
                       % (first, index, resource.params["name"]))
                for position in (first, index):
                    self._error(position, resources[position].params["name"], msg, INVALID_PARAMETER)
            else:
                seen[key] = index
        live = [resource if self.results[index] is None else None for index, resource in enumerate(resources)]
        for index, problem in sorted(shared_paths(live).items()):
            self._error(index, resources[index].params["name"], "invalid input: " + problem, INVALID_PARAMETER)
            resources[index] = None
        return resources

    def _list(self, resources):
        """One listing per scope, shared by its items; a failed listing fails only its items.

        A scope with one item looks that item up only (by id or by name), as cheap as the vendor allows.
        """
        listings = {}
        live = [resource for index, resource in enumerate(resources)
                if resource is not None and self.results[index] is None]
        counts = {}
        for resource in live:
            counts[_scope(resource)] = counts.get(_scope(resource), 0) + 1
        for index, resource in enumerate(resources):
            if resource is None or self.results[index] is not None:
                continue
            scope = _scope(resource)
            if scope not in listings:
                try:
                    found = find(resource) if counts[scope] == 1 else resource.list_all()
                    listings[scope] = _Index(resource, found)
                except (CloudError, ItemFailed) as error:
                    listings[scope] = error
            if not isinstance(listings[scope], _Index):
                msg, details = _describe_error(listings[scope])
                self._error(index, resource.params["name"], msg, details)
        return listings

    def _item(self, index, resource, listings):
        context = resource.module
        try:
            item_plan = plan(resource, observe(resource, listings[_scope(resource)].matches(resource.params)))
            if item_plan.action == "error":
                self._error(index, resource.params["name"], item_plan.error, item_plan.category,
                            changed_fields=sorted(resource.option_of(k) for k in item_plan.changed_keys))
                return
            final = apply(resource, item_plan, self.module.check_mode)
        except (CloudError, ItemFailed) as error:
            msg, details = _describe_error(error)
            self._error(index, resource.params["name"], msg, details)
            return
        result = outcome(resource, item_plan, final, self.module.diff_mode)
        try:
            reconcile_entries(resource, final, result, self.module.check_mode, self.module.diff_mode)
            hand_off(resource, item_plan, final, result, self.module.check_mode, self.module.diff_mode)
        except ItemFailed as error:
            msg, details = _describe_error(error)
            self._error(index, resource.params["name"], msg, details)
            return
        result.update(self._base(index, resource.params["name"]))
        result["request_ids"] = context.request_ids
        self.results[index] = result

    # --- results ----------------------------------------------------------------------------
    def _base(self, index, name):
        params = self.contexts[index].params if self.contexts[index] else {}
        return dict(index=index, name=name, state=params.get("state", "present"),
                    warnings=list(self.contexts[index].warnings) if self.contexts[index] else [])

    def _error(self, index, name, msg, details, **extra):
        if not isinstance(details, dict):
            details = dict(category=details, code=None, message=msg, request_id=None)
        result = dict(changed=False, action="error", changed_fields=[], msg=msg, error=details)
        result.update(extra)
        result.update(self._base(index, name))
        context = self.contexts[index]
        result["request_ids"] = context.request_ids if context else []
        self.results[index] = result

    def _summary(self):
        failed = _failure_lines(self.results)
        summary = dict(changed=any(result["changed"] for result in self.results), item_results=self.results,
                       request_ids=[rid for result in self.results for rid in result["request_ids"]])
        for result in self.results:
            for warning in result["warnings"]:
                self.module.warn("items[%d] %r: %s" % (result["index"], result["name"], warning))
        if self.module.diff_mode:
            summary["diff"] = [dict(result["diff"], before_header="%s (items[%d])" % (result["name"], result["index"]),
                                    after_header="%s (items[%d])" % (result["name"], result["index"]))
                               for result in self.results if result.get("diff") and result["changed"]]
        if failed:
            summary["failed"] = True
            summary["msg"] = "%d of %d items failed: %s" % (
                len(set(index for index, dummy in failed)), len(self.results), "; ".join(line for dummy, line in failed))
        return summary


def _failure_lines(results):
    """(index, line) for each failed item, or each failed authorization of an item."""
    lines = []
    for item, auth in failed_rows(results):
        failure = auth or item
        subject = "items[%d] %r%s" % (item["index"], item["name"], " " + part_label(auth) if auth else "")
        error = failure.get("error") or {}
        lines.append((item["index"], failure_text(subject, error.get("category"), error.get("code"), failure.get("msg"))))
    return lines


class _Index:
    """One listing indexed by id and by name, shared read-only by the items of its scope."""

    def __init__(self, resource, resources):
        self.by_id = {}
        self.by_name = {}
        for item in resources:
            self.by_id.setdefault(str(item.get(resource.id_key)), []).append(item)
            self.by_name.setdefault(item.get(resource.name_key), []).append(item)

    def matches(self, params):
        if params.get("id"):
            return [dict(item) for item in self.by_id.get(str(params["id"]), [])]
        return [dict(item) for item in self.by_name.get(params["name"], [])]
