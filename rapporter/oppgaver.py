"""The background tasks of reports (Django's tasks API through the django-tasks backport). A task gets only the
report's id; the work is `services.lag`."""

from django_tasks import task

from . import services


@task()
def lag_rapport_oppgave(rapport_id):
    services.lag(rapport_id)
