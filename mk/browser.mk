# Browser checks: axe-core and Lighthouse from npm (package.json), Debian's chromium.

.PHONY: browser-deps lighthouse

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

browser-deps: node_modules/.package-lock.json ## Install axe-core and Lighthouse from package-lock.json (npm ci)

lighthouse: install browser-deps ## Lighthouse scores and page weights on a production-like demo server
	$(PY) benchmarks/lighthouse.py
