"""The background jobs of reports, by kind (their handlers are in tasks.py)."""

BUILD_JOB = "reports.build_report"
