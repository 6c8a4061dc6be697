"""The visitor's address behind the site's own proxies (Caddy and Varnish in ``compose.yaml``).

``TRUSTED_PROXIES`` (addresses or networks) names the proxies; it is the only place the site learns
who they are. A request whose peer is one of them carries the visitor's address in
``X-Forwarded-For``: each proxy appends the address it saw, so the list is read from the right, and
the first address that is not a trusted proxy is the visitor's. Whatever a visitor writes into the
header themselves stands further left and is never read. A request from anybody else has every
forwarding header removed (``X-Forwarded-For``, ``-Proto``, ``-Host``, ``Forwarded``...).

``icrtop.middleware.TrustedProxyMiddleware`` applies this first of all, by setting ``REMOTE_ADDR``:
so the rate limits, django-axes, the audit trail and Django's HTTPS detection all see the same
address, and ``core.audit.client_ip`` reads it.
"""

import functools
import ipaddress

FORWARDING_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)
MAX_HOPS = 20  # a longer list is someone's invention; the walk stops there


@functools.lru_cache(maxsize=8)
def trusted_networks(entries):
    """``entries`` (a tuple of addresses or networks) as networks; a bad entry is an error at once."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def parse_address(value):
    try:
        ip = ipaddress.ip_address(str(value).strip().strip("[]"))
    except ValueError:
        return None
    return ip.ipv4_mapped or ip if ip.version == 6 else ip


def is_trusted(address, networks):
    ip = parse_address(address)
    return ip is not None and any(ip in network for network in networks)


def client_address(peer, forwarded_for, networks):
    """The visitor's address for a request from ``peer`` carrying ``forwarded_for``."""
    current = parse_address(peer)
    if current is None or not any(current in network for network in networks):
        return peer
    hops = [part.strip() for part in (forwarded_for or "").split(",") if part.strip()][-MAX_HOPS:]
    while hops and any(current in network for network in networks):
        candidate = parse_address(hops.pop())
        if candidate is None:
            break  # garbage where a proxy should have written an address: keep the last proxy's
        current = candidate
    return str(current)
