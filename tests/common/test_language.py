import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("accept", ["en-US,en;q=0.9", "fr-FR", "zh-TW", ""])
def test_pages_are_chinese_whatever_language_the_browser_asks_for(client, accept):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    text = response.content.decode()
    assert "红管家 联万家" in text
    assert "Red Steward" not in text


def test_signed_out_resident_is_sent_to_the_mobile_sign_in(client):
    response = client.get("/notifications/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/?next=")
