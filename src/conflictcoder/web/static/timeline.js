/* timeline: a small hand-written SVG chart: events per day or week stacked by event type (bars,
   left axis) and fatalities (line, right axis). Used by the page and the static report.
   window.drawTimeline(svg, buckets, {interval: "day"|"week", onPick(start, end)}): a click on a bar or
   a drag across periods (brushing) calls onPick with the dates; buckets being
   [{period: "YYYY-MM-DD", event_type, events, fatalities}] as /api/aggregates/timeline gives. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var DAY = 86400000;

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function iso(t) { return new Date(t).toISOString().slice(0, 10); }

  function niceMax(v) {
    if (v <= 5) return Math.max(1, v);
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var m = Math.ceil(v / p);
    return (m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  function drawTimeline(svg, buckets, opts) {
    opts = opts || {};
    var step = (opts.interval === "day" ? 1 : 7) * DAY;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var W = svg.clientWidth || svg.parentNode.clientWidth || 600;
    var H = svg.clientHeight || 180;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    var pad = { l: 34, r: 38, t: 10, b: 22 };
    if (!buckets.length) {
      var t = el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "class": "empty" }, svg);
      t.textContent = "no dated events";
      return;
    }
    var periods = {};
    buckets.forEach(function (b) {
      var t = Date.parse(b.period + "T00:00:00Z");
      var p = periods[t] || (periods[t] = { t: t, events: 0, fatalities: 0, types: [] });
      p.events += b.events;
      p.fatalities += b.fatalities;
      p.types.push(b);
    });
    var times = Object.keys(periods).map(Number).sort(function (a, b) { return a - b; });
    var t0 = times[0], t1 = times[times.length - 1];
    var n = Math.round((t1 - t0) / step) + 1;
    var maxE = niceMax(Math.max.apply(null, times.map(function (t) { return periods[t].events; })));
    // the fatalities axis stops at a robust top (Tukey's far fence of the periods' tolls): a
    // period above it is drawn at the top with a mark and its true figure, never squashing the rest
    var tolls = times.map(function (t) { return periods[t].fatalities; });
    var topF = Math.max.apply(null, tolls);
    var fence = window.EventMap && window.EventMap.outlierThreshold ? window.EventMap.outlierThreshold(tolls) : Infinity;
    var maxF = niceMax(topF > fence ? Math.max.apply(null, tolls.filter(function (v) { return v <= fence; }).concat([1])) : topF);
    var iw = W - pad.l - pad.r, ih = H - pad.t - pad.b;
    var bw = iw / n;
    function x(t) { return pad.l + ((t - t0) / step) * bw; }
    function yE(v) { return pad.t + ih - (v / maxE) * ih; }
    function yF(v) { return pad.t + ih - (Math.min(v, maxF) / maxF) * ih; }
    // axes
    el("line", { x1: pad.l, x2: W - pad.r, y1: pad.t + ih, y2: pad.t + ih, "class": "axis" }, svg);
    [0, maxE / 2, maxE].forEach(function (v) {
      el("line", { x1: pad.l, x2: W - pad.r, y1: yE(v), y2: yE(v), "class": "grid" }, svg);
      var t = el("text", { x: pad.l - 4, y: yE(v) + 4, "text-anchor": "end", "class": "tick" }, svg);
      t.textContent = String(Math.round(v * 10) / 10);
    });
    [0, maxF / 2, maxF].forEach(function (v) {
      var t = el("text", { x: W - pad.r + 4, y: yF(v) + 4, "class": "tick fat" }, svg);
      t.textContent = String(Math.round(v));
    });
    var labels = Math.max(2, Math.min(8, Math.floor(iw / 90)));
    for (var i = 0; i < labels; i++) {
      var li = Math.round(i * (n - 1) / Math.max(1, labels - 1));
      var lt = t0 + li * step;
      var lab = el("text", { x: x(lt) + bw / 2, y: H - 6, "text-anchor": "middle", "class": "tick" }, svg);
      lab.textContent = iso(lt);
    }
    // bars, stacked by type
    times.forEach(function (t) {
      var p = periods[t];
      var g = el("g", { "class": "bar", "data-period": iso(t) }, svg);
      var title = el("title", {}, g);
      title.textContent = (opts.interval === "day" ? "" : "week of ") + iso(t) + ": " + p.events + " events, " +
        p.fatalities + " fatalities";
      var y = pad.t + ih;
      p.types.sort(function (a, b) { return (a.event_type || "").localeCompare(b.event_type || ""); });
      p.types.forEach(function (b) {
        var h = (b.events / maxE) * ih;
        y -= h;
        el("rect", { x: x(t) + Math.min(1, bw * 0.1), y: y, width: Math.max(1, bw - Math.min(2, bw * 0.2)), height: h,
                     fill: window.EventMap ? window.EventMap.color(b.event_type) : "#888" }, g);
      });
      el("rect", { x: x(t), y: pad.t, width: bw, height: ih, "class": "hit" }, g);  // the whole column is clickable
      if (opts.onPick) {
        g.addEventListener("click", function () { opts.onPick(iso(t), iso(t + step - DAY)); });
      }
    });
    // fatalities line over every period (zero where nothing happened)
    var pts = [];
    for (var k = 0; k < n; k++) {
      var tk = t0 + k * step;
      var f = periods[tk] ? periods[tk].fatalities : 0;
      pts.push((x(tk) + bw / 2).toFixed(1) + "," + yF(f).toFixed(1));
    }
    el("polyline", { points: pts.join(" "), "class": "fatalities" }, svg);
    // periods off the scale: a mark at the top with the figure (the figure only where it has
    // room before the next mark; its title always tells it)
    var off = times.filter(function (t) { return periods[t].fatalities > maxF; });
    var lastLabel = -Infinity;
    off.forEach(function (t, i) {
      var f = periods[t].fatalities;
      var cx = x(t) + bw / 2, room = 6 * String(f).length + 16;
      var next = i + 1 < off.length ? x(off[i + 1]) + bw / 2 : Infinity;
      var g = el("g", { "class": "fat-outlier", "data-period": iso(t), "data-fatalities": String(f) }, svg);
      el("path", { d: "M" + (cx - 5) + "," + (pad.t + 8) + " L" + cx + "," + pad.t + " L" + (cx + 5) + "," + (pad.t + 8) + " Z" }, g);
      if (next - cx > room && cx - lastLabel > room) {
        var lab = el("text", { x: cx + 7, y: pad.t + 9, "class": "tick fat" }, g);
        lab.textContent = String(f);
        lastLabel = cx;
      }
      var tt = el("title", {}, g);
      tt.textContent = iso(t) + ": " + f + " fatalities, off the scale (an outlier: check the events)";
    });
    brush(svg, { x0: pad.l, x1: pad.l + n * bw, top: pad.t, height: ih }, function (px) {
      return t0 + Math.floor((px - pad.l) / bw) * step;
    }, step, opts);
  }

  // Brushing: drag across the chart to pick a date range (a click still picks one bar).
  function brush(svg, area, timeAt, step, opts) {
    if (!opts.onPick) return;
    var start = null, rect = null, dragged = false;
    function px(e) {
      var b = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
      var v = (e.clientX - b.left) * (vb && vb.width ? vb.width / b.width : 1);
      return Math.max(area.x0, Math.min(area.x1 - 0.01, v));
    }
    svg.onmousedown = function (e) {
      if (e.button !== 0) return;
      start = px(e); dragged = false;
      e.preventDefault();
    };
    svg.onmousemove = function (e) {
      if (start === null) return;
      var cur = px(e);
      if (!dragged && Math.abs(cur - start) < 4) return;
      dragged = true;
      if (!rect) rect = el("rect", { "class": "brush", y: area.top, height: area.height }, svg);
      rect.setAttribute("x", Math.min(start, cur));
      rect.setAttribute("width", Math.abs(cur - start));
    };
    function end(e) {
      if (start === null) return;
      var a = start, b = px(e);
      start = null;
      if (rect) { rect.remove(); rect = null; }
      if (!dragged) return;
      svg.setAttribute("data-brushed", "1");  // the click that follows a drag is no bar click
      var lo = timeAt(Math.min(a, b)), hi = timeAt(Math.max(a, b));
      opts.onPick(iso(lo), iso(hi + step - DAY));
    }
    svg.onmouseup = end;
    svg.onmouseleave = function (e) { if (start !== null && dragged) end(e); else start = null; };
    if (!svg.hasAttribute("data-brush")) {  // once per chart, not once per redraw
      svg.setAttribute("data-brush", "1");
      svg.addEventListener("click", function (e) {
        if (svg.getAttribute("data-brushed")) { svg.removeAttribute("data-brushed"); e.stopPropagation(); }
      }, true);
    }
  }

  window.drawTimeline = drawTimeline;
})();
