"""Polite HTTP GET for the refresh: a contact address in the User-Agent, a minimum interval
between requests to one host, retries with doubling waits on 429, 5xx and dropped connections,
and an on-disk cache so that a re-run (or a run cut short) does not ask the services again.

urllib is enough for JSON GETs; a third-party client would add a dependency and no capability.
"""

from __future__ import annotations

import hashlib
import json
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .settings import Settings

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class Unreachable(Exception):
    """The service could not be reached (offline, DNS failure, refused) after every retry."""

    def __init__(self, host: str, reason: str):
        super().__init__(f"{host}: {reason}")
        self.host = host
        self.reason = reason


class ServiceError(Exception):
    """The service answered, but not with something usable (an error status after retries, not JSON)."""


@dataclass
class Response:
    status: int
    body: str

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError as exc:
            raise ServiceError(f"the answer is not JSON: {exc}") from None


@dataclass
class Transport:
    settings: Settings
    root: Path
    sleep: callable = time.sleep
    clock: callable = time.monotonic
    requests: int = 0  # made over the network in this run (the cache serves the rest)
    cached: int = 0
    _last: dict[str, float] = field(default_factory=dict)

    @property
    def user_agent(self) -> str:
        return f"{self.settings.tool}/1.0 (mailto:{self.settings.mailto})"

    def _cache_path(self, url: str) -> Path:
        return self.root / self.settings.cache_dir / (hashlib.sha256(url.encode()).hexdigest() + ".json")

    def _from_cache(self, url: str) -> Response | None:
        path = self._cache_path(url)
        try:
            item = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if item.get("url") != url or time.time() - item.get("fetched", 0) > self.settings.cache_days * 86400:
            return None
        return Response(int(item["status"]), item["body"])

    def _store(self, url: str, response: Response) -> None:
        path = self._cache_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        item = {"url": url, "fetched": time.time(), "status": response.status, "body": response.body}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(item), "utf-8")
        tmp.replace(path)

    def _wait_turn(self, host: str) -> None:
        interval = 1.0 / self.settings.requests_per_second if self.settings.requests_per_second > 0 else 0.0
        last = self._last.get(host)
        if last is not None:
            remaining = last + interval - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last[host] = self.clock()

    def get(self, url: str) -> Response:
        """The answer to GET url (200 or 404; both are cached), from the cache when fresh."""
        hit = self._from_cache(url)
        if hit is not None:
            self.cached += 1
            return hit
        host = urlsplit(url).netloc
        wait = self.settings.backoff_seconds
        for attempt in range(self.settings.retries + 1):
            last_try = attempt == self.settings.retries
            self._wait_turn(host)
            self.requests += 1
            request = urllib.request.Request(url, headers={"User-Agent": self.user_agent,
                                                           "Accept": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=self.settings.timeout_seconds) as answer:
                    response = Response(answer.status, answer.read().decode("utf-8", "replace"))
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    response = Response(404, "")
                elif exc.code in RETRY_STATUSES and not last_try:
                    self.sleep(_retry_after(exc.headers.get("Retry-After"), wait))
                    wait *= 2
                    continue
                else:
                    raise ServiceError(f"{host} answered HTTP {exc.code} for {url}") from None
            except (urllib.error.URLError, socket.timeout, ConnectionError) as exc:
                if last_try:
                    reason = getattr(exc, "reason", exc)
                    raise Unreachable(host, str(reason)) from None
                self.sleep(wait)
                wait *= 2
                continue
            self._store(url, response)
            return response
        raise AssertionError("unreachable: the last attempt returns or raises")


def _retry_after(header: str | None, default: float) -> float:
    """Seconds to wait: the service's Retry-After (seconds form) when given, capped at a minute."""
    if header and header.strip().isdigit():
        return min(float(header.strip()), 60.0)
    return default
