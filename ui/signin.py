"""Optional sign-in with OpenID Connect (Streamlit's ``st.login``), for a hosted copy of the app.

Off unless the secrets hold an ``[auth]`` section (client id, secret, the provider's metadata URL, the redirect
URI and a cookie secret: .streamlit/secrets.toml.example shows Microsoft Entra ID). When on, a visitor who is not
signed in gets the sign-in page and nothing else: it is the only page app.py registers for them, so no other
page's path, menu entry or content is served. Each signed-in user's uploads stay in their own session
(ui.session): nothing uploaded is shared between users or written to disk.
"""

from __future__ import annotations

import streamlit as st

SIGN_IN_TITLE = "Sign in"


def sign_in_required() -> bool:
    """True when the secrets configure an OpenID Connect provider (the ``[auth]`` section)."""
    return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)


def _sign_in_page() -> None:
    st.title("Justice Health Explorer")
    st.markdown("This copy of Justice Health Explorer is for signed-in users. Sign in with your organisation's "
                "account to continue.")
    st.button("Sign in", type="primary", on_click=st.login)


def allowed() -> bool:
    """Whether this visitor may see the app; if not, the sign-in page is drawn (the only page registered)."""
    if not sign_in_required() or st.user.get("is_logged_in", False):
        return True
    st.navigation([st.Page(_sign_in_page, title=SIGN_IN_TITLE, url_path="sign_in", default=True)],
                  position="hidden").run()
    return False


def account_box() -> None:
    """In the sidebar, when sign-in is on: who is signed in, and a way to sign out."""
    if not sign_in_required():
        return
    name = st.user.get("name") or st.user.get("email") or "you"
    with st.sidebar:
        st.caption(f"Signed in as {name}.")
        st.button("Sign out", on_click=st.logout)
