"""Settings for Medvandrer.

Everything is read from the environment (or a `.env` file next to manage.py) by
django-environ. With nothing set the app runs as a demo: embedded SQLite, DEBUG on,
two-factor sign-in not required. Production sets DEBUG=false and then must set
SECRET_KEY and ALLOWED_HOSTS, or the app refuses to start.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="demo-only-secret-key-not-for-production-use-0123456789")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
else:
    SECRET_KEY = env("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment when DEBUG is off "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must be set in the environment when DEBUG is off "
            "(a comma-separated list of the host names the app answers to)."
        )

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "simple_history",
    "deltakere",
    "oppfolging",
    "tidgivere",
    "rapporter",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a signed-in user unless its view says @login_not_required: a new page
    # cannot ship unguarded by forgetting a decorator.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # django-otp's OTPMiddleware, keeping what it knows of the devices in the session (no query per request).
    "deltakere.middleware.AndreFaktorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before the second factor: a locked session goes to the lock page, which asks for both.
    "deltakere.okt.OktMiddleware",
    "deltakere.middleware.KrevToTrinnMiddleware",
    "deltakere.middleware.IngenMellomlagringMiddleware",
    "deltakere.scoping.SenterScopeMiddleware",
    # Every change to personal data is recorded with the signed-in user as its author.
    "simple_history.middleware.HistoryRequestMiddleware",
    # axes must be last: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "deltakere.context_processors.medvandrer",
                "deltakere.okt.kontekst",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Every transaction takes SQLite's write lock at BEGIN, so a read-check-write (the version check
    # in deltakere.services, the one-time form tokens) is serialised as SELECT ... FOR UPDATE is on
    # PostgreSQL; waiting writers queue for up to `timeout` seconds instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
# Reports may read from a replica (rapporter.ruter): set REPORTS_DATABASE_URL to a read-only copy of the database
# (a PostgreSQL streaming replica). In tests the alias mirrors the default database.
RAPPORT_DATABASE = None
if env("REPORTS_DATABASE_URL", default=""):
    RAPPORT_DATABASE = "rapporter"
    DATABASES["rapporter"] = env.db("REPORTS_DATABASE_URL")
    DATABASES["rapporter"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["rapporter.ruter.Rapportruter"]
# PostgreSQL's JIT compiles a query with many conditional counts before running it: 3.7 s of compiling for a
# report query that runs in 59 ms (docs/benchmarks.md, "Rapporter"). The app's queries are short; JIT only costs.
for _db in DATABASES.values():
    if _db["ENGINE"] == "django.db.backends.postgresql":
        _db.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "deltakere.Bruker"
AUTHENTICATION_BACKENDS = [
    # axes first, so a locked-out account is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "deltakere:logg_inn"
LOGIN_REDIRECT_URL = "oppfolging:min_oversikt"
LOGOUT_REDIRECT_URL = "deltakere:logg_inn"

# Two-factor sign-in (TOTP). On in production unless explicitly turned off.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Medvandrer")

# Lockout after repeated failed sign-ins (django-axes). Counted per e-mail address, not per
# IP address: at a drop-in centre several people share one PC and one address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form field that holds the e-mail address
# axes warns that username-only lockout lets an attacker spread guesses over many accounts;
# that is accepted here, with strong passwords and a required second factor behind it.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "konto/sperret.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0) or None

# Sessions live in the database (stateless app servers). Drop-in PCs are shared, so after
# SESSION_IDLE_MINUTES without a user action the session is locked (deltakere/okt.py): the screen
# hides what is on it, and only the same user unlocks, to the work they left. A warning comes
# SESSION_WARNING_SECONDS before. The session itself lasts SESSION_MAX_HOURS after the last action,
# or until the browser closes.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Messages may name a person ("X er registrert."): keep them server-side, not in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_IDLE_SECONDS = SESSION_IDLE_MINUTES * 60  # what the code reads; tests set seconds
SESSION_WARNING_SECONDS = env.int("SESSION_WARNING_SECONDS", default=120)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
if not SESSION_WARNING_SECONDS < SESSION_IDLE_SECONDS < SESSION_COOKIE_AGE:
    raise ImproperlyConfigured(
        "SESSION_WARNING_SECONDS must be shorter than SESSION_IDLE_MINUTES, and that shorter than SESSION_MAX_HOURS."
    )
# The time of the last action is written about once a minute (deltakere/okt.py), not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_NAME = "medvandrer_sesjon"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål")]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Oppfølging: when a new kartlegging is due, in weeks from the first (a centre may set its own), and then
# every 52 weeks; a kartlegging is also due when the follow-up ends.
KARTLEGGING_UKER = [int(u) for u in env.list("KARTLEGGING_UKER", default=["0", "12", "26", "52"])]
# Min oversikt flags a person nobody has been in contact with for this many days (a centre may set its own).
KONTAKT_TERSKEL_DAGER = env.int("KONTAKT_TERSKEL_DAGER", default=30)

# Tidgivere: how many months a politiattest counts as valid from the day the centre saw it (its "gyldig til"
# is filled in from this when left blank, and may not be set later than this). The renewal list shows those
# expiring within POLITIATTEST_VARSEL_DAGER days.
POLITIATTEST_GYLDIG_MANEDER = env.int("POLITIATTEST_GYLDIG_MANEDER", default=36)
POLITIATTEST_VARSEL_DAGER = env.int("POLITIATTEST_VARSEL_DAGER", default=60)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Medvandrer <ikke-svar@medvandrer.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. The production values are the defaults; a reverse proxy that
# terminates TLS sets SECURE_PROXY_SSL_HEADER=true.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^helse/$"]

# Content-Security-Policy: everything is served from our own origin, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

# Logs carry no personal data: no request bodies, and record ids rather than names.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # WeasyPrint logs every step of every PDF at INFO ("Step 5 - Creating layout"); only its warnings matter.
        "weasyprint": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Matches (tidgivere): check-ins with both sides monthly in a match's first year, then every
# TIDGIVER_OPPFOLGING_UKER weeks; volunteer hours become årsverk at TIMER_PER_ARSVERK hours a year
# (1695: 37.5 hours a week over 45.2 working weeks, as in Statistics Norway's full-time equivalent).
TIDGIVER_OPPFOLGING_UKER = env.int("TIDGIVER_OPPFOLGING_UKER", default=8)
TIMER_PER_ARSVERK = env.int("TIMER_PER_ARSVERK", default=1695)

# Reports: a cell counting fewer people than this is shown as "<N" (small-number protection, rapporter.skjerming).
RAPPORT_MINSTE_ANTALL = env.int("RAPPORT_MINSTE_ANTALL", default=5)

# Background tasks (reports): the database backend, run by `python manage.py db_worker` beside the web
# server. TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs a task at once inside the request
# (no worker; the tests use it), fine for a small centre on one machine.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
