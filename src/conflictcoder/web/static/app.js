/* app: the analysts' page. Filters drive the map, the list and the timeline (all from /api);
   an event's panel shows its fields (corrected ones marked, with the machine's value), the
   articles with the evidence highlighted, the counts, and the forms to correct, merge and
   split. Everything from the data is put in the page as text (textContent), never as HTML. */
(function () {
  "use strict";
  var state = { meta: null, events: [], selected: null, detail: null };
  var LIST_LIMIT = 5000;  // events drawn on the map and listed; the API's largest page
  var $ = function (id) { return document.getElementById(id); };
  var FILTERS = [["country", "f-country"], ["admin1", "f-admin1"], ["since", "f-since"], ["until", "f-until"],
                 ["event_type", "f-type"], ["actor", "f-actor"], ["min_fatalities", "f-minfat"], ["q", "f-q"]];
  var LABELS = { event_type: "type", sub_event_type: "sub-event", date_start: "date from", date_end: "date to",
                 time_precision: "time precision", location: "location", geonames_id: "GeoNames id", lat: "latitude",
                 lon: "longitude", country_code: "country", admin1: "admin1", admin2: "admin2",
                 geo_precision: "geo precision", actor1: "actor1", inter1: "inter1", actor2: "actor2",
                 inter2: "inter2", fatalities: "fatalities" };

  function h(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  function token() { return $("token").value.trim(); }

  function api(path, opts) {
    opts = opts || {};
    var headers = { "Accept": "application/json" };
    if (token()) headers["Authorization"] = "Bearer " + token();
    if (opts.body) headers["Content-Type"] = "application/json";
    return fetch(path, { method: opts.method || "GET", headers: headers, body: opts.body ? JSON.stringify(opts.body) : undefined })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) {
          if (!r.ok) {
            var d = data.detail;
            var msg = Array.isArray(d) ? d.map(function (x) { return (x.loc || []).slice(-1)[0] + ": " + x.msg; }).join("; ") : (d || r.statusText);
            if (r.status === 401 || r.status === 403) msg += " (enter the server's write token at the top)";
            var err = new Error(msg); err.status = r.status; throw err;
          }
          return data;
        });
      });
  }

  // --- filters ------------------------------------------------------------------------------
  function filterParams() {
    var p = new URLSearchParams();
    FILTERS.forEach(function (f) { var v = $(f[1]).value.trim(); if (v) p.set(f[0], v); });
    return p;
  }

  function fillSelect(sel, values, keep) {
    var cur = keep !== undefined ? keep : sel.value;
    while (sel.options.length > 1) sel.remove(1);
    values.forEach(function (v) { sel.appendChild(h("option", { value: v, text: v })); });
    sel.value = values.indexOf(cur) >= 0 ? cur : "";
  }

  function fillRegions() {  // only the chosen country's regions; all of them, with their country, otherwise
    var c = $("f-country").value, sel = $("f-admin1"), cur = sel.value;
    var regions = state.meta.admin1.filter(function (r) { return !c || r.country_code === c; });
    var names = regions.map(function (r) { return r.admin1; });
    while (sel.options.length > 1) sel.remove(1);
    regions.filter(function (r, i) { return names.indexOf(r.admin1) === i; })
      .sort(function (a, b) { return a.admin1.localeCompare(b.admin1); })
      .forEach(function (r) { sel.appendChild(h("option", { value: r.admin1, text: c ? r.admin1 : r.admin1 + " (" + r.country_code + ")" })); });
    sel.value = names.indexOf(cur) >= 0 ? cur : "";
  }

  function interval() {
    var v = $("t-interval").value;
    if (v !== "auto") return v;
    var since = $("f-since").value || state.meta.date_min, until = $("f-until").value || state.meta.date_max;
    if (!since || !until) return "week";
    return (Date.parse(until) - Date.parse(since)) / 86400000 <= 62 ? "day" : "week";
  }

  var pending = 0;
  function refresh(fit) {
    var p = filterParams();
    history.replaceState(null, "", p.toString() ? "?" + p.toString() : location.pathname);
    [["csv", "acled-csv"], ["geojson", "geojson"], ["parquet", "parquet"]].forEach(function (k) {
      var q = new URLSearchParams(p);  // every filter: the export is the filtered view
      q.set("format", k[1]);
      $("export-" + k[0]).href = "/api/export?" + q.toString();
    });
    var mine = ++pending;
    var tl = new URLSearchParams(p); tl.set("interval", interval());
    var lp = new URLSearchParams(p); lp.set("limit", String(LIST_LIMIT));
    document.body.classList.add("loading");
    return Promise.all([api("/api/events?" + lp), api("/api/aggregates/timeline?" + tl),
                        api("/api/aggregates/breakdown?" + p)]).then(function (res) {
      if (mine !== pending) return;
      state.events = res[0].events;
      var dead = res[2].by_type.reduce(function (s, r) { return s + r.fatalities; }, 0);
      $("count").textContent = res[0].total + " events, " + dead + " fatalities";
      var cut = $("cut-note");
      cut.hidden = res[0].total <= state.events.length;
      cut.textContent = cut.hidden ? "" : "Showing the newest " + state.events.length + " of " + res[0].total +
        " events on the map and in the list (the timeline, counts and exports hold all of them): narrow the filters to see the rest.";
      eventMap.setEvents(state.events, fit);
      renderList();
      state.breakdown = res[2];
      renderBreakdown(res[2]);
      state.timeline = res[1];
      drawTimeline($("timeline"), res[1].buckets, { interval: res[1].interval, onPick: pickPeriod });
      document.body.classList.remove("loading");
      document.body.setAttribute("data-ready", "1");
    }).catch(function (e) { $("count").textContent = "error: " + e.message; });
  }

  function pickPeriod(start, end) {
    $("f-since").value = start;
    $("f-until").value = end;
    refresh(true);
  }

  // --- fatalities by type, actor, country; the country choropleth -------------------------
  function renderBreakdown(b) {
    var body = $("breakdown-body");
    body.textContent = "";
    [["by type", b.by_type, "type"], ["by actor (an event counts for both its actors)", b.by_actor, "actor"],
     ["by country", b.by_country, "country"]].forEach(function (part) {
      var top = Math.max.apply(null, part[1].map(function (r) { return r.fatalities; }).concat([1]));
      body.appendChild(h("h4", { text: part[0] }));
      var list = h("div", { "class": "rows", "data-group": part[2] });
      part[1].forEach(function (r) {
        list.appendChild(h("div", { "class": "row", "data-key": r.key }, [
          h("span", { "class": "name", title: r.key, text: r.key }),
          h("span", { "class": "bar", style: "width:" + Math.max(1, Math.round(60 * Math.log10(1 + r.fatalities) / Math.log10(1 + top))) + "px" }),
          h("span", { "class": "n", title: r.events + " events", text: String(r.fatalities) })]));
      });
      if (!part[1].length) list.appendChild(h("div", { text: "—" }));
      body.appendChild(list);
    });
    choropleth();
  }

  function choropleth() {
    if (!$("m-choropleth").checked || !state.breakdown) { eventMap.setChoropleth(null); return; }
    var values = {};
    state.breakdown.by_country.forEach(function (r) { if (r.iso !== null) values[String(r.iso)] = r; });
    eventMap.setChoropleth(values);
  }

  // --- list ---------------------------------------------------------------------------------
  function when(ev) {
    if (!ev.date_start) return "undated";
    return ev.date_start === ev.date_end || !ev.date_end ? ev.date_start : ev.date_start + " – " + ev.date_end;
  }

  function renderList() {
    var ol = $("event-list");
    ol.textContent = "";
    state.events.forEach(function (ev) {
      var li = h("li", { "data-id": ev.event_id, "class": ev.event_id === state.selected ? "selected" : "",
                         onclick: function () { openEvent(ev.event_id); } }, [
        h("span", { "class": "dot", style: "--c:" + EventMap.color(ev.event_type) }),
        h("span", { "class": "what" }, [ev.sub_event_type || ev.event_type || "?",
          ev.corrected.length ? h("span", { "class": "badge", title: "corrected: " + ev.corrected.join(", "), text: "corrected" }) : null]),
        h("span", { "class": "fat", title: "fatalities", text: String(ev.fatalities_best || 0) }),
        h("span", { "class": "meta", text: when(ev) + " · " + [ev.location, ev.admin1, ev.country_code].filter(Boolean).join(", ") +
          (ev.actor1 ? " · " + ev.actor1 : "") + (ev.actor2 ? " vs " + ev.actor2 : "") })
      ]);
      ol.appendChild(li);
    });
    if (!state.events.length) ol.appendChild(h("li", { text: "No event matches the filters." }));
  }

  // --- one event ----------------------------------------------------------------------------
  function openEvent(id) {
    state.selected = id;
    Array.prototype.forEach.call(document.querySelectorAll("#event-list li"), function (li) {
      li.classList.toggle("selected", li.getAttribute("data-id") === id);
    });
    eventMap.select(id);
    return api("/api/events/" + encodeURIComponent(id)).then(renderEvent).catch(function (e) {
      var p = $("event-panel"); p.hidden = false; p.textContent = "error: " + e.message;
    });
  }

  function closeEvent() {
    state.selected = null; state.detail = null;
    $("event-panel").hidden = true;
    $("event-list").hidden = false;
  }

  function show(v) { return v === null || v === undefined || v === "" ? "—" : String(v); }

  function fieldRows(ev) {
    var rows = [
      ["type", "event_type", ev.event_type], ["sub-event", "sub_event_type", ev.sub_event_type],
      ["date", "date_start", when(ev) + (ev.time_precision ? " (precision " + ev.time_precision + ")" : ""), ["date_start", "date_end"]],
      ["place", "location", [ev.location, ev.admin2, ev.admin1, ev.country_code].filter(Boolean).join(", ") +
        (ev.lat !== null ? " (" + ev.lat.toFixed(3) + ", " + ev.lon.toFixed(3) + ")" : ""),
        ["location", "lat", "lon", "admin1", "admin2", "country_code", "geonames_id", "geo_precision"]],
      ["actor1", "actor1", show(ev.actor1) + (ev.inter1 ? " [" + ev.inter1 + "]" : ""), ["actor1", "inter1"]],
      ["actor2", "actor2", show(ev.actor2) + (ev.inter2 ? " [" + ev.inter2 + "]" : ""), ["actor2", "inter2"]],
      ["fatalities", "fatalities", ev.fatalities_best + (ev.fatalities_low !== ev.fatalities_high ?
        " (reports: " + ev.fatalities_low + "–" + ev.fatalities_high + ")" : ""), ["fatalities"]],
      ["best figure", null, ev.corrected.indexOf("fatalities") >= 0 ? "corrected by an analyst" :
        show(ev.best_reason) + (ev.best_source ? " [report " + ev.best_source + "]" : "")],
      ["injured", null, ev.injured_best], ["sources", null, ev.sources.join("; ")], ["reports", null, ev.n_mentions]
    ];
    return h("table", { "class": "fields", id: "event-fields" }, rows.map(function (r) {
      var fields = r[3] || (r[1] ? [r[1]] : []);
      var fixed = fields.filter(function (f) { return ev.corrected.indexOf(f) >= 0; });
      var was = fixed.map(function (f) { return LABELS[f] + " was " + show(ev.machine[f]); }).join("; ");
      return h("tr", { "class": fixed.length ? "corrected" : "", "data-field": r[1] || null }, [
        h("th", { text: r[0] }),
        h("td", {}, [show(r[2]), fixed.length ? h("span", { "class": "badge", text: "corrected" }) : null,
                     fixed.length ? h("span", { "class": "was", text: "machine: " + was }) : null])
      ]);
    }));
  }

  function articleBlock(a) {
    var text = h("div", { "class": "text" });
    a.segments.forEach(function (s) {
      if (!s.kinds.length) text.appendChild(document.createTextNode(s.text));
      else text.appendChild(h("span", { "class": s.kinds.map(function (k) { return "ev-" + k; }).join(" "),
                                        title: s.kinds.join(", "), text: s.text }));
    });
    var src = [a.published, a.outlet, a.title, a.input_id ? "id " + a.input_id : null].filter(Boolean).join(" · ");
    var link = a.url && /^https?:\/\//.test(a.url) ? h("a", { href: a.url, target: "_blank", rel: "noopener noreferrer", text: "original" }) : null;
    return h("div", { "class": "article", "data-article": a.article_id }, [
      h("div", { "class": "src" }, [src || a.article_id, link ? " · " : "", link, a.origin ? " · " + a.origin.split(/[\\/]/).pop() : ""]), text]);
  }

  function countsTable(counts) {
    if (!counts.length) return h("p", { text: "No figures." });
    return h("table", { "class": "counts" }, [h("tr", {}, ["figure", "kind", "victims", "scope", "claimed by"].map(function (t) { return h("th", { text: t }); }))]
      .concat(counts.map(function (c) {
        return h("tr", {}, [c.span_text || String(c.value), c.kind, c.victims, c.scope + (c.partisan ? " (partisan)" : "") + (c.negated ? " (negated)" : ""),
          c.claimed_by].map(function (t) { return h("td", { text: show(t) }); }));
      })));
  }

  function renderEvent(ev) {
    state.detail = ev;
    var p = $("event-panel");
    p.textContent = "";
    p.hidden = false;
    $("event-list").hidden = true;
    p.setAttribute("data-event-id", ev.event_id);
    p.appendChild(h("button", { "class": "back", type: "button", onclick: closeEvent, text: "← all events" }));
    p.appendChild(h("h2", {}, [(ev.sub_event_type || ev.event_type) + " in " + show(ev.location),
      ev.corrected.length ? h("span", { "class": "badge", text: "corrected: " + ev.corrected.join(", ") }) : null]));
    p.appendChild(h("div", { "class": "key", text: ev.event_id }));
    p.appendChild(fieldRows(ev));
    p.appendChild(h("h3", { text: "Evidence (" + ev.articles.length + " article" + (ev.articles.length === 1 ? "" : "s") + ")" }));
    p.appendChild(h("div", { "class": "key" }, [["sentence", "evidence sentence"], ["trigger", "event word"], ["count", "figure"],
      ["place", "place"], ["actor1", "actor"], ["date", "date"], ["source", "source"]].map(function (k) {
      return h("span", { "class": "ev-" + k[0], text: k[1] }); })));
    ev.articles.forEach(function (a) { p.appendChild(articleBlock(a)); });
    p.appendChild(h("h3", { text: "Figures" }));
    p.appendChild(countsTable(ev.counts));
    p.appendChild(h("h3", { text: "Correct this event" }));
    p.appendChild(correctionForm(ev));
    p.appendChild(h("h3", { text: "Merge or split" }));
    p.appendChild(linkActions(ev));
    if (ev.corrections.length || ev.link_decisions.length) {
      p.appendChild(h("h3", { text: "History" }));
      p.appendChild(h("ul", { "class": "history", id: "history" }, ev.corrections.map(function (c) {
        return h("li", { "class": c.applied ? "" : "superseded", text: c.corrected_at.slice(0, 16).replace("T", " ") + " " + c.author + ": " +
          LABELS[c.field] + " " + show(c.original) + " → " + show(c.value) + " (" + c.reason + ")" });
      }).concat(ev.link_decisions.map(function (d) {
        return h("li", { text: d.decided_at.slice(0, 16).replace("T", " ") + " " + show(d.author) + ": " + d.kind + " " +
          d.mention_a + " / " + d.mention_b + (d.reason ? " (" + d.reason + ")" : "") });
      }))));
    }
    p.scrollIntoView({ block: "nearest" });
  }

  // --- corrections, merge, split -----------------------------------------------------------
  function input(name, value, attrs) {
    return h("input", Object.assign({ name: name, id: "c-" + name, value: value === null || value === undefined ? "" : value }, attrs || {}));
  }

  function correctionForm(ev) {
    var types = Object.keys(state.meta.taxonomy);
    var typeSel = h("select", { name: "event_type", id: "c-event_type" }, types.map(function (t) {
      return h("option", { value: t, text: t, selected: t === ev.event_type ? "selected" : null }); }));
    var subSel = h("select", { name: "sub_event_type", id: "c-sub_event_type" });
    function fillSubs() {
      subSel.textContent = "";
      state.meta.taxonomy[typeSel.value].forEach(function (s) {
        subSel.appendChild(h("option", { value: s, text: s, selected: s === ev.sub_event_type ? "selected" : null }));
      });
    }
    typeSel.addEventListener("change", fillSubs);
    fillSubs();
    var lat = input("lat", ev.lat, { type: "number", step: "any", min: -90, max: 90 });
    var lon = input("lon", ev.lon, { type: "number", step: "any", min: -180, max: 180 });
    var msg = h("span", { "class": "msg", id: "c-msg", "aria-live": "polite" });
    var pick = h("button", { type: "button", text: "pick on map", onclick: function () {
      msg.textContent = "click the map where it happened"; msg.className = "msg";
      eventMap.onPick(function (ll) { lat.value = ll.lat.toFixed(5); lon.value = ll.lng.toFixed(5); msg.textContent = ""; });
    } });
    var form = h("form", { "class": "correct", id: "correct-form" }, [
      h("label", { "for": "c-event_type", text: "type" }), typeSel,
      h("label", { "for": "c-sub_event_type", text: "sub-event" }), subSel,
      h("label", { "for": "c-date_start", text: "date" }), h("div", { "class": "row2" }, [
        input("date_start", ev.date_start, { type: "date" }), input("date_end", ev.date_end, { type: "date" })]),
      h("label", { "for": "c-location", text: "location" }), input("location", ev.location, { maxlength: 200 }),
      h("label", { "for": "c-admin1", text: "admin1" }), input("admin1", ev.admin1, { maxlength: 200 }),
      h("label", { "for": "c-country_code", text: "country" }), input("country_code", ev.country_code, { maxlength: 2, pattern: "[A-Z]{2}" }),
      h("label", { "for": "c-lat", text: "lat / lon" }), h("div", { "class": "row2" }, [lat, lon, pick]),
      h("label", { "for": "c-actor1", text: "actor1" }), input("actor1", ev.actor1, { maxlength: 200 }),
      h("label", { "for": "c-actor2", text: "actor2" }), input("actor2", ev.actor2, { maxlength: 200 }),
      h("label", { "for": "c-fatalities", text: "fatalities" }), input("fatalities", ev.fatalities_best, { type: "number", min: 0, step: 1 }),
      h("label", { "for": "c-author", text: "your name" }), input("author", localStorage.getItem("cc-author") || "", { required: "required", maxlength: 100 }),
      h("label", { "for": "c-reason", text: "reason" }), h("textarea", { name: "reason", id: "c-reason", rows: 2, required: "required", maxlength: 2000 }),
      h("div", { "class": "submit" }, [h("button", { type: "submit", id: "c-submit", text: "save correction" }), msg])
    ]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var f = form.elements, body = { author: f.author.value.trim(), reason: f.reason.value.trim() }, clear = [];
      localStorage.setItem("cc-author", body.author);
      [["event_type", ev.event_type], ["sub_event_type", ev.sub_event_type], ["date_start", ev.date_start], ["date_end", ev.date_end],
       ["location", ev.location], ["admin1", ev.admin1], ["country_code", ev.country_code], ["actor1", ev.actor1], ["actor2", ev.actor2]
      ].forEach(function (x) {
        var v = f[x[0]].value.trim();
        if (v === (x[1] || "")) return;
        if (v === "") { if (state.meta.clearable.indexOf(x[0]) >= 0) clear.push(x[0]); } else body[x[0]] = v;
      });
      [["lat", ev.lat], ["lon", ev.lon]].forEach(function (x) {
        var v = f[x[0]].value.trim();
        if (v !== "" && (x[1] === null || Math.abs(parseFloat(v) - x[1]) > 1e-9)) body[x[0]] = parseFloat(v);
      });
      var fat = f.fatalities.value.trim();
      if (fat !== "" && parseInt(fat, 10) !== ev.fatalities_best) body.fatalities = parseInt(fat, 10);
      if (clear.length) body.clear = clear;
      if (Object.keys(body).length === 2) { msg.textContent = "nothing changed"; msg.className = "msg error"; return; }
      msg.textContent = "saving…"; msg.className = "msg";
      api("/api/events/" + encodeURIComponent(ev.event_id) + "/corrections", { method: "POST", body: body }).then(function (d) {
        renderEvent(d);
        var m = $("c-msg"); m.textContent = "saved: " + d.corrected.join(", "); m.className = "msg ok";
        return refresh(false);
      }).catch(function (err) { msg.textContent = err.message; msg.className = "msg error"; });
    });
    return form;
  }

  function authored(what) {
    var author = $("c-author").value.trim(), reason = $("c-reason").value.trim();
    if (!author || !reason) throw new Error("fill in your name and a reason in the form above to " + what);
    return { author: author, reason: reason };
  }

  function linkActions(ev) {
    var msg = h("span", { "class": "msg", id: "l-msg" });
    function fail(e) { msg.textContent = e.message; msg.className = "msg error"; }
    var other = h("input", { id: "merge-with", placeholder: "other event id(s)", size: 18 });
    var merge = h("button", { type: "button", id: "merge-btn", text: "merge into this", onclick: function () {
      try {
        var body = authored("merge");
        body.event_ids = [ev.event_id].concat(other.value.split(/[\s,]+/).filter(Boolean));
        api("/api/events/merge", { method: "POST", body: body }).then(function (r) {
          return refresh(false).then(function () { return openEvent(r.event_id); });
        }).catch(fail);
      } catch (e) { fail(e); }
    } });
    var picks = ev.mentions.map(function (m) {
      return h("label", { "class": "mention-pick" }, [h("input", { type: "checkbox", value: m.mention_id }),
        " " + m.published + " " + show(m.sub_event_type) + " · " + show(m.place_name) + " · " + (m.fatalities || 0) + " killed (" + m.mention_id + ")"]);
    });
    var split = h("button", { type: "button", id: "split-btn", text: "split ticked reports into a new event", disabled: ev.mentions.length < 2 ? "disabled" : null,
      onclick: function () {
        try {
          var body = authored("split");
          body.mention_ids = picks.map(function (l) { return l.firstChild; }).filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
          api("/api/events/" + encodeURIComponent(ev.event_id) + "/split", { method: "POST", body: body }).then(function (r) {
            return refresh(false).then(function () { return openEvent(r.new_event_id); });
          }).catch(fail);
        } catch (e) { fail(e); }
      } });
    return h("div", {}, [h("div", { "class": "actions" }, [other, merge]),
      h("div", { "class": "actions" }, picks.map(function (l) { return h("div", {}, [l]); })),
      h("div", { "class": "actions" }, [split, msg])]);
  }

  // --- start --------------------------------------------------------------------------------
  var eventMap;
  function start() {
    $("token").value = localStorage.getItem("cc-token") || "";
    $("token").addEventListener("change", function () { localStorage.setItem("cc-token", token()); });
    eventMap = EventMap($("map"), { bordersUrl: "/static/vendor/world-atlas/countries-50m.json", onSelect: openEvent });
    var legend = $("legend");
    Object.keys(EventMap.TYPE_COLORS).forEach(function (t) {
      legend.appendChild(h("span", { style: "--c:" + EventMap.TYPE_COLORS[t], text: t }));
    });
    api("/api/meta").then(function (meta) {
      state.meta = meta;
      var params = new URLSearchParams(location.search);
      fillSelect($("f-country"), meta.countries, params.get("country") || "");
      fillRegions();
      fillSelect($("f-type"), Object.keys(meta.taxonomy), params.get("event_type") || "");
      FILTERS.forEach(function (f) { if (params.get(f[0]) && f[0] !== "country" && f[0] !== "event_type") $(f[1]).value = params.get(f[0]); });
      if (meta.date_min) { $("f-since").min = $("f-until").min = meta.date_min; $("f-since").max = $("f-until").max = meta.date_max; }
      var timer = null;
      $("filters").addEventListener("input", function (e) {
        if (e.target.id === "f-country") fillRegions();
        clearTimeout(timer);
        timer = setTimeout(function () { refresh(true); }, e.target.type === "search" ? 300 : 50);
      });
      $("filters").addEventListener("reset", function () { setTimeout(function () { fillRegions(); refresh(true); }, 0); });
      $("t-interval").addEventListener("change", function () { refresh(false); });
      $("m-choropleth").addEventListener("change", choropleth);
      var resize = null;
      window.addEventListener("resize", function () {
        clearTimeout(resize);
        resize = setTimeout(function () {
          eventMap.invalidate();
          if (state.timeline) drawTimeline($("timeline"), state.timeline.buckets, { interval: state.timeline.interval, onPick: pickPeriod });
        }, 150);
      });
      return refresh(true);
    }).catch(function (e) { $("count").textContent = "error: " + e.message; });
  }

  window.conflictcoderApp = { openEvent: openEvent, refresh: refresh, state: state };
  document.addEventListener("DOMContentLoaded", start);
})();
