"""Charts leave room to plot, at 1280 px and on a phone: on Compare, the Overview and Local need, each chart's
plotting area (where its grid lines run) is at least 40% of the chart's width and on screen, and no title,
subtitle or row label runs outside the chart."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.harness import wait_for_app

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
PAGES = {"compare": "compare", "overview": "overview", "local_need": "local_need?area=E08000016"}
MEASURE = """() => [...document.querySelectorAll('.vega-embed')].map(embed => {
    const chart = embed.getBoundingClientRect();
    const grids = [...embed.querySelectorAll('.role-axis-grid')].map(g => g.getBoundingClientRect());
    const texts = [...embed.querySelectorAll('.role-title text, .mark-text text')].map(t => t.getBoundingClientRect())
        .filter(box => box.width > 0);
    return {chart: [chart.left, chart.right, chart.width],
            grid: grids.length ? [Math.min(...grids.map(g => g.left)), Math.max(...grids.map(g => g.right))] : null,
            textsOutside: texts.filter(box => box.left < chart.left - 1 || box.right > chart.right + 1).length};
})"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
@pytest.mark.parametrize("name", PAGES, ids=list(PAGES))
def test_each_chart_plots_across_most_of_its_width(guarded_page: Page, app_url: str, name: str,
                                                   viewport: str) -> None:
    page = guarded_page
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(f"{app_url}/{PAGES[name]}")
    wait_for_app(page)
    expect(page.locator(".vega-embed").first).to_be_visible()
    charts = page.evaluate(MEASURE)
    assert charts, "no chart on the page"
    width = VIEWPORTS[viewport]["width"]
    for chart in charts:
        left, right, chart_width = chart["chart"]
        assert chart["grid"] is not None, chart
        grid_left, grid_right = chart["grid"]
        assert grid_right - grid_left >= 0.4 * chart_width, chart
        assert grid_left >= 0 and grid_right <= width, chart  # on screen
        assert chart["textsOutside"] == 0, chart
