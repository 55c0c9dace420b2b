#!/usr/bin/env bash
# The background worker: django-tasks' database backend, every queue.
#
# Runs e-mails, search re-indexing and its retries, front-cache purges, file
# moves after submission, and the periodic jobs that `manage.py
# enqueue_scheduled_jobs` queues. Start one or more on any machine that has
# the application and its environment (docs/operations.md, "Background
# worker"); tasks are claimed with row locks, so several workers never run
# the same task twice.
#
# TASKS_WORKER_INTERVAL: seconds between polls of an empty queue (0.5; a
# purge after a publish waits at most this long).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec "${PYTHON:-.venv/bin/python}" manage.py db_worker --queue-name '*' \
    --interval "${TASKS_WORKER_INTERVAL:-0.5}" --no-reload --no-startup-delay "$@"
