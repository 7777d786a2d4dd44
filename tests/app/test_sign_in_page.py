"""AppTest: sign-in is off by default (no [auth] secrets: the Overview opens), and on, a visitor who is not signed
in gets the sign-in page and nothing else (the browser test tests/e2e/test_sign_in.py signs in for real)."""

from tests.support.apptest import markdown_text

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 40, "client_id": "jhe",
        "client_secret": "secret", "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


def test_off_by_default(app_with_open_data):
    app_with_open_data.run()
    assert not app_with_open_data.exception
    assert [button.label for button in app_with_open_data.button if button.label == "Sign in"] == []
    assert app_with_open_data.title[0].value.startswith("Health and social needs")


def test_on_a_visitor_gets_the_sign_in_page_only(app_with_open_data):
    app_with_open_data.secrets["auth"] = AUTH
    app_with_open_data.query_params["area"] = "E08000016"
    app_with_open_data.run()
    assert not app_with_open_data.exception
    assert [title.value for title in app_with_open_data.title] == ["Justice Health Explorer"]
    assert [button.label for button in app_with_open_data.button] == ["Sign in"]
    assert "signed-in users" in markdown_text(app_with_open_data)
    assert not app_with_open_data.sidebar.selectbox  # no sidebar filters, no page content
