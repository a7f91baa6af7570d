"""The benchmark's settings: production's, served over plain HTTP on loopback, with one extra
address, the bare view every figure is compared with (bench/urls.py)."""

from gtr_portal.settings.production import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"
# Loopback, no TLS in front: production's redirect to HTTPS would answer every request.
SECURE_SSL_REDIRECT = False
