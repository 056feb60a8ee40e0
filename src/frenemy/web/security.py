"""Who may talk to the server, and from where: Host names, origins of writes, the bearer token,
CSRF tokens for forms, and the headers every response carries.

The server runs on an analyst's machine and holds their store, so a web page they happen to visit
must not be able to read it or write to it:

- **DNS rebinding**: a hostile page can make its own name resolve to 127.0.0.1 and then read the
  server as "same origin". The browser still sends the hostile name in ``Host``, so only the names
  this server is meant to answer to (the loopback names, the address it binds, ``--allowed-host``)
  are served; any other gets 400.
- **Cross-site writes**: a hostile page can post a form to the server. A write (POST, PUT, PATCH,
  DELETE) whose ``Origin`` (or, without it, ``Referer``) is not the server's own, or that the
  browser marks ``Sec-Fetch-Site: cross-site``/``same-site``, gets 403; the upload form also
  carries a CSRF token bound to a cookie and signed by this process.
- **The token**: accepted as ``Authorization: Bearer T`` or the ``frenemy_token`` cookie. A page
  opened as ``/?token=T`` sets the cookie and redirects to the same address without the token,
  so it stays out of history, logs and links; ``?token=`` is accepted nowhere else.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: with no-referrer a browser sends ``Origin: null`` on our own
    # form posts, which the origin check must refuse. Other sites still learn nothing.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WILDCARD_ADDRESSES = {"0.0.0.0", "::", "[::]", ""}
TOKEN_COOKIE = "frenemy_token"
CSRF_COOKIE = "frenemy_csrf"
CSRF_FIELD = "csrf"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_NAME = re.compile(r"^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)$")
_NONCE = re.compile(r"^[A-Za-z0-9_-]{22,64}$")


class Refused(Exception):
    """A request this server will not serve: ``status`` and a one-line reason for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def host_name(value: str) -> str | None:
    """The name part of a ``Host`` header or ``--allowed-host`` value, lower case, without the port
    or a trailing dot; ``None`` if it is not a host name or address at all."""
    value = value.strip().lower()
    if value.startswith("["):
        name, closed, rest = value.partition("]")
        if not closed:
            return None
        name += "]"
        port = rest[1:] if rest.startswith(":") else rest
    elif value.count(":") > 1:  # a bare IPv6 address, as --host ::1 is written
        name, port = f"[{value}]", ""
    else:
        name, _, port = value.partition(":")
    name = name.rstrip(".") if not name.startswith("[") else name
    if port and not port.isdigit():
        return None
    return name if _NAME.match(name) else None


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass
class Guard:
    """The rules for one server: the token (if any), the names it answers to, and the secret
    that signs this process's CSRF tokens (a restart invalidates open forms, nothing else)."""

    token: str | None = None
    bind_host: str = "127.0.0.1"
    allowed_hosts: Iterable[str] = ()
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def __post_init__(self) -> None:
        names = set(LOOPBACK_NAMES)
        self.any_address = self.bind_host.strip().lower() in WILDCARD_ADDRESSES
        for value in (self.bind_host, *self.allowed_hosts):
            if value.strip().lower() in WILDCARD_ADDRESSES:
                continue
            name = host_name(value)
            if name is None:
                raise ValueError(f"not a host name or address: {value!r}")
            names.add(name)
        self.names = frozenset(names)

    # -- Host -----------------------------------------------------------------------------------

    def check_host(self, request: Request) -> None:
        """Serve only the names this server is for. Bound to every address (0.0.0.0), it also
        answers any IP address typed as such: a rebinding attack always arrives under a name."""
        raw = request.headers.get("host")
        if not raw:
            raise Refused(400, "missing Host header")
        name = host_name(raw)
        if name in self.names or (name is not None and self.any_address and _is_ip(name)):
            return
        raise Refused(400, "this server does not answer to that Host name (DNS rebinding defence); "
                           "start it with --allowed-host NAME to serve another name")

    # -- origins of writes ----------------------------------------------------------------------

    def check_origin(self, request: Request) -> None:
        """Refuse a write that a browser says comes from another site or origin. A client that
        sends neither Origin nor Referer is not a browser (every current browser sends Origin on
        a POST) and cannot carry a victim's cookies without the user's own doing."""
        if request.method in SAFE_METHODS:
            return
        site = request.headers.get("sec-fetch-site", "")
        if site in {"cross-site", "same-site"}:
            raise Refused(403, f"cross-origin write refused (Sec-Fetch-Site: {site})")
        origin = request.headers.get("origin")
        source, what = (origin, "Origin") if origin is not None else (request.headers.get("referer"), "Referer")
        if source is None:
            return
        if _origin_of(source) != _own_origin(request):
            raise Refused(403, f"cross-origin write refused: its {what} is not this server's origin")

    # -- the bearer token -----------------------------------------------------------------------

    def check_token(self, request: Request) -> Response | None:
        """Nothing when the request may pass; a redirect that sets the cookie when a page was
        opened with the right ``?token=``. Raises ``Refused`` (401) otherwise."""
        if self.token is None:
            return None
        given = request.query_params.get("token")
        if given is not None and _is_page(request):
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                raise Refused(401, "wrong token", {"WWW-Authenticate": "Bearer"})
            query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
            response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict", path="/")
            return response
        header = request.headers.get("authorization", "")
        scheme, _, credential = header.partition(" ")
        candidates = [credential.strip()] if scheme.lower() == "bearer" else []
        if TOKEN_COOKIE in request.cookies:
            candidates.append(request.cookies[TOKEN_COOKIE])
        if any(hmac.compare_digest(c.encode(), self.token.encode()) for c in candidates):
            return None
        raise Refused(401, "missing or wrong bearer token (send Authorization: Bearer TOKEN; in a browser open "
                           "/?token=TOKEN once)", {"WWW-Authenticate": "Bearer"})

    # -- CSRF tokens for forms ------------------------------------------------------------------

    def csrf_for(self, request: Request) -> tuple[str, str | None]:
        """The form field value for this browser, and a new cookie nonce to set (or ``None`` if
        its cookie is already good). The field is the cookie signed with this process's secret,
        so a page that can plant a cookie (a sibling port of localhost) still cannot forge it."""
        nonce = request.cookies.get(CSRF_COOKIE, "")
        fresh = None
        if not _NONCE.match(nonce):
            nonce = fresh = secrets.token_urlsafe(24)
        return self._sign(nonce), fresh

    def check_csrf(self, request: Request, field_value: str | None) -> None:
        nonce = request.cookies.get(CSRF_COOKIE, "")
        if not field_value or not _NONCE.match(nonce) or not hmac.compare_digest(field_value, self._sign(nonce)):
            raise Refused(403, "the form's CSRF token is missing or stale: reload the page and send it again")

    def _sign(self, nonce: str) -> str:
        return hmac.new(self.secret, nonce.encode(), hashlib.sha256).hexdigest()


def set_csrf_cookie(response: Response, nonce: str) -> None:
    response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict", path="/")


def harden(response: Response) -> Response:
    """Add the security headers (every response, errors and 500s included)."""
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


def is_page_path(path: str) -> bool:
    """A page a person opens in a browser (answered in HTML), not the API or a static file."""
    return not path.startswith(("/api/", "/static/")) and path not in {"/openapi.json", "/favicon.ico"}


def _is_page(request: Request) -> bool:
    """Where a ``?token=`` link may land: a page opened, not an API call or a form sent."""
    return request.method in {"GET", "HEAD"} and is_page_path(request.url.path)


def _origin_of(url: str) -> tuple[str, str | None, int | None] | None:
    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None  # "null" and other opaque origins
    return parts.scheme.lower(), host_name(parts.netloc.rpartition("@")[2]), port


def _own_origin(request: Request) -> tuple[str, str | None, int | None] | None:
    return _origin_of(f"{request.url.scheme}://{request.headers.get('host', '')}")


__all__ = ["CSRF_FIELD", "CSP", "Guard", "Refused", "harden", "host_name", "is_page_path", "set_csrf_cookie"]
