from django.db import DatabaseError


def test_it_answers_without_login(client, db):
    response = client.get("/helse/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_reports_a_database_failure_as_503(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("nede")

    with monkeypatch.context() as patch:
        patch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
        response = client.get("/helse/")
    assert response.status_code == 503
    assert response.json()["status"] == "feil"
