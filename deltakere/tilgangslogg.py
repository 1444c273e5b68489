"""The access log's API: pages that show, export or print personal data call `logg_tilgang`."""

from django.contrib.contenttypes.models import ContentType

from .models import Tilgangslogg

Handling = Tilgangslogg.Handling


def logg_tilgang(request, obj, handling=Handling.VIS, *, senter_id=None, grunn=""):
    """Record that the signed-in user did `handling` to `obj` (a row with a `senter`).

    `senter_id` is taken from the object unless given (for objects that reach their centre
    through another row). Returns the new row.
    """
    return Tilgangslogg.objects.create(
        bruker=request.user,
        senter_id=senter_id if senter_id is not None else obj.senter_id,
        handling=handling,
        objekt_type=ContentType.objects.get_for_model(obj),
        objekt_id=obj.pk,
        grunn=grunn,
    )
