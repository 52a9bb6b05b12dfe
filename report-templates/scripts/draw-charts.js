/*
 * Draws the report's charts from <script type="application/json" id="chart-data"> and then sets the
 * marker the renderer waits for: <html data-charts-done="1"> (and window.__chartsDone). A failure
 * sets data-charts-error instead, so the renderer fails fast rather than waiting for its timeout.
 *
 * The chart configurations are plain data built by src/core/report/build-chart-specs.ts; the only
 * code is here: four small plugins that read their settings from options.plugins.crm*.
 */
(function () {
  'use strict';
  var root = document.documentElement;

  function cellBox(chart, opts, x, y) {
    var xs = chart.scales.x;
    var ys = chart.scales.y;
    var cw = (xs.right - xs.left) / opts.cols;
    var ch = (ys.bottom - ys.top) / opts.rows;
    var row = opts.flipY ? opts.rows - 1 - y : y;
    var gap = opts.gap || 0;
    return { left: xs.left + x * cw + gap / 2, top: ys.top + row * ch + gap / 2, width: cw - gap, height: ch - gap };
  }

  /** Coloured cells under the datasets (risk matrix zones, heatmap), with optional text. */
  var gridPlugin = {
    id: 'crmGrid',
    beforeDatasetsDraw: function (chart, args, opts) {
      if (!opts || !opts.cells) return;
      var ctx = chart.ctx;
      ctx.save();
      opts.cells.forEach(function (c) {
        var b = cellBox(chart, opts, c.x, c.y);
        ctx.fillStyle = c.color;
        ctx.fillRect(b.left, b.top, b.width, b.height);
        if (c.text) {
          ctx.fillStyle = c.textColor || '#1d2939';
          ctx.font = 'bold 12px ' + Chart.defaults.font.family;
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          ctx.fillText(c.text, b.left + b.width / 2, b.top + b.height / 2);
        }
      });
      ctx.restore();
    },
  };

  /** Band zones behind a bar chart's value axis. */
  var bandZonesPlugin = {
    id: 'crmBandZones',
    beforeDatasetsDraw: function (chart, args, opts) {
      if (!opts || !opts.zones) return;
      var scale = chart.scales[opts.axis || 'x'];
      var area = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      opts.zones.forEach(function (z) {
        var a = scale.getPixelForValue(z.from);
        var b = scale.getPixelForValue(z.to);
        ctx.fillStyle = z.color;
        ctx.fillRect(Math.min(a, b), area.top, Math.abs(b - a), area.bottom - area.top);
      });
      ctx.restore();
    },
  };

  /** The value at the end of each bar. */
  var valueLabelsPlugin = {
    id: 'crmValueLabels',
    afterDatasetsDraw: function (chart, args, opts) {
      if (!opts || !opts.labels) return;
      var meta = chart.getDatasetMeta(0);
      var ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = opts.color || '#1d2939';
      ctx.font = 'bold 11px ' + Chart.defaults.font.family;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      meta.data.forEach(function (el, i) {
        if (opts.labels[i] !== undefined) ctx.fillText(opts.labels[i], el.x + 5, el.y);
      });
      ctx.restore();
    },
  };

  /** A label inside each point (the number of findings in a risk-matrix bubble). */
  var pointLabelsPlugin = {
    id: 'crmPointLabels',
    afterDatasetsDraw: function (chart, args, opts) {
      if (!opts || !opts.color) return;
      var meta = chart.getDatasetMeta(0);
      var data = chart.data.datasets[0].data;
      var ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = opts.color;
      ctx.font = 'bold 11px ' + Chart.defaults.font.family;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      meta.data.forEach(function (el, i) {
        if (data[i] && data[i].label) ctx.fillText(data[i].label, el.x, el.y);
      });
      ctx.restore();
    },
  };

  function draw() {
    var payload = JSON.parse(document.getElementById('chart-data').textContent);
    Chart.defaults.font.family = payload.font;
    Chart.defaults.color = '#344054';
    Chart.defaults.animation = false;
    Chart.register(gridPlugin, bandZonesPlugin, valueLabelsPlugin, pointLabelsPlugin);
    payload.charts.forEach(function (spec) {
      var canvas = document.getElementById(spec.id);
      if (!canvas) throw new Error('no canvas for chart ' + spec.id);
      new Chart(canvas, spec.config);
    });
    root.setAttribute('data-charts-done', '1');
    window.__chartsDone = true;
  }

  function fail(e) {
    root.setAttribute('data-charts-error', String((e && e.message) || e));
  }

  try {
    if (typeof Chart === 'undefined') throw new Error('chart.js did not load');
    // System fonts are ready at once; waiting costs nothing and keeps canvas text right if a web font is ever added.
    (document.fonts ? document.fonts.ready : Promise.resolve()).then(draw).catch(fail);
  } catch (e) {
    fail(e);
  }
})();
