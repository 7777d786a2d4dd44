#!/usr/bin/env bash
# A base image for the Dockerfile where Docker Hub cannot be reached (only Debian's mirror and PyPI): Debian
# bookworm (debootstrap, minbase) with Debian's Python 3.11 in a venv at /opt/venv on PATH, imported into podman as
# localhost/jhe-debian-python:bookworm. Then: podman build --build-arg BASE=localhost/jhe-debian-python:bookworm
#   --isolation=chroot -t justice-health-explorer .   Needs root, debootstrap and podman (apt-get install debootstrap podman).
set -euo pipefail
ROOTFS="${ROOTFS:-$(mktemp -d)/rootfs}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$ROOTFS" "$MIRROR"
chroot "$ROOTFS" python3 -m venv /opt/venv
# Behind a TLS-inspecting proxy (as on the build machines here) the image must trust the host's local CAs.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$ROOTFS/usr/local/share/ca-certificates/"
    chroot "$ROOTFS" update-ca-certificates
fi
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
tar -C "$ROOTFS" -c . | podman import \
    --change 'ENV PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt' \
    - localhost/jhe-debian-python:bookworm
echo "base image: localhost/jhe-debian-python:bookworm"
