from django.urls import path

from . import okt
from .views import ansatte, forlop, konto, nettverk, register, sak

app_name = "deltakere"

urlpatterns = [
    path("logg-inn/", konto.LoggInnView.as_view(), name="logg_inn"),
    path("logg-ut/", konto.LoggUtView.as_view(), name="logg_ut"),
    path("okt/laast/", okt.laast, name="okt_laast"),
    path("okt/status/", okt.status, name="okt_status"),
    path("okt/aktiv/", okt.aktiv, name="okt_aktiv"),
    path("okt/laas-opp/", okt.laas_opp, name="okt_laas_opp"),
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
    path(
        "senter/<int:senter_id>/invitasjoner/<int:invitasjon_id>/send/",
        ansatte.send_invitasjon_pa_nytt,
        name="send_invitasjon_pa_nytt",
    ),
    path(
        "senter/<int:senter_id>/invitasjoner/<int:invitasjon_id>/trekk/",
        ansatte.trekk_invitasjon,
        name="trekk_invitasjon",
    ),
    path("invitasjon/<str:token>/", ansatte.godta_invitasjon, name="godta_invitasjon"),
]

urlpatterns += [
    path("deltakere/", register.register, name="register"),
    path("deltakere/ny/", register.ny_deltaker, name="ny_deltaker"),
    path("deltakere/<int:pk>/", sak.sak, name="sak"),
    path("deltakere/<int:pk>/endre/", sak.EndreDeltaker.as_view(), name="endre_deltaker"),
    path("deltakere/<int:pk>/fodselsnummer/", sak.vis_fodselsnummer, name="vis_fodselsnummer"),
    path("deltakere/<int:pk>/situasjon/", sak.EndreSituasjon.as_view(), name="endre_situasjon"),
    path("deltakere/<int:pk>/kontaktpersoner/", sak.EndreKontaktpersoner.as_view(), name="endre_kontaktpersoner"),
    path("deltakere/<int:pk>/samarbeidsavtale/", sak.EndreSamarbeidsavtale.as_view(), name="endre_samarbeidsavtale"),
    path("deltakere/<int:pk>/status/", forlop.EndreStatus.as_view(), name="endre_status"),
    path("deltakere/<int:pk>/avslutt/", forlop.AvsluttOppfolging.as_view(), name="avslutt_oppfolging"),
    path("deltakere/<int:pk>/overfor/", forlop.OverforDeltaker.as_view(), name="overfor_deltaker"),
    path("deltakere/<int:pk>/samtykke/ny/", nettverk.NySamtykke.as_view(), name="ny_samtykke"),
    path("deltakere/<int:pk>/samtykke/<int:samtykke_id>/trekk/", nettverk.trekk_samtykke, name="trekk_samtykke"),
    path("deltakere/<int:pk>/nettverk/ny/", nettverk.NyNettverkskontakt.as_view(), name="ny_nettverkskontakt"),
    path(
        "deltakere/<int:pk>/nettverk/<int:kontakt_id>/",
        nettverk.EndreNettverkskontakt.as_view(),
        name="endre_nettverkskontakt",
    ),
]
