"""The websocket as the browser received it (CDP Network.webSocketFrameReceived): each frame decoded as a Streamlit
ForwardMsg, the frames that carry the map picked out, and the largest map message broken down by content."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass

from playwright.sync_api import BrowserContext, Page
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Frame:
    size: int                 # payload bytes
    kind: str                 # ForwardMsg type, "delta:<element type>[:component]", or "text"/"unparsed"
    is_map: bool
    msg_hash: str = ""
    ref_hash: str = ""
    status: str = ""          # script_finished status
    map_args: str = ""        # a folium component's JSON arguments (map messages sent in full only)


class WebSocketLog:
    """Websocket frames the browser received (CDP Network.webSocketFrameReceived), decoded as ForwardMsgs."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.frames: list[Frame] = []
        self.map_hashes: set[str] = set()
        self.cdp = context.new_cdp_session(page)
        self.cdp.on("Network.webSocketFrameReceived", self._on_frame)
        self.cdp.send("Network.enable")

    def _on_frame(self, params: dict) -> None:
        response = params["response"]
        payload = response.get("payloadData", "")
        if response.get("opcode") != 2:
            self.frames.append(Frame(len(payload.encode()), "text", False))
            return
        data = base64.b64decode(payload)
        msg = ForwardMsg()
        try:
            msg.ParseFromString(data)
        except Exception:  # noqa: BLE001 - a frame we cannot decode is still counted
            self.frames.append(Frame(len(data), "unparsed", False))
            return
        kind = msg.WhichOneof("type") or "none"
        is_map = False
        status = ""
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            etype = element.WhichOneof("type") or "none"
            kind = f"delta:{etype}"
            if etype == "component_instance":
                kind += f":{element.component_instance.component_name}"
                is_map = "folium" in element.component_instance.component_name.lower()
            if not is_map:
                is_map = b"leaflet" in data.lower() and etype in ("iframe", "html", "bidi_component",
                                                                 "component_instance")
        elif kind == "delta":
            kind = f"delta:{msg.delta.WhichOneof('type')}"
        elif kind == "script_finished":
            status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
        elif kind == "ref_hash":
            is_map = msg.ref_hash in self.map_hashes
        if is_map and msg.hash:
            self.map_hashes.add(msg.hash)
        args = msg.delta.new_element.component_instance.json_args if is_map and kind.startswith("delta:") else ""
        self.frames.append(Frame(len(data), kind, is_map, msg.hash, msg.ref_hash if kind == "ref_hash" else "", status,
                                 args))

    def take(self) -> list[Frame]:
        frames, self.frames = self.frames, []
        return frames


def summarise_frames(frames: list[Frame]) -> dict:
    runs = sum(f.kind == "new_session" for f in frames)
    finished = [f.status for f in frames if f.kind == "script_finished"]
    by_kind: dict[str, int] = {}
    for f in frames:
        by_kind[f.kind] = by_kind.get(f.kind, 0) + f.size
    largest = max(frames, key=lambda f: f.size, default=None)
    map_frames = [f for f in frames if f.is_map]
    return {
        "ws_bytes_total": sum(f.size for f in frames),
        "ws_frames": len(frames),
        "map_bytes": sum(f.size for f in map_frames),
        "map_messages": len(map_frames),
        "map_messages_sent_in_full": sum(f.kind != "ref_hash" for f in map_frames),
        "map_messages_as_cache_refs": sum(f.kind == "ref_hash" for f in map_frames),
        "largest_message": {"kind": largest.kind, "bytes": largest.size} if largest else None,
        "bytes_by_kind": dict(sorted(by_kind.items(), key=lambda kv: -kv[1])[:8]),
        "script_runs": runs,
        "script_finished": finished,
    }


STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
NUMERIC_RUN = re.compile(r"[\[\]\d.,\s-]{24,}")
NUMBER = re.compile(r"-?\d+(?:\.(\d+))?")


def map_breakdown(frames: list[Frame]) -> dict | None:
    """What the largest map message is made of: its component arguments by size, and its script split into
    JSON string literals (names, codes, tooltips, colours, property keys), long numeric arrays (coordinates,
    quantised or not) and the rest (JavaScript)."""
    full = [f for f in frames if f.map_args]
    if not full:
        return None
    largest = max(full, key=lambda f: f.size)
    args = json.loads(largest.map_args)
    script = str(args.get("script", ""))
    strings = STRING.findall(script)
    rest = STRING.sub("", script)
    runs = [run for run in NUMERIC_RUN.findall(rest) if sum(c.isdigit() for c in run) > len(run) / 3]
    numbers = NUMBER.findall("".join(runs))
    return {
        "message_bytes": largest.size,
        "args_bytes": {key: len(json.dumps(value)) for key, value in
                       sorted(args.items(), key=lambda kv: -len(json.dumps(kv[1])))[:6]},
        "script_bytes": len(script),
        "script_string_literals_bytes": sum(map(len, strings)),
        "script_unicode_escape_bytes": sum(len(m) for m in re.findall(r"\\u00[0-9a-fA-F]{2}", script)),
        "script_numeric_arrays_bytes": sum(map(len, runs)),
        "script_other_bytes": len(script) - sum(map(len, strings)) - sum(map(len, runs)),
        "numbers_in_arrays": len(numbers),
        "max_decimal_places": max((len(d) for d in numbers if d), default=0),
        "feature_collections": script.count('"FeatureCollection"'),
    }

