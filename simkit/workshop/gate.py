"""The workshop code in front of Voilà: a Jupyter identity provider and its bilingual code page.

Why an identity provider: every Voilà page and kernel connection already asks jupyter_server's identity
provider who the visitor is (``@web.authenticated``), so replacing it puts the code check in front of all of
them at once. A phone that gave the right code (typed on the code page, or in the QR code's ``?token=``)
gets a signed login cookie and is not asked again while the server runs. Unlike the stock provider, wrong
codes are counted per phone address (``WrongCodes``) on both paths, and codes are compared in constant time.

Voilà is started with ``--Voila.identity_provider_class=simkit.workshop.gate.WorkshopIdentityProvider``;
the code comes from the environment (``SIMKIT_WORKSHOP_CODE``), so it is not shown in the process list.
"""

from __future__ import annotations

import html
import math
import os
from typing import Any
from urllib.parse import urlsplit

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.auth.login import LoginFormHandler
from tornado import web

from simkit.workshop.access import WrongCodes, code_matches
from simkit.workshop.strings import load_workshop_strings

CODE_ENV = "SIMKIT_WORKSHOP_CODE"
_WRONG = WrongCodes()


class WorkshopIdentityProvider(IdentityProvider):
    """Lets in a phone that knows the workshop code; everyone else sees the code page."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("login_handler_class", None)
        super().__init__(login_handler_class=WorkshopCodeHandler, **kwargs)
        self.token = os.environ.get(CODE_ENV, "")
        if not self.token:
            raise RuntimeError(f"{CODE_ENV} is not set: the workshop server needs a code")
        self.token_generated = False

    @property
    def auth_enabled(self) -> bool:
        return True

    @property
    def logout_available(self) -> bool:
        return False

    async def get_user_token(self, handler: web.RequestHandler) -> User | None:
        """``?token=CODE`` (the QR code) or ``Authorization: token CODE``, counted like typed codes."""
        typed = self.get_token(handler)
        if not typed:
            return None
        client = handler.request.remote_ip or "?"
        if _WRONG.blocked(client) or not code_matches(typed, self.token):
            _WRONG.wrong(client)
            return None
        _WRONG.right(client)
        return self.get_user_cookie(handler) or self.generate_anonymous_user(handler)  # type: ignore[return-value]

    def process_login_form(self, handler: web.RequestHandler) -> User | None:
        typed = handler.get_argument("password", default="")
        if code_matches(typed, self.token):
            return self.generate_anonymous_user(handler)
        return None


def _lang(handler: web.RequestHandler) -> str:
    wanted = handler.get_argument("lang", default="")
    if wanted in ("vi", "en"):
        return wanted
    accept = handler.request.headers.get("Accept-Language", "vi")
    return "en" if accept.lower().startswith("en") else "vi"


class WorkshopCodeHandler(LoginFormHandler):
    """``/login``: one field for the code, large on a phone, in Vietnamese with English beneath."""

    @allow_unauthenticated
    def get(self) -> None:
        if self.current_user:
            self._redirect_safe(self._next())
        else:
            self._page()

    @allow_unauthenticated
    def post(self) -> None:
        client = self.request.remote_ip or "?"
        wait = _WRONG.blocked(client)
        if wait:
            self.set_status(429)
            self._page(("login.wait", {"minutes": max(1, math.ceil(wait / 60))}))
            return
        user = self.identity_provider.process_login_form(self)
        if user is None:
            _WRONG.wrong(client)
            self.set_status(401)
            self._page(("login.wrong", {}))
            return
        _WRONG.right(client)
        self.current_user = user
        self.identity_provider.set_login_cookie(self, user)
        self._redirect_safe(self._next())

    def _next(self) -> str:
        target = self.get_argument("next", default="/")
        parts = urlsplit(target)
        # only a path on this server (no other host, no scheme-relative //host)
        return target if not parts.scheme and not parts.netloc and target.startswith("/") else "/"

    def _page(self, problem: tuple[str, dict[str, Any]] | None = None) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(code_page(_lang(self), self.xsrf_form_html(), self._next(), problem))


def code_page(lang: str, xsrf_field: str, next_url: str, problem: tuple[str, dict[str, Any]] | None) -> str:
    """The code page: self-contained HTML (no scripts, no fonts or files from anywhere), both languages."""
    strings = load_workshop_strings()
    other = "en" if lang == "vi" else "vi"

    def say(key: str, in_lang: str = lang, **params: Any) -> str:
        return html.escape(strings.get(key, in_lang, **params))

    alert = ""
    if problem is not None:
        key, params = problem
        alert = (
            f"<p class='bad' role='alert'>{say(key, **params)}"
            f"<br><span lang='{other}'>{say(key, other, **params)}</span></p>"
        )
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{say("login.title")}</title>
<style>
 body {{ font-family: "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; font-size: 20px; line-height: 1.5;
        margin: 0; padding: 1.2rem; color: #111; background: #fff; }}
 main {{ max-width: 28rem; margin: 0 auto; }}
 h1 {{ font-size: 1.6rem; margin: 0.4rem 0; }}
 .other {{ color: #333; font-size: 1rem; }}
 label {{ display: block; font-weight: bold; margin-top: 1rem; }}
 input {{ font-size: 2rem; letter-spacing: 0.2em; width: 100%; box-sizing: border-box; padding: 0.4rem;
         border: 2px solid #333; border-radius: 8px; }}
 button {{ font-size: 1.3rem; margin-top: 1rem; padding: 0.6rem 1.4rem; width: 100%; border-radius: 8px;
          border: 0; background: #0b5394; color: #fff; }}
 :focus-visible {{ outline: 3px solid #e69138; outline-offset: 2px; }}
 .bad {{ color: #990000; font-weight: bold; }}
</style></head>
<body><main>
<h1>{say("login.title")}</h1><p class="other" lang="{other}">{say("login.title", other)}</p>
{alert}
<form method="post" action="/login?next={html.escape(next_url, quote=True)}">
{xsrf_field}
<label for="code">{say("login.label")} <span lang="{other}">/ {say("login.label", other)}</span></label>
<input id="code" name="password" type="text" inputmode="numeric" autocomplete="one-time-code"
 autofocus required maxlength="20" aria-describedby="help">
<p id="help">{say("login.help")}<br><span class="other" lang="{other}">{say("login.help", other)}</span></p>
<button type="submit">{say("login.submit")} /
 <span lang="{other}">{say("login.submit", other)}</span></button>
</form>
</main></body></html>
"""
