from django.test import Client


def test_unknown_page_gives_norwegian_404(client, db):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()


def test_server_error_page_is_norwegian_and_leaks_nothing(db, settings):
    settings.ROOT_URLCONF = "tests.config.krasj_urls"
    response = Client(raise_request_exception=False).get("/krasj/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Noe gikk galt" in body
    assert "Ola Testperson" not in body and "Traceback" not in body
