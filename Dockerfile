# syntax=docker/dockerfile:1
# Kinerja: one image for every process of the stack. docker-compose.yml runs it as web (gunicorn), the Celery
# workers, beat and the one-shot migration; docs/operations.md explains the whole deployment.

# ---- Front-end assets: Bootstrap and Bootstrap Icons, exactly as package-lock.json pins them.
# Node.js and npm exist only in this stage; the final image gets the built files, not the toolchain.
FROM python:3.11-slim-bookworm AS assets
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

# ---- The application.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media

# WeasyPrint's runtime libraries (PDF reports) and a font that covers Indonesian text.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 kinerja \
 && useradd --system --uid 10001 --gid kinerja --home-dir /app --no-create-home --shell /usr/sbin/nologin kinerja

WORKDIR /app
# Dependencies first, so that a code change does not reinstall them.
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY . .
# The paths settings.STATICFILES_DIRS expects, relative to the project directory.
COPY --from=assets /src/node_modules/bootstrap/dist node_modules/bootstrap/dist
COPY --from=assets /src/node_modules/bootstrap-icons/font node_modules/bootstrap-icons/font

# Static files are built into the image (WhiteNoise serves them). collectstatic imports the settings, which refuse to
# start without SECRET_KEY when DEBUG is off: a throwaway key on this line only, never stored in the image.
# The code and static files stay owned by root (read-only to the app); only the media directory is writable, and a
# named volume mounted there starts with this ownership.
RUN SECRET_KEY=build-only DEBUG=False python manage.py collectstatic --noinput \
 && mkdir -p /app/var/media \
 && chown kinerja:kinerja /app/var/media

USER kinerja
EXPOSE 8000
# exec: gunicorn becomes PID 1 and receives SIGTERM directly for a graceful stop.
CMD ["sh", "-c", "exec gunicorn kinerja.wsgi:application --bind 0.0.0.0:8000 --workers \"${WEB_CONCURRENCY:-3}\" --access-logfile -"]
