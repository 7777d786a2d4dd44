"""Sign-in, end to end in a real browser, against a local OpenID Connect provider (oidc-provider-mock) on
127.0.0.1: with an [auth] section in the secrets, a visitor who is not signed in gets the sign-in page and no other
page, menu or content on any path; after signing in the app works; two signed-in users never see each other's
uploads; signing out returns to the sign-in page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import Browser, Page, expect

from tests.support.harness import AppServer, free_port, run_app, wait_for_app, wait_for_rerun

MAIN = '[data-testid="stMain"]'
SIDEBAR_NAV = '[data-testid="stSidebarNavLink"]'
ALICE, BOB = "alice@council.example", "bob@police.example"
PARTNERS = ("Area Code,Cohort,Indicator,Sex,Period,Numerator,Denominator,Partner\n"
            "E08000016,Probation,Depression,Persons,2024/25,30,120,Alice's PDU\n")


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    users = [User(sub=ALICE, claims={"email": ALICE, "name": "Alice"}),
             User(sub=BOB, claims={"email": BOB, "name": "Bob"})]
    with run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def signed_app(provider: str, server_env: dict[str, str], tmp_path_factory) -> Iterator[AppServer]:
    port = free_port()
    secrets = tmp_path_factory.mktemp("auth") / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-that-is-long-enough-0123456789"\n'
        'client_id = "justice-health-explorer"\n'
        'client_secret = "test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")
    with run_app(env=server_env, port=port, extra_args=["--secrets.files", str(secrets)]) as server:
        yield server


def sign_in(page: Page, url: str, who: str) -> None:
    page.goto(url)
    page.locator(MAIN).get_by_role("button", name="Sign in").click()
    page.locator('input[name="sub"]').fill(who)
    page.get_by_role("button", name="Authorize").click()
    wait_for_app(page)
    expect(page.get_by_text(f"Signed in as {who.split('@')[0].capitalize()}.")).to_be_visible()


def test_only_the_sign_in_page_is_served_before_signing_in(browser: Browser, signed_app: AppServer) -> None:
    page = browser.new_page()
    for path in ("", "overview", "board_pack", "your_data", "data_status"):
        page.goto(f"{signed_app.url}/{path}")
        wait_for_app(page)
        expect(page.locator(MAIN).get_by_role("button", name="Sign in")).to_be_visible()
        assert page.locator(SIDEBAR_NAV).count() == 0  # no menu of the app's pages
        assert page.locator(f"{MAIN} h1").all_inner_texts() == ["Justice Health Explorer"]
        assert "Overview" not in page.locator(MAIN).inner_text()
    page.close()


def test_signed_in_users_never_share_uploads(browser: Browser, signed_app: AppServer, tmp_path: Path) -> None:
    alice, bob = browser.new_context().new_page(), browser.new_context().new_page()
    sign_in(alice, signed_app.url, ALICE)
    expect(alice.locator(f"{MAIN} h1").first).to_contain_text("Health and social needs")  # the Overview
    upload = tmp_path / "alice.csv"
    upload.write_text(PARTNERS, encoding="utf-8")
    alice.locator(SIDEBAR_NAV).filter(has_text="Your data").click()
    wait_for_app(alice)
    wait_for_rerun(alice, lambda: alice.locator(f'{MAIN} input[type="file"]').set_input_files(str(upload)))
    expect(alice.get_by_text("alice.csv: 1 of 1 rows can be used", exact=False)).to_be_visible()

    sign_in(bob, signed_app.url, BOB)
    bob.locator(SIDEBAR_NAV).filter(has_text="Your data").click()
    wait_for_app(bob)
    expect(bob.locator(f"{MAIN} h1").first).to_have_text("Your data")
    assert "alice.csv" not in bob.locator(MAIN).inner_text()
    assert "Alice's PDU" not in bob.locator(MAIN).inner_text()

    bob.get_by_role("button", name="Sign out").click()
    bob.get_by_role("button", name="End session").click()  # the provider asks to confirm, then sends Bob back
    wait_for_app(bob)
    expect(bob.locator(MAIN).get_by_role("button", name="Sign in")).to_be_visible()
    alice.context.close()
    bob.context.close()
