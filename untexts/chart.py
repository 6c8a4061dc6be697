"""The texts per year as a bar chart drawn on the server (SVG, no JavaScript), with its numbers.

``year_chart(counts)`` takes {year or None: number} and returns plain data (numbers only, so one
cached copy serves every language); ``untexts/includes/year_chart.html`` draws it with its title,
description and the same numbers as a table. Every year between the first and the last is a bar,
those without texts too (an axis with gaps would mislead). With the listing filtered on a year, the
chart still shows every year (the year filter is the chart's own axis) and marks the chosen one.

A phone gets its own drawing (``phone``): the same bars laid sideways, one row per year with its year
and its number beside it, in a viewBox about as wide as the screen, so that its text is drawn at its
real size (the wide drawing shrunk to a phone's width was about 120 px tall, its labels unreadable).
The stylesheet shows one drawing or the other."""

WIDTH = 900  # drawn across the column (100 % wide): about its real size on a desk
HEIGHT = 260
LEFT = 36  # room for the number axis
RIGHT = 8
TOP = 16
BOTTOM = 28  # room for the years
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
# The phone drawing: rows of ROW units, the years in a column of YEARS units, room for a number.
PHONE_WIDTH = 340
ROW = 24
YEARS = 44
NUMBER = 30


def nice_top(largest):
    """The axis's top: the smallest of 1, 2, 5 × 10ⁿ at or above ``largest``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= largest:
                return factor * step
        step *= 10


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
    phone_plot = PHONE_WIDTH - YEARS - NUMBER
    phone_bars = [
        {
            "year": year,
            "count": counts.get(year, 0),
            "y": position * ROW + 4,
            "width": round(phone_plot * counts.get(year, 0) / top, 1),
            "text_y": position * ROW + ROW / 2,
            "count_x": round(YEARS + 6 + phone_plot * counts.get(year, 0) / top, 1),
            "selected": selected is not None and str(year) == str(selected),
        }
        for position, year in enumerate(span)
    ]
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
        "phone": {
            "bars": phone_bars,
            "width": PHONE_WIDTH,
            "height": len(span) * ROW,
            "bar_x": YEARS,
            "bar_height": ROW - 8,
            "year_x": YEARS - 6,
        },
    }
