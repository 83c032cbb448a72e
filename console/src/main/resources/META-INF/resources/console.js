// The staff console's one script: charts (Chart.js) from each canvas's data-chart, and a live session's KPIs from the
// console's Server-Sent Events stream (/sessions/{id}/kpis/stream, which passes on session-service's with the user's token).
(function () {
  "use strict";
  var palette = ["#0b5cad", "#c2410c", "#17663a", "#7c3aed", "#a3161c", "#0e7490", "#8a4b00", "#4a5560"];
  var charts = new WeakMap();
  var streams = [];

  function renderChart(canvas) {
    if (charts.has(canvas) || typeof Chart === "undefined") return;
    var spec = JSON.parse(canvas.getAttribute("data-chart"));
    (spec.datasets || []).forEach(function (d, i) {
      var c = d.color || palette[i % palette.length];
      if (spec.type === "doughnut" || spec.type === "pie") {
        d.backgroundColor = d.backgroundColor || (spec.labels || []).map(function (_, j) { return palette[j % palette.length]; });
      } else {
        d.backgroundColor = d.backgroundColor || c;
        d.borderColor = d.borderColor || c;
      }
    });
    var options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { display: (spec.datasets || []).length > 1 || spec.type === "doughnut" } } }, spec.options || {});
    if (spec.percent) {
      options.scales = { y: { ticks: { callback: function (v) { return (v * 100).toFixed(0) + "%"; } } } };
    } else if (spec.integer) {
      options.scales = { y: { beginAtZero: true, suggestedMax: 1, ticks: { precision: 0 } } };
    }
    var chart = new Chart(canvas, { type: spec.type || "bar", data: { labels: spec.labels || [], datasets: spec.datasets || [] }, options: options });
    charts.set(canvas, chart);
  }

  function fmt(value, format) {
    if (value === null || value === undefined || value === "") return "–";
    var n = Number(value);
    if (format === "pct") return isNaN(n) ? "–" : (n * 100).toFixed(2) + "%";
    if (format === "money") return isNaN(n) ? "–" : "¥" + n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    if (format === "num") return isNaN(n) ? String(value) : n.toLocaleString("en-US", { maximumFractionDigits: 4 });
    return String(value);
  }

  function pick(obj, path) {
    return path.split(".").reduce(function (o, k) { return o == null ? undefined : o[k]; }, obj);
  }

  function applyKpis(root, k) {
    root.querySelectorAll("[data-kpi]").forEach(function (el) {
      el.textContent = fmt(pick(k, el.getAttribute("data-kpi")), el.getAttribute("data-format"));
    });
    var stamp = root.querySelector("[data-kpi-updated]");
    if (stamp) stamp.textContent = new Date().toISOString().substring(11, 19) + " UTC";
    var pacing = root.querySelector("canvas[data-role=pacing]");
    if (pacing && charts.has(pacing) && k.pacing) {
      var c = charts.get(pacing);
      c.data.datasets[0].data = [Number(k.pacing.adSpendPlan), Number(k.pacing.gmvPlan)];
      c.data.datasets[1].data = [Number(k.pacing.adSpendShare || 0), Number(k.pacing.gmvShare || 0)];
      c.update();
    }
    var roi = root.querySelector("canvas[data-role=roi]");
    if (roi && charts.has(roi) && k.roiByChannel) {
      var r = charts.get(roi);
      r.data.labels = Object.keys(k.roiByChannel);
      r.data.datasets[0].data = Object.values(k.roiByChannel).map(Number);
      r.update();
    }
  }

  function startLive(root) {
    if (root.getAttribute("data-live-started")) return;
    root.setAttribute("data-live-started", "1");
    var state = root.querySelector("[data-live-state]");
    var source = new EventSource(root.getAttribute("data-live"));
    streams.push(source);
    source.onopen = function () { if (state) state.textContent = state.getAttribute("data-open"); };
    source.onmessage = function (e) {
      try { applyKpis(root, JSON.parse(e.data)); } catch (err) { /* a partial line: the next snapshot follows */ }
    };
    source.onerror = function () {
      if (state) state.textContent = state.getAttribute("data-closed");
      source.close();
    };
  }

  function init(scope) {
    (scope || document).querySelectorAll("canvas[data-chart]").forEach(renderChart);
    (scope || document).querySelectorAll("[data-live]").forEach(startLive);
  }

  function stopStreams() {
    streams.forEach(function (s) { s.close(); });
    streams = [];
  }

  if (window.htmx) {
    htmx.onLoad(init);
    document.body.addEventListener("htmx:beforeSwap", stopStreams);
  } else {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  }
  window.addEventListener("pagehide", stopStreams);
})();
