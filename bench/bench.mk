# Benchmarks (root). docs/performance.md explains every figure.
#
#   make bench        start-up, per-syscall cost, discovery, scale; prints the
#                     table and writes build/bench.json (a few minutes)
#   make bench-smoke  the same code paths with tiny repetitions (seconds);
#                     checks that every variant ran and produced numbers,
#                     never a timing target
#
# BENCH_ARGS adds runner options, e.g. BENCH_ARGS='--only startup' or
# BENCH_ARGS='--percent 300' (three times the default rounds).
#
# Benchmark programs are built without sanitizers, and cj-sysload
# statically, so the same binary runs on the host and inside the bench root.

BENCH_DIR     := $(BUILD)/bench
BENCH_ROOT    := $(BUILD)/bench-root
BENCH_RUNNER  := $(BENCH_DIR)/cj-bench
BENCH_SYSLOAD := $(BENCH_DIR)/cj-sysload
BENCH_CFLAGS   = $(filter-out -fsanitize=% -fno-sanitize-recover=%,$(CFLAGS)) $(INC_POLICY) -Ibench
BENCH_ARGS    ?=

$(BENCH_SYSLOAD): bench/sysload.c $(POLICY_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -static -o $@ $< $(POLICY_LIB) -lseccomp

$(BENCH_RUNNER): bench/cj-bench.c bench/stats.c bench/stats.h $(POLICY_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $(filter-out -fsanitize=%,$(LDFLAGS)) -o $@ \
		bench/cj-bench.c bench/stats.c $(POLICY_LIB) $(PKG_LIBS) -lm

# The bench root: a capejail-mkroot root (made once) with cj-sysload in it.
$(BENCH_ROOT)/.capejail-root: tools/capejail-mkroot
	tools/capejail-mkroot $(BENCH_ROOT) >/dev/null

# The launcher and capejail-syscalls run from copies taken at the start, so
# a rebuild during the run (minutes) neither breaks it nor mixes versions.
BENCH_SNAP = $(BENCH_DIR)/snapshot
BENCH_RUN = $(BENCH_RUNNER) --root $(BENCH_ROOT) --capejail $(BENCH_SNAP)/capejail \
	--sysload $(BENCH_SYSLOAD) --syscalls $(BENCH_SNAP)/capejail-syscalls

# Root only; bubblewrap is installed when missing, else its column is skipped.
define bench_prepare
	@if [ "$$(id -u)" -ne 0 ]; then \
		echo "capejail: error: $@ must run as root (capejail creates namespaces)" >&2; \
		echo "capejail: hint: sudo make $@" >&2; exit 77; fi
	install -D -m 0755 $(BENCH_SYSLOAD) $(BENCH_ROOT)/usr/local/bin/cj-sysload
	@rm -rf $(BENCH_SNAP) && mkdir -p $(BENCH_SNAP) && cp $(BINS) $(BENCH_SNAP)/
endef

.PHONY: bench bench-smoke
bench: $(BINS) $(BENCH_RUNNER) $(BENCH_SYSLOAD) $(BENCH_ROOT)/.capejail-root
	$(bench_prepare)
	@command -v bwrap >/dev/null 2>&1 || { \
		echo "capejail: bench: installing bubblewrap for the comparison"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q bubblewrap >/dev/null 2>&1 \
		|| echo "capejail: bench: could not install bubblewrap; its column is skipped"; }
	$(BENCH_RUN) --bwrap "$$(command -v bwrap || echo none)" \
		--json $(BUILD)/bench.json $(BENCH_ARGS)

bench-smoke: $(BINS) $(BENCH_RUNNER) $(BENCH_SYSLOAD) $(BENCH_ROOT)/.capejail-root
	$(bench_prepare)
	$(BENCH_RUN) --smoke --bwrap "$$(command -v bwrap || echo none)" \
		--json $(BUILD)/bench-smoke.json $(BENCH_ARGS)

CHECK_EXTRA += bench-smoke
