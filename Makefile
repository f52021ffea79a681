# Developer and CI entry points for the cloudapps.provision collection.
# Needs only GNU make and python3: `make venv` builds .venv from tests/requirements.txt,
# every other target uses the tools in .venv/bin.
#
#   make test          all gates, fast ones first (what .ci/run runs)
#   make lint build docs unit sanity integration molecule core216 demo   one gate each

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
# Gates share .venv and the collection link: never run them in parallel.
.NOTPARALLEL:

PYTHON ?= python3
VENV := $(CURDIR)/.venv
# Rebuilt only when a requirements file is newer than the stamp.
VENV_STAMP := $(VENV)/.requirements.stamp
# `cloudapps.provision` resolves from the source tree through this symlink, so tests,
# molecule and the demo always run the code in the working tree, never an installed copy.
COLLECTIONS := $(CURDIR)/.cache/collections
COLLECTION_LINK := $(COLLECTIONS)/ansible_collections/cloudapps/provision

export PATH := $(VENV)/bin:$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
# Extra arguments for pytest, e.g. make unit PYTEST_ARGS='-k signer -x'
PYTEST_ARGS ?=
# pytest-xdist workers (one per core); tests that share a directory of the clone are one xdist_group.
PYTEST_WORKERS ?= auto
PARALLEL := -n $(PYTEST_WORKERS) --dist loadgroup
# The integration suites mostly wait on ansible-playbook processes and the emulator: one worker
# more than the cores keeps both cores busy (measured on 2 cores: 336 s with 3 workers, 376-413 s with 2).
IO_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 2) + 1 )))
PARALLEL_IO := -n $(IO_WORKERS) --dist loadgroup

# Order of `make test`: cheapest first, so the first failures show within seconds.
TEST_STEPS := lint build docs unit sanity integration molecule core216 core221

.PHONY: help venv collection test lint build docs unit sanity integration molecule core216 core221 demo emulator emulator-stop bench smoke clean

help:
	@echo "targets: venv test lint build docs unit sanity integration molecule core216 core221 demo emulator emulator-stop bench smoke clean"
	@echo "make test runs: $(TEST_STEPS)"

venv: $(VENV_STAMP)

$(VENV_STAMP): tests/requirements.txt requirements.txt
	@[ -x "$(VENV)/bin/python" ] || $(PYTHON) -m venv "$(VENV)"
	"$(VENV)/bin/python" -m pip install --disable-pip-version-check --progress-bar off -r tests/requirements.txt
	@touch "$@"

collection:
	@mkdir -p "$(dir $(COLLECTION_LINK))"
	@# Relative link (to the repo root) so a moved or copied tree still works.
	@ln -sfn ../../../.. "$(COLLECTION_LINK)"

# Each step with a header and its wall time. Every step runs even after a failure,
# so one CI run reports all broken gates; the summary lists them and make fails.
test: venv collection
	@failed=""; summary=""; \
	for step in $(TEST_STEPS); do \
		printf '\n==================== make %s ====================\n' "$$step"; \
		start=$$(date +%s); rc=0; \
		$(MAKE) --no-print-directory "$$step" || rc=$$?; \
		secs=$$(( $$(date +%s) - start )); \
		if [ "$$rc" -eq 0 ]; then result=ok; else result="FAILED (exit $$rc)"; failed="$$failed $$step"; fi; \
		printf '==================== make %s: %s in %ss ====================\n' "$$step" "$$result" "$$secs"; \
		summary="$$summary$$(printf '  %-12s %-18s %5ss' "$$step" "$$result" "$$secs")\n"; \
	done; \
	printf '\nmake test summary:\n%b' "$$summary"; \
	if [ -n "$$failed" ]; then echo "make test: failed:$$failed"; exit 1; fi; \
	echo "make test: all $(words $(TEST_STEPS)) steps passed"

# Exactly what a user's plain run does: no collections path of ours (ansible-lint links the
# collection into .ansible/collections itself).
lint: venv
	env -u ANSIBLE_COLLECTIONS_PATH ansible-lint
	antsibull-changelog lint

build: venv
	scripts/build.sh
	scripts/release_checks.sh

# HTML docs with antsibull-docs and Sphinx into build/docs/html, offline, warnings are errors.
docs:
	scripts/docs.sh

sanity: venv
	scripts/sanity.sh

# pytest exits 5 when it collected no test: reported, not fatal, so a test
# directory can exist before its first test does.
define run_pytest
	@if [ ! -d "$(1)" ]; then echo "$(1) does not exist yet: skipped"; exit 0; fi; \
	mkdir -p "$(CURDIR)/.cache/pytest"; rc=0; pytest $(1) $(2) --basetemp="$(CURDIR)/.cache/pytest/$(notdir $(1))" $(PYTEST_ARGS) || rc=$$?; \
	if [ "$$rc" -eq 5 ]; then echo "WARNING: no tests collected in $(1)"; exit 0; fi; \
	exit "$$rc"
endef

unit: venv collection
	$(call run_pytest,tests/unit,$(PARALLEL))

integration: venv collection
	$(call run_pytest,tests/integration,$(PARALLEL_IO))

# Collection-level scenarios (extensions/molecule/<scenario>/ with a shared
# extensions/molecule/config.yml): molecule finds them from the root via galaxy.yml.
# ANSIBLE_HOME keeps molecule's prerun install of this collection in the clone's .ansible (without it,
# ansible-compat installs into ~/.ansible/collections, where any later Ansible run finds a stale
# copy); the gate fails if a copy appears there anyway.
USER_COPY := $(HOME)/.ansible/collections/ansible_collections/cloudapps/provision
molecule: venv
	@if [ ! -d extensions/molecule ]; then echo "extensions/molecule does not exist yet: skipped"; exit 0; fi; \
	before=$$(ls -d --full-time "$(USER_COPY)" 2>/dev/null || true); \
	env -u ANSIBLE_COLLECTIONS_PATH ANSIBLE_HOME="$(CURDIR)/.ansible" molecule test --all; \
	after=$$(ls -d --full-time "$(USER_COPY)" 2>/dev/null || true); \
	if [ "$$before" != "$$after" ]; then echo "molecule wrote $(USER_COPY), outside the clone" >&2; exit 1; fi

# The oldest supported ansible-core (2.16) in a virtualenv of its own: the integration tests whose
# evidence depends on ansible-core (the role: argument specs, includes, lookups and filters; module
# results, diffs and no_log masking as each core prints them; the plan report; the docs' examples)
# and the whole sanity suite. Batch and authorization logic is the collection's own Python, the
# same on every core: the main integration gate covers it once.
CORE216_VENV := $(CURDIR)/.cache/venv-core216
CORE216_TESTS := tests/integration/test_role.py tests/integration/test_result_actions.py \
	tests/integration/test_plan_report.py tests/integration/test_hardening.py \
	tests/integration/test_role_inventory.py tests/integration/test_info_examples.py \
	tests/integration/test_role_authorizations.py tests/integration/test_run_modules.py \
	tests/integration/test_accounts.py

core216:
	PYTHON=$(PYTHON) scripts/tool_venv.sh core216 tests/requirements-core216.txt
	"$(CORE216_VENV)/bin/ansible" --version | sed -n 1p
	mkdir -p "$(CURDIR)/.cache/pytest"
	"$(CORE216_VENV)/bin/pytest" -p no:cacheprovider $(PARALLEL) --basetemp="$(CURDIR)/.cache/pytest/core216" $(CORE216_TESTS) -k "not hundred and not trickl" $(PYTEST_ARGS)
	PATH="$(CORE216_VENV)/bin:$$PATH" scripts/sanity.sh

# The newest ansible-core (2.21, whose controller needs Python 3.12+): the same subset and sanity.
# Fails, never skips, when scripts/find_python.sh finds no Python 3.12+ (CORE221_PYTHON picks one).
CORE221_VENV := $(CURDIR)/.cache/venv-core221

core221:
	PYTHON="$$(scripts/find_python.sh 3.12)" scripts/tool_venv.sh core221 tests/requirements-core221.txt
	"$(CORE221_VENV)/bin/ansible" --version | sed -n 1p
	mkdir -p "$(CURDIR)/.cache/pytest"
	"$(CORE221_VENV)/bin/pytest" -p no:cacheprovider $(PARALLEL) --basetemp="$(CURDIR)/.cache/pytest/core221" $(CORE216_TESTS) -k "not hundred and not trickl" $(PYTEST_ARGS)
	PATH="$(CORE221_VENV)/bin:$$PATH" SANITY_PYTHON=$$("$(CORE221_VENV)/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])') \
		scripts/sanity.sh

# The demo has its own small virtualenv (ansible-core and requests only), not the test tool chain.
DEMO_VENV := $(CURDIR)/.cache/venv-demo

# Quiet as a user's run should be: localhost needs no inventory, and the Tencent deprecation (the
# demo still shows that vendor) is said once in the demo's own summary instead.
demo: collection
	@PYTHON=$(PYTHON) scripts/tool_venv.sh demo tests/requirements-demo.txt >/dev/null
	ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false ANSIBLE_DEPRECATION_WARNINGS=false \
		"$(DEMO_VENV)/bin/ansible-playbook" playbooks/demo.yml

# Start the emulator and leave it running; `source .cache/emulator.env` then points ansible,
# ansible-doc and ansible-playbook at it (README "Try it yourself"). `make emulator-stop` ends it.
emulator: collection
	@PYTHON=$(PYTHON) scripts/emulator.sh start

emulator-stop:
	@scripts/emulator.sh stop

# Measure and print; they assert nothing. bench_modules: one module task against ansible.builtin.uri;
# bench_batch: the role over 10/50/100 items per vendor at the vendors' rate limits (a few minutes).
# bench_info: each info module listing 300 resources, with and without secrets.
# bench_secret_store: 100 Alibaba apps handed off to OpenBao, rerun, rotated by age.
# bench_fences: 100 Huawei apps bound to one quota, each with an access list, in one task.
# bench_accounts: playbooks/accounts.yml over 6 account-regions x 50 items per vendor, forks 6.
# Opt-in smoke tests against the real vendor APIs, for the vendors whose credentials are in the
# environment (see README "Smoke tests against real accounts"). Never part of make test, which runs
# the same suite against the emulator (tests/integration/test_smoke.py).
smoke: venv collection
	python -m tests.smoke $(SMOKE_ARGS)

bench: venv collection
	python -m tests.benchmarks.bench_modules
	python -m tests.benchmarks.bench_batch
	python -m tests.benchmarks.bench_info
	python -m tests.benchmarks.bench_secret_store
	python -m tests.benchmarks.bench_fences
	python -m tests.benchmarks.bench_accounts

clean:
	rm -rf build .cache/collections tests/output .pytest_cache
