# Fuzzing the parsers, which take untrusted input (clang's libFuzzer with
# ASan and UBSan). Harnesses: fuzz/fuzz_*.c; libcapejail is rebuilt with
# the fuzzer flags into $(FUZZ_BUILD).
#
#   make fuzz          every harness FUZZ_SECONDS seconds (default 60)
#   make fuzz-smoke    every harness FUZZ_SMOKE_SECONDS seconds (default 15),
#                      seeded from tests/fixtures; part of `make check`
FUZZ_CC            ?= clang
FUZZ_BUILD         ?= build-fuzz
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 15
FUZZ_TARGETS       := fuzz_profile fuzz_oci fuzz_cli
FUZZ_BINS          := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%)
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_CFLAGS := -O1 -g -std=gnu17 -D_GNU_SOURCE $(filter-out -Werror,$(WARN)) \
	$(INC_JAIL) $(PKG_CFLAGS) -include core/common/banned.h $(FUZZ_SAN)
# The library and the precompiled default filters ($(BUILD)/gen, made by
# the policy library at build time; plan.c links against them).
FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/gen/default_filter.o

# Seeds: valid and invalid inputs from the tests, the containers profile
# (build/testdata), Docker's profile when the
# shared test data is there.
FUZZ_SEEDS_fuzz_profile := tests/fixtures/profiles/valid tests/fixtures/profiles/invalid
FUZZ_SEEDS_fuzz_oci     := tests/fixtures/profiles/oci build/testdata ../shared/testdata
FUZZ_SEEDS_fuzz_cli     := fuzz/seeds/cli

$(FUZZ_BUILD)/core/%.o: core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/gen/default_filter.o: $(BUILD)/gen/default_filter.c core/policy/default_filter.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BINS): $(FUZZ_BUILD)/%: fuzz/%.c fuzz/fuzz_common.h $(FUZZ_LIB_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Ifuzz -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_LIB_OBJS) $(PKG_LIBS)

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-check-cc clean-fuzz
fuzz-check-cc:
	@echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' \
	  | $(FUZZ_CC) -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null || { \
	    echo "capejail: error: $(FUZZ_CC) cannot build libFuzzer harnesses"; \
	    echo "capejail: hint: install clang (apt-get install clang) or set FUZZ_CC"; \
	    exit 69; }

fuzz-build: fuzz-check-cc
	$(MAKE) $(FUZZ_BINS)

fuzz_run = fuzz/run.sh $(FUZZ_BUILD) $(1) $(2) $(FUZZ_SEEDS_$(2)) || fail=1;

fuzz: fuzz-build
	@fail=0; $(foreach t,$(FUZZ_TARGETS),$(call fuzz_run,$(FUZZ_SECONDS),$(t))) exit $$fail

fuzz-smoke: fuzz-build
	@fail=0; $(foreach t,$(FUZZ_TARGETS),$(call fuzz_run,$(FUZZ_SMOKE_SECONDS),$(t))) exit $$fail

clean-fuzz:
	rm -rf $(FUZZ_BUILD)
clean: clean-fuzz

CHECK_EXTRA += fuzz-smoke
