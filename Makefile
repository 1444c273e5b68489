# The two commands a newcomer needs: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test serve install lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "Medvandrer kjører på http://127.0.0.1:8000  (stopp med Ctrl+C)"
	@# The background worker (reports) beside the web server; both stop with Ctrl+C.
	$(PY) manage.py db_worker --verbosity 0 & trap 'kill $$! 2>/dev/null' EXIT; $(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m pytest

# A production-like run: DEBUG off, static files by WhiteNoise, gunicorn.
serve: $(STAMP)
	DEBUG=false $(PY) manage.py collectstatic --noinput
	DEBUG=false $(PY) manage.py migrate --noinput
	DEBUG=false $(PY) manage.py db_worker --verbosity 0 & trap 'kill $$! 2>/dev/null' EXIT; \
	  DEBUG=false GUNICORN_BIND=127.0.0.1:8000 $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
