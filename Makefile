# The README's commands. Each one installs the Debian packages it needs when they are missing
# (silent when nothing is), then configures and builds incrementally.
#   make run    backend on SQLite (+ console when a display is present)
#   make test   every test, PostgreSQL ones included
#   make bench  the benchmarks (never part of make test)

BUILD_DIR   ?= build
BUILD_TYPE  ?= RelWithDebInfo
CTEST_JOBS  ?= 2

BUILD_PACKAGES := cmake g++ ninja-build pkgconf libgl-dev \
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-httpserver-dev qt6-charts-dev \
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite libqt6sql6-psql
TEST_PACKAGES  := postgresql xvfb xauth

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

define ensure_packages
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q '^install ok installed$$' || echo "$$p"; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  log=$$(mktemp); \
	  if ! { $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	         $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; } >"$$log" 2>&1; then \
	    cat "$$log"; rm -f "$$log"; echo "Could not install:" $$missing; exit 1; \
	  fi; \
	  rm -f "$$log"; \
	fi
endef

.PHONY: run test bench build deps test-deps clean

deps:
	$(call ensure_packages,$(BUILD_PACKAGES))

test-deps: deps
	$(call ensure_packages,$(TEST_PACKAGES))

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR)

test: test-deps build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(CTEST_JOBS)

bench: test-deps build
	cmake --build $(BUILD_DIR) --target bench

# The console joins when there is a display, and closes when the backend stops.
run: build
	@mkdir -p $(BUILD_DIR)/run
	@cd $(BUILD_DIR)/run && console=; \
	if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then ../console/switchboard-console & console=$$!; fi; \
	../backend/switchboard-backend; status=$$?; \
	if [ -n "$$console" ]; then kill $$console 2>/dev/null; fi; \
	exit $$status

clean:
	rm -rf $(BUILD_DIR)
