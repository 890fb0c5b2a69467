# Unit tests (cmocka, no root): every tests/unit/test_*.c is one binary
# linked with libcapejail, libcapejail-policy and libcjtools.
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:%.c=$(BUILD)/%)

$(BUILD)/tests/unit/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(DEFAULT_FILTER) $(TOOLS_LIB) $(LIB) $(PRELOAD_CONFIG_OBJ) $(POLICY_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(INC_JAIL) -iquote tools -iquote core/preload -iquote tests/unit -o $@ $< $(DEFAULT_FILTER) $(TOOLS_LIB) $(LIB) $(PRELOAD_CONFIG_OBJ) $(POLICY_LIB) $(LDFLAGS) $(PKG_LIBS) -lcmocka

unit-tests: $(UNIT_BINS)
	@ci/run-tests.sh unit $(UNIT_BINS)

# End-to-end tests (root): tests/e2e/test_*.sh, run by tests/e2e/run.sh.
# Then the launcher, limits and real-program files again rootless
# (test_rootless.sh, in the first run, is about rootless alone).
E2E_ROOTLESS_FILES := tests/e2e/test_launcher.sh tests/e2e/test_limits.sh \
	tests/e2e/test_programs.sh
# The Landlock ABI helper (probes/helpers) tells test_grants.sh and
# test_readme.sh what the kernel has.
e2e-tests: all $(BUILD)/probes/landlock_abi
	@status=0; tests/e2e/run.sh || status=1; \
	tests/e2e/run.sh --rootless $(E2E_ROOTLESS_FILES) || status=1; \
	exit $$status

# Test-only helpers for the end-to-end tests (never installed): built by
# `make` so that tests/e2e finds them.
E2E_HELPERS := $(BUILD)/tests/idmap_check
$(BUILD)/tests/%: tests/helpers/%.c $(LIB) $(POLICY_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(INC_JAIL) -o $@ $< $(LIB) $(POLICY_LIB) $(LDFLAGS) $(PKG_LIBS)
all: $(E2E_HELPERS)
