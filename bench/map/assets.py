"""The baseline's CDN files, served from pip packages (bench/requirements.txt), so that the baseline draws as it would
online; every other off-host request is aborted and recorded."""

from __future__ import annotations

import importlib.util
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import BrowserContext

from tests.support.harness import is_app_url


@dataclass(frozen=True)
class Asset:
    url: str               # exact URL, or a prefix when it ends with "/"
    package: str           # the pip distribution (pinned in bench/requirements.txt)
    module: str            # where its files are: an importable module's folder
    path: str              # file (or folder, for a prefix) inside that folder
    note: str              # same version as the CDN's, or how it differs


STUB = "stub"  # `module` for a URL answered with an empty file (no pip package ships it)

ASSETS = [
    Asset("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/", "XStatic-Leaflet==1.9.3.0", "xstatic.pkg.leaflet",
          "data/", "Leaflet 1.9.3, same version (folder: leaflet.js, leaflet.css, images/)"),
    Asset("https://code.jquery.com/jquery-3.7.1.min.js", "XStatic-jQuery==3.7.1.1", "xstatic.pkg.jquery",
          "data/jquery.min.js", "jQuery 3.7.1, same version"),
    Asset("https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js", "Bootstrap-Flask==2.2.0",
          "flask_bootstrap", "static/bootstrap5/js/bootstrap.min.js",
          "Bootstrap 5.2.2, same version, but bootstrap.min.js: the bundle's Popper is not included "
          "(60 KB instead of about 80 KB; nothing on the map uses Popper)"),
    Asset("https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css", "Bootstrap-Flask==2.2.0",
          "flask_bootstrap", "static/bootstrap5/css/bootstrap.min.css", "Bootstrap 5.2.2, same version"),
    Asset("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/", "fontawesomefree==6.2.0",
          "fontawesomefree", "static/fontawesomefree/", "Font Awesome Free 6.2.0, same version (css/, webfonts/)"),
    Asset("https://d3js.org/d3.v4.min.js", "XStatic-D3==3.5.17.1", "xstatic.pkg.d3", "data/d3.js",
          "DIFFERENT: d3 3.5.17 (unminified, about 340 KB) instead of d3 v4 (4.13.0 minified, about 210 KB); no pip "
          "package ships d3 v4. st_folium loads d3 3.5.5 right after it, which replaces window.d3, so the map "
          "and its legend run on d3 v3 online too"),
    Asset("https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js", "XStatic-D3==3.5.17.1", "xstatic.pkg.d3",
          "data/d3.js", "DIFFERENT: d3 3.5.17 unminified (about 340 KB) instead of 3.5.5 minified (about 150 KB)"),
    Asset("https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js", "-",
          STUB, "", "NOT SERVED: answered with an empty script (no pip package ships Leaflet.awesome-markers; the "
          "choropleth draws no marker). Without an answer st_folium's loader stops and the map never draws"),
]


def _module_dir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)  # no import: flask_bootstrap's __init__ needs Flask
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def resolve_asset(url: str) -> tuple[Asset, Path | None] | None:
    """(asset, local file) for a CDN URL the baseline loads; None when no package provides it."""
    bare = url.split("?")[0].split("#")[0]
    for asset in ASSETS:
        if asset.url.endswith("/") and bare.startswith(asset.url):
            rest = bare[len(asset.url):]
        elif bare == asset.url:
            rest = ""
        else:
            continue
        if asset.module == STUB:
            return asset, None
        folder = _module_dir(asset.module)
        if folder is None:
            raise RuntimeError(f"{asset.package} is not installed: .venv/bin/python -m pip install --no-deps "
                               "-r bench/requirements.txt")
        path = folder / asset.path / rest if rest else folder / asset.path
        return (asset, path) if path.is_file() else None
    return None


@dataclass
class OffHost:
    served: dict[str, str] = field(default_factory=dict)       # url -> local source
    stubbed: dict[str, str] = field(default_factory=dict)
    not_served: list[str] = field(default_factory=list)


def route_off_host(context: BrowserContext, port: int, record: OffHost) -> None:
    """Answer the baseline's CDN requests from pip packages; abort (and record) every other off-host one."""
    def handle(route) -> None:
        url = route.request.url
        found = resolve_asset(url)
        if found is None:
            if url not in record.not_served:
                record.not_served.append(url)
            route.abort()
            return
        asset, path = found
        headers = {"Access-Control-Allow-Origin": "*"}
        if path is None:
            record.stubbed[url] = asset.note
            route.fulfill(status=200, body="/* bench: not served locally */\n", headers=headers,
                          content_type="application/javascript")
            return
        record.served[url] = f"{asset.package}: {path.relative_to(_module_dir(asset.module))}"
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".js":
            kind = "application/javascript"
        route.fulfill(status=200, body=path.read_bytes(), headers=headers, content_type=kind)

    context.route(lambda url: not is_app_url(url, port), handle)
