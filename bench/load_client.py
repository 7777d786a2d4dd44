"""A protocol-level Streamlit client for the load test: one user session over Streamlit's own websocket
(``/_stcore/stream``), speaking the same protobuf messages as the browser (``BackMsg.rerun_script`` with the page
and the widgets' values; ``ForwardMsg`` deltas until ``script_finished``), so that fifty sessions fit on two cores
beside the server. It does no drawing: a rerun's time is from sending the request to the server's
``script_finished``, i.e. the server's work and the transfer of its messages.

A user's visit (``VISIT``): the Overview, the sidebar's Sex changed, Compare, the Map with an area chosen, the
Area profile, Local need and the Board pack, as a DPH walks through the app.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

RERUN_TIMEOUT_S = 120
SETTLE_S = 0.3  # after a run ends, how long a rerun it asked for may take to start (counted if it does)


@dataclass(frozen=True)
class Step:
    """One action: open ``page`` (its url path; "" is the Overview) and set widgets by key to an option's label."""

    name: str
    page: str
    choices: tuple[tuple[str, str], ...] = ()


VISIT = (
    Step("Overview", ""),
    Step("Overview: Sex changed", "", (("sex", "Men"),)),
    Step("Compare", "compare"),
    Step("Map", "map"),
    Step("Map: area chosen", "map", (("area", "Barnsley"),)),
    Step("Area profile", "area_profile"),
    Step("Local need", "local_need"),
    Step("Board pack", "board_pack"),
)


@dataclass
class Timing:
    step: str
    seconds: float
    error: str = ""  # "" when the run finished with no exception on the page


@dataclass
class Session:
    """One user's websocket session and the widgets it has set (sent again on every rerun, as the browser does)."""

    url: str  # ws://host:port/_stcore/stream
    origin: str  # http://host:port
    widget_ids: dict[str, str] = field(default_factory=dict)  # user key -> widget id (from the deltas)
    chosen: dict[str, WidgetState] = field(default_factory=dict)  # widget id -> its state
    timings: list[Timing] = field(default_factory=list)

    async def _run(self, socket, page: str) -> tuple[float, str]:
        """Ask for a rerun of ``page`` and wait until it and any rerun it asks for (st.rerun, a page switch) have
        finished: a run starts with new_session and ends with script_finished; a run cut short for a rerun, or
        one followed within SETTLE_S by another, is waited through. Messages left from earlier runs are dropped."""
        await self._drain(socket)
        message = BackMsg()
        message.rerun_script.page_name = page
        message.rerun_script.widget_states.widgets.extend(self.chosen.values())
        started = time.perf_counter()
        await socket.send(message.SerializeToString())
        error, running, finished_at = "", False, None
        while True:
            timeout = SETTLE_S if finished_at is not None else RERUN_TIMEOUT_S
            try:
                raw = await asyncio.wait_for(socket.recv(), timeout)
            except TimeoutError:
                if finished_at is None:
                    raise
                return finished_at - started, error
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                running, finished_at = True, None
            elif kind == "delta" and running and forward.delta.WhichOneof("type") == "new_element":
                error = error or self._read_element(forward.delta.new_element)
            elif kind == "script_finished" and running:
                running = False
                if forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    finished_at = time.perf_counter()

    @staticmethod
    async def _drain(socket) -> None:
        """Drop what the server sent since the last run was timed (nothing is waited for)."""
        while True:
            try:
                await asyncio.wait_for(socket.recv(), 0.001)
            except TimeoutError:
                return

    def _read_element(self, element) -> str:
        """Remember each keyed widget's id; return an exception's message ("" for any other element)."""
        kind = element.WhichOneof("type")
        if kind == "exception":
            return element.exception.message or element.exception.type
        inner = getattr(element, kind)
        widget_id = getattr(inner, "id", "")
        if widget_id.startswith("$$ID-") and widget_id.count("-") >= 2:
            self.widget_ids[widget_id.split("-", 2)[2]] = widget_id
        return ""

    def _choose(self, key: str, label: str) -> None:
        state = WidgetState(id=self.widget_ids[key], string_value=label)
        self.chosen[state.id] = state

    async def visit(self, steps: tuple[Step, ...] = VISIT, think_s: float = 0.0,
                    hold: asyncio.Event | None = None) -> list[Timing]:
        """Walk through ``steps`` on one connection, pausing ``think_s`` between them; each step's time. With
        ``hold``, stay connected until it is set (so the server's memory can be read with every session open)."""
        async with websockets.connect(self.url, subprotocols=["streamlit"], origin=self.origin,
                                      max_size=None, open_timeout=RERUN_TIMEOUT_S) as socket:
            for step in steps:
                try:
                    for key, label in step.choices:
                        self._choose(key, label)
                    seconds, error = await self._run(socket, step.page)
                except (KeyError, TimeoutError, websockets.WebSocketException) as problem:
                    seconds, error = float("nan"), f"{type(problem).__name__}: {problem}"
                self.timings.append(Timing(step.name, seconds, error))
                await asyncio.sleep(think_s)
            if hold is not None:
                await hold.wait()
        return self.timings


def endpoints(base_url: str) -> tuple[str, str]:
    """The websocket URL and the Origin header for an app at ``base_url`` (http://host:port)."""
    return base_url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream", base_url.rstrip("/")
