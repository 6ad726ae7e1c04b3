# Production image for web, worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH
RUN apt-get update && apt-get install -y --no-install-recommends gettext curl && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# DEBUG=0 as in production: the manifest storage it serves from needs the staticfiles.json
# that static files collected with DEBUG off come with.
RUN DEBUG=0 SECRET_KEY=build DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost:6379/0 \
    sh -c "python manage.py compilemessages --ignore=.venv -v0 && python manage.py collectstatic --noinput -v0"
RUN useradd --system --home /app puentes && mkdir -p /app/var/media && chown -R puentes /app/var
USER puentes
EXPOSE 8000
CMD ["gunicorn", "network.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
