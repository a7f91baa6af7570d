"""Fault tests: real worker processes killed with SIGKILL, a Redis of their own stopped and
started again, against PostgreSQL. Run by tools/fault_tests.sh (FAULT_TESTS=1); skipped by the
normal suite. When FAULT_TESTS=1, a missing prerequisite fails every test, loudly."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
ENABLED = os.environ.get("FAULT_TESTS") == "1"


def pytest_collection_modifyitems(config, items):
    if ENABLED:
        return
    skip = pytest.mark.skip(reason="fault test: run by tools/fault_tests.sh (FAULT_TESTS=1)")
    for item in items:
        if "faults" in item.keywords:
            item.add_marker(skip)


def wait_until(condition: Callable[[], object], *, timeout: float, every: float = 0.1, what=""):
    """`condition()`'s first true value, or a failure after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"Waited {timeout} s in vain for {what or condition}")
        time.sleep(every)


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _faults_dir() -> Path:
    return Path(settings.FAULTS_DIR)


# --- Prerequisites --------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _prerequisites():
    problems = []
    if settings.SETTINGS_MODULE != "tests.faults.settings":
        problems.append("DJANGO_SETTINGS_MODULE must be tests.faults.settings")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("DATABASE_URL must point at PostgreSQL")
    port = urlsplit(settings.REDIS_URL).port if settings.REDIS_URL else None
    if port is None or port == 6379:
        problems.append("REDIS_URL must point at a Redis of the fault tests' own (not 6379)")
    if not shutil.which("redis-server") or not shutil.which("redis-cli"):
        problems.append("redis-server and redis-cli must be installed")
    if not (Path(sys.prefix) / "bin" / "celery").exists():
        problems.append("the celery command is missing from the virtual environment")
    if not os.environ.get("FAULTS_DIR"):
        problems.append("FAULTS_DIR must name the run's scratch folder")
    if problems:
        pytest.fail("Fault tests cannot run: " + "; ".join(problems), pytrace=False)
    return port


# --- A Redis of our own ---------------------------------------------------------------------


class Redis:
    """The fault tests' Redis, started and stopped by them (never the shared one on 6379)."""

    def __init__(self, port: int, folder: Path):
        self.port = port
        self.folder = folder
        self.pidfile = folder / f"redis-{port}.pid"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "yes",
                "--dir", str(self.folder),
                "--pidfile", str(self.pidfile),
                "--logfile", str(self.folder / f"redis-{self.port}.log"),
            ],
            check=True,
        )  # fmt: skip
        wait_until(self.answers, timeout=10, what=f"Redis on port {self.port}")

    def answers(self) -> bool:
        ping = ["redis-cli", "-p", str(self.port), "ping"]
        return subprocess.run(ping, capture_output=True, text=True).stdout.strip() == "PONG"

    def stop(self) -> None:
        """Stop it like a crash: SIGKILL, nothing saved."""
        pid = int(self.pidfile.read_text()) if self.pidfile.exists() else None
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        wait_until(lambda: not _port_open(self.port), timeout=10, what="Redis to stop")
        self.pidfile.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def redis(_prerequisites):
    port = _prerequisites
    if _port_open(port):
        pytest.fail(f"Port {port} is already taken: the fault tests' Redis must be their own")
    server = Redis(port, _faults_dir() / "redis")
    server.start()
    yield server
    server.stop()


# --- Worker processes -----------------------------------------------------------------------


class Process:
    """A Celery process group of its own (`celery worker` with its pool processes, or `celery
    beat`), like a container: SIGKILL to the group kills it whole."""

    def __init__(self, name: str, arguments: list[str], env: dict, ready: bytes):
        folder = _faults_dir() / "workers"
        folder.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.ready = ready
        self.log = folder / f"{name}.log"
        self.pidfile = folder / f"{name}.pid"
        command = [str(Path(sys.prefix) / "bin" / "celery"), "-A", "tests.faults.worker_app"]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                command + arguments, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        # tools/fault_tests.sh kills what is left, should this run be interrupted.
        self.pidfile.write_text(str(self.process.pid))

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self) -> "Process":
        wait_until(
            lambda: self.ready in self.log.read_bytes() or not self.alive,
            timeout=120,
            what=f"{self.name} to start",
        )
        assert self.alive, self.log.read_text()[-3000:]
        return self

    def kill(self) -> None:
        if self.alive:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.pidfile.unlink(missing_ok=True)


class Cluster:
    """What production runs: two workers of two pool processes each, and one beat that sweeps
    every second. Started once for the session (a worker takes long to start on a busy
    machine); a test that kills a worker whole has it replaced."""

    def __init__(self, env: dict):
        self.env = env
        self.count = 0
        self.beat = Process(
            "beat",
            ["beat", "--schedule", str(_faults_dir() / "beat-schedule"), "--loglevel", "INFO"],
            env,
            ready=b"beat: Starting...",
        )
        self.workers = [self._worker(), self._worker()]

    def _worker(self) -> Process:
        self.count += 1
        name = f"worker{self.count}"
        arguments = [
            "worker", "--concurrency", "2", "--pool", "prefork", "--hostname", f"{name}@%h",
            "--without-gossip", "--without-mingle", "--loglevel", "INFO",
            "--queues", f"{settings.CELERY_TASK_DEFAULT_QUEUE},{settings.CELERY_PDF_QUEUE}",
        ]  # fmt: skip
        return Process(name, arguments, self.env, ready=b" ready.")

    def wait_ready(self) -> None:
        for process in [self.beat, *self.workers]:
            process.wait_ready()

    def kill_worker_of(self, pid: int) -> Process:
        """SIGKILL to the whole worker that `pid` (a pool process) belongs to, and start a
        replacement, as an orchestrator would."""
        group = os.getpgid(pid)
        (worker,) = [w for w in self.workers if w.process.pid == group]
        worker.kill()
        self.workers.remove(worker)
        self.workers.append(self._worker())
        return worker

    def all_alive(self) -> bool:
        return all(p.alive for p in [self.beat, *self.workers])

    def stop(self) -> None:
        for process in [self.beat, *self.workers]:
            process.kill()


def kill_process(pid: int) -> None:
    """SIGKILL to one pool process, like the kernel's out-of-memory killer."""
    os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def _cluster(django_db_setup, redis):
    from django.db import connection

    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.settings",
        "DATABASE_URL": (
            f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
        "PYTHONPATH": str(ROOT),
    }
    cluster = Cluster(env)
    try:
        cluster.wait_ready()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def scratch():
    """Clean media and traces for each test."""
    for name in ("runs", "media", "private-media"):
        shutil.rmtree(_faults_dir() / name, ignore_errors=True)
    return _faults_dir()


@pytest.fixture
def cluster(_cluster, reference_data, scratch):
    """The running workers and beat, on a test database that they see (committed data)."""
    _cluster.wait_ready()
    return _cluster
