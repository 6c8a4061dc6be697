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
    assert init["image"] == "minio/mc"
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
