# mk/fuzz.mk - libFuzzer harnesses (fuzz/*.c) over the library.
#
#   make fuzz FUZZ_SECONDS=N   build build-fuzz/fuzz_*, seed fuzz/corpus-*,
#                              run each harness N seconds (default 60), print
#                              the executions per harness; fails if any
#                              harness found a crash (build-fuzz/crashes/)
#   make fuzz-build            just build the harnesses
#   make fuzz-deps             install clang's libFuzzer runtime if missing
#
# The library is compiled again with clang and
# -fsanitize=fuzzer-no-link,address,undefined into build-fuzz/.

FUZZ_CC		?= clang
FUZZ_SECONDS	?= 60
FUZZ_FLAGS	?= -rss_limit_mb=2048 -timeout=10
FUZZ_B		 = build-fuzz
FUZZ_HARNESSES	 = html md cells template diff state
FUZZ_SAN	 = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
		   -fno-omit-frame-pointer
FUZZ_CFLAGS	 = $(CSTD) -Wall -Wextra -O1 -g $(FUZZ_SAN) $(INCS) $(PKG_CFLAGS)
FUZZ_LIB_OBJ	 = $(LIB_SRC:src/%.c=$(FUZZ_B)/obj/%.o) \
		   $(FUZZ_B)/obj/templates.o
FUZZ_BIN	 = $(FUZZ_HARNESSES:%=$(FUZZ_B)/fuzz_%)
# Debian: clang and the package holding libclang_rt.fuzzer for its version.
FUZZ_CLANG_VER	 = $(shell $(FUZZ_CC) -dumpversion 2>/dev/null | cut -d. -f1)
FUZZ_DEBS	 = clang libclang-rt-$(or $(FUZZ_CLANG_VER),14)-dev

.PHONY: fuzz fuzz-build fuzz-deps fuzz-run

fuzz:
	@$(MAKE) --no-print-directory fuzz-deps || { \
	    echo "SKIP: fuzz: no clang libFuzzer runtime (install as root:" \
	    "apt-get install $(FUZZ_DEBS))"; exit 0; }; \
	$(MAKE) --no-print-directory fuzz-build && \
	$(MAKE) --no-print-directory fuzz-run

# Is libFuzzer there?  Link a one-line harness to find out; install it
# as root, else fail (and `fuzz` prints SKIP).
fuzz-deps:
	@mkdir -p $(FUZZ_B); \
	probe() { printf 'int LLVMFuzzerTestOneInput(const char *d, \
	    unsigned long n) { (void)d; (void)n; return 0; }\n' \
	    >$(FUZZ_B)/probe.c && $(FUZZ_CC) -fsanitize=fuzzer,address,undefined \
	    -o $(FUZZ_B)/probe $(FUZZ_B)/probe.c >/dev/null 2>&1; }; \
	probe && exit 0; \
	if [ "$$(id -u)" != 0 ]; then exit 1; fi; \
	echo "Installing: $(FUZZ_DEBS)"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq $(FUZZ_DEBS) >/dev/null && probe || { \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang \
	    libclang-common-$(or $(FUZZ_CLANG_VER),14)-dev >/dev/null && probe; }

fuzz-build: $(FUZZ_BIN)

$(FUZZ_B)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_B)/obj/common.o $(FUZZ_B)/libtablog.a \
    fuzz/fuzz.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
	    $(FUZZ_B)/obj/common.o $(FUZZ_B)/libtablog.a $(LIBS) $(LDFLAGS)

$(FUZZ_B)/obj/common.o: fuzz/common.c fuzz/fuzz.h $(HEADERS) \
    | $(FUZZ_B)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_B)/libtablog.a: $(FUZZ_LIB_OBJ)
	rm -f $@
	ar rcs $@ $(FUZZ_LIB_OBJ)

$(FUZZ_B)/obj/%.o: src/%.c $(HEADERS) | $(FUZZ_B)/obj
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_B)/templates.c: $(TEMPLATES) templates/embed.sh | $(FUZZ_B)/obj
	sh templates/embed.sh $@ $(TEMPLATES)

$(FUZZ_B)/obj/templates.o: $(FUZZ_B)/templates.c src/write/templates.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $(FUZZ_B)/templates.c

$(FUZZ_B)/obj:
	mkdir -p $@

# Seed (keeping what earlier runs found), run each harness, report.
fuzz-run: $(FUZZ_BIN)
	@FUZZ_KEEP=1 sh fuzz/seed.sh $(SHARED) >/dev/null; \
	mkdir -p $(FUZZ_B)/crashes $(FUZZ_B)/logs; \
	failed=""; \
	for h in $(FUZZ_HARNESSES); do \
	    dict=; [ -f fuzz/$$h.dict ] && dict=-dict=fuzz/$$h.dict; \
	    [ $$h = diff ] && dict=-dict=fuzz/md.dict; \
	    case $$h in html|md) len=8192 ;; diff) len=16384 ;; \
	    cells) len=1024 ;; state) len=16384 ;; *) len=4096 ;; esac; \
	    log=$(FUZZ_B)/logs/$$h.log; \
	    ASAN_OPTIONS=detect_leaks=1 $(FUZZ_B)/fuzz_$$h $$dict \
	        -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
	        -max_len=$$len -print_final_stats=1 \
	        -artifact_prefix=$(FUZZ_B)/crashes/$$h- \
	        fuzz/corpus-$$h >$$log 2>&1; \
	    rc=$$?; \
	    execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log); \
	    if [ $$rc -ne 0 ]; then \
	        failed="$$failed $$h"; \
	        echo "fuzz_$$h: FAILED after $${execs:-?} executions" \
	            "(exit $$rc; see $$log, $(FUZZ_B)/crashes/$$h-*)"; \
	        grep -m1 -E '^(==[0-9]+==ERROR|SUMMARY)' $$log || true; \
	    else \
	        echo "fuzz_$$h: $$execs executions in $(FUZZ_SECONDS) s, no crash"; \
	    fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: crashes in:$$failed"; exit 1; fi
