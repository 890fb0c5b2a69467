# Escape probes (included by the top Makefile). Every probes/NAME.c is one
# static program, built without the project's CFLAGS: no sanitizers, no
# banned.h, so that it runs in any root. probes/run runs each one unjailed
# (the positive control) and jailed; see docs/escape-probes.md.
PROBE_CC     ?= gcc
PROBE_CFLAGS ?= -static -O2 -Wall -Wextra -Werror -std=gnu17

PROBE_SRCS   := $(wildcard probes/*.c)
PROBE_BINS   := $(PROBE_SRCS:probes/%.c=$(BUILD)/probes/%)
PROBE_HELPERS := $(BUILD)/probes/listener $(BUILD)/probes/ptyrun

$(BUILD)/probes/%: probes/%.c probes/probe.h probes/net_squat.h | $(BUILD)
	@mkdir -p $(dir $@)
	$(PROBE_CC) $(PROBE_CFLAGS) -o $@ $<

$(BUILD)/probes/%: probes/helpers/%.c | $(BUILD)
	@mkdir -p $(dir $@)
	$(PROBE_CC) $(PROBE_CFLAGS) -o $@ $<

.PHONY: escape-probes escape-tests escape-tests-mutants
escape-probes: $(PROBE_BINS) $(PROBE_HELPERS)

# Every probe inside and outside the jail. Root only.
escape-tests: all escape-probes
	probes/run --capejail $(BUILD)/capejail --probes $(BUILD)/probes \
	  --rootfs $(BUILD)/escape-root --report $(BUILD)/escape-report.json

# The suite against deliberately weakened jails: each must be caught.
escape-tests-mutants: all escape-probes
	probes/mutants --capejail $(BUILD)/capejail --probes $(BUILD)/probes \
	  --rootfs $(BUILD)/escape-root --report-dir $(BUILD)

CHECK_EXTRA += escape-tests escape-tests-mutants
