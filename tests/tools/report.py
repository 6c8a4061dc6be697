"""The summary `make test` prints at its end: each stage's time, and the 20 slowest tests of all stages.

Reads test-artifacts/stages.tsv (written by tests/tools/stage.sh) and the JUnit XML files that the
pytest stages write into test-artifacts/junit/. Standard library only: it runs with any python3.
"""

import sys
import xml.etree.ElementTree as ET  # noqa: S405 - our own pytest's reports, not outside input
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SLOWEST = 20


def minutes(seconds):
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def stages():
    path = ARTIFACTS / "stages.tsv"
    if not path.exists():
        return []
    rows = [line.split("\t") for line in path.read_text().splitlines() if line.strip()]
    return [(name, int(seconds), int(status)) for name, seconds, status in rows]


def test_times():
    """[(seconds, stage, test id)] from every JUnit file (setup and teardown included, as pytest counts)."""
    times = []
    for report in sorted((ARTIFACTS / "junit").glob("*.xml")):
        for case in ET.parse(report).iter("testcase"):  # noqa: S314 - see the import
            test_id = f"{case.get('classname', '')}::{case.get('name')}"
            times.append((float(case.get("time") or 0), report.stem, test_id))
    return sorted(times, reverse=True)


def main():
    rows = stages()
    print("\n==> stages")
    for name, seconds, status in rows:
        print(f"  {name:<10} {minutes(seconds):>6}  {'ok' if status == 0 else f'FAILED (exit {status})'}")
    print(f"  {'total':<10} {minutes(sum(seconds for _name, seconds, _status in rows)):>6}")
    times = test_times()
    if times:
        print(f"\n==> the {min(SLOWEST, len(times))} slowest of {len(times)} tests")
        for seconds, stage, test_id in times[:SLOWEST]:
            print(f"  {seconds:7.1f} s  {stage:<9} {test_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
