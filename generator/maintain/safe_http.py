"""One HTTP request that cannot be turned inward.

The link checker runs in CI on addresses anyone can put in a pull request, and
follows redirects. So before every connection — the first and each redirect —
the host is resolved here and every address it resolves to must be public:
loopback, private, link-local (169.254.x.x, where cloud metadata lives),
unique-local, multicast, reserved and unspecified addresses are refused, in
IPv4 and IPv6 (IPv4-mapped IPv6 addresses are judged as the IPv4 address they
carry). The connection then goes to the very address that was checked (a name
that answers differently a moment later gains nothing), with the host name
kept for the request and for the certificate. Only http and https are spoken.

Each request also has a deadline for the whole answer: a server that sends its
headers one byte at a time is cut off when the deadline passes, however often
it sends.

Proxies set in the environment are not used: a proxy would resolve the name
itself, out of reach of these checks.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..data.words import plural

SCHEMES = {"http": 80, "https": 443}


class RefusedError(Exception):
    """The address may not be fetched; the message says why."""


class DeadlineError(TimeoutError):
    """The whole answer did not arrive in time."""


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    headers: dict[str, str]


def public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int, allow: frozenset[str] = frozenset()) -> list[str]:
    """The addresses to connect to, all checked. ``allow`` names exact addresses,
    written as such in the URL, that the caller trusts (the tests' own server on
    127.0.0.1); a name that resolves to one of them is still refused."""
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        if host not in allow and not public(host):
            raise RefusedError(f"{host} is a private or reserved address")
        return [host]
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise  # "the host name was not found", as before
    except UnicodeError:
        raise RefusedError(f"the host name {host!r} cannot be looked up") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    return _checked(host, addresses, allow)


def _checked(host: str, addresses: list[str], allow: frozenset[str]) -> list[str]:
    for address in addresses:
        if not public(address):
            raise RefusedError(f"{host} is at {address}, a private or reserved address")
    return addresses


def check_target(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of a web address, or RefusedError."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RefusedError(f"{url!r} is not a well-formed web address") from None
    if parts.scheme not in SCHEMES:
        raise RefusedError(f"{url!r} is not a web address (only http and https are checked)")
    if not parts.hostname:
        raise RefusedError(f"{url!r} has no host")
    return parts.scheme, parts.hostname, port or SCHEMES[parts.scheme]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def request(
    url: str, method: str, *, timeout: float, deadline: float, user_agent: str, allow: frozenset[str] = frozenset()
) -> Answer:
    """Send one request (no redirect followed) and read the answer's head.

    ``timeout`` bounds each wait; ``deadline`` the whole request, in seconds.
    Raises RefusedError, DeadlineError, or the usual OSError and HTTPException."""
    scheme, host, port = check_target(url)
    address = resolve(host, port, allow)[0]
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = kind(host, port, address, timeout)
    expired = threading.Event()

    def cut_off() -> None:
        expired.set()
        sock = connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    timer = threading.Timer(deadline, cut_off)
    timer.daemon = True
    timer.start()
    started = time.monotonic()
    try:
        connection.request(method, path, headers={"User-Agent": user_agent, "Accept": "text/html,*/*;q=0.8"})
        response = connection.getresponse()
        headers = {key.lower(): value for key, value in response.getheaders()}
        if expired.is_set():  # cut off mid-answer: what was read is not the whole head
            raise DeadlineError(f"no complete answer within {deadline:g} {plural('second', 1 if deadline == 1 else 2)}")
        return Answer(response.status, response.reason or "", headers)
    except (OSError, http.client.HTTPException):
        if expired.is_set() or time.monotonic() - started >= deadline:
            raise DeadlineError(
                f"no complete answer within {deadline:g} {plural('second', 1 if deadline == 1 else 2)}"
            ) from None
        raise
    finally:
        timer.cancel()
        connection.close()
