"""The background jobs of best practices, by kind (their handlers are in tasks.py)."""

BUILD_JOB = "best_practices.build_compendium"
