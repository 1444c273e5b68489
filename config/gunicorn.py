"""gunicorn settings for production and `make serve`: `gunicorn -c config/gunicorn.py config.wsgi`.

The access log leaves out query strings (%(U)s is the path only): a query string may hold a filter
that says something about a person, and it must not end up in every server's log.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
accesslog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
