# Vínculo: two commands on a fresh Debian 12 machine, as root.
#   make run    install what is missing, build (the web UI too), create var/vinculo.db with the
#               demo programme if absent, and serve on http://127.0.0.1:8080
#   make test   install, build, start a throw-away PostgreSQL, run every test
#               (the web UI's end-to-end tests in chromium too)
#   make package  the Debian package (CPack DEB) in build/: binary, web UI, rule set, systemd unit
# Other targets: build, bench, test-sanitize (ASan+UBSan, clang), fuzz (libFuzzer, FUZZ_SECONDS
# per target, default 60), format, clean.

BUILD_DIR ?= build
DB ?= var/vinculo.db
PORT ?= 8080
VINCULO := $(BUILD_DIR)/vinculo

.PHONY: run test build web package bench deps deps-test deps-bench deps-sanitize test-sanitize fuzz format \
	clean

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

deps-bench:
	@scripts/install-deps.sh bench

deps-sanitize:
	@scripts/install-deps.sh sanitize

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR)

# The web UI in web/dist (npm ci only when the lock file changed).
web: deps
	scripts/web-build.sh

run: build web
	@mkdir -p var
	@if [ ! -f "$(DB)" ]; then $(VINCULO) init --db "$(DB)" --demo; \
	else echo "Using the existing $(DB) (demo login, if make run created it: admin / vinculo-demo-2026)"; fi
	@echo "Open http://127.0.0.1:$(PORT)/"
	$(VINCULO) serve --db "$(DB)" --port $(PORT) --web-root web/dist

test: deps-test build web
	scripts/test.sh

# build/vinculo_<version>_amd64.deb (cmake/package.cmake; docs/operations.md says how to install it).
package: build web
	cd $(BUILD_DIR) && cpack -G DEB

bench: deps-bench
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DVINCULO_BUILD_BENCH=ON
	cmake --build $(BUILD_DIR)
	bench/run.sh
	@if [ "$${BENCH_NATIONAL:-0}" = 1 ]; then bench/national.sh && bench/two_servers.sh; \
	else echo "(national dataset benchmarks, issue 14: BENCH_NATIONAL=1 make bench, or bench/national.sh and bench/two_servers.sh)"; fi

# The suites under AddressSanitizer and UndefinedBehaviorSanitizer (clang, build-sanitize).
test-sanitize: deps-sanitize
	scripts/sanitize.sh test

# Each fuzz target under libFuzzer for FUZZ_SECONDS (same build as test-sanitize).
fuzz: deps-sanitize
	scripts/sanitize.sh fuzz

format:
	clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc' 'fuzz/*.cc' 'fuzz/*.h')

clean:
	rm -rf $(BUILD_DIR)
