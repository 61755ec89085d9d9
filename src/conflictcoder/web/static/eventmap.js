/* eventmap: a Leaflet map of events over Natural Earth country borders (no tile server).
   Used by the analysts' page and the static report. window.EventMap(element, options):
   options.borders: a TopoJSON topology with objects.countries (or options.bordersUrl to fetch one);
   options.onSelect(event_id) when a marker is clicked. */
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

  function radius(f) { return 5 + Math.sqrt(Math.max(0, f || 0)) * 1.8; }

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
    }
    if (options.borders) addBorders(options.borders);
    else if (options.bordersUrl) {
      fetch(options.bordersUrl).then(function (r) { return r.json(); }).then(addBorders);
    }
    var layer = L.featureGroup().addTo(map);
    var markers = {};
    var selected = null;

    function tooltip(ev) {
      var d = ev.date_start === ev.date_end || !ev.date_end ? ev.date_start : ev.date_start + " to " + ev.date_end;
      return (ev.sub_event_type || ev.event_type || "") + " — " + (ev.location || "?") + ", " + (d || "undated") +
        " — " + (ev.fatalities_best || 0) + " killed" + (ev.corrected && ev.corrected.length ? " (corrected)" : "");
    }

    // Leaflet puts a string tooltip in the page as HTML: a place name from an article or an
    // analyst ("<img onerror=...>") would run as script. An element with textContent never does.
    function asText(s) {
      var span = document.createElement("span");
      span.textContent = s;
      return span;
    }

    function setEvents(events, fit) {
      layer.clearLayers();
      markers = {};
      events.forEach(function (ev) {
        if (ev.lat === null || ev.lon === null || ev.lat === undefined) return;
        var m = L.circleMarker([ev.lat, ev.lon], {
          radius: radius(ev.fatalities_best), color: "#222", weight: 1, fillColor: color(ev.event_type),
          fillOpacity: 0.8, className: "event-marker"
        });
        m.bindTooltip(asText(tooltip(ev)));
        m.on("click", function () { if (options.onSelect) options.onSelect(ev.event_id); });
        m.addTo(layer);
        if (m._path) m._path.setAttribute("data-event-id", ev.event_id);
        markers[ev.event_id] = m;
      });
      if (fit !== false) fitAll();
      if (selected) select(selected, false);
    }

    function fitAll() {
      var b = layer.getBounds();
      if (b.isValid()) map.fitBounds(b.pad(0.25), { maxZoom: 7 });
    }

    function select(id, pan) {
      if (selected && markers[selected]) markers[selected].setStyle({ weight: 1, color: "#222" });
      selected = id;
      var m = markers[id];
      if (!m) return;
      m.setStyle({ weight: 4, color: "#000" });
      m.bringToFront();
      if (pan !== false) map.panTo(m.getLatLng());
    }

    function onPick(cb) {  // the next click on the map gives its coordinates
      el.classList.add("picking");
      map.once("click", function (e) { el.classList.remove("picking"); cb(e.latlng); });
    }

    return { map: map, setEvents: setEvents, select: select, fitAll: fitAll, onPick: onPick,
             invalidate: function () { map.invalidateSize(); } };
  }

  window.EventMap = EventMap;
  window.EventMap.TYPE_COLORS = TYPE_COLORS;
  window.EventMap.color = color;
})();
