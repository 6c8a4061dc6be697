"""Container health check: GET /healthz on the local server with an allowed Host header."""

import os
import sys
import urllib.request


def main():
    host = (os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0] or "localhost").strip()
    port = os.environ.get("PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=3) as response:  # noqa: S310  # nosec B310
            sys.exit(0 if response.status == 200 else 1)
    except Exception as exc:  # noqa: BLE001 - any failure is "unhealthy"
        print(f"unhealthy: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
