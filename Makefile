# tablog - extract, normalise and publish documentation tables.
#
# The two commands a user needs on a fresh Debian machine (as root):
#   make run    install missing packages, build, convert input/ into output/
#   make test   install missing packages, build, run every test
#
# `run` and `test` first run `deps`, then call make again, so that the
# pkg-config look-ups below see the libraries `deps` has just installed.

PREFIX	?= /usr/local

CC	?= cc
PKG_CONFIG ?= pkg-config
PKGS	 = libxml-2.0 libpcre2-8 libcmark-gfm jansson libcurl libgit2 libcrypto \
	   xlsxwriter
# Debian packages behind the libraries and tools the build and tests use
# (the fetch tests' own tools are in mk/fetch.mk).
DEBS	 = pkg-config libxml2-dev libpcre2-dev libcmark-gfm-dev \
	   libcmark-gfm-extensions-dev libjansson-dev libcmocka-dev mandoc \
	   libcurl4-openssl-dev libgit2-dev libssl-dev libxlsxwriter-dev

CSTD	 = -std=c11 -D_POSIX_C_SOURCE=200809L
# Sources live in folders by stage (docs/design.md); every #include names
# its folder ("base/buf.h"), found from src/.  include/ holds the public
# header.
INCS	 = -Isrc -Iinclude
WARN	 = -Wall -Wextra -Wpedantic
OPT	?= -O2 -g
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CFLAGS	?=
ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(INCS) $(PKG_CFLAGS) $(CFLAGS)
LIBS	 = -lcmark-gfm-extensions $(PKG_LIBS) -lpthread
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

# Build products go under $(B) so that sanitizer builds can sit beside
# the normal one.
B	?= build
CLI_SRC	 = $(wildcard src/cli/*.c)
LIB_SRC	 = $(filter-out $(CLI_SRC),$(wildcard src/*/*.c))
LIB_OBJ	 = $(LIB_SRC:src/%.c=$(B)/obj/%.o) $(B)/obj/templates.o
CLI_OBJ	 = $(CLI_SRC:src/%.c=$(B)/obj/%.o)
HEADERS	 = $(wildcard src/*/*.h) include/tablog.h
TEMPLATES = $(filter-out templates/embed.sh,$(sort $(wildcard templates/*)))
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
TOOL_SRC = $(wildcard tests/tools/*.c)
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(B)/tests/%)

.PHONY: all deps deps-test run test check clean

all: tablog

tablog: $(B)/tablog
	cp $(B)/tablog tablog

$(B)/tablog: $(CLI_OBJ) $(B)/libtablog.a
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(B)/libtablog.a $(LIBS) $(LDFLAGS)

$(B)/libtablog.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(B)/obj/%.o: src/%.c $(HEADERS) | $(B)/obj
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The default templates, compiled in (see templates/embed.sh).
$(B)/templates.c: $(TEMPLATES) templates/embed.sh | $(B)/obj
	sh templates/embed.sh $@ $(TEMPLATES)

$(B)/obj/templates.o: $(B)/templates.c src/write/templates.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $(B)/templates.c

$(B)/tests/%: tests/unit/%.c $(B)/libtablog.a $(HEADERS) | $(B)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libtablog.a $(LIBS) $(CMOCKA_LIBS) $(LDFLAGS)

$(B)/tests/%: tests/tools/%.c $(B)/libtablog.a $(HEADERS) | $(B)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libtablog.a $(LIBS) $(LDFLAGS)

$(B)/obj $(B)/tests:
	mkdir -p $@

# Install what is missing: as root through apt-get, otherwise say how.
deps:
	@missing=no; \
	$(PKG_CONFIG) --exists $(PKGS) cmocka 2>/dev/null || missing=yes; \
	command -v mandoc >/dev/null 2>&1 || missing=yes; \
	printf '#include <cmark-gfm-core-extensions.h>\n' | \
	    $(CC) $(PKG_CFLAGS) -E -x c - >/dev/null 2>&1 || missing=yes; \
	if [ $$missing = no ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	    echo "tablog: missing build dependencies; as root run:"; \
	    echo "  apt-get update && apt-get install -y $(DEBS)"; \
	    exit 1; \
	fi; \
	echo "Installing: $(DEBS)"; \
	apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS) >/dev/null

run: deps
	$(MAKE) all
	./tablog build input -o output

# The tests need more than the build: the programs people open tablog's
# outputs with (LibreOffice, Chromium, tidy, jq, feedparser) and valgrind.
# Each mk/*.mk adds what it needs to deps-test; `make run` needs none.
test: deps deps-test
	$(MAKE) check

deps-test:

check: all $(UNIT_BIN) $(TOOL_BIN)
	B=$(B) sh tests/run.sh

clean:
	rm -rf build build-* tablog

# Targets that belong to one concern each (install, sanitizers, fuzzing,
# benchmarks) live in mk/.
-include $(sort $(wildcard mk/*.mk))
