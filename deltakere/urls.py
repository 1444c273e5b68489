from django.urls import path

from .views import ansatte, forlop, konto, nettverk, register, sak

urlpatterns = [
    path("logg-inn/", konto.LoggInnView.as_view(), name="logg_inn"),
    path("logg-ut/", konto.LoggUtView.as_view(), name="logg_ut"),
    path("konto/", konto.konto, name="konto"),
    path("konto/passord/", konto.EndrePassordView.as_view(), name="endre_passord"),
    path("konto/glemt-passord/", konto.GlemtPassordView.as_view(), name="glemt_passord"),
    path(
        "konto/glemt-passord/sendt/",
        konto.auth_views.PasswordResetDoneView.as_view(template_name="konto/glemt_passord_sendt.html"),
        name="glemt_passord_sendt",
    ),
    path(
        "konto/nytt-passord/<uidb64>/<token>/",
        konto.TilbakestillPassordView.as_view(),
        name="tilbakestill_passord",
    ),
    path(
        "konto/nytt-passord/ferdig/",
        konto.auth_views.PasswordResetCompleteView.as_view(template_name="konto/tilbakestill_passord_ferdig.html"),
        name="tilbakestill_passord_ferdig",
    ),
    path("konto/to-trinn/", konto.to_trinn_bekreft, name="to_trinn_bekreft"),
    path("konto/to-trinn/oppsett/", konto.to_trinn_oppsett, name="to_trinn_oppsett"),
    path("konto/to-trinn/reservekoder/", konto.to_trinn_reservekoder, name="to_trinn_reservekoder"),
    path("konto/to-trinn/reservekoder/nye/", konto.lag_nye_reservekoder, name="lag_nye_reservekoder"),
    path("senter/bytt/", ansatte.bytt_senter, name="bytt_senter"),
    path("senter/<int:senter_id>/ansatte/", ansatte.ansatte, name="ansatte"),
    path("senter/<int:senter_id>/ansatte/ny/", ansatte.ny_ansatt, name="ny_ansatt"),
    path("senter/<int:senter_id>/ansatte/<int:medlemskap_id>/", ansatte.endre_ansatt, name="endre_ansatt"),
    path("senter/<int:senter_id>/ansatte/<int:medlemskap_id>/fjern/", ansatte.fjern_ansatt, name="fjern_ansatt"),
]

urlpatterns += [
    path("deltakere/", register.register, name="register"),
    path("deltakere/ny/", register.ny_deltaker, name="ny_deltaker"),
    path("deltakere/<int:pk>/", sak.sak, name="sak"),
    path("deltakere/<int:pk>/endre/", sak.endre_deltaker, name="endre_deltaker"),
    path("deltakere/<int:pk>/fodselsnummer/", sak.vis_fodselsnummer, name="vis_fodselsnummer"),
    path("deltakere/<int:pk>/situasjon/", sak.endre_situasjon, name="endre_situasjon"),
    path("deltakere/<int:pk>/kontaktpersoner/", sak.endre_kontaktpersoner, name="endre_kontaktpersoner"),
    path("deltakere/<int:pk>/samarbeidsavtale/", sak.endre_samarbeidsavtale, name="endre_samarbeidsavtale"),
    path("deltakere/<int:pk>/status/", forlop.endre_status, name="endre_status"),
    path("deltakere/<int:pk>/avslutt/", forlop.avslutt_oppfolging, name="avslutt_oppfolging"),
    path("deltakere/<int:pk>/overfor/", forlop.overfor_deltaker, name="overfor_deltaker"),
    path("deltakere/<int:pk>/samtykke/ny/", nettverk.ny_samtykke, name="ny_samtykke"),
    path("deltakere/<int:pk>/samtykke/<int:samtykke_id>/trekk/", nettverk.trekk_samtykke, name="trekk_samtykke"),
    path("deltakere/<int:pk>/nettverk/ny/", nettverk.ny_nettverkskontakt, name="ny_nettverkskontakt"),
    path(
        "deltakere/<int:pk>/nettverk/<int:kontakt_id>/",
        nettverk.endre_nettverkskontakt,
        name="endre_nettverkskontakt",
    ),
]
