from django.urls import path

from .views import ansatte, konto

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
