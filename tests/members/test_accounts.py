import pytest
from django.core import mail
from django.core.cache import cache

from tests.conftest import totp_code
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_a_focal_point_signs_in_with_email_and_password(client, fp_senegal):
    response = client.post("/fr/accounts/login/", {"login": fp_senegal.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/fr/members/SN/edit/").status_code == 200


@pytest.mark.django_db
def test_repeated_failed_logins_are_rate_limited(client, fp_senegal):
    for _ in range(5):
        client.post("/fr/accounts/login/", {"login": fp_senegal.email, "password": "wrong"})

    response = client.post("/fr/accounts/login/", {"login": fp_senegal.email, "password": PASSWORD})

    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_is_sent_and_rate_limited(client, fp_senegal):
    for _ in range(5):
        client.post("/fr/accounts/password/reset/", {"email": fp_senegal.email})
    assert len(mail.outbox) == 5

    response = client.post("/fr/accounts/password/reset/", {"email": fp_senegal.email})

    assert len(mail.outbox) == 5
    assert response.status_code in (200, 429)


@pytest.mark.django_db
def test_secretariat_is_asked_for_its_authenticator_code_at_login(client, secretariat):
    response = client.post(
        "/fr/accounts/login/", {"login": secretariat.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/fr/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    wrong = client.post("/fr/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    right = client.post(
        "/fr/accounts/2fa/authenticate/", {"code": totp_code(secretariat.totp_secret)}
    )
    assert right.status_code == 302
    assert client.get("/fr/users/").status_code == 200
