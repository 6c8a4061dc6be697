"""compose.yaml works as written (docs/operations.md, "From an empty server to the site on HTTPS"):
Debian's docker-compose 1.29 validates it with .env.example, without a Docker engine, and the
production rules hold: one migration before any web server, health checks, only Caddy on the internet."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SITE_IMAGE = "icrtop-site"

pytestmark = pytest.mark.skipif(
    shutil.which("docker-compose") is None, reason="docker-compose missing (tests/tools/system-packages.sh)"
)


def env_example_lines():
    return (ROOT / ".env.example").read_text().splitlines()


def env_example_names():
    return {line.split("=", 1)[0] for line in env_example_lines() if line and not line.startswith("#")}


def compose_config(env_file):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("COMPOSE_", "DOCKER_"))}
    for name in env_example_names():
        env.pop(name, None)  # only the file speaks, never this machine's environment
    return subprocess.run(
        ["docker-compose", "--project-directory", str(ROOT), "--env-file", str(env_file), "config"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def services():
    result = compose_config(ROOT / ".env.example")
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["services"]


def test_env_example_lists_every_variable_compose_reads_with_a_comment():
    lines = env_example_lines()
    used = set(re.findall(r"(?<!\$)\$\{([A-Z_0-9]+)", (ROOT / "compose.yaml").read_text()))
    assert used <= env_example_names(), f"not in .env.example: {sorted(used - env_example_names())}"
    for number, line in enumerate(lines):
        if line and not line.startswith("#"):
            assert lines[number - 1].startswith("#"), f"{line.split('=')[0]} has no comment above it"


def test_without_the_secrets_compose_refuses_and_names_them(tmp_path):
    empty = tmp_path / "empty.env"
    empty.write_text("")
    result = compose_config(empty)
    assert result.returncode != 0
    assert "set POSTGRES_PASSWORD" in result.stderr or "set SECRET_KEY" in result.stderr


def test_the_site_image_runs_migrate_once_before_every_other_site_process(services):
    site = {name: service for name, service in services.items() if service.get("image") == SITE_IMAGE}
    assert {"migrate", "web", "scheduler", "backup"} <= set(site)
    assert "migrate --noinput" in " ".join(services["migrate"]["command"])
    for name, service in site.items():
        if name == "migrate":
            continue
        assert service["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}, name
        assert "migrate" not in " ".join(service.get("command") or []).replace("migrate service", ""), name
    assert services["web"]["environment"]["RUN_MIGRATIONS"] == "0"  # icrtop/release.sh skips it


def test_only_caddy_is_published(services):
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"caddy"}


def test_databases_have_health_checks_and_minio_gets_its_buckets(services):
    for name in ("db", "redis"):
        assert services[name]["healthcheck"]["test"], name
        assert services["migrate"]["depends_on"][name] == {"condition": "service_healthy"}
    init = services["objects-init"]
    assert init["image"].startswith("quay.io/minio/mc:RELEASE.")
    assert "mc mb --ignore-existing store/icrtop-media" in " ".join(init["command"])
    assert services["migrate"]["depends_on"]["objects-init"] == {"condition": "service_completed_successfully"}


def test_the_scheduler_runs_the_jobs_in_a_loop(services):
    assert services["scheduler"]["command"] == ["python", "manage.py", "run_scheduled_jobs", "--loop"]


def test_the_backup_service_uploads_and_prunes(services):
    backup = services["backup"]
    command = " ".join(backup["command"])
    assert "backup_site" in command and "--upload" in command and "--keep-days" in command
    assert backup["environment"]["BACKUP_BUCKET"] == "icrtop-backups"
    assert "mc mb --ignore-existing store/icrtop-backups" in " ".join(services["objects-init"]["command"])


def test_the_secrets_and_backups_stay_out_of_git_and_out_of_the_image():
    """`cp .env.example .env` puts every production secret in the checkout, and the documented backup
    command writes archives (personal data) to backups/: neither may be committed nor copied into the
    image by the Dockerfile's `COPY . .`."""
    root = Path(__file__).resolve().parents[1]
    ignored = subprocess.run(  # noqa: S603 - git on our own checkout
        ["git", "check-ignore", "--no-index", ".env", "backups/site.tar.gz", ".env.example"],  # noqa: S607
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert ignored == [".env", "backups/site.tar.gz"]
    docker = [line.strip() for line in (root / ".dockerignore").read_text().splitlines()]
    assert {".env", "backups", "*.sqlite3", "!.env.example"} <= set(docker)


def test_visitors_get_images_from_the_sites_own_address_and_only_images_are_public(services):
    """The object store is a private host: the site addresses media /media/… (AWS_S3_PUBLIC_URL),
    Caddy reads /media/images/* and /media/original_images/* from the bucket, and the anonymous read
    policy covers those prefixes only: never the documents (privacy checks) nor the backups."""
    assert services["web"]["environment"]["AWS_S3_PUBLIC_URL"] == "/"
    init = " ".join(services["objects-init"]["command"])
    public = re.findall(r"mc anonymous set download (\S+)", init)
    assert public == ["store/icrtop-media/media/images", "store/icrtop-media/media/original_images"]
    caddyfile = (ROOT / "deploy" / "caddy" / "Caddyfile").read_text()
    assert "path /media/images/* /media/original_images/*" in caddyfile
    assert "rewrite * /{$MEDIA_BUCKET:icrtop-media}{path}" in caddyfile


def test_varnish_reaches_every_web_server_through_caddys_balancer_and_every_site_container_may_purge(services):
    """Varnish resolves a backend's name once and refuses one with several addresses, so `--scale
    web=3` needs a balancer that looks "web" up by DNS: Caddy's, on the private port 8080. The
    containers that purge (web, scheduler, a restore) get addresses from the network's ip_range, which
    is the PURGE ACL; Caddy's fixed address is outside it (visitors' requests come from Caddy)."""
    import ipaddress

    vcl = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    caddy_ip = services["caddy"]["networks"]["default"]["ipv4_address"]
    varnish_ip = services["varnish"]["networks"]["default"]["ipv4_address"]
    assert f'.host = "{caddy_ip}";' in vcl and '.port = "8080";' in vcl and ".probe = healthz;" in vcl
    assert '"GET /healthz?live=1 HTTP/1.1"' in vcl
    assert "dynamic a {$WEB_HOST:web} {$WEB_PORT:8000}" in (ROOT / "deploy" / "caddy" / "Caddyfile").read_text()
    [ipam] = yaml.safe_load((ROOT / "compose.yaml").read_text())["networks"]["default"]["ipam"]["config"]
    dynamic = ipaddress.ip_network(ipam["ip_range"])
    [(address, bits)] = re.findall(r'"(172\.30\.[\d.]+)"/(\d+);', vcl)
    assert ipaddress.ip_network(f"{address}/{bits}") == dynamic
    assert ipaddress.ip_address(caddy_ip) not in dynamic and ipaddress.ip_address(varnish_ip) not in dynamic
    assert services["web"]["environment"]["FRONTEND_CACHE_VARNISH_URL"] == "http://varnish:80"
    assert services["scheduler"]["environment"]["FRONTEND_CACHE_VARNISH_URL"] == "http://varnish:80"
    # Every 7.x (and 8.0 since 2026-09-15) is past its end of life; CI runs the same VCL with
    # Debian's varnishd 7.1.
    image, tag = services["varnish"]["image"].split(":")
    assert image == "varnish" and tuple(map(int, tag.split("."))) >= (9, 0)
    assert "-s" not in services["varnish"]["command"]  # the image adds `-s malloc,$VARNISH_SIZE` itself
    assert services["varnish"]["environment"]["VARNISH_SIZE"] == "256M"


def test_every_image_from_elsewhere_is_pinned(services):
    """An image without a tag is whatever its registry serves that day (or nothing: MinIO's Docker
    Hub repositories were deleted in September 2026). MinIO's are frozen at their last release on
    quay.io, MinIO's own registry (docs/operations.md, "Object storage")."""
    for name, service in services.items():
        if service.get("image") == SITE_IMAGE:
            continue
        assert ":" in service["image"].rsplit("/", 1)[-1], f"{name}: {service['image']} has no tag"
        assert not service["image"].endswith(":latest"), name
    assert services["objects"]["image"] == "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z"
    assert services["objects-init"]["image"] == "quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z"


def test_the_web_servers_sum_their_workers_metrics(services):
    assert services["web"]["environment"]["PROMETHEUS_MULTIPROC_DIR"].startswith("/tmp/")
