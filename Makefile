# esgsite — static bilingual ESG report sites.
#
#   make          install missing build dependencies (as root), build
#                 esgsite and render the sample report into out/
#   make check    run every test (unit, regression, error paths, check,
#                 PDF, ASan+UBSan)
#
# Other targets: esgsite, site, pdf, pdf-preview, unit, regress, errors,
# checks, pdf-test, asan, determinism, regress-update, clean. See README.md.

CC      ?= cc
PKGS     = libcmark-gfm libxml-2.0 yaml-0.1 libcurl
OPT     ?= -O2 -g
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# Recursively expanded: pkg-config runs when a recipe needs the flags, that
# is after `deps` has installed what was missing.
ESG_CFLAGS = -std=c11 -D_GNU_SOURCE -pthread $(WARN) $(OPT) -Igenerator -Ibuild \
             $(shell pkg-config --cflags $(PKGS))
# libcurl's headers only: check_external.c opens the library when
# --external needs it.
ESG_LIBS   = $(shell pkg-config --libs $(filter-out libcurl,$(PKGS))) -lm \
             -pthread -ldl
SAN        = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

SRCS      := $(filter-out generator/main.c,$(wildcard generator/*.c))
OBJS      := $(SRCS:generator/%.c=build/obj/%.o) build/obj/resources.o
ASAN_OBJS := $(SRCS:generator/%.c=build/asan/%.o) build/asan/resources.o
HEADERS   := $(wildcard generator/*.h)
RESOURCES := $(wildcard templates/*.xhtml styles/*.css styles/*.js frameworks/*.yaml units/*.yaml) \
             $(shell find generator/scaffold -type f | LC_ALL=C sort)
UNIT_SRCS := $(wildcard tests/unit/*.c)

FUZZ_TARGETS := frontmatter attrs shortcode report data catalog chapter
FUZZ_SECONDS ?= 60

.PHONY: all deps esgsite site pdf pdf-preview check unit regress errors \
        hostile check-valgrind fuzz fuzz-replay bench \
        checks pdf-test browser-test asan tsan determinism regress-update clean

all: deps
	@$(MAKE) --no-print-directory esgsite site

deps:
	@scripts/install-deps build

esgsite: build/esgsite
	@ln -sf build/esgsite esgsite

site: esgsite
	@rm -rf out.tmp
	./esgsite build content -o out
	@echo "The sample report is in out/: open out/index.html (or out/zh/index.html, out/en/index.html)."

# The site and a PDF per language, made by WeasyPrint (installed here like
# the other dependencies).
pdf:
	@scripts/install-deps pdf
	@$(MAKE) --no-print-directory esgsite
	./esgsite pdf content -o out
	@echo "The PDFs are out/zh/report.pdf and out/en/report.pdf."

# Page images of the PDFs (cover, a KPI table, the HKEX index) in out/preview/.
pdf-preview:
	@[ -f out/zh/report.pdf ] || $(MAKE) --no-print-directory pdf
	scripts/pdf-preview out

build/obj/%.o: generator/%.c $(HEADERS) | build/obj
	$(CC) $(ESG_CFLAGS) -c $< -o $@

build/asan/%.o: generator/%.c $(HEADERS) | build/asan
	$(CC) $(ESG_CFLAGS) $(SAN) -c $< -o $@

build/obj/resources.o: build/resources.c generator/resources.h | build/obj
	$(CC) $(ESG_CFLAGS) -Wno-overlength-strings -c $< -o $@

build/asan/resources.o: build/resources.c generator/resources.h | build/asan
	$(CC) $(ESG_CFLAGS) $(SAN) -c $< -o $@

build/resources.c: build/embed $(RESOURCES)
	build/embed generator/ $(RESOURCES) > $@.tmp && mv $@.tmp $@

build/embed: generator/tools/embed.c | build
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror $< -o $@

# The program itself allocates with jemalloc (see README, Dependencies);
# the sanitizer, fuzzing and unit builds keep the C library's malloc,
# which their runtimes replace.
build/esgsite: build/obj/main.o $(OBJS)
	$(CC) $(OPT) $^ $(ESG_LIBS) $(shell pkg-config --libs jemalloc) -o $@

# What cmark-gfm and libxml2 alone take on a report (make bench).
build/bench-floor: tests/bench/floor.c | build/obj
	$(CC) $(ESG_CFLAGS) $< $(ESG_LIBS) -o $@

build/asan/esgsite: build/asan/main.o $(ASAN_OBJS)
	$(CC) $(OPT) $(SAN) $^ $(ESG_LIBS) -o $@

build/linkcheck: tests/tools/linkcheck.c $(OBJS)
	$(CC) $(ESG_CFLAGS) $< build/obj/arena.o build/obj/buf.o build/obj/fsutil.o build/obj/strmap.o $(ESG_LIBS) -o $@

build/httpd: tests/tools/httpd.c | build
	$(CC) -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -Werror $< -o $@

build/unit: $(UNIT_SRCS) tests/unit/harness.h $(ASAN_OBJS)
	$(CC) $(ESG_CFLAGS) $(SAN) -Itests/unit $(UNIT_SRCS) $(ASAN_OBJS) $(ESG_LIBS) -o $@

build build/obj build/asan:
	@mkdir -p $@

# ---------------------------------------------------------------- tests

check:
	@scripts/install-deps check
	@$(MAKE) --no-print-directory unit regress errors checks asan tsan \
	    hostile check-valgrind fuzz-replay determinism pdf-test browser-test
	@echo "make check: all tests passed"

unit: build/unit
	./build/unit

# Each also with no chapter kept parsed between loading and rendering
# (ESGSITE_KEEP_KB=0, as for reports too large to keep): the same output
# and the same problems.
regress: build/esgsite build/linkcheck
	tests/run-regress build/esgsite
	ESGSITE_KEEP_KB=0 tests/run-regress build/esgsite

errors: build/esgsite
	tests/run-errors build/esgsite
	ESGSITE_KEEP_KB=0 tests/run-errors build/esgsite

# `esgsite check`: a fixture per kind of problem, and --external against a
# local server.
checks: build/esgsite build/httpd
	tests/run-check build/esgsite
	ESGSITE_KEEP_KB=0 tests/run-check build/esgsite
	tests/run-external build/esgsite

# Chapters, the review and the pages run on several threads: the
# regression and check suites and the sample under ThreadSanitizer, which
# fails them on any data race (its report lands in the compared stderr).
# A worker that finishes a page before the one ahead of it always waits
# here (ESG_PENDING_MAX=0), so that way is raced too, and its output
# compared like any other.
build/tsan/esgsite: $(SRCS) generator/main.c $(HEADERS) build/resources.c
	@mkdir -p build/tsan
	$(CC) $(ESG_CFLAGS) -O1 -fsanitize=thread -DESG_PENDING_MAX=0 \
	    generator/main.c $(SRCS) build/resources.c $(ESG_LIBS) -o $@

tsan: build/tsan/esgsite build/esgsite build/linkcheck
	TSAN_OPTIONS=halt_on_error=1 tests/run-regress build/tsan/esgsite
	ESGSITE_KEEP_KB=0 TSAN_OPTIONS=halt_on_error=1 \
	    tests/run-regress build/tsan/esgsite
	TSAN_OPTIONS=halt_on_error=1 tests/run-check build/tsan/esgsite
	rm -rf build/tsan/out
	TSAN_OPTIONS=halt_on_error=1 build/tsan/esgsite build content -o build/tsan/out -q
	@# eight chapters whose review findings are made on every core
	build/esgsite check tests/tsan/report > build/tsan/want 2>&1
	TSAN_OPTIONS=halt_on_error=1 build/tsan/esgsite check tests/tsan/report \
	    > build/tsan/got 2>&1
	cmp build/tsan/want build/tsan/got
	@echo "ok   tsan: no data race"

# The whole suite again under AddressSanitizer and UBSan, plus the sample.
asan: build/asan/esgsite build/linkcheck
	tests/run-regress build/asan/esgsite
	ESGSITE_KEEP_KB=0 tests/run-regress build/asan/esgsite
	tests/run-errors build/asan/esgsite
	ESGSITE_KEEP_KB=0 tests/run-errors build/asan/esgsite
	tests/run-check build/asan/esgsite
	tests/run-sample build/asan/esgsite
	tests/run-readme build/asan/esgsite

determinism: build/esgsite build/linkcheck
	tests/run-determinism build/esgsite

# The sample's PDFs: page references, bookmarks, fonts, Chinese text.
pdf-test: build/esgsite
	tests/run-pdf build/esgsite

# The site in Debian's Chromium (navigation, axe-core, search, phones,
# file://), screenshots in out/screenshots/, and the Nu HTML checker on
# every page of the sample and of the regression expectations.
browser-test: build/esgsite tests/browser/node_modules/.package-lock.json
	tests/run-browser build/esgsite

tests/browser/node_modules/.package-lock.json: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error

# Hostile input: each case a clean error or safe output, OUT untouched.
hostile: build/asan/esgsite build/esgsite
	tests/run-hostile build/asan/esgsite build/esgsite

# The regression and error suites under valgrind: no error, no leak.
check-valgrind: build/esgsite
	tests/run-regress tests/tools/valgrind-esgsite
	tests/run-errors tests/tools/valgrind-esgsite

# libFuzzer targets (clang): `make fuzz` fuzzes each for FUZZ_SECONDS;
# `make fuzz-replay` (part of check) runs the seeds and saved crashes.
# The sources are compiled once with coverage instrumentation; each target
# only adds its entry point.
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -Igenerator -Ibuild \
    $(shell pkg-config --cflags $(PKGS))
FUZZ_OBJS := $(SRCS:generator/%.c=build/fuzzobj/%.o) build/fuzzobj/resources.o
.SECONDARY: $(FUZZ_OBJS)

build/fuzzobj:
	@mkdir -p $@

build/fuzzobj/%.o: generator/%.c $(HEADERS) | build/fuzzobj
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@

build/fuzzobj/resources.o: build/resources.c | build/fuzzobj
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@

build/fuzz-%: tests/fuzz/fuzz.c $(FUZZ_OBJS)
	clang $(FUZZ_CFLAGS) -DFUZZ_$(shell echo $* | tr a-z A-Z) \
	    -fsanitize=fuzzer,address,undefined tests/fuzz/fuzz.c $(FUZZ_OBJS) \
	    $(ESG_LIBS) -o $@

fuzz: $(FUZZ_TARGETS:%=build/fuzz-%)
	tests/run-fuzz run $(FUZZ_SECONDS)

fuzz-replay: $(FUZZ_TARGETS:%=build/fuzz-%)
	tests/run-fuzz replay

# esgsite against Hugo on synthetic reports; prints a table, never fails.
bench: build/esgsite build/bench-floor
	@scripts/install-deps bench
	tests/bench/run build/esgsite $(BENCH_SIZES)
	tests/bench/shapes build/esgsite

regress-update: build/esgsite
	tests/run-regress build/esgsite --update

clean:
	rm -rf build esgsite tests/work
