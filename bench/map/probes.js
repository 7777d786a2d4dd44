// Injected into every page the map benchmark opens (Playwright add_init_script), before the page's own scripts.
// Records, on the page's own clock (performance.timeOrigin + performance.now(), in ms):
//   window.__bench.messages: [arrival time, bytes] of every websocket message;
//   window.__bench.states:   [time, state] whenever the app's data-test-script-state changes;
//   window.__bench.draws:    per iframe, a timeline of interactive Leaflet paths (count, fill colours) and when
//                            Leaflet became ready in it.
// Read back by bench/map/probes.py (READ_DRAW, wait_until_idle).
(() => {
  if (window.top !== window) return;
  const now = () => performance.timeOrigin + performance.now();
  const bench = window.__bench = {states: [], draws: [], messages: []};
  // Arrival time and size of every websocket message (the page's own clock; no CDP needed).
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = new Proxy(NativeWebSocket, {construct(target, args) {
    const socket = Reflect.construct(target, args);
    socket.addEventListener('message', (event) => {
      const data = event.data;
      bench.messages.push([now(), data.byteLength ?? data.size ?? data.length ?? 0]);
    });
    return socket;
  }});
  let last = null;
  const record = (app) => {
    const state = app.getAttribute('data-test-script-state');
    if (state !== last) { last = state; bench.states.push([now(), state]); }
  };
  const attach = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) { setTimeout(attach, 5); return; }
    record(app);
    new MutationObserver(() => record(app)).observe(app, {attributes: true,
      attributeFilter: ['data-test-script-state']});
  };
  attach();
  // Draw progress, polled once per animation frame (the component iframe is same-origin, so its document
  // is readable from here; it shares this renderer's main thread, so a poll runs in the frame that paints
  // what the iframe's script added). Every change in the number of interactive Leaflet paths, or in their
  // fill colours, is recorded per iframe element (a re-mounted component is a new element, with a new
  // timeline; areas swapped inside the same map change the colours).
  const seen = new WeakMap();
  const poll = () => {
    for (const frame of document.querySelectorAll('iframe')) {
      let count = -1, fills = '';
      try {
        const paths = frame.contentDocument ? frame.contentDocument.querySelectorAll('path.leaflet-interactive')
                                            : null;
        count = paths ? paths.length : -1;
        if (paths) { fills = Array.from(paths, (p) => p.getAttribute('fill')).join(); }
      } catch (e) { count = -1; }
      let draw = seen.get(frame);
      if (!draw) {
        draw = {title: frame.title || '', created: now(), timeline: [], last: null, fills: '', leaflet: null};
        seen.set(frame, draw);
        bench.draws.push({draw, frame});
      }
      // When Leaflet has been evaluated in the iframe: what follows is the map's own work (its other scripts,
      // then its script: geometry parsed, layers made, areas drawn).
      try { if (draw.leaflet === null && frame.contentWindow && frame.contentWindow.L) { draw.leaflet = now(); } }
      catch (e) { /* not same-origin */ }
      // A new entry when the number of areas changes, or their colours do (areas redrawn in the same map).
      if (count !== draw.last || fills !== draw.fills) {
        draw.last = count; draw.fills = fills; draw.timeline.push({at: now(), count});
      }
    }
  };
  const loop = () => { poll(); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  setInterval(poll, 50);  // in case animation frames are throttled
})();
