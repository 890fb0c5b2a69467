# capejail — one entry point. `make help` lists the targets.
#
#   make            build build/capejail, build/capejail-syscalls, libcapejail
#   make check      everything CI runs (installs what it needs when root)
#   make demo       build, make a rootfs, run a jailed program, show a blocked escape

.DEFAULT_GOAL := all
SHELL := /bin/bash

PREFIX  ?= /usr/local
DESTDIR ?=
DOCDIR  ?= $(PREFIX)/share/doc/capejail
BUILD   ?= build
CC      ?= gcc
SAN     ?=
KNOCKOUT ?=

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
CFLAGS += -std=gnu17 -D_GNU_SOURCE $(WARN) $(HARDEN) $(PKG_CFLAGS) -include core/common/banned.h
LDFLAGS += -pie -Wl,-z,relro,-z,now

# make knockout: a test build whose steps can be skipped one at a time
# (core/jail/steps.c, probes/knockouts); never the installed binary.
ifeq ($(KNOCKOUT),1)
CFLAGS  += -DCJ_KNOCKOUT
endif

ifeq ($(SAN),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
CFLAGS  := $(filter-out -D_FORTIFY_SOURCE=2,$(CFLAGS))
endif

# Two wings over a common floor. Each wing is compiled with only the include
# paths it may use, so core/policy (and tools/, which link it alone) cannot
# include a header of core/jail; ci/check-layers.sh says so in words.
INC_COMMON := -iquote core/common
INC_POLICY := $(INC_COMMON) -iquote core/policy
INC_JAIL   := $(INC_POLICY) -iquote core/jail
CORE_HDRS  := $(wildcard core/*/*.h core/*/*.def core/policy/gen/*.h)

COMMON_SRCS := $(wildcard core/common/*.c)
POLICY_SRCS := $(wildcard core/policy/*.c)
JAIL_SRCS   := $(filter-out core/jail/main.c,$(wildcard core/jail/*.c))
POLICY_OBJS := $(COMMON_SRCS:%.c=$(BUILD)/%.o) $(POLICY_SRCS:%.c=$(BUILD)/%.o)
JAIL_OBJS   := $(JAIL_SRCS:%.c=$(BUILD)/%.o)
POLICY_LIB  := $(BUILD)/libcapejail-policy.a
LIB         := $(BUILD)/libcapejail.a
# Every library source, for the fuzz build and lint.
LIB_SRCS    := $(COMMON_SRCS) $(POLICY_SRCS) $(JAIL_SRCS)

$(BUILD)/core/common/%.o: core/common/%.c $(CORE_HDRS) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(INC_COMMON) -c -o $@ $<
$(BUILD)/core/policy/%.o: core/policy/%.c $(CORE_HDRS) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(INC_POLICY) -c -o $@ $<
$(BUILD)/core/jail/%.o: core/jail/%.c $(CORE_HDRS) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(INC_JAIL) -c -o $@ $<

$(BUILD):
	@mkdir -p $@

# Where the programs find themselves (core/common/selfpath.h): the build
# directory, the source tree and the installed docs, compiled into
# selfpath.o and recompiled when one of them changes.
SELFPATH := $(abspath $(BUILD)) $(CURDIR) $(DOCDIR)
$(BUILD)/selfpath.paths: FORCE | $(BUILD)
	@printf '%s\n' '$(SELFPATH)' | cmp -s - $@ || printf '%s\n' '$(SELFPATH)' > $@
$(BUILD)/core/common/selfpath.o: $(BUILD)/selfpath.paths
$(BUILD)/core/common/selfpath.o: CFLAGS += -DCJ_BUILD_DIR='"$(abspath $(BUILD))"' \
	-DCJ_SRC_DIR='"$(CURDIR)"' -DCJ_DOC_DIR='"$(DOCDIR)"'
.PHONY: FORCE
FORCE:

# rm first: ar never drops members whose source is gone.
$(POLICY_LIB): $(POLICY_OBJS)
	rm -f $@ && ar rcs $@ $^
$(LIB): $(JAIL_OBJS)
	rm -f $@ && ar rcs $@ $^

# The default filters (the default jail's and --share-net's), compiled to
# BPF at build time by the policy library.
# The generated file records the fingerprint of the files the policy is
# written in and the libseccomp version; tests/unit/test_filter.c
# recomputes both, so a stale generated file fails the unit tests.
DEFAULT_POLICY_SRCS := core/policy/syscalls.def core/policy/argrules.def core/policy/sharenet.def
$(BUILD)/gen/gen_default_filter: core/policy/gen/gen_default_filter.c core/policy/gen/fingerprint.h $(POLICY_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(INC_POLICY) -o $@ $< $(POLICY_LIB) $(LDFLAGS) $(PKG_LIBS)
$(BUILD)/gen/default_filter.c: $(BUILD)/gen/gen_default_filter $(DEFAULT_POLICY_SRCS)
	@$< $(DEFAULT_POLICY_SRCS) > $@.tmp || { rc=$$?; rm -f $@.tmp; \
	  echo "capejail: error: $< failed (status $$rc: 1 the default policy does not compile, 2 a source is unreadable)" >&2; \
	  exit 1; }
	@mv $@.tmp $@
DEFAULT_FILTER := $(BUILD)/gen/default_filter.o
$(DEFAULT_FILTER): $(BUILD)/gen/default_filter.c core/policy/default_filter.h
	$(CC) $(CFLAGS) $(INC_POLICY) -c -o $@ $<

$(BUILD)/capejail: $(BUILD)/core/jail/main.o $(DEFAULT_FILTER) $(LIB) $(POLICY_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

BINS := $(BUILD)/capejail

include tools/tools.mk
include core/preload/preload.mk
include tests/tests.mk
-include probes/probes.mk
-include bench/bench.mk
-include fuzz/fuzz.mk

.PHONY: all deps check unit-tests sanitize e2e-tests install demo clean fmt fmt-check lint help docs-check layers-check cppcheck
all: $(BINS) $(LIB) $(POLICY_LIB) $(PRELOAD_LIB)

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
CHECK_SUITES := build fmt-check docs-check layers-check cppcheck \
	syscalls-md-check unit-tests sanitize e2e-tests
check: deps
	@ci/toolpath.sh $(TOOLPATH)
	PATH=$(TOOLPATH) $(MAKE) all fmt-check docs-check layers-check cppcheck syscalls-md-check unit-tests
	PATH=$(TOOLPATH) $(MAKE) sanitize
	PATH=$(TOOLPATH) $(MAKE) -k e2e-tests $(CHECK_EXTRA)
	@echo "suites: $(CHECK_SUITES) $(CHECK_EXTRA)"
	@echo "check: $(words $(CHECK_SUITES) $(CHECK_EXTRA)) passed, 0 failed"

sanitize:
	$(MAKE) BUILD=build-san SAN=1 unit-tests

.PHONY: knockout
knockout:
	$(MAKE) BUILD=build-knockout KNOCKOUT=1 build-knockout/capejail

# Quiet unless V=1: the demo shows the jail, not the compiler.
demo: deps
	@$(MAKE) --no-print-directory $(if $(filter 1,$(V)),,-s) all
	@ci/demo.sh

# The programs, their man pages, and the documentation their messages
# refer to in $(DOCDIR): SYSCALLS.md and README.md, docs/*.md under docs/
# (so their relative links hold).
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(DOCDIR)/docs
	install -m 0755 $(BINS) $(DESTDIR)$(PREFIX)/bin/
	install -m 0755 tools/capejail-mkroot $(DESTDIR)$(PREFIX)/bin/
	install -d $(DESTDIR)$(PREFIX)/lib
	install -m 0644 $(PRELOAD_LIB) $(DESTDIR)$(PREFIX)/lib/
	install -m 0644 docs/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 0644 SYSCALLS.md README.md $(DESTDIR)$(DOCDIR)/
	install -m 0644 docs/*.md $(DESTDIR)$(DOCDIR)/docs/

FMT_SRCS = $(shell git ls-files '*.c' '*.h' 2>/dev/null)
docs-check:
	@ci/check-manpage.sh
layers-check:
	@ci/check-layers.sh

fmt:
	clang-format -i $(FMT_SRCS)
fmt-check:
	@clang-format --dry-run -Werror $(FMT_SRCS) && echo "clang-format: clean"
# clang-tidy with the committed .clang-tidy; cppcheck is also run by check.
lint: cppcheck
	clang-tidy --quiet $(LIB_SRCS) core/jail/main.c tools/*.c -- -std=gnu17 \
		-D_GNU_SOURCE $(INC_JAIL) -iquote tools $(PKG_CFLAGS)
cppcheck:
	@cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
		--inline-suppr -D_GNU_SOURCE --std=c11 $(INC_JAIL) core tools \
		&& echo "cppcheck: clean"

clean:
	rm -rf build build-san build-knockout

help:
	@sed -n '1,8p' Makefile
