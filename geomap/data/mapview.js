/* geomap map runtime, inlined into every map page by geomap.mapelements.
 *
 * Events arrive once, as compact columns (geomap.maps.event_columns); markers, popups
 * and tooltips are built here on demand, so a page of 100,000 events carries data rather
 * than 100,000 snippets of code. Every text field was HTML-escaped by Python before it
 * got here: this file only joins escaped fields with fixed markup, and writes nothing
 * else from the data into the page.
 */
(function () {
  "use strict";

  var DAY_MS = 864e5;
  var DOT = " \u00b7 ";

  function isoDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function fmtCount(n) {
    if (n >= 1e6) return (n / 1e6).toFixed(1).replace(/\.0$/, "") + "M";
    if (n >= 1e4) return Math.round(n / 1e3) + "k";
    return String(n);
  }

  /* Escaped HTML of an event popup: mirrors geomap.maps.event_popup_html exactly
   * (a browser test compares the two). */
  function popupHtml(d, i, families) {
    var S = d.strings;
    var what = "<b>" + families[d.fam[i]].label + "</b>";
    if (d.sub[i]) what += DOT + S[d.sub[i]];
    var lines = [what];
    if (d.date[i]) {
      lines.push("<b>When:</b> " + S[d.date[i]] + (d.prec[i] ? " (" + S[d.prec[i]] + ")" : ""));
    }
    if (d.place[i]) {
      lines.push("<b>Where:</b> " + S[d.place[i]] + (d.cc[i] ? ", " + S[d.cc[i]] : ""));
    }
    var toll = [];
    if (d.fat[i] >= 0) toll.push("<b>Fatalities:</b> " + d.fat[i]);
    if (d.inj[i] >= 0) toll.push("<b>Injured:</b> " + d.inj[i]);
    if (toll.length) lines.push(toll.join(DOT));
    if (d.actors[i]) lines.push("<b>Actors:</b> " + S[d.actors[i]]);
    var body = lines.join("<br>");
    if (d.evidence[i]) body += "<blockquote>" + S[d.evidence[i]] + "</blockquote>";
    if (d.source[i]) {
      var s = S[d.source[i]];
      // A link only for web URLs: never javascript: or data: from an article.
      var shown = /^https?:\/\//i.test(s)
        ? '<a href="' + s + '" target="_blank" rel="noopener noreferrer">' + s + "</a>"
        : s;
      body += '<div class="geomap-source">Source: ' + shown + "</div>";
    }
    return '<div class="geomap-popup">' + body + "</div>";
  }

  function tooltipHtml(d, i, families) {
    var S = d.strings;
    var text = families[d.fam[i]].label;
    if (d.place[i]) text += DOT + S[d.place[i]];
    if (d.date[i]) text += DOT + S[d.date[i]];
    return text;
  }

  /* Binds a popup/tooltip the first time a layer of *group* is clicked or hovered:
   * 100,000 markers then cost no popup objects until someone looks at one. */
  function lazyOverlays(group, popupOf, tooltipOf, maxWidth) {
    group.on("click", function (e) {
      var layer = e.layer;
      if (!layer || layer.geomapIndex === undefined || layer.getPopup()) return;
      layer.bindPopup(popupOf(layer.geomapIndex), {maxWidth: maxWidth}).openPopup();
    });
    group.on("mouseover", function (e) {
      var layer = e.layer;
      if (!layer || layer.geomapIndex === undefined || layer.getTooltip()) return;
      layer.bindTooltip(tooltipOf(layer.geomapIndex), {sticky: !layer.getIcon}).openTooltip();
    });
  }

  /* All events of a map: markers in one cluster group, shown by family and time. */
  var Events = L.Evented.extend({
    options: {popupMaxWidth: 360, iconSize: 18},

    initialize: function (map, cluster, dataId, options) {
      L.setOptions(this, options);
      var d = (this.data = readJson(dataId));
      var families = (this.families = d.families);
      var n = (this.size = d.lat.length);
      this.map = map;
      this.cluster = cluster;
      this.heat = null;
      this._familyOn = families.map(function () { return false; });
      this._lo = -Infinity;
      this._hi = Infinity;
      this._shown = new Uint8Array(n);
      this._busy = false;
      this._dirty = false;
      this._timer = null;
      this._waiting = [];
      this.shownCount = 0;
      this.counts = families.map(function () { return 0; });

      var icons = families.map(function (f) {
        var s = f.size;
        return L.divIcon({
          html: f.icon,
          className: "geomap-event geomap-" + f.css,
          iconSize: [s, s],
          popupAnchor: [0, -s / 2],
          tooltipAnchor: [s / 2, 0],
        });
      });
      var markers = (this.markers = new Array(n));
      for (var i = 0; i < n; i++) {
        var m = L.marker([d.lat[i], d.lon[i]], {icon: icons[d.fam[i]]});
        m.geomapIndex = i;
        m.geomapFamily = d.fam[i];
        markers[i] = m;
      }
      // The days events start or end on, in order: the stops of the time slider.
      var seen = new Set();
      for (var j = 0; j < n; j++) {
        if (d.t0[j] !== null) seen.add(d.t0[j]);
        if (d.t1[j] !== null) seen.add(d.t1[j]);
      }
      this.days = Array.from(seen).sort(function (a, b) { return a - b; });

      var self = this;
      cluster.options.iconCreateFunction = function (c) { return self._clusterIcon(c); };
      cluster.options.chunkProgress = function (done, total) {
        if (done === total) self._clusterDone();
      };
      lazyOverlays(
        cluster,
        function (i) { return popupHtml(d, i, families); },
        function (i) { return tooltipHtml(d, i, families); },
        this.options.popupMaxWidth
      );
      map.geomap = map.geomap || {};
      map.geomap.events = this;
    },

    /* An overlay for the layer control: shows or hides one family. */
    familyLayer: function (index) {
      return new FamilyLayer(this, index);
    },

    setFamily: function (index, on) {
      this._familyOn[index] = on;
      this._schedule();
    },

    /* Show events whose [event_start, event_end] meets [lo, hi] (days since 1970). */
    setTimeRange: function (lo, hi) {
      this._lo = lo === null ? -Infinity : lo;
      this._hi = hi === null ? Infinity : hi;
      this._schedule();
    },

    setHeat: function (heat) {
      this.heat = heat;
      this._schedule();
    },

    /* Resolves once markers, heat and legend show the current filters. */
    whenIdle: function () {
      var self = this;
      if (!this._timer && !this._busy && !this._dirty) return Promise.resolve(this.shownCount);
      return new Promise(function (resolve) { self._waiting.push(resolve); });
    },

    /* Markers currently in the cluster group (shown, clustered or not). */
    markerCount: function () {
      return this.cluster.getLayers().length;
    },

    _schedule: function () {
      if (this._timer) return;
      var self = this;
      this._timer = setTimeout(function () {
        self._timer = null;
        self._sync();
      }, 0);
    },

    _sync: function () {
      if (this._busy) {
        this._dirty = true;
        return;
      }
      this._dirty = false;
      var d = this.data, n = this.size, lo = this._lo, hi = this._hi, on = this._familyOn;
      var shown = this._shown, markers = this.markers;
      var add = [], remove = [], want = [], heat = [];
      var counts = this.families.map(function () { return 0; });
      for (var i = 0; i < n; i++) {
        var f = d.fam[i], t0 = d.t0[i], t1 = d.t1[i];
        var inTime = (t0 === null || t0 <= hi) && (t1 === null || t1 >= lo);
        if (inTime) counts[f]++;
        var w = inTime && on[f] ? 1 : 0;
        if (w) {
          want.push(markers[i]);
          heat.push([d.lat[i], d.lon[i]]);
        }
        if (w !== shown[i]) {
          (w ? add : remove).push(markers[i]);
          shown[i] = w;
        }
      }
      this.counts = counts;
      this.shownCount = want.length;
      var cluster = this.cluster;
      if (remove.length > want.length) {
        // Rebuilding is cheaper than taking most markers out one by one.
        cluster.clearLayers();
        add = want;
      } else if (remove.length) {
        cluster.removeLayers(remove);
      }
      if (this.heat) this.heat.setLatLngs(heat);
      this._updateLegend();
      this.fire("filter", {shown: this.shownCount, counts: counts});
      if (add.length && cluster._map) {
        this._busy = true;
        cluster.addLayers(add);
      } else {
        if (add.length) cluster.addLayers(add);
        this._settle();
      }
    },

    _clusterDone: function () {
      this._busy = false;
      if (this._dirty) this._sync();
      else this._settle();
    },

    _settle: function () {
      if (this._timer || this._busy || this._dirty) return;
      var waiting = this._waiting;
      this._waiting = [];
      for (var i = 0; i < waiting.length; i++) waiting[i](this.shownCount);
    },

    _updateLegend: function () {
      var spans = this.map.getContainer().querySelectorAll(".geomap-legend [data-family]");
      var filtered = this._lo !== -Infinity || this._hi !== Infinity;
      var totals = this.data.totals;
      for (var i = 0; i < spans.length; i++) {
        var f = +spans[i].getAttribute("data-family");
        var c = this.counts[f], t = totals[f];
        spans[i].textContent = filtered && c !== t ? c + " of " + t : String(t);
      }
    },

    /* A cluster as a ring of family colours (share of events) around its count. */
    _clusterIcon: function (cluster) {
      var markers = cluster.getAllChildMarkers();
      var n = markers.length, counts = {}, i;
      for (i = 0; i < n; i++) {
        var f = markers[i].geomapFamily;
        counts[f] = (counts[f] || 0) + 1;
      }
      var stops = [], acc = 0;
      for (i = 0; i < this.families.length; i++) {
        if (!counts[i]) continue;
        var from = (acc / n) * 100;
        acc += counts[i];
        stops.push(this.families[i].colour + " " + from.toFixed(2) + "% " +
                   ((acc / n) * 100).toFixed(2) + "%");
      }
      var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
      return L.divIcon({
        html: '<div style="background:conic-gradient(' + stops.join(",") + ')"><span>' +
              fmtCount(n) + "</span></div>",
        className: "geomap-cluster",
        iconSize: [size, size],
      });
    },
  });

  var FamilyLayer = L.Layer.extend({
    initialize: function (events, index) {
      this._owner = events;
      this._index = index;
    },
    onAdd: function () { this._owner.setFamily(this._index, true); },
    onRemove: function () { this._owner.setFamily(this._index, false); },
  });

  /* Places as circles sized by mentions, drawn by the map's renderer (canvas). */
  function places(map, dataId, options) {
    var d = readJson(dataId);
    var S = d.strings;
    var style = L.extend({fill: true, className: "geomap-place"}, options.style);
    var group = L.featureGroup();
    for (var i = 0; i < d.lat.length; i++) {
      var c = L.circleMarker([d.lat[i], d.lon[i]], L.extend({radius: d.r[i]}, style));
      c.geomapIndex = i;
      group.addLayer(c);
    }
    lazyOverlays(
      group,
      function (i) { return S[d.popup[i]]; },
      function (i) { return S[d.tooltip[i]]; },
      options.popupMaxWidth || 360
    );
    map.geomap = map.geomap || {};
    map.geomap.places = group;
    return group;
  }

  /* Two range inputs (from, to) over the days the events span. */
  var TimeSlider = L.Control.extend({
    options: {position: "bottomleft"},

    initialize: function (events, options) {
      L.setOptions(this, options);
      this._owner = events;
    },

    onAdd: function (map) {
      var ev = this._owner, days = ev.days, last = days.length - 1;
      var total = ev.size.toLocaleString("en-US");
      var div = L.DomUtil.create("div", "geomap-time leaflet-bar");
      var head = L.DomUtil.create("div", "geomap-time-head", div);
      var title = L.DomUtil.create("b", "", head);
      title.textContent = "Time";
      var count = L.DomUtil.create("span", "geomap-time-count", head);
      // The handles step through the days events start or end on: news dates are sparse
      // (a year of background, then a busy week), so plain days would crowd the stops.
      var rows = [["From", 0, "geomap-time-from"], ["To", last, "geomap-time-to"]];
      var inputs = rows.map(function (row) {
        var label = L.DomUtil.create("label", "geomap-time-row", div);
        var name = L.DomUtil.create("span", "geomap-time-name", label);
        name.textContent = row[0];
        var input = L.DomUtil.create("input", row[2], label);
        input.type = "range";
        input.min = 0;
        input.max = last;
        input.step = 1;
        input.value = row[1];
        input.setAttribute("aria-label", row[0] + " date");
        var out = L.DomUtil.create("output", "", label);
        out.textContent = isoDay(days[row[1]]);
        input.geomapOutput = out;
        return input;
      });
      var from = inputs[0], to = inputs[1];
      function update(moved) {
        var a = +from.value, b = +to.value;
        if (a > b) {
          // Dragging one handle past the other pushes it along.
          if (moved === from) to.value = b = a;
          else from.value = a = b;
        }
        from.geomapOutput.textContent = isoDay(days[a]);
        to.geomapOutput.textContent = isoDay(days[b]);
        ev.setTimeRange(a === 0 ? null : days[a], b === last ? null : days[b]);
      }
      inputs.forEach(function (input) {
        L.DomEvent.on(input, "input change", function () { update(input); });
      });
      ev.on("filter", function (e) {
        count.textContent = e.shown.toLocaleString("en-US") + " of " + total + " shown";
      });
      count.textContent = ev.shownCount.toLocaleString("en-US") + " of " + total + " shown";
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      map.geomap = map.geomap || {};
      map.geomap.timeSlider = this;
      return div;
    },
  });

  /* Event density; follows the family and time filters of *events*. */
  function heat(events, options) {
    var layer = L.heatLayer([], options);
    events.setHeat(layer);
    events.map.geomap.heat = layer;
    return layer;
  }

  L.geomap = {
    Events: Events,
    events: function (map, cluster, dataId, options) {
      return new Events(map, cluster, dataId, options);
    },
    places: places,
    heat: heat,
    timeSlider: function (events, options) {
      if (events.days.length < 2) return null;
      return new TimeSlider(events, options);
    },
    isoDay: isoDay,
    popupHtml: popupHtml,
    tooltipHtml: tooltipHtml,
  };
})();
