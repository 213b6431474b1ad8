"""Who can reach a workshop server, and how: the bound address, the workshop code, the address learners type.

Why these rules: a trainer's laptop in a commune hall shares its Wi-Fi hotspot with thirty phones, and the
same laptop may later sit on a café's network. So the server listens on 127.0.0.1 (this laptop only) unless
the trainer asks for the LAN; on the LAN a short numeric code, shown on the trainer's screen and in a QR
code, is needed once per phone. Wrong codes are counted per phone address, so the code cannot be guessed by
trying all million values.

Pure logic, no Tornado: ``simkit.workshop.gate`` applies it to requests.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from simkit.errors import ConfigError

LOOPBACK = "127.0.0.1"
ALL_ADDRESSES = "0.0.0.0"
CODE_DIGITS = 6
"""Six digits: typed on a phone's number pad in a few seconds, read aloud once; a million possibilities."""
MAX_WRONG = 8
"""Wrong codes from one phone address within ``WRONG_WINDOW_SECONDS`` before it has to wait."""
WRONG_WINDOW_SECONDS = 300.0
PORT_RANGE = (1024, 65535)


def new_code() -> str:
    """A fresh workshop code: ``CODE_DIGITS`` random digits (never starting with 0, so it reads as typed)."""
    return str(secrets.randbelow(9 * 10 ** (CODE_DIGITS - 1)) + 10 ** (CODE_DIGITS - 1))


def tidy_code(typed: str) -> str:
    """What a learner typed, without spaces, dashes or dots ("482 913" and "482-913" are 482913); full-width
    digits from a Vietnamese keyboard count as digits."""
    out = []
    for ch in typed.strip():
        if ch in " -.\u00a0":
            continue
        out.append(str(int(ch)) if ch.isdigit() else ch)
    return "".join(out)


def check_code_option(code: str) -> str:
    """A trainer's ``--code``: 4 to 12 digits; anything else is one line naming the option."""
    tidy = tidy_code(code)
    if not (tidy.isascii() and tidy.isdigit() and 4 <= len(tidy) <= 12):
        raise ConfigError(f"must be 4 to 12 digits, e.g. 482913 (got '{code[:20]}')", field="--code")
    return tidy


def code_matches(typed: str, code: str) -> bool:
    """Whether ``typed`` is the workshop code, compared in constant time (no timing hints to a guesser)."""
    return bool(code) and hmac.compare_digest(tidy_code(typed).encode(), code.encode())


def bind_address(lan: bool | str) -> str:
    """Where the server listens: 127.0.0.1 by default; every address of this laptop with ``--lan``; one
    address of this laptop with ``--lan ADDRESS`` (e.g. the hotspot's 10.42.0.1, so a second network the
    laptop is on does not see the workshop)."""
    if lan is False or lan == "":
        return LOOPBACK
    if lan is True:
        return ALL_ADDRESSES
    try:
        address = ipaddress.ip_address(str(lan).strip())
    except ValueError:
        raise ConfigError(
            f"'{str(lan)[:40]}' is not an IP address such as 10.42.0.1 (or give --lan alone)", field="--lan"
        ) from None
    return str(address)


def check_port(port: int) -> int:
    low, high = PORT_RANGE
    if not low <= port <= high:
        raise ConfigError(f"must be a whole number from {low} to {high} (got {port})", field="--port")
    return port


def needs_code(host: str, code_given: bool) -> bool:
    """A code is required whenever anything but this laptop can connect, or when the trainer set one."""
    return code_given or not ipaddress.ip_address(host).is_loopback


def learner_addresses(host: str, interfaces: Iterable[str]) -> list[str]:
    """The addresses learners can type: the bound one, or (bound to all) each private IPv4 address of this
    laptop, hotspot-style addresses first. Loopback is never offered to phones."""
    if host != ALL_ADDRESSES:
        return [host]
    found = []
    for text in interfaces:
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            continue
        if address.version == 4 and address.is_private and not address.is_loopback:
            found.append(str(address))
    return sorted(dict.fromkeys(found), key=lambda a: (not a.startswith(("10.42.", "192.168.")), a))


def this_laptops_addresses() -> list[str]:
    """IPv4 addresses of this laptop's network interfaces (read locally; nothing is sent anywhere)."""
    import psutil

    return [
        addr.address
        for addresses in psutil.net_if_addrs().values()
        for addr in addresses
        if addr.family.name == "AF_INET"
    ]


def app_url(address: str, port: int, code: str | None = None) -> str:
    """The address a learner opens (with the code in it, for the QR code: scanning logs the phone in)."""
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}:{port}/" + (f"?token={code}" if code else "")


@dataclass
class WrongCodes:
    """Wrong codes per phone address in a sliding window; ``blocked`` says how long that address must wait.

    A phone that typed a wrong code ``MAX_WRONG`` times in five minutes waits until the oldest of those
    attempts is five minutes old. A right code clears its address's count.
    """

    limit: int = MAX_WRONG
    window: float = WRONG_WINDOW_SECONDS
    clock: Callable[[], float] = time.monotonic
    _seen: dict[str, list[float]] = field(default_factory=dict)

    def blocked(self, client: str) -> float:
        """Seconds ``client`` must still wait (0 if it may try)."""
        recent = self._recent(client)
        if len(recent) < self.limit:
            return 0.0
        return max(0.0, recent[0] + self.window - self.clock())

    def wrong(self, client: str) -> None:
        self._recent(client).append(self.clock())
        if len(self._seen) > 10_000:  # bounded memory even if many addresses try
            self._seen.pop(next(iter(self._seen)))

    def right(self, client: str) -> None:
        self._seen.pop(client, None)

    def _recent(self, client: str) -> list[float]:
        now = self.clock()
        kept = [t for t in self._seen.get(client, []) if now - t < self.window]
        self._seen[client] = kept
        return kept
