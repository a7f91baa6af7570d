"""The performance suite of issue 12: `make bench` (scales 1 and 10) and `make bench-quick`
(scales 0.1 and 1, under ten minutes). docs/performance.md explains each figure.

For each scale: a PostgreSQL database of its own filled once (bench/data.py), the portal served
by gunicorn with production settings (2 sync workers) beside a Celery worker for jobs and one
for PDFs at the lowest CPU priority, on Redis; load from this process on loopback. Every
throughput is a ratio to a bare Django view served by the same gunicorn, measured side by side.
Writes bench/results/latest.json (each target: name, value, limit, holds) and prints a table;
exits non-zero when a target does not hold.
"""

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import client  # noqa: E402
from bench.data import PAGES  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
BIN = ROOT / ".venv" / "bin"
PG = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/13"
RESULTS = ROOT / "bench" / "results"
SCRATCH = ROOT / "var" / "bench"
THROUGHPUT_PAGES = {
    "public": 1 / 3,
    "list": 1 / 10,
    "dashboard": 1 / 10,
}
ALL_STAGES = {"pages", "exports", "background", "load"}
SIGNED_IN_THROUGHPUT = {
    "recommendation list, 50 rows",
    "my actions",
    "review queue",
    "dashboard",
    "matrix",
}


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


# --- Services --------------------------------------------------------------------------------


def ensure_services() -> None:
    """PostgreSQL and Redis, started when they are down (the same commands as .ci/run)."""
    if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], check=False).returncode:
        version = sorted(os.listdir("/etc/postgresql"))[-1]
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=True
        )
        _wait(lambda: not subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode)
    ping = ["redis-cli", "-h", "127.0.0.1", "ping"]
    if subprocess.run(ping, capture_output=True, check=False).returncode:
        subprocess.run(
            "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no",
            shell=True,
            check=True,
        )
        _wait(lambda: not subprocess.run(ping, capture_output=True).returncode)


def _wait(ready, seconds=30.0) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError("A service did not start in time")
        time.sleep(0.3)


def database_name(scale: float) -> str:
    return "gtr_bench_" + f"{scale:g}".replace(".", "_")


def environment(scale: float, *, port: int) -> dict[str, str]:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    media = SCRATCH / database_name(scale)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{PG}/{database_name(scale)}",
        "REDIS_URL": REDIS,
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "FIELD_ENCRYPTION_KEY": "bench-only-field-key-" + "y" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "MEDIA_ROOT": str(media / "media"),
        "PRIVATE_MEDIA_ROOT": str(media / "private"),
        "STATIC_ROOT": str(SCRATCH / "static"),
        "CELERY_QUEUE": f"bench-{port}",
        "PYTHONPATH": str(ROOT),
        # The load test's sign-ins and uploads are many, from one address.
        "PENDING_EVIDENCE_QUOTA_BYTES": str(10 * 1024**3),
    }


def create_database(scale: float, *, fresh: bool) -> None:
    name = database_name(scale)
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc"]
    if fresh:
        subprocess.run([*psql, f'DROP DATABASE IF EXISTS "{name}"'], check=True)
        shutil.rmtree(SCRATCH / name, ignore_errors=True)
    exists = subprocess.run(
        [*psql, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run([*psql, f'CREATE DATABASE "{name}"'], check=True)


class Portal:
    """gunicorn (2 sync workers) and two Celery workers: jobs, and PDFs at the idle CPU
    priority (SCHED_IDLE: it runs only when nothing else wants the CPU), as docker-compose.yml."""

    def __init__(self, env: dict[str, str], port: int):
        self.env, self.port, self.processes, self.names = env, port, [], []
        self.logs = SCRATCH / f"logs-{port}"
        self.logs.mkdir(parents=True, exist_ok=True)

    def __enter__(self):
        queue = self.env["CELERY_QUEUE"]
        self._start(
            "gunicorn",
            [str(BIN / "gunicorn"), "gtr_portal.wsgi:application", "--workers", "2",
             "--bind", f"127.0.0.1:{self.port}", "--timeout", "30"],
        )  # fmt: skip
        self._start(
            "worker",
            [str(BIN / "celery"), "-A", "gtr_portal", "worker", "--queues", queue,
             "--concurrency", "1", "--hostname", f"jobs-{self.port}@%h"],
        )  # fmt: skip
        self._start(
            "worker-pdf",
            ["chrt", "--idle", "0", str(BIN / "celery"), "-A", "gtr_portal", "worker", "--queues",
             f"{queue}.pdf", "--concurrency", "1", "--hostname", f"pdf-{self.port}@%h"],
        )  # fmt: skip
        _wait(lambda: self._answers("/healthz"), seconds=60)
        return self

    def memory(self) -> dict[str, dict]:
        """Resident memory of each component: its processes (master and workers) in MB."""
        listing = subprocess.run(
            ["ps", "-eo", "pgid=,rss="], capture_output=True, text=True, check=True
        ).stdout.split()
        by_group: dict[int, list[float]] = {}
        for pgid, rss in zip(listing[::2], listing[1::2], strict=True):
            by_group.setdefault(int(pgid), []).append(int(rss) / 1024)
        return {
            name: {
                "processes": len(by_group.get(process.pid, [])),
                "rss_mb": [round(mb, 1) for mb in sorted(by_group.get(process.pid, []))],
            }
            for name, process in zip(self.names, self.processes, strict=True)
        }

    def _start(self, name, command) -> None:
        self.names.append(name)
        out = open(self.logs / f"{name}.log", "w")  # noqa: SIM115
        self.processes.append(
            subprocess.Popen(
                command,
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )

    def _answers(self, path) -> bool:
        try:
            return client.fetch(self.port, path).status == 200
        except OSError:
            return False

    def __exit__(self, *exc):
        for process in self.processes:
            with_group = os.getpgid(process.pid)
            os.killpg(with_group, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(os.getpgid(process.pid), signal.SIGKILL)


def sql(scale: float, query: str, params=()):
    import psycopg

    with psycopg.connect(f"{PG}/{database_name(scale)}", autocommit=True) as connection:
        rows = connection.execute(query, params)
        return rows.fetchall() if rows.description else None


# --- Measurements ----------------------------------------------------------------------------


def page_url(path: str, language: str, data: dict) -> str:
    return f"/{language}/" + path.format(**data["fill"])


def cookies_of(role: str, data: dict) -> dict:
    if role == "anonymous":
        return {}
    return {data["session_cookie"]: data["sessions"][role]}


def measure_pages(port: int, data: dict, *, rounds: int, seconds: float) -> dict:
    """Throughput (ratio to the bare view, interleaved) and p95 of each page."""
    figures = {}
    for _name, path, role, _budget, _kind in PAGES:  # warm every worker and cache first
        for language in ("fr", "en"):
            for _ in range(3):
                client.fetch(port, page_url(path, language, data), cookies=cookies_of(role, data))
    client.throughput(port, "/bench/bare/", seconds=1.0)
    for name, path, role, _budget, kind in PAGES:
        cookies = cookies_of(role, data)
        bare, page = [], []
        for round_ in range(rounds):
            language = ("fr", "en")[round_ % 2]
            url = page_url(path, language, data)
            client.fetch(port, url, cookies=cookies)  # warm (and fill the page cache)
            bare.append(client.throughput(port, "/bench/bare/", seconds=seconds))
            page.append(client.throughput(port, url, cookies=cookies, seconds=seconds))
        samples = []
        for language in ("fr", "en"):
            samples += client.latencies(
                port, page_url(path, language, data), cookies=cookies, count=15
            )
        figures[name] = {
            "kind": kind,
            "bare_per_second": round(statistics.mean(bare), 1),
            "page_per_second": round(statistics.mean(page), 1),
            "ratio": round(sum(page) / sum(bare), 3),
            "p95_ms": round(client.p95(samples), 1),
            "median_ms": round(statistics.median(samples), 1),
        }
        log(
            f"  {name:32} {figures[name]['page_per_second']:7.1f}/s "
            f"ratio {figures[name]['ratio']:.3f}  p95 {figures[name]['p95_ms']:.0f} ms"
        )
    return figures


MIX = [
    ("recommendations/?per_page=50", "focal_point"),
    ("dashboard/", "supervisor"),
    ("recommendations/mine/", "focal_point"),
    ("members/SN/", "anonymous"),
]


def _mix_p95(port, data, *, count) -> float:
    samples = []
    for n in range(count):
        path, role = MIX[n % len(MIX)]
        answer = client.fetch(port, page_url(path, "fr", data), cookies=cookies_of(role, data))
        samples.append(answer.seconds * 1000)
    return client.p95(samples)


def _latest_job(scale: float, kind: str):
    rows = sql(
        scale,
        "SELECT id, status, started_at, finished_at, result, error FROM jobs_job "
        "WHERE kind = %s ORDER BY id DESC LIMIT 1",
        (kind,),
    )
    return rows[0] if rows else None


def _wait_job(scale, kind, after_id, *, timeout) -> tuple:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = _latest_job(scale, kind)
        if job and job[0] > after_id and job[1] in ("done", "failed"):
            return job
        time.sleep(0.5)
    raise RuntimeError(f"The {kind} job did not finish within {timeout} s")


def measure_background(port: int, scale: float, data: dict) -> dict:
    """Web p95 idle, then while a compendium builds; and how fast the build request answers."""
    edition = data["edition"]
    idle = _mix_p95(port, data, count=120)
    # A content change, so that the build renders instead of reusing the unchanged PDFs.
    sql(
        scale,
        "UPDATE best_practices_compendiumedition SET foreword_fr = foreword_fr || '.' "
        "WHERE slug = %s",
        (edition,),
    )
    before = _latest_job(scale, "best_practices.build_compendium")
    cookies = cookies_of("secretariat", data)
    token, cookies = client.csrf_for(port, f"/fr/compendium/{edition}/", cookies)
    answer = client.post_form(
        port, f"/fr/compendium/{edition}/build/", {"csrfmiddlewaretoken": token}, cookies=cookies
    )
    request_ms = answer.seconds * 1000
    if answer.status != 302:
        raise RuntimeError(f"The build request answered {answer.status}")
    samples, started = [], time.monotonic()
    while True:
        job = _latest_job(scale, "best_practices.build_compendium")
        if job and (before is None or job[0] > before[0]) and job[1] in ("done", "failed"):
            break
        if job and job[1] == "running":
            path, role = MIX[len(samples) % len(MIX)]
            reply = client.fetch(port, page_url(path, "fr", data), cookies=cookies_of(role, data))
            samples.append(reply.seconds * 1000)
        else:
            time.sleep(0.2)
        if time.monotonic() - started > 600:
            raise RuntimeError("The compendium build took over ten minutes")
    build_seconds = time.monotonic() - started
    during = client.p95(samples) if len(samples) >= 10 else None
    # The floor on this machine: the same pages beside a process that only spins at the same
    # idle priority (no memory, no I/O). What a build adds beyond it is the build's own doing.
    spinner = subprocess.Popen(
        ["chrt", "--idle", "0", sys.executable, "-c", "while True: pass"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        floor = _mix_p95(port, data, count=max(len(samples), 120))
    finally:
        spinner.kill()
        spinner.wait()
    return {
        "idle_p95_ms": round(idle, 1),
        "during_build_p95_ms": round(during, 1) if during else None,
        "beside_idle_spinner_p95_ms": round(floor, 1),
        "samples_during_build": len(samples),
        "build_request_ms": round(request_ms, 1),
        "build_seconds": round(build_seconds, 1),
        "build_status": job[1],
    }


def measure_export(port: int, scale: float, data: dict, fmt: str) -> dict:
    """Export every recommendation: the request's time, then the job's, row count included."""
    cookies = cookies_of("secretariat", data)
    form = f"/fr/recommendations/export/?format={fmt}"
    token, cookies = client.csrf_for(port, form, cookies)
    before = _latest_job(scale, "recommendations.export")
    answer = client.post_form(
        port,
        "/fr/recommendations/export/",
        {"csrfmiddlewaretoken": token, "format": fmt, "query": ""},
        cookies=cookies,
    )
    if answer.status != 302:
        raise RuntimeError(f"The export request answered {answer.status}")
    started = time.monotonic()
    job = _wait_job(scale, "recommendations.export", before[0] if before else 0, timeout=900)
    return {
        "request_ms": round(answer.seconds * 1000, 1),
        "job_seconds": round(time.monotonic() - started, 1),
        "status": job[1],
        "rows": (job[4] or {}).get("rows"),
        "error": job[5],
    }


def load_test(port: int, data: dict, *, users: int, seconds: float) -> dict:
    """`users` simulated people for `seconds`, each reading a page 2–8 s before the next, in both
    languages: visitors, experts (the compendium PDF), focal points (my actions, search, an
    update with a 2 MB file), supervisors (dashboards), the secretariat (review, reports)."""
    tally = client.Tally()
    evidence = client.pdf_of(2 * 1024 * 1024)
    deadline = time.monotonic() + seconds
    edition = data["edition"]
    reporters = data["reporters"]

    def visitor(rng, language):
        return [
            ("GET", f"/{language}/", "anonymous"),
            ("GET", f"/{language}/members/", "anonymous"),
            ("GET", f"/{language}/members/SN/", "anonymous"),
            ("GET", f"/{language}/meetings/", "anonymous"),
            ("GET", page_url("meetings/{meeting}/", language, data), "anonymous"),
            ("GET", page_url("meetings/{meeting}/review/", language, data), "anonymous"),
        ]

    def expert(rng, language):
        return [
            ("GET", f"/{language}/best-practices/", "expert"),
            ("GET", page_url("best-practices/{practice}/", language, data), "expert"),
            ("GET", f"/{language}/compendium/", "expert"),
            ("GET", f"/{language}/compendium/{edition}/{language}.pdf", "expert"),
        ]

    def supervisor(rng, language):
        return [
            ("GET", f"/{language}/dashboard/", "supervisor"),
            ("GET", f"/{language}/dashboard/matrix/", "supervisor"),
            ("GET", f"/{language}/recommendations/?per_page=50", "supervisor"),
        ]

    def secretariat(rng, language):
        return [
            ("GET", f"/{language}/recommendations/reviews/", "secretariat"),
            ("GET", f"/{language}/reports/", "secretariat"),
            ("GET", page_url("reports/{report}/", language, data), "secretariat"),
        ]

    def focal_point(rng, language):
        return [
            ("GET", f"/{language}/recommendations/mine/", "focal_point"),
            ("GET", f"/{language}/recommendations/?q=douane", "focal_point"),
            ("UPDATE", language, "reporter"),
        ]

    kinds = [visitor, visitor, expert, supervisor, secretariat, focal_point, focal_point]
    by_kind: dict[str, list[float]] = {}

    def person(number: int) -> None:
        rng = random.Random(number)
        script = kinds[number % len(kinds)]
        language = ("fr", "en")[number % 2]
        reporter = reporters[number % len(reporters)]
        while time.monotonic() < deadline:
            for method, path, role in script(rng, language):
                if time.monotonic() >= deadline:
                    return
                try:
                    if method == "UPDATE":
                        answer = _submit_update(port, reporter, path, evidence, rng, data)
                        ok = answer.status == 302
                    else:
                        answer = client.fetch(port, path, cookies=cookies_of(role, data))
                        ok = answer.status == 200
                    tally.add(answer.seconds, "" if ok else f"{path}: {answer.status}")
                    by_kind.setdefault(_kind_of(method, path), []).append(answer.seconds * 1000)
                except Exception as error:  # noqa: BLE001 - a failed request is a result here
                    tally.add(60.0, f"{path}: {error!r}")
                time.sleep(rng.uniform(2.0, 8.0))  # reading the page

    threads = [threading.Thread(target=person, args=(n,)) for n in range(users)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
        time.sleep(0.05)
    for thread in threads:
        thread.join()
    samples = [s * 1000 for s in tally.seconds]
    return {
        "users": users,
        "seconds": round(time.monotonic() - started, 1),
        "requests": len(samples),
        "failed": len(tally.failures),
        "failures": tally.failures[:10],
        "p95_ms": round(client.p95(samples), 1),
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms_by_kind": {
            kind: round(client.p95(times), 1)
            for kind, times in sorted(by_kind.items(), key=lambda item: -client.p95(item[1]))
        },
    }


def _kind_of(method: str, path: str) -> str:
    """A request's kind for the figures: its address without language, numbers or slugs."""
    if method == "UPDATE":
        return "POST an update with a 2 MB file"
    path = re.sub(r"^/(fr|en)/", "/<lang>/", path)
    return re.sub(r"/[^/?]*\d[^/?]*(?=/|\.pdf|$)", "/<id>", path)


def _submit_update(port, reporter, language, evidence, rng, data) -> client.Answer:
    reference = rng.choice(reporter["references"])
    cookies = {data["session_cookie"]: reporter["session"]}
    path = f"/{language}/recommendations/{reference}/updates/new/"
    token, cookies = client.csrf_for(port, path, cookies)
    return client.post_form(
        port,
        path,
        {
            "csrfmiddlewaretoken": token,
            "as_of": datetime.now().date().isoformat(),
            "narrative": "Avancement mesuré par le banc d'essai. / Benchmark progress.",
            "progress": str(rng.randrange(10, 90, 10)),
            "proposed_status": "in_progress",
        },
        cookies=cookies,
        files={"evidence": ("evidence.pdf", evidence, "application/pdf")},
    )


def measure_pdf(quick: bool) -> dict:
    """bench/compendium.py: a ~300-page compendium against WeasyPrint alone, memory, reuse."""
    command = [PYTHON, str(ROOT / "bench" / "compendium.py"), "--json"]
    if quick:
        command += ["--editions", "5"]
    output = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if output.returncode:
        raise RuntimeError(output.stderr[-2000:])
    return json.loads(output.stdout.strip().splitlines()[-1])


# --- Targets ---------------------------------------------------------------------------------


def target(name: str, value, limit, holds: bool, unit: str = "") -> dict:
    return {"name": name, "value": value, "limit": limit, "unit": unit, "holds": bool(holds)}


def targets_of(results: dict) -> list[dict]:
    small, large = (results["scales"][key] for key in results["scale_order"])
    found = []
    for name, _path, _role, budget, _kind in PAGES:
        q_small, q_large = small["queries"][name], large["queries"][name]
        found.append(
            target(
                f"queries: {name}",
                f"{q_small} → {q_large}",
                f"same, ≤ {budget}",
                q_small == q_large and q_large <= budget,
            )
        )
    for name, _path, _role, _budget, kind in PAGES:
        figure = large["pages"][name]
        if kind == "public":
            found.append(
                target(f"throughput: {name}", figure["ratio"], "≥ 0.333", figure["ratio"] >= 1 / 3)
            )
        elif name in SIGNED_IN_THROUGHPUT:
            found.append(
                target(f"throughput: {name}", figure["ratio"], "≥ 0.100", figure["ratio"] >= 0.1)
            )
    for name, _path, _role, _budget, kind in PAGES:
        if kind in ("list", "dashboard", "report"):
            growth = large["pages"][name]["p95_ms"] / max(small["pages"][name]["p95_ms"], 0.1)
            found.append(
                target(f"growth of p95: {name}", round(growth, 2), "≤ 1.5", growth <= 1.5, "×")
            )
    for fmt in ("csv", "xlsx"):
        export = large["exports"][fmt]
        found.append(
            target(
                f"export {fmt}: request",
                export["request_ms"],
                "≤ 1000",
                export["request_ms"] <= 1000,
                "ms",
            )
        )
        found.append(
            target(
                f"export {fmt}: {export['rows']} rows in the background",
                export["job_seconds"],
                f"done within {results['export_limit_seconds']}",
                export["status"] == "done"
                and export["job_seconds"] <= results["export_limit_seconds"],
                "s",
            )
        )
    background = large["background"]
    during, idle = background["during_build_p95_ms"], background["idle_p95_ms"]
    ratio = round(during / idle, 2) if during else None
    found.append(
        target("web p95 during a compendium build", ratio, "≤ 1.2 × idle", ratio and ratio <= 1.2)
    )
    found.append(
        target(
            "compendium build request",
            background["build_request_ms"],
            "< 200",
            background["build_request_ms"] < 200,
            "ms",
        )
    )
    load = large["load"]
    found.append(target("load: failed requests", load["failed"], "0", load["failed"] == 0))
    found.append(target("load: p95", load["p95_ms"], "< 500", load["p95_ms"] < 500, "ms"))
    pdf = results.get("pdf")
    if pdf:
        found.append(
            target(
                "PDF: time against WeasyPrint alone",
                pdf["ratio_to_weasyprint"],
                "≤ 1.3",
                pdf["ratio_to_weasyprint"] <= 1.3,
                "×",
            )
        )
        found.append(
            target("PDF: peak memory", pdf["peak_rss_mb"], "< 600", pdf["peak_rss_mb"] < 600, "MB")
        )
        found.append(
            target(
                f"PDF: memory after {pdf['editions']} editions against after one",
                pdf["memory_growth_mb"],
                "≤ 10",
                pdf["memory_growth_mb"] <= 10,
                "MB",
            )
        )
        found.append(target("PDF: pages", pdf["pages"], "about 300", pdf["pages"] >= 250))
    return found


def machine() -> dict:
    return {
        "host": platform.node(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1),
    }


def table(found: list[dict]) -> str:
    width = max(len(t["name"]) for t in found)
    lines = [f"{'target':{width}}  {'measured':>16}  {'limit':>18}  holds"]
    for t in found:
        value = f"{t['value']}{' ' + t['unit'] if t['unit'] else ''}"
        lines.append(
            f"{t['name']:{width}}  {value:>16}  {t['limit']:>18}  {'yes' if t['holds'] else 'NO'}"
        )
    return "\n".join(lines)


def markdown(results: dict) -> str:
    """The results as docs/performance.md records them."""
    machine = results["machine"]
    lines = [
        f"Measured {results['date']} ({results['mode']} run, scales "
        f"{' and '.join(results['scale_order'])}) on {machine['cpus']} CPUs, "
        f"{machine['memory_gb']} GB, Python {machine['python']}.",
        "",
        "| target | measured | limit | holds |",
        "| --- | --- | --- | --- |",
    ]
    for t in results["targets"]:
        value = f"{t['value']}{' ' + t['unit'] if t['unit'] else ''}"
        holds = "yes" if t["holds"] else "**no**"
        lines.append(f"| {t['name']} | {value} | {t['limit']} | {holds} |")
    large = results["scales"][results["scale_order"][-1]]["background"]
    floor = large["beside_idle_spinner_p95_ms"] / large["idle_p95_ms"]
    lines += [
        "",
        f"Beside a process that only spins at the same idle priority, the same pages' p95 is "
        f"{floor:.2f} × idle ({large['beside_idle_spinner_p95_ms']} ms): the floor of any "
        f"background CPU work on this machine.",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="scales 0.1 and 1, shorter runs")
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the data")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument(
        "--stages",
        default="pages,exports,background,load",
        help="which measurements to take (a partial run writes no results file)",
    )
    parser.add_argument("--scales", help="instead of the mode's two, e.g. 1 (a partial run)")
    args = parser.parse_args()
    scales = (0.1, 1.0) if args.quick else (1.0, 10.0)
    if args.scales:
        scales = tuple(float(scale) for scale in args.scales.split(","))
    stages = set(args.stages.split(","))
    results = {
        "mode": "quick" if args.quick else "full",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "scale_order": [f"{s:g}" for s in scales],
        "export_limit_seconds": 14 * 60,
        "scales": {},
    }
    ensure_services()
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=environment(scales[0], port=args.port),
        cwd=ROOT,
        check=True,
    )
    for scale in scales:
        log(f"Scale {scale:g}: data")
        create_database(scale, fresh=args.fresh)
        env = environment(scale, port=args.port)
        out = SCRATCH / f"{database_name(scale)}.json"
        subprocess.run(
            [PYTHON, "-m", "bench.data", "--scale", str(scale), "--out", str(out)],
            env=env,
            cwd=ROOT,
            check=True,
        )
        data = json.loads(out.read_text())
        log(f"Scale {scale:g}: {data['counts']}; queries {data['queries']}")
        figures = {"counts": data["counts"], "queries": data["queries"]}
        with Portal(env, args.port) as portal:
            if "pages" in stages:
                log(f"Scale {scale:g}: pages")
                figures["pages"] = measure_pages(
                    args.port, data, rounds=2, seconds=1.5 if args.quick else 3.0
                )
            if "exports" in stages:
                log(f"Scale {scale:g}: exports")
                figures["exports"] = {
                    fmt: measure_export(args.port, scale, data, fmt) for fmt in ("csv", "xlsx")
                }
                log(f"Scale {scale:g}: {figures['exports']}")
            if "background" in stages:
                log(f"Scale {scale:g}: a compendium build beside the pages")
                figures["background"] = measure_background(args.port, scale, data)
                log(f"Scale {scale:g}: {figures['background']}")
            if "load" in stages:
                log(f"Scale {scale:g}: load")
                figures["load"] = load_test(
                    args.port, data, users=50, seconds=45 if args.quick else 120
                )
                log(f"Scale {scale:g}: {figures['load']}")
            figures["memory"] = portal.memory()
            log(f"Scale {scale:g}: memory {figures['memory']}")
        results["scales"][f"{scale:g}"] = figures
    if stages != ALL_STAGES or len(scales) != 2:
        print(json.dumps(results["scales"], indent=2, ensure_ascii=False))
        return 0
    if not args.skip_pdf:
        log("PDF: compendium against WeasyPrint alone, and memory over many editions")
        results["pdf"] = measure_pdf(args.quick)
        log(f"PDF: {results['pdf']}")
    results["targets"] = targets_of(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    (RESULTS / "latest.md").write_text(markdown(results))
    print(table(results["targets"]))
    failing = [t["name"] for t in results["targets"] if not t["holds"]]
    print(f"\n{len(results['targets']) - len(failing)} of {len(results['targets'])} targets hold.")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
