# Justice Health Explorer: one app server in a container. Build: podman build -t justice-health-explorer .
# (or docker build). Run: podman run -p 8501:8501 justice-health-explorer, then open http://localhost:8501.
# Data: the image carries the committed starter snapshot (data/starter). A refreshed open-data folder (one that
# `python -m acquire import` or `download` wrote, with its manifest.json) may be mounted at /data:
#   podman run -p 8501:8501 -v /srv/jhe-data:/data:ro justice-health-explorer
# /app/.data is a link to /data, and JHE_DATA_DIR is deliberately NOT set: core/paths.py imported_data_dir()
# reads $JHE_DATA_DIR whenever it is set, even when that folder is empty or missing (the app then shows no open
# data at all), whereas .data/ is read only once it holds manifest.json and the starter snapshot is used
# otherwise. So an empty or unmounted /data means the starter snapshot, and a mounted refresh replaces it.
# Nothing is written at run time except Streamlit's own files under $HOME (/tmp), so the root file system can be
# read-only.
# BASE: Docker Hub's slim Python by default; where Docker Hub cannot be reached, a Debian bookworm base with a
# Python venv on PATH serves (deploy/build_offline_base.sh makes one from Debian's mirror).
ARG BASE=python:3.11.7-slim-bookworm
FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOME=/tmp

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Leaflet from the pinned xstatic-leaflet package into static/ (the maps need no CDN), then an unprivileged user.
RUN python -m ui.assets \
    && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /data && chown 10001 /data && ln -s /data /app/.data
USER 10001

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
# 0.0.0.0 only inside the container: the host decides what reaches it (-p, a Service, nginx).
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", \
     "--server.headless", "true"]
