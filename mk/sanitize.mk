# mk/sanitize.mk - sanitizer and leak-check runs, and the I/O failure shim.
#
#   make asan       build everything into build-asan/ with AddressSanitizer
#                   and UBSan (-fno-sanitize-recover=all) and run the whole
#                   suite (tests/run.sh) against that build
#   make valgrind   build $(B)/tablog and run the golden tests and the
#                   small hostile inputs (tests/bad.sh) under memcheck
#   make failio     build $(B)/tests/failio.so, the LD_PRELOAD shim that
#                   tests/io.sh uses to make writes fail
#   make deps-sanitize   install valgrind if missing (run by `make test`)
#
# A sanitizer report makes tablog exit 99 (valgrind: 97): exit 1 means
# "findings" to tablog, so a report must not look like a diff result.
# The one leak suppressed (tests/lsan.supp, tests/valgrind.supp) is
# cmark-gfm's extension registry, allocated once per process.

ASAN_B		 = build-asan
SAN_FLAGS	 = -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
ASAN_ENV	 = ASAN_OPTIONS=exitcode=99:detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1 \
		   UBSAN_OPTIONS=exitcode=99:print_stacktrace=1:halt_on_error=1 \
		   LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
VALGRIND	 = valgrind -q --error-exitcode=97 --leak-check=full \
		   --errors-for-leak-kinds=definite \
		   --suppressions=$(CURDIR)/tests/valgrind.supp

.PHONY: asan valgrind failio deps-sanitize sanitize-programs

# `make test` installs valgrind too: tests/linear.sh counts instructions
# with callgrind.
deps-test: deps-sanitize

deps-sanitize:
	@command -v valgrind >/dev/null 2>&1 && exit 0; \
	if [ "$$(id -u)" != 0 ]; then \
	    echo "tablog: valgrind is missing; as root run:"; \
	    echo "  apt-get update && apt-get install -y valgrind"; \
	    exit 1; \
	fi; \
	echo "Installing: valgrind"; \
	apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null

failio: $(B)/tests/failio.so

# tests/io.sh, run by `make check`, needs the shim.
check: $(B)/tests/failio.so

# A shared object, not a test program: kept out of tests/tools/, whose
# every .c the Makefile links as a program.  Never sanitized: it is
# preloaded in front of the ASan runtime.
$(B)/tests/failio.so: tests/shim/failio.c | $(B)/tests
	$(CC) $(CSTD) $(WARN) -O2 -fPIC -shared -o $@ tests/shim/failio.c -ldl

# Everything tests/run.sh runs, for the B given.
sanitize-programs: $(B)/tablog $(UNIT_BIN) $(TOOL_BIN) $(B)/tests/failio.so

# Not `make check`: that copies the build to ./tablog, which must stay
# an ordinary build.  CFLAGS is for tests that link programs against the
# sanitized library (tests/install.sh).
asan:
	$(MAKE) B=$(ASAN_B) OPT="-O1 -g $(SAN_FLAGS)" \
	    LDFLAGS="$(SAN_FLAGS)" sanitize-programs
	$(ASAN_ENV) CFLAGS="$(SAN_FLAGS)" B=$(ASAN_B) TABLOG=$(ASAN_B)/tablog \
	    FAILIO=$(ASAN_B)/tests/failio.so TABLOG_SANITIZED=asan \
	    sh tests/run.sh

valgrind: $(B)/tablog deps-sanitize
	@st=0; \
	TABLOG="$(VALGRIND) $(B)/tablog" sh tests/golden.sh || st=1; \
	TABLOG="$(VALGRIND) $(B)/tablog" TABLOG_SANITIZED=valgrind \
	    BAD_SKIP_BIG=1 sh tests/bad.sh || st=1; \
	exit $$st
