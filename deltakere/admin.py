"""The Django admin is for superusers: centres, users and memberships, and a read-only access log."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Bruker, Medlemskap, Senter, Tilgangslogg


class MedlemskapInline(admin.TabularInline):
    model = Medlemskap
    extra = 0
    fields = ["senter", "rolle", "startet", "sluttet"]


@admin.register(Senter)
class SenterAdmin(admin.ModelAdmin):
    list_display = ["navn", "kommune", "type", "journalform", "aktiv"]
    list_filter = ["type", "journalform", "aktiv"]
    search_fields = ["navn", "kommune"]


@admin.register(Bruker)
class BrukerAdmin(UserAdmin):
    ordering = ["navn"]
    list_display = ["navn", "email", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["navn", "email"]
    fieldsets = [
        (None, {"fields": ["email", "navn", "password"]}),
        ("Tilgang", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Datoer", {"fields": ["last_login", "opprettet"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "navn", "password1", "password2"]})]
    readonly_fields = ["last_login", "opprettet"]
    filter_horizontal = []
    inlines = [MedlemskapInline]


@admin.register(Medlemskap)
class MedlemskapAdmin(admin.ModelAdmin):
    list_display = ["bruker", "senter", "rolle", "startet", "sluttet"]
    list_filter = ["rolle", "senter"]
    search_fields = ["bruker__navn", "bruker__email", "senter__navn"]
    autocomplete_fields = ["bruker"]
    list_select_related = ["bruker", "senter"]


@admin.register(Tilgangslogg)
class TilgangsloggAdmin(admin.ModelAdmin):
    list_display = ["tidspunkt", "bruker", "senter", "handling", "objekt_type", "objekt_id"]
    list_filter = ["handling", "senter"]
    date_hierarchy = "tidspunkt"

    list_select_related = ["bruker", "senter", "objekt_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# ---------------------------------------------------------------------------
# Second factors: a superuser may see that a user has one and remove it (a lost phone), never its secret.
# django-otp's own admin shows a device's key and QR code; it is replaced by this one.
# ---------------------------------------------------------------------------

for _modell in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_modell):
        admin.site.unregister(_modell)


class AndreFaktorAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed"]
    search_fields = ["user__navn", "user__email"]
    list_select_related = ["user"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = ["user", "name", "confirmed"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(TOTPDevice, AndreFaktorAdmin)
admin.site.register(StaticDevice, AndreFaktorAdmin)
