# capejail-syscalls and the tool library. Sources: tools/*.c; the entry
# point is tools/syscalls_main.c, everything else goes into libcjtools.a so
# the unit tests can link the pure parts. The tools see and link the policy
# library only (core/policy over core/common), never core/jail.
TOOLS_SRCS := $(filter-out tools/syscalls_main.c,$(wildcard tools/*.c))
TOOLS_OBJS := $(TOOLS_SRCS:%.c=$(BUILD)/%.o)
TOOLS_LIB  := $(BUILD)/libcjtools.a

$(TOOLS_LIB): $(TOOLS_OBJS)
	rm -f $@ && ar rcs $@ $^

# Where `make install` puts the preload library, for export's unit lines.
$(BUILD)/tools/%.o: CFLAGS += -DCJ_PRELOAD_PATH='"$(PREFIX)/lib/libcapejail-preload.so"'
$(BUILD)/tools/%.o: tools/%.c $(CORE_HDRS) $(wildcard tools/*.h) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(INC_POLICY) -iquote tools -c -o $@ $<

ifneq ($(wildcard tools/syscalls_main.c),)
$(BUILD)/capejail-syscalls: $(BUILD)/tools/syscalls_main.o $(TOOLS_LIB) $(POLICY_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
BINS += $(BUILD)/capejail-syscalls
endif

.PHONY: syscalls-md syscalls-md-check
# SYSCALLS.md is generated from core/policy/syscalls.def; never edit it by hand.
syscalls-md: $(BUILD)/capejail-syscalls
	$(BUILD)/capejail-syscalls doc > SYSCALLS.md
syscalls-md-check: $(BUILD)/capejail-syscalls
	@$(BUILD)/capejail-syscalls doc | diff -u SYSCALLS.md - >/dev/null \
	  && echo "SYSCALLS.md: up to date" \
	  || { echo "capejail: error: SYSCALLS.md is stale against core/policy/syscalls.def"; \
	       echo "capejail: hint: run 'make syscalls-md' and commit the result"; exit 1; }
