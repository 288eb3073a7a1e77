# The README's commands. Each one installs the Debian packages it needs when they are missing
# (silent when nothing is), then configures and builds incrementally.
#   make run    backend on SQLite (+ console when a display is present)
#   make test   every test, PostgreSQL ones included
#   make bench  the benchmarks (never part of make test)

SHELL := /bin/bash

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

.PHONY: run screenshots test bench build deps test-deps clean

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

# The demo: the backend on SQLite, the Twilio simulator placing inbound calls into it (signed
# webhooks, real Media Streams), and the console when there is a display. Ctrl-C stops all.
DEMO_SIM_PORT ?= 8081
DEMO_CALL_RATE ?= 0.5
DEMO_ENV := TWILIO_ACCOUNT_SID=AC5317c4d3b8a64e1f9a0b2c3d4e5f6a70 TWILIO_AUTH_TOKEN=switchboard-demo-token \
    TWILIO_API_BASE_URL=http://127.0.0.1:$(DEMO_SIM_PORT) SWITCHBOARD_API_TOKENS=admin:demo-admin,viewer:demo-viewer

run: build
	@mkdir -p $(BUILD_DIR)/run
	@cd $(BUILD_DIR)/run && export $(DEMO_ENV) && pids=; \
	trap 'kill $$pids 2>/dev/null; wait' EXIT INT TERM; \
	../backend/switchboard-backend & backend=$$!; pids="$$backend"; \
	for i in $$(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null && break; \
	  kill -0 $$backend 2>/dev/null || exit 1; sleep 0.1; done; \
	../tests/twilio-sim/switchboard-twilio-sim --listen 127.0.0.1:$(DEMO_SIM_PORT) \
	  --voice-url http://127.0.0.1:8080/twilio/voice --status-callback http://127.0.0.1:8080/twilio/status \
	  --alarm-url http://127.0.0.1:8080/twilio/alarms --inbound 1000000 --rate $(DEMO_CALL_RATE) --concurrency 4 & \
	simulator=$$!; pids="$$pids $$simulator"; \
	if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then ../console/switchboard-console --url http://127.0.0.1:8080 --token demo-viewer & pids="$$pids $$!"; fi; \
	echo "Switchboard is running: backend http://127.0.0.1:8080 (API token demo-viewer), simulator on :$(DEMO_SIM_PORT). Ctrl-C stops it."; \
	wait -n $$backend $$simulator

# The README's console screenshots: the demo setup on other ports (so a running `make run` is not
# disturbed), a few seconds of simulated calls and two outbound requests (one a duplicate), then
# `switchboard-console --screenshot` under Xvfb, in English and in Hebrew.
SHOTS_PORT ?= 18080
SHOTS_SIM_PORT ?= 18081
SHOTS_ENV := TWILIO_ACCOUNT_SID=AC5317c4d3b8a64e1f9a0b2c3d4e5f6a70 TWILIO_AUTH_TOKEN=switchboard-demo-token \
    TWILIO_API_BASE_URL=http://127.0.0.1:$(SHOTS_SIM_PORT) SWITCHBOARD_API_TOKENS=admin:demo-admin,viewer:demo-viewer \
    SWITCHBOARD_LISTEN=127.0.0.1:$(SHOTS_PORT)
screenshots: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) --target switchboard-backend switchboard-twilio-sim switchboard-console
	@rm -rf $(BUILD_DIR)/shots && mkdir -p $(BUILD_DIR)/shots/en/Switchboard $(BUILD_DIR)/shots/he/Switchboard
	@printf '[ui]\nlanguage=en\n' > $(BUILD_DIR)/shots/en/Switchboard/switchboard-console.conf
	@printf '[ui]\nlanguage=he\n' > $(BUILD_DIR)/shots/he/Switchboard/switchboard-console.conf
	@cd $(BUILD_DIR)/shots && export $(SHOTS_ENV) && pids=; \
	trap 'kill $$pids 2>/dev/null; wait' EXIT INT TERM; \
	../backend/switchboard-backend & backend=$$!; pids="$$backend"; \
	for i in $$(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$(SHOTS_PORT)) 2>/dev/null && break; \
	  kill -0 $$backend 2>/dev/null || exit 1; sleep 0.1; done; \
	../tests/twilio-sim/switchboard-twilio-sim --listen 127.0.0.1:$(SHOTS_SIM_PORT) \
	  --voice-url http://127.0.0.1:$(SHOTS_PORT)/twilio/voice --status-callback http://127.0.0.1:$(SHOTS_PORT)/twilio/status \
	  --alarm-url http://127.0.0.1:$(SHOTS_PORT)/twilio/alarms --inbound 1000 --rate 2 --concurrency 4 & \
	pids="$$pids $$!"; \
	for i in $$(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$(SHOTS_SIM_PORT)) 2>/dev/null && break; sleep 0.1; done; \
	for i in 1 2; do curl -sf -o /dev/null -H 'Authorization: Bearer demo-admin' -H 'Content-Type: application/json' \
	  -d '{"business_id":1,"to":"+972501234567","from":"+97231234567"}' http://127.0.0.1:$(SHOTS_PORT)/api/outbound/call; done; \
	sleep 8; \
	XDG_CONFIG_HOME=$$PWD/en xvfb-run -a -s '-screen 0 1280x800x24' ../console/switchboard-console \
	  --url http://127.0.0.1:$(SHOTS_PORT) --token demo-viewer --screenshot $(CURDIR)/docs/screenshots && \
	XDG_CONFIG_HOME=$$PWD/he xvfb-run -a -s '-screen 0 1280x800x24' ../console/switchboard-console \
	  --url http://127.0.0.1:$(SHOTS_PORT) --token demo-viewer --screenshot $(CURDIR)/docs/screenshots/he

clean:
	rm -rf $(BUILD_DIR)
