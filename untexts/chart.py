"""The texts per year as a bar chart drawn on the server (SVG, no JavaScript), with its numbers.

``year_chart(counts)`` takes {year or None: number} and returns plain data (numbers only, so one
cached copy serves every language); ``untexts/includes/year_chart.html`` draws it with its title,
description and the same numbers as a table. Every year between the first and the last is a bar,
those without texts too (an axis with gaps would mislead). With the listing filtered on a year, the
chart still shows every year (the year filter is the chart's own axis) and marks the chosen one.

On a phone the drawing is about half its width: the stylesheet then shows only the years marked
``major`` (every fifth or tenth) at a larger size, so that they stay readable (about 12 px)."""

WIDTH = 720
HEIGHT = 260
LEFT = 36  # room for the number axis
RIGHT = 8
TOP = 16
BOTTOM = 28  # room for the years
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM


def nice_top(largest):
    """The axis's top: the smallest of 1, 2, 5 × 10ⁿ at or above ``largest``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= largest:
                return factor * step
        step *= 10


def _year(value):
    try:
        return int(str(value))
    except ValueError:
        return None


def year_chart(counts, selected=None):
    """{years, bars, ticks, total, undated, first, last, busiest, width, height, ...} or None when no
    text has a known year."""
    undated = counts.get(None, 0)
    years = sorted(year for year in counts if year is not None)
    if not years:
        return None if not undated else {"bars": [], "rows": [], "undated": undated, "total": undated}
    first, last = years[0], years[-1]
    span = list(range(first, last + 1))
    top = nice_top(max(counts[year] for year in years))
    slot = PLOT_WIDTH / len(span)
    bar_width = max(1.0, slot * 0.7)
    label_every = next(step for step in (1, 2, 5, 10, 20, 50) if slot * step >= 34)
    major_every = next(step for step in (1, 2, 5, 10, 20, 50) if slot * step >= 90)  # phones
    bars = []
    for position, year in enumerate(span):
        count = counts.get(year, 0)
        height = PLOT_HEIGHT * count / top
        x = LEFT + position * slot + (slot - bar_width) / 2
        bars.append(
            {
                "year": year,
                "count": count,
                "x": round(x, 1),
                "y": round(TOP + PLOT_HEIGHT - height, 1),
                "width": round(bar_width, 1),
                "height": round(height, 1),
                "label_x": round(x + bar_width / 2, 1),
                "show_label": (year - first) % label_every == 0 or year == last,
                # On phones a major year too close to the chosen one would overlap its label.
                "major": (year - first) % major_every == 0
                and (selected is None or year == _year(selected) or abs(year - _year(selected)) * slot >= 70),
                "selected": selected is not None and str(year) == str(selected),
                "show_count": count > 0 and bar_width >= 14,
                "count_y": round(TOP + PLOT_HEIGHT - height - 4, 1),
            }
        )
    ticks = [
        {"value": value, "y": round(TOP + PLOT_HEIGHT - PLOT_HEIGHT * value / top, 1)}
        for value in sorted({0, top // 2 if top % 2 == 0 else top, top})
    ]
    busiest = max(years, key=lambda year: (counts[year], -year))
    return {
        "bars": bars,
        "rows": [{"year": year, "count": counts.get(year, 0)} for year in span],
        "ticks": ticks,
        "total": sum(counts.values()),
        "dated": sum(counts[year] for year in years),
        "undated": undated,
        "first": first,
        "last": last,
        "busiest": busiest,
        "busiest_count": counts[busiest],
        "selected": next((year for year in span if selected is not None and str(year) == str(selected)), None),
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": TOP + PLOT_HEIGHT,
        "year_y": TOP + PLOT_HEIGHT + 18,
    }
