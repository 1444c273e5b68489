from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def min_oversikt(request):
    """The start page after sign-in. Today: the user's centres and roles."""
    return render(request, "oppfolging/min_oversikt.html")
