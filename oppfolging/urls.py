from django.urls import path

from .views import avtaler, hurtiglogg, kartlegging, oppgaver, overlevering, oversikt, plan, samtale, telling

app_name = "oppfolging"

urlpatterns = [
    path("", oversikt.min_oversikt, name="min_oversikt"),
    # Drop-in: the quick log and the daily tally
    path("hurtiglogg/", hurtiglogg.hurtiglogg, name="hurtiglogg"),
    path("hurtiglogg/sok/", hurtiglogg.hurtiglogg_sok, name="hurtiglogg_sok"),
    path("hurtiglogg/angre/<int:samtale_id>/", hurtiglogg.angre, name="hurtiglogg_angre"),
    path("telling/", telling.telling, name="telling"),
    path("telling/pluss/", telling.pluss, name="telling_pluss"),
    path("telling/rett/", telling.rett, name="telling_rett"),
    path("telling/<int:aar>/<int:maaned>/", telling.maaned, name="telling_maaned"),
    path("deltakere/<int:pk>/kartlegging/", kartlegging.kartlegginger, name="kartlegginger"),
    path("deltakere/<int:pk>/kartlegging/ny/", kartlegging.NyKartlegging.as_view(), name="ny_kartlegging"),
    path("deltakere/<int:pk>/kartlegging/<int:kartlegging_id>/", kartlegging.kartlegging, name="kartlegging"),
    path(
        "deltakere/<int:pk>/kartlegging/<int:kartlegging_id>/rett/",
        kartlegging.EndreKartlegging.as_view(),
        name="endre_kartlegging",
    ),
    path(
        "deltakere/<int:pk>/kartlegging/<int:kartlegging_id>/<slug:instrument>/",
        kartlegging.Screeningskjema.as_view(),
        name="screening",
    ),
    path("deltakere/<int:pk>/plan/", plan.planside, name="plan"),
    path("deltakere/<int:pk>/plan/ny/", plan.NyPlan.as_view(), name="ny_plan"),
    path("deltakere/<int:pk>/plan/<int:plan_id>/endre/", plan.EndrePlan.as_view(), name="endre_plan"),
    path("deltakere/<int:pk>/plan/<int:plan_id>/aktiver/", plan.AktiverPlan.as_view(), name="aktiver_plan"),
    path("deltakere/<int:pk>/plan/<int:plan_id>/avslutt/", plan.AvsluttPlan.as_view(), name="avslutt_plan"),
    path("deltakere/<int:pk>/plan/<int:plan_id>/hovedmal/ny/", plan.NyttHovedmal.as_view(), name="nytt_hovedmal"),
    path(
        "deltakere/<int:pk>/plan/<int:plan_id>/hovedmal/<int:hovedmal_id>/",
        plan.EndreHovedmal.as_view(),
        name="endre_hovedmal",
    ),
    path(
        "deltakere/<int:pk>/plan/<int:plan_id>/hovedmal/<int:hovedmal_id>/delmal/ny/",
        plan.NyttDelmal.as_view(),
        name="nytt_delmal",
    ),
    path(
        "deltakere/<int:pk>/plan/<int:plan_id>/delmal/<int:delmal_id>/tiltak/ny/",
        plan.NyttTiltak.as_view(),
        name="nytt_tiltak",
    ),
    path(
        "deltakere/<int:pk>/plan/<int:plan_id>/tiltak/<int:tiltak_id>/",
        plan.EndreTiltak.as_view(),
        name="endre_tiltak",
    ),
    path(
        "deltakere/<int:pk>/plan/<int:plan_id>/tiltak/<int:tiltak_id>/status/",
        plan.TiltakStatus.as_view(),
        name="tiltak_status",
    ),
    path("deltakere/<int:pk>/plan/<int:plan_id>/utskrift/", plan.utskrift, name="plan_utskrift"),
    # Avtaler, morgenmøte tasks, cover and handover
    path("deltakere/<int:pk>/avtaler/", avtaler.deltaker_avtaler, name="deltaker_avtaler"),
    path("deltakere/<int:pk>/avtaler/ny/", avtaler.NyAvtale.as_view(), name="ny_avtale"),
    path("deltakere/<int:pk>/avtaler/<int:avtale_id>/status/", avtaler.avtalestatus, name="avtalestatus"),
    path("avtaler/", avtaler.dagens_avtaler, name="avtaler"),
    path("deltakere/<int:pk>/oppgaver/ny/", oppgaver.NyOppgaveForDeltaker.as_view(), name="ny_oppgave_for_deltaker"),
    path("morgenmote/", oppgaver.morgenmote, name="morgenmote"),
    path("morgenmote/ny/", oppgaver.ny_oppgave, name="ny_oppgave"),
    path("oppgaver/<int:oppgave_id>/tildel/", oppgaver.tildel_oppgave, name="tildel_oppgave"),
    path("oppgaver/<int:oppgave_id>/ferdig/", oppgaver.fullfor_oppgave, name="fullfor_oppgave"),
    path("oppgaver/<int:oppgave_id>/gjenapne/", oppgaver.gjenapne_oppgave, name="gjenapne_oppgave"),
    path("overlevering/", overlevering.overlevering, name="overlevering"),
    path("overlevering/kvittering/", overlevering.kvittering, name="overlevering_kvittering"),
]

# Samtaler and contacts (oppfolging.views.samtale)
urlpatterns += [
    path("deltakere/<int:pk>/samtaler/", samtale.samtaler, name="samtaler"),
    path("deltakere/<int:pk>/samtaler/ny/", samtale.NySamtale.as_view(), name="ny_samtale"),
    path("deltakere/<int:pk>/samtaler/utkast/", samtale.lagre_utkast, name="samtale_utkast"),
    path("deltakere/<int:pk>/samtaler/utkast/forkast/", samtale.forkast_utkast, name="forkast_utkast"),
    path("deltakere/<int:pk>/samtaler/<int:samtale_id>/", samtale.samtale, name="samtale"),
    path("deltakere/<int:pk>/samtaler/<int:samtale_id>/rett/", samtale.EndreSamtale.as_view(), name="endre_samtale"),
    path("deltakere/<int:pk>/samtaler/<int:samtale_id>/kommenter/", samtale.kommenter, name="kommenter_samtale"),
    path("deltakere/<int:pk>/samtaler/<int:samtale_id>/lest/", samtale.merk_lest, name="samtale_lest"),
]
