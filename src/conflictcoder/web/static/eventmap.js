/* eventmap: a Leaflet map of events over Natural Earth country borders (no tile server).
   Used by the analysts' page and the static report. window.EventMap(element, options):
   options.borders: a TopoJSON topology with objects.countries (or options.bordersUrl to fetch one);
   options.onSelect(event_id) when a marker is clicked; options.clusterMin (200), clusterPx (36),
   clusterMaxZoom (8): when and how near markers merge into numbered clusters. */
(function () {
  "use strict";
  var TYPE_COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d"
  };

  function color(type) { return TYPE_COLORS[type] || "#34495e"; }

  // Symbol size by fatality class on a log scale, capped: one absurd toll can never cover the
  // map. CLASSES[i] is the smallest toll of class i; the last class holds every larger toll.
  var CLASSES = [0, 1, 3, 10, 30, 100, 300, 1000];
  var RADII = [4, 6, 7.5, 9, 10.5, 12, 13.5, 15];
  function fatalityClass(f) {
    var c = 0;
    for (var i = 0; i < CLASSES.length; i++) if ((f || 0) >= CLASSES[i]) c = i;
    return c;
  }
  function radius(f) { return RADII[fatalityClass(f)]; }

  // An outlier toll: above Tukey's far fence on log10(1 + fatalities) of the events that have
  // deaths (and at least 100). Drawn with a heavy ring so that it reads as an outlier, not as a
  // bigger event; its tooltip says so.
  function outlierThreshold(values) {
    var logs = values.filter(function (v) { return v > 0; }).map(function (v) { return Math.log10(1 + v); })
      .sort(function (a, b) { return a - b; });
    if (logs.length < 4) return Infinity;
    var q = function (p) { var i = (logs.length - 1) * p, lo = Math.floor(i); return logs[lo] + (logs[Math.ceil(i)] - logs[lo]) * (i - lo); };
    var fence = q(0.75) + 3 * Math.max(q(0.75) - q(0.25), 0.3);
    return Math.max(100, Math.pow(10, fence) - 1);
  }

  function EventMap(el, options) {
    options = options || {};
    var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth (world-atlas)");
    map.setView([20, 20], 2);
    var borders = null;
    function addBorders(topo) {
      var geo = topojson.feature(topo, topo.objects.countries);
      borders = L.geoJSON(geo, {
        interactive: false,
        style: { className: "country", color: "#8d99a6", weight: 0.8, fillColor: "#f5f2ea", fillOpacity: 1 }
      }).addTo(map);
      borders.bringToBack();
      shade();
    }
    // choropleth: countries shaded by fatalities (log classes, as the symbols); null: plain borders
    var SHADES = ["#f5f2ea", "#fde0c5", "#facba6", "#f8b58b", "#f59e72", "#f1825c", "#e8604a", "#c0392b"];
    var shading = null;
    function shade() {
      if (!borders) return;
      borders.eachLayer(function (l) {
        var v = shading ? shading[String(Number(l.feature.id))] : undefined;
        l.setStyle({ fillColor: v ? SHADES[fatalityClass(v.fatalities) || 1] : "#f5f2ea" });
        if (l._path) {
          if (v) { l._path.setAttribute("data-fatalities", String(v.fatalities)); l._path.classList.add("shaded"); }
          else { l._path.removeAttribute("data-fatalities"); l._path.classList.remove("shaded"); }
        }
      });
    }
    function setChoropleth(values) { shading = values; shade(); }
    if (options.borders) addBorders(options.borders);
    else if (options.bordersUrl) {
      fetch(options.bordersUrl).then(function (r) { return r.json(); }).then(addBorders);
    }
    var layer = L.featureGroup().addTo(map);
    var clusterLayer = L.featureGroup().addTo(map);
    var markers = {};
    var selected = null;
    var current = [];
    var outlierAt = Infinity;
    // clustering: with more than clusterMin placed events, markers closer than clusterPx pixels
    // merge into one numbered circle below clusterMaxZoom; a click on it zooms to its events
    var clusterMin = options.clusterMin === undefined ? 200 : options.clusterMin;
    var clusterPx = options.clusterPx || 36;
    var clusterMaxZoom = options.clusterMaxZoom || 8;

    function tooltip(ev) {
      var d = ev.date_start === ev.date_end || !ev.date_end ? ev.date_start : ev.date_start + " to " + ev.date_end;
      return (ev.sub_event_type || ev.event_type || "") + " — " + (ev.location || "?") + ", " + (d || "undated") +
        " — " + (ev.fatalities_best || 0) + " killed" + (ev.corrected && ev.corrected.length ? " (corrected)" : "") +
        ((ev.fatalities_best || 0) > outlierAt ? " — outlier: far above the other events' tolls, check it" : "");
    }

    // Leaflet puts a string tooltip in the page as HTML: a place name from an article or an
    // analyst ("<img onerror=...>") would run as script. An element with textContent never does.
    function asText(s) {
      var span = document.createElement("span");
      span.textContent = s;
      return span;
    }

    function placed(events) {
      return events.filter(function (ev) { return ev.lat !== null && ev.lon !== null && ev.lat !== undefined; });
    }

    function marker(ev) {
      var outlier = (ev.fatalities_best || 0) > outlierAt;
      var m = L.circleMarker([ev.lat, ev.lon], {
        radius: radius(ev.fatalities_best), color: outlier ? "#000" : "#222", weight: outlier ? 3 : 1,
        dashArray: outlier ? "3 2" : null, fillColor: color(ev.event_type), fillOpacity: 0.8,
        className: "event-marker" + (outlier ? " outlier" : "")
      });
      m.bindTooltip(asText(tooltip(ev)));
      m.on("click", function () { if (options.onSelect) options.onSelect(ev.event_id); });
      m.addTo(layer);
      if (m._path) {
        m._path.setAttribute("data-event-id", ev.event_id);
        m._path.setAttribute("data-class", String(fatalityClass(ev.fatalities_best)));
      }
      markers[ev.event_id] = m;
    }

    function clusterIcon(group) {
      var el = document.createElement("div");
      el.className = "event-cluster";
      el.setAttribute("data-count", String(group.length));
      el.textContent = String(group.length);  // text, never HTML
      var size = Math.min(46, 22 + 4 * Math.log10(group.length) * 3);
      return L.divIcon({ html: el, className: "event-cluster-icon", iconSize: [size, size] });
    }

    function draw() {
      layer.clearLayers();
      clusterLayer.clearLayers();
      markers = {};
      var events = placed(current);
      if (events.length <= clusterMin || map.getZoom() >= clusterMaxZoom) {
        events.forEach(marker);
      } else {
        var cells = {};
        events.forEach(function (ev) {
          var p = map.project([ev.lat, ev.lon], map.getZoom());
          var key = Math.floor(p.x / clusterPx) + ":" + Math.floor(p.y / clusterPx);
          (cells[key] = cells[key] || []).push(ev);
        });
        Object.keys(cells).forEach(function (k) {
          var group = cells[k];
          if (group.length === 1) { marker(group[0]); return; }
          var lat = 0, lon = 0, dead = 0;
          group.forEach(function (ev) { lat += ev.lat; lon += ev.lon; dead += ev.fatalities_best || 0; });
          var c = L.marker([lat / group.length, lon / group.length], { icon: clusterIcon(group), keyboard: false });
          c.bindTooltip(asText(group.length + " events, " + dead + " killed: click to zoom in"));
          c.on("click", function () {
            map.fitBounds(L.latLngBounds(group.map(function (ev) { return [ev.lat, ev.lon]; })).pad(0.3),
                          { maxZoom: clusterMaxZoom });
          });
          c.addTo(clusterLayer);
        });
      }
      if (selected) select(selected, false);
    }
    map.on("zoomend", function () { if (current.length) draw(); });

    function setEvents(events, fit) {
      current = events;
      outlierAt = outlierThreshold(events.map(function (ev) { return ev.fatalities_best || 0; }));
      if (fit !== false) fitAll();
      draw();  // fitBounds redraws on zoomend only when the zoom changes
    }

    function fitAll() {
      var pts = placed(current).map(function (ev) { return [ev.lat, ev.lon]; });
      if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.25), { maxZoom: 7, animate: false });
    }

    function select(id, pan) {
      if (selected && markers[selected]) {
        var was = (current.filter(function (e) { return e.event_id === selected; })[0] || {}).fatalities_best || 0;
        markers[selected].setStyle(was > outlierAt ? { weight: 3, color: "#000" } : { weight: 1, color: "#222" });
      }
      selected = id;
      var m = markers[id];
      if (!m) {  // inside a cluster: zoom to it when asked to pan there
        var ev = current.filter(function (e) { return e.event_id === id && e.lat !== null && e.lat !== undefined; })[0];
        if (ev && pan !== false) map.setView([ev.lat, ev.lon], clusterMaxZoom);
        return;
      }
      m.setStyle({ weight: 4, color: "#000" });
      m.bringToFront();
      if (pan !== false) map.panTo(m.getLatLng());
    }

    function onPick(cb) {  // the next click on the map gives its coordinates
      el.classList.add("picking");
      map.once("click", function (e) { el.classList.remove("picking"); cb(e.latlng); });
    }

    return { map: map, setEvents: setEvents, select: select, fitAll: fitAll, onPick: onPick, setChoropleth: setChoropleth,
             invalidate: function () { map.invalidateSize(); } };
  }

  window.EventMap = EventMap;
  window.EventMap.TYPE_COLORS = TYPE_COLORS;
  window.EventMap.color = color;
  window.EventMap.radius = radius;
  window.EventMap.outlierThreshold = outlierThreshold;
  window.EventMap.CLASSES = CLASSES;
})();
