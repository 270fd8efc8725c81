# Pathwise. `make run` starts everything locally; `make test` runs every test. See docs/runtime.md.
# The targets are thin: the work is in deploy/scripts/.

DEBIAN_PACKAGES := haproxy libargon2-dev zlib1g-dev libxml2 openssl curl wrk poppler-utils postgresql-15 python3-icalendar python3-venv

.DEFAULT_GOAL := build
.PHONY: setup build build-release certs run up down test bench compose-up clean

setup: ## install the Debian packages the stack needs (only the missing ones)
	@deploy/scripts/setup.sh $(DEBIAN_PACKAGES)

build:
	swift build

build-release:
	swift build -c release

certs: ## development PKI in .run/pki
	deploy/scripts/pki.sh .run/pki

run: setup build certs ## the whole stack in the foreground, logs streamed; Ctrl-C stops it
	deploy/scripts/stack.sh run

up: setup build certs ## the whole stack in the background
	deploy/scripts/stack.sh up

down:
	deploy/scripts/stack.sh down

test: setup ## build, then every test against a throwaway Postgres
	deploy/scripts/test.sh

bench: setup ## release build, then wrk through the gateway
	deploy/scripts/bench.sh

compose-up:
	docker compose up --build

clean: ## everything under .run (not .build)
	-deploy/scripts/stack.sh down
	-deploy/scripts/postgres.sh stop .run/test-pg
	rm -rf .run
