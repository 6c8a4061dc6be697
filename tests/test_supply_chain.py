"""Supply chain: requirements are locked with hashes (requirements*.in -> requirements*.txt by
`make lock`) and every install checks them (--require-hashes), so a package whose file does not
match its locked hash is refused. Offline: the refused package is a tiny wheel built here."""

import base64
import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def requirement_blocks(path):
    """[(name, [hashes])] of a pip-compile'd file (continuation lines joined, comments dropped)."""
    text = re.sub(r"\\\n", " ", path.read_text())
    blocks = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        name = re.split(r"[=<>\[ ;]", line, maxsplit=1)[0].lower().replace("_", "-")
        blocks.append((name, re.findall(r"--hash=sha256:([0-9a-f]{64})", line), line))
    return blocks


def names_in(path):
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[=<>\[ ;]", line, maxsplit=1)[0].lower().replace("_", "-"))
    return names


@pytest.mark.parametrize("locked", ["requirements.txt", "requirements-test.txt"])
def test_every_locked_requirement_is_pinned_with_hashes(locked):
    blocks = requirement_blocks(ROOT / locked)
    assert blocks
    for name, hashes, line in blocks:
        assert "==" in line, f"{name} is not pinned in {locked}"
        assert hashes, f"{name} has no --hash in {locked}: run `make lock` (docs/security.md, Dependencies)"


@pytest.mark.parametrize(
    ("source", "locked"), [("requirements.in", "requirements.txt"), ("requirements-test.in", "requirements-test.txt")]
)
def test_the_lock_is_in_step_with_the_human_edited_files(source, locked):
    wanted = names_in(ROOT / source)
    if source == "requirements-test.in":
        wanted |= names_in(ROOT / "requirements.in")
    missing = wanted - {name for name, _hashes, _line in requirement_blocks(ROOT / locked)}
    assert not missing, f"{sorted(missing)} in {source} but not in {locked}: run `make lock`"


def test_every_install_requires_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes" in makefile and "$(PIP_INSTALL) -r requirements.txt" in makefile
    assert "$(PIP_INSTALL) -r requirements-test.txt" in makefile
    assert "RUN pip install --require-hashes -r requirements.txt" in (ROOT / "Dockerfile").read_text()
    assert "--require-hashes -r requirements.txt" in (ROOT / "tests/tools/production-smoke.sh").read_text()


def build_wheel(folder, name="icrtop_hashcheck", version="1.0"):
    """A minimal, valid pure-Python wheel."""
    dist = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": b"VALUE = 1\n",
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        f"{dist}/WHEEL": b"Wheel-Version: 1.0\nGenerator: icrtop-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{dist}/RECORD,,")
    files[f"{dist}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return wheel


def pip_install(tmp_path, requirements):
    req = tmp_path / "requirements.txt"
    req.write_text(requirements)
    return subprocess.run(
        [
            sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--no-index",
            "--find-links", str(tmp_path / "wheels"), "--require-hashes", "--target", str(tmp_path / "target"),
            "-r", str(req),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip


def test_an_install_refuses_a_package_whose_hash_does_not_match(tmp_path):
    (tmp_path / "wheels").mkdir()
    wheel = build_wheel(tmp_path / "wheels")
    good = hashlib.sha256(wheel.read_bytes()).hexdigest()
    wrong = hashlib.sha256(b"something else").hexdigest()

    refused = pip_install(tmp_path, f"icrtop-hashcheck==1.0 --hash=sha256:{wrong}\n")
    assert refused.returncode != 0
    assert "DO NOT MATCH THE HASHES" in refused.stderr
    assert not (tmp_path / "target" / "icrtop_hashcheck").exists()

    unhashed = pip_install(tmp_path, "icrtop-hashcheck==1.0\n")
    assert unhashed.returncode != 0 and "hash" in unhashed.stderr.lower()

    accepted = pip_install(tmp_path, f"icrtop-hashcheck==1.0 --hash=sha256:{good}\n")
    assert accepted.returncode == 0, accepted.stderr
    assert (tmp_path / "target" / "icrtop_hashcheck" / "__init__.py").exists()
