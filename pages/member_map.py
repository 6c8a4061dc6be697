"""The member map (``/<lang>/members/map/``): a world map drawn on the server as SVG, countries shaded by
how many listed members they have, each such country a link to the directory filtered on it, with a
table of the same numbers. No JavaScript, no tiles, no outside request.

Country shapes: Natural Earth (1:50m, public domain) from the ``world-atlas`` package, an exact version
locked in ``pages/map_data/package-lock.json`` and installed with ``npm ci`` (``make map-data``; the
Dockerfile does the same). Its TopoJSON is decoded, cut where a ring crosses the 180° meridian,
projected (Equal Earth, an equal-area projection: no country looks bigger than it is) and simplified
to the map's scale once per process; the outlines (``shapes()``) are also kept in the shared cache
under the data file's fingerprint, so each app server decodes the file at most once. The drawn map
with its links and names is cached per content generation and language (``member_map``). Without
the data the page still shows the table and says why.

Members whose staff chose to show them by region only (``MemberOrganisation.location_shown``) are
never counted on a country: the table counts them per region, apart.
"""

import functools
import hashlib
import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import translation
from django_countries import countries

from core import generation
from members.collation import sort_by_collation
from members.models import MemberOrganisation, Region

logger = logging.getLogger(__name__)

DATA_FILE = "countries-50m.json"
WIDTH = 1000.0
MIN_STEP = 1.0  # px: a point closer than this to the last one kept adds nothing at this scale
MIN_RING = 1.2  # px: smaller islands are dropped, unless they are a country's largest part
ANTARCTICA = "010"  # no member there, and it would take a fifth of the map
SOUTHERN_EDGE = -58.0  # latitude of the map's lower edge (Cape Horn is at -56)
# Raised whenever the way outlines are drawn changes: the shared cache keeps them without expiry.
SHAPES_VERSION = 2  # 2: rings cut at the 180° meridian
# Members in a country -> shade class (the legend lists the same steps).
STEPS = [(1, 1), (2, 4), (5, 9), (10, None)]

# Equal Earth (Šavrič, Patterson, Jenny 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def data_path():
    """Where the installed package's file is (``settings.WORLD_ATLAS_DIR`` may point elsewhere)."""
    folder = getattr(settings, "WORLD_ATLAS_DIR", None) or Path(__file__).resolve().parent / "map_data" / (
        "node_modules/world-atlas"
    )
    return Path(folder) / DATA_FILE


def equal_earth(longitude, latitude):
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


X_EXTENT = equal_earth(180, 0)[0]
SCALE = WIDTH / (2 * X_EXTENT)
TOP = equal_earth(0, 90)[1] * SCALE
HEIGHT = round(TOP - equal_earth(0, SOUTHERN_EDGE)[1] * SCALE, 1)


def project(longitude, latitude):
    x, y = equal_earth(longitude, max(latitude, SOUTHERN_EDGE))
    return (x + X_EXTENT) * SCALE, TOP - y * SCALE


@dataclass
class Shape:
    code: str  # ISO 3166-1 alpha-2, or "" for a territory without one (Kosovo, N. Cyprus…)
    name: str  # Natural Earth's English name (for territories without a code)
    path: str


def _decode_arcs(topology):
    """Every arc as a list of (longitude, latitude) points (TopoJSON's quantised, delta-encoded arcs)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes, arcs):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # consecutive arcs share their end point
    return points


def _split_at_antimeridian(ring):
    """A ring of (longitude, latitude) points cut where it crosses the 180° meridian (Russia's
    Chukotka, Fiji): a step of more than 180° of longitude goes round the back of the globe, and drawn
    as is it would cross the whole map. Each side becomes its own ring, closed along the map's edge;
    the part before the first crossing and the part after the last one are on the same side and join."""
    pieces, current = [], [ring[0]]
    for (lon0, lat0), (lon1, lat1) in zip(ring, ring[1:], strict=False):
        if abs(lon1 - lon0) > 180:
            edge = 180.0 if lon0 > 0 else -180.0
            far = lon1 + 360 if edge > 0 else lon1 - 360  # the next point, on this side's continuation
            share = (edge - lon0) / (far - lon0) if far != lon0 else 0.0
            latitude = lat0 + (lat1 - lat0) * share
            current.append((edge, latitude))
            pieces.append(current)
            current = [(-edge, latitude)]
        current.append((lon1, lat1))
    if not pieces:
        return [ring]
    pieces[0] = current + pieces[0]  # the ring is closed: its last piece continues its first
    return pieces


def _simplify(points):
    kept = [points[0]]
    for x, y in points[1:]:
        last = kept[-1]
        if abs(x - last[0]) >= MIN_STEP or abs(y - last[1]) >= MIN_STEP:
            kept.append((x, y))
    return kept


def _extent(points):
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _path(rings):
    """SVG path data, relative moves between points rounded to a tenth of a pixel."""
    parts = []
    for ring in rings:
        rounded = [(round(x * 10), round(y * 10)) for x, y in ring]
        steps = [f"M{rounded[0][0] / 10:g} {rounded[0][1] / 10:g}l"]
        previous = rounded[0]
        for point in rounded[1:]:
            dx, dy = point[0] - previous[0], point[1] - previous[1]
            if dx or dy:
                steps.append(f"{dx / 10:g} {dy / 10:g} ")
            previous = point
        parts.append("".join(steps).rstrip() + "z")
    return "".join(parts)


def _shapes_from(topology):
    arcs = _decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        number = geometry.get("id")
        if number == ANTARCTICA or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [
            _simplify([project(*point) for point in piece])
            for polygon in polygons
            for ring in polygon
            for piece in _split_at_antimeridian(_ring(ring, arcs))
        ]
        rings = [ring for ring in rings if len(ring) >= 3]
        if not rings:
            continue
        largest = max(rings, key=_extent)
        rings = [ring for ring in rings if ring is largest or _extent(ring) >= MIN_RING]
        code = (countries.alpha2(int(number)) or "") if number and str(number).lstrip("-").isdigit() else ""
        shapes.append(Shape(code=code, name=geometry.get("properties", {}).get("name", ""), path=_path(rings)))
    return shapes


@functools.cache
def _shapes_in_process(fingerprint, path):
    key = f"member-map-shapes:{SHAPES_VERSION}:{fingerprint}"
    found = cache.get(key)
    if found is None:
        found = _shapes_from(json.loads(Path(path).read_text(encoding="utf-8")))
        cache.set(key, found, timeout=None)
    return found


def shapes():
    """The countries' outlines (a list of ``Shape``), or None when the data is not installed or
    cannot be read (the page then shows the table alone)."""
    path = data_path()
    try:
        fingerprint = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        return _shapes_in_process(fingerprint, str(path))
    except (OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("Member map: no country shapes (%s): %s", path, error)
        return None


def shade(count):
    """The shade step (1-4) of a country with ``count`` members, 0 for none."""
    for step, (low, high) in enumerate(STEPS, start=1):
        if count >= low and (high is None or count <= high):
            return step
    return 0


def legend():
    """[(step, low, high)] for the legend."""
    return [(step, low, high) for step, (low, high) in enumerate(STEPS, start=1)]


def counts():
    """{"countries": {code: members}, "regions": [(region, members shown by region only)]} of the
    directory's members (real ones: generated samples are never counted). Two grouped queries."""
    listed = MemberOrganisation.objects.directory().real()
    by_country = dict(
        listed.shown_by_country().order_by().values("country").annotate(n=Count("pk")).values_list("country", "n")
    )
    by_region = dict(
        listed.shown_by_region_only().order_by().values("region").annotate(n=Count("pk")).values_list("region", "n")
    )
    regions = Region.objects.filter(pk__in=list(by_region)).order_by("sort_order", "pk")
    return {"countries": by_country, "regions": [(region, by_region[region.pk]) for region in regions]}


def country_rows(by_country, directory_url):
    """[(code, name, members, directory link)] in the active language, most members first, then by
    name in the language's order."""
    rows = [(code, str(countries.name(code)), n) for code, n in by_country.items() if code]
    rows = sort_by_collation(rows, key=lambda row: row[1])
    rows.sort(key=lambda row: -row[2])
    return [(code, name, n, f"{directory_url}?country={code}") for code, name, n in rows]


def member_map(directory_url):
    """What the map page shows, in the active language, cached per content generation and language:
    the SVG's parts (shapes with their shade, link and label), the legend and the tables."""

    def build():
        found = counts()
        rows = country_rows(found["countries"], directory_url)
        by_code = {code: (name, n, url) for code, name, n, url in rows}
        drawn = shapes()
        land, linked = [], []
        for shape in drawn or []:
            if shape.code in by_code:
                name, n, url = by_code[shape.code]
                linked.append(
                    {"code": shape.code, "name": name, "count": n, "url": url, "shade": shade(n), "path": shape.path}
                )
            else:
                land.append(shape.path)
        drawn_codes = {item["code"] for item in linked}
        return {
            "available": drawn is not None,
            "width": int(WIDTH),
            "height": HEIGHT,
            "land": land,
            "linked": sorted(linked, key=lambda item: item["name"]),
            "not_drawn": [row for row in rows if row[0] not in drawn_codes],  # too small for the data: in the table
            "rows": rows,
            "regions": found["regions"],
            "members": sum(n for _code, _name, n, _url in rows),
            "legend": legend(),
        }

    return generation.cached(("member_map", translation.get_language(), directory_url), build)
