"""Numbers that are identifiers are never written with the nb thousand separator.

USE_THOUSAND_SEPARATOR is on so that counts read "1 234"; a primary key or a version printed
the same way breaks an element id, an htmx target or a form value once the table passes 999
rows. Such values go through ``stringformat:'d'`` (or ``{% url %}``, which does not localize).
"""

import re
from pathlib import Path

from django.conf import settings

ROT = Path(settings.BASE_DIR)
LOKALISERT_ID = re.compile(r"\{\{\s*[\w.]*\.(pk|id|versjon)\s*\}\}")


def test_no_template_prints_an_identifier_localized():
    funn = []
    maler = [*ROT.glob("*/templates/**/*.html"), *(ROT / "templates").glob("**/*.html")]
    for mal in maler:
        for nr, linje in enumerate(mal.read_text().splitlines(), 1):
            if LOKALISERT_ID.search(linje):
                funn.append(f"{mal.relative_to(ROT)}:{nr}")
    assert funn == []
