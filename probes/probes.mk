# Escape probes (included by the top Makefile). Every probes/NAME.c is one
# static program, built without the project's CFLAGS: no sanitizers, no
# banned.h, so that it runs in any root. probes/run runs each one unjailed
# (the positive control) and jailed; see docs/escape-probes.md.
PROBE_CC     ?= gcc
PROBE_CFLAGS ?= -static -O2 -Wall -Wextra -Werror -std=gnu17

PROBE_SRCS   := $(wildcard probes/*.c)
PROBE_BINS   := $(PROBE_SRCS:probes/%.c=$(BUILD)/probes/%)
PROBE_HELPERS := $(BUILD)/probes/listener $(BUILD)/probes/ptyrun \
	$(BUILD)/probes/landlock_abi

$(BUILD)/probes/%: probes/%.c probes/probe.h probes/net_squat.h | $(BUILD)
	@mkdir -p $(dir $@)
	$(PROBE_CC) $(PROBE_CFLAGS) -o $@ $<

$(BUILD)/probes/%: probes/helpers/%.c | $(BUILD)
	@mkdir -p $(dir $@)
	$(PROBE_CC) $(PROBE_CFLAGS) -o $@ $<

.PHONY: escape-probes escape-tests escape-tests-mutants
escape-probes: $(PROBE_BINS) $(PROBE_HELPERS)

# Every probe inside and outside the jail, then every probe again in a
# rootless jail (capejail run by an unprivileged account), and again with
# --subids. Root only.
escape-tests: all escape-probes
	probes/run --capejail $(BUILD)/capejail --probes $(BUILD)/probes \
	  --rootfs $(BUILD)/escape-root --report $(BUILD)/escape-report.json
	probes/rootless --capejail $(BUILD)/capejail --probes $(BUILD)/probes \
	  --rootfs $(BUILD)/escape-root --report $(BUILD)/escape-report-rootless.json
	probes/rootless --subids --capejail $(BUILD)/capejail --probes $(BUILD)/probes \
	  --rootfs $(BUILD)/escape-root --report $(BUILD)/escape-report-rootless-subids.json

# The suite against weakened jails (root; docs/escape-probes.md): jails
# weaker than capejail's default (probes/mutants), then the test build of
# `make knockout` with one defence out at a time: every step and layer
# (probes/knockouts), every killed row with the real --allow
# (probes/row-knockouts), every argument rule (probes/rule-knockouts);
# each probe's layer claim checked (probes/layer-claims); then one table
# and the mutation score (probes/mutation-score). Every part runs; the
# target fails if any did.
KNOCKOUT_ARGS := --probes $(BUILD)/probes --rootfs $(BUILD)/escape-root \
	--report-dir $(BUILD)
escape-tests-mutants: all escape-probes
	$(MAKE) knockout
	@status=0; \
	probes/mutants --capejail $(BUILD)/capejail $(KNOCKOUT_ARGS) || status=1; \
	probes/knockouts --capejail build-knockout/capejail $(KNOCKOUT_ARGS) || status=1; \
	probes/row-knockouts --capejail $(BUILD)/capejail $(KNOCKOUT_ARGS) || status=1; \
	probes/rule-knockouts --capejail build-knockout/capejail $(KNOCKOUT_ARGS) || status=1; \
	probes/layer-claims --capejail build-knockout/capejail $(KNOCKOUT_ARGS) || status=1; \
	probes/mutation-score --report-dir $(BUILD) || status=1; \
	exit $$status

CHECK_EXTRA += escape-tests escape-tests-mutants

# The probes a jail without namespaces must stop (the preload library,
# capejail --filter-only), built dynamically: LD_PRELOAD cannot reach a
# static program. Run in place, each in a mount namespace of its own so a
# weakened filter cannot change the host's mounts.
FILTER_PROBES := chroot fsopen io_uring mount open_tree ptrace_attach \
	ptrace_traceme tiocsti unshare_ns unshare_userns
DYN_PROBE_BINS := $(addprefix $(BUILD)/probes-dyn/,$(FILTER_PROBES) setuid_root \
	listener ptyrun landlock_abi)
DYN_PROBE_CFLAGS := $(filter-out -static,$(PROBE_CFLAGS))
probe_empty :=
probe_space := $(probe_empty) $(probe_empty)
probe_comma := ,

$(BUILD)/probes-dyn/%: probes/%.c probes/probe.h | $(BUILD)
	@mkdir -p $(dir $@)
	$(PROBE_CC) $(DYN_PROBE_CFLAGS) -o $@ $<
$(BUILD)/probes-dyn/%: probes/helpers/%.c | $(BUILD)
	@mkdir -p $(dir $@)
	$(PROBE_CC) $(DYN_PROBE_CFLAGS) -o $@ $<

.PHONY: escape-tests-preload
# The namespace-free probes under libcapejail-preload.so with capejail's
# default policy: each must be killed and named, its control must escape.
escape-tests-preload: $(PRELOAD_LIB) $(DYN_PROBE_BINS)
	probes/run --in-place --probes $(BUILD)/probes-dyn \
	  --only $(subst $(probe_space),$(probe_comma),$(strip $(FILTER_PROBES))) \
	  --jail 'unshare -m --propagation private env LD_PRELOAD=$(abspath $(PRELOAD_LIB)) CAPEJAIL_POLICY=default' \
	  --report $(BUILD)/escape-preload-report.json

CHECK_EXTRA += escape-tests-preload

.PHONY: escape-tests-filter-only
# The same probes under capejail --filter-only (no namespaces: the
# supervisor and the filter), static builds run in place.
escape-tests-filter-only: all escape-probes
	probes/run --in-place --probes $(BUILD)/probes \
	  --only $(subst $(probe_space),$(probe_comma),$(strip $(FILTER_PROBES))) \
	  --capejail-reports \
	  --jail 'unshare -m --propagation private $(abspath $(BUILD)/capejail) --filter-only --' \
	  --report $(BUILD)/escape-filter-only-report.json

CHECK_EXTRA += escape-tests-filter-only
