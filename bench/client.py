"""A small bounded HTTP client for the benchmark: blocking requests on loopback from threads of
this process (gunicorn runs in others). Each request opens its own connection, as gunicorn's
sync workers close them."""

import http.client
import random
import re
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int
    seconds: float
    body: bytes
    cookies: dict[str, str]
    location: str = ""


@dataclass
class Tally:
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, failure: str = "") -> None:
        with self.lock:
            self.seconds.append(seconds)
            if failure:
                self.failures.append(failure)


def fetch(port, path, *, cookies=None, method="GET", body=None, headers=None) -> Answer:
    headers = {"Accept-Encoding": "gzip", "Host": "127.0.0.1", **(headers or {})}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    received = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            received[key.strip()] = rest.split(";", 1)[0]
    return Answer(response.status, seconds, content, received, response.getheader("Location", ""))


def throughput(port, path, *, cookies=None, seconds=2.0, concurrency=4) -> float:
    """Requests answered per second with `concurrency` requests always in flight."""
    done = []
    deadline = time.perf_counter() + seconds

    def loop():
        count = 0
        while time.perf_counter() < deadline:
            answer = fetch(port, path, cookies=cookies)
            if answer.status != 200:
                raise RuntimeError(f"{path} answered {answer.status}")
            count += 1
        done.append(count)

    started = time.perf_counter()
    threads = [threading.Thread(target=loop) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)


def latencies(port, path, *, cookies=None, count=30) -> list[float]:
    """Response times one request at a time, in milliseconds."""
    samples = []
    for _ in range(count):
        answer = fetch(port, path, cookies=cookies)
        if answer.status != 200:
            raise RuntimeError(f"{path} answered {answer.status}")
        samples.append(answer.seconds * 1000)
    return samples


def p95(samples: list[float]) -> float:
    if len(samples) < 2:
        return samples[0] if samples else 0.0
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def csrf_for(port, path, cookies) -> tuple[str, dict]:
    """A form's CSRF token and the cookies to send with it (the page sets the CSRF cookie)."""
    answer = fetch(port, path, cookies=cookies, headers={"Accept-Encoding": "identity"})
    match = CSRF_INPUT.search(answer.body)
    if not match:
        raise RuntimeError(f"No form on {path} ({answer.status})")
    return match.group(1).decode(), {**cookies, **answer.cookies}


def post_form(port, path, fields, *, cookies, files=None) -> Answer:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    for name, (filename, content, content_type) in (files or {}).items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return fetch(
        port,
        path,
        cookies=cookies,
        method="POST",
        body=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Referer": f"http://127.0.0.1:{port}{path}",
        },
    )


def pdf_of(size: int) -> bytes:
    """A valid one-page PDF of about `size` bytes (an evidence file): random bytes attached."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("measurements.bin", random.Random(1).randbytes(size))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
