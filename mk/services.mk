# Local services: OpenSearch nodes and a private PostgreSQL, both on 127.0.0.1.
# Included by the main Makefile. Scripts: search-engine/searchctl.sh and
# scripts/pgctl.sh (run either without arguments for help).

SEARCH_PORT ?= 9200
SEARCH_NODES ?= 1
PGPORT ?= 5433

.PHONY: search-engine search-engine-stop search-engine-status db-start db-stop db-status

search-engine: ## Start OpenSearch on 127.0.0.1:SEARCH_PORT (default 9200; SEARCH_NODES=3 for a 3-node cluster), print its URL(s)
	@SEARCH_PORT=$(SEARCH_PORT) SEARCH_NODES=$(SEARCH_NODES) search-engine/searchctl.sh start

search-engine-stop: ## Stop the OpenSearch node(s) on SEARCH_PORT
	@SEARCH_PORT=$(SEARCH_PORT) search-engine/searchctl.sh stop

search-engine-status: ## Show the health of the OpenSearch node(s) on SEARCH_PORT
	@SEARCH_PORT=$(SEARCH_PORT) search-engine/searchctl.sh status

db-start: ## Start the private PostgreSQL on 127.0.0.1:PGPORT (default 5433), print its DATABASE_URL
	@PGPORT=$(PGPORT) scripts/pgctl.sh start

db-stop: ## Stop the private PostgreSQL
	@PGPORT=$(PGPORT) scripts/pgctl.sh stop

db-status: ## Show whether the private PostgreSQL runs, and its DATABASE_URL
	@PGPORT=$(PGPORT) scripts/pgctl.sh status
