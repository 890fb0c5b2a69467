# capejail — one entry point. `make help` lists the targets.
#
#   make            build build/capejail, build/capejail-syscalls, libcapejail
#   make check      everything CI runs (installs what it needs when root)
#   make demo       build, make a rootfs, run a jailed program, show a blocked escape

.DEFAULT_GOAL := all
SHELL := /bin/bash

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= gcc
SAN     ?=

# A machine without the build dependencies gets the one command that
# installs them, not a compiler error (the check, deps and clean targets
# install or need nothing).
ifeq ($(filter check deps demo clean help,$(MAKECMDGOALS)),)
BUILD_MISSING := $(shell ci/deps.sh --build --missing)
ifneq ($(BUILD_MISSING),)
$(info capejail: error: cannot build: missing packages: $(BUILD_MISSING))
$(info capejail: hint: as root, run: apt-get update && apt-get install -y $(BUILD_MISSING))
$(error missing build dependencies)
endif
endif

PKG_CFLAGS := $(shell pkg-config --cflags libseccomp jansson 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs libseccomp jansson 2>/dev/null || echo -lseccomp -ljansson)

WARN := -Wall -Wextra -Werror -Wshadow -Wvla -Wformat=2 -Wformat-security \
	-Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition \
	-Wpointer-arith -Wundef -Wwrite-strings -Wcast-align -Wswitch-enum \
	-Wimplicit-fallthrough -Wno-missing-field-initializers
HARDEN := -fstack-protector-strong -fstack-clash-protection -fcf-protection \
	-fPIE -D_FORTIFY_SOURCE=2
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu17 -D_GNU_SOURCE $(WARN) $(HARDEN) -iquote core $(PKG_CFLAGS) -include core/banned.h
LDFLAGS += -pie -Wl,-z,relro,-z,now

ifeq ($(SAN),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
CFLAGS  := $(filter-out -D_FORTIFY_SOURCE=2,$(CFLAGS))
endif

LIB_SRCS := $(filter-out core/main.c,$(wildcard core/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/libcapejail.a

$(BUILD)/%.o: %.c $(wildcard core/*.h core/*.def) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD):
	@mkdir -p $@

# rm first: ar never drops members whose source is gone.
$(LIB): $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

# The default filter, compiled to BPF at build time by libcapejail itself.
$(BUILD)/gen/gen_default_filter: core/gen/gen_default_filter.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LIB) $(LDFLAGS) $(PKG_LIBS)
$(BUILD)/gen/default_filter.c: $(BUILD)/gen/gen_default_filter
	$< > $@.tmp && mv $@.tmp $@
DEFAULT_FILTER := $(BUILD)/gen/default_filter.o
$(DEFAULT_FILTER): $(BUILD)/gen/default_filter.c core/default_filter.h
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/capejail: $(BUILD)/core/main.o $(DEFAULT_FILTER) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

BINS := $(BUILD)/capejail

include tools/tools.mk
include tests/tests.mk
-include probes/probes.mk
-include bench/bench.mk
-include fuzz/fuzz.mk

.PHONY: all deps check unit-tests sanitize e2e-tests install demo clean fmt fmt-check lint help docs-check cppcheck
all: $(BINS) $(LIB)

deps:
	@ci/deps.sh

# Everything CI runs. Order: cheap to expensive. Each suite prints its own
# "N passed, N failed" line; the last line counts the suites (printed only
# when every one passed: make stops at the first failing step).
#
# The suites run with PATH holding only what a fresh machine has plus what
# ci/deps.sh installs (ci/toolpath.sh): a command that no install step
# provides fails here too, not only on the next machine.
TOOLPATH := $(CURDIR)/build/toolpath
CHECK_SUITES := build fmt-check docs-check cppcheck syscalls-md-check \
	unit-tests sanitize e2e-tests
check: deps
	@ci/toolpath.sh $(TOOLPATH)
	PATH=$(TOOLPATH) $(MAKE) all fmt-check docs-check cppcheck syscalls-md-check unit-tests
	PATH=$(TOOLPATH) $(MAKE) sanitize
	PATH=$(TOOLPATH) $(MAKE) -k e2e-tests $(CHECK_EXTRA)
	@echo "suites: $(CHECK_SUITES) $(CHECK_EXTRA)"
	@echo "check: $(words $(CHECK_SUITES) $(CHECK_EXTRA)) passed, 0 failed"

sanitize:
	$(MAKE) BUILD=build-san SAN=1 unit-tests

demo: deps all
	@ci/demo.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BINS) $(DESTDIR)$(PREFIX)/bin/
	install -m 0755 tools/capejail-mkroot $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 docs/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/

FMT_SRCS = $(shell git ls-files '*.c' '*.h' 2>/dev/null)
docs-check:
	@ci/check-manpage.sh

fmt:
	clang-format -i $(FMT_SRCS)
fmt-check:
	@clang-format --dry-run -Werror $(FMT_SRCS) && echo "clang-format: clean"
# clang-tidy with the committed .clang-tidy; cppcheck is also run by check.
lint: cppcheck
	clang-tidy --quiet $(LIB_SRCS) core/main.c tools/*.c -- -std=gnu17 \
		-D_GNU_SOURCE -iquote core -iquote tools $(PKG_CFLAGS)
cppcheck:
	@cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
		--inline-suppr -D_GNU_SOURCE --std=c11 -iquote core core tools \
		&& echo "cppcheck: clean"

clean:
	rm -rf build build-san

help:
	@sed -n '1,8p' Makefile
