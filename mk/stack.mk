# The production topology on this machine: PostgreSQL, Redis, gunicorn, the
# background worker and Varnish in front (scripts/stackctl.sh; see
# docs/operations.md, "make stack").

STACK_PORT ?= 8080

.PHONY: stack stack-stop stack-status

stack: install ## Production topology (Varnish on 127.0.0.1:STACK_PORT, gunicorn, worker, Redis, PostgreSQL); STACK_DEMO=1 demo, STACK_SEARCH=1 search node
	@STACK_PORT=$(STACK_PORT) scripts/stackctl.sh start

stack-stop: ## Stop what `make stack` started
	@STACK_PORT=$(STACK_PORT) scripts/stackctl.sh stop

stack-status: ## Show which parts of `make stack` run
	@STACK_PORT=$(STACK_PORT) scripts/stackctl.sh status
