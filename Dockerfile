# One image for the web process, the Celery worker and Celery beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=gtr_portal.settings.production

# WeasyPrint needs Pango; gettext compiles the translations; `manage.py backup` needs pg_dump
# of the database's major version (bookworm's postgresql-client is 15, like docker-compose.yml).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
      fonts-dejavu-core fonts-liberation2 gettext postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
RUN pip install --no-cache-dir "uv==0.13.9"
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
RUN SECRET_KEY=build FIELD_ENCRYPTION_KEY=build ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
 && SECRET_KEY=build FIELD_ENCRYPTION_KEY=build ALLOWED_HOSTS=localhost python manage.py compilemessages --ignore=/opt/venv \
 && useradd --system --home /app gtr && mkdir -p /app/media /app/private-media /app/backups \
 && chown -R gtr /app/media /app/private-media /app/backups

USER gtr
EXPOSE 8000
CMD ["gunicorn", "gtr_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
