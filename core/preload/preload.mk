# libcapejail-preload.so: the late seccomp filter for dynamic programs
# (docs/preload.md). Position-independent copies of the common floor, the
# policy wing and core/preload, every symbol hidden but the initialiser's
# effect: nothing of the library can interpose on the program's own names.
PRELOAD_SRCS := $(COMMON_SRCS) $(POLICY_SRCS) $(wildcard core/preload/*.c)
PRELOAD_OBJS := $(PRELOAD_SRCS:%.c=$(BUILD)/pic/%.o)
PRELOAD_LIB  := $(BUILD)/libcapejail-preload.so
PIC_CFLAGS   := $(filter-out -fPIE,$(CFLAGS)) -fPIC -fvisibility=hidden

$(BUILD)/pic/%.o: %.c $(CORE_HDRS) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(PIC_CFLAGS) $(INC_POLICY) -iquote core/preload -c -o $@ $<

$(PRELOAD_LIB): $(PRELOAD_OBJS)
	$(CC) -shared -Wl,-z,relro,-z,now,-z,defs -Wl,-soname,libcapejail-preload.so \
		$(filter-out -fsanitize=%,$(LDFLAGS:-pie=)) -o $@ $^ $(PKG_LIBS)

# The pure configuration, for the unit tests (linked like the libraries).
PRELOAD_CONFIG_OBJ := $(BUILD)/core/preload/config.o
.SECONDARY: $(PRELOAD_CONFIG_OBJ)
$(BUILD)/core/preload/%.o: core/preload/%.c $(CORE_HDRS) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(INC_POLICY) -iquote core/preload -c -o $@ $<
