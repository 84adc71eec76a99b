# syntax=docker/dockerfile:1.7
# refcheck API image: a slim Python runtime, a non-root user, and a health check on /healthz.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
# Dependencies first, so code changes do not rebuild this layer.
COPY pyproject.toml README.md ./
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --upgrade pip \
 && mkdir -p app clients && touch app/__init__.py clients/__init__.py \
 && /opt/venv/bin/pip install '.[redis]'
COPY app ./app
COPY clients ./clients
RUN /opt/venv/bin/pip install --no-deps --force-reinstall .

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    REFCHECK_CACHE_PATH=/var/cache/refcheck/upstream.sqlite3
RUN useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin refcheck \
 && mkdir -p /var/cache/refcheck && chown refcheck /var/cache/refcheck
COPY --from=build /opt/venv /opt/venv
USER refcheck
EXPOSE 8000
VOLUME ["/var/cache/refcheck"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status == 200 else 1)"]
CMD ["refcheck", "serve", "--host", "0.0.0.0", "--port", "8000"]
