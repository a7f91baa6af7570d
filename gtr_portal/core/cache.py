"""A Redis cache that a stopped Redis cannot turn into errors.

The cache holds nothing the portal cannot rebuild (rate-limit counters, sign-in pauses, rendered
fragments). When Redis does not answer, each operation falls back to a cache in the process's
memory and a warning is logged once per outage; for `RETRY_AFTER_SECONDS` no request waits on
Redis again. Counters then hold per process instead of across processes: sign-in throttling
stays on, less strict, until Redis is back (docs/security.md).
"""

import logging
import time

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
_OPERATIONS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # Fail in half a second, not in the client's default of never.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._fallback = LocMemCache(f"fallback-{server}", {"TIMEOUT": params.get("TIMEOUT")})
        self._down_until = 0.0

    def _call(self, name, *args, **kwargs):
        fallback_operation = getattr(self._fallback, name)
        if time.monotonic() < self._down_until:
            return fallback_operation(*args, **kwargs)
        try:
            return getattr(super(), name)(*args, **kwargs)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            logger.warning(
                "Cache unavailable (%s); using this process's memory for %s s",
                exc,
                RETRY_AFTER_SECONDS,
            )
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            return fallback_operation(*args, **kwargs)


def _resilient(name):
    def operation(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    operation.__name__ = name
    return operation


for _name in _OPERATIONS:
    setattr(ResilientRedisCache, _name, _resilient(_name))
