/* Draws every chart of the page. Each chart's ECharts option sits in a
 * <script type="application/json" data-chart="ID"> block next to its
 * container, so no page needs inline JavaScript and input text is only
 * ever data (JSON.parse), never code. */
(function () {
  "use strict";
  var charts = [];
  var blocks = document.querySelectorAll('script[type="application/json"][data-chart]');
  Array.prototype.forEach.call(blocks, function (block) {
    var el = document.getElementById(block.getAttribute("data-chart"));
    if (!el || typeof echarts === "undefined") {
      return;
    }
    /* A chart whose height depends on its data (one bar per answer) says
     * so in data-height, in pixels. */
    var height = parseInt(el.getAttribute("data-height"), 10);
    if (height > 0) {
      el.style.height = height + "px";
    }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(JSON.parse(block.textContent));
    charts.push(chart);
  });
  function resize() {
    charts.forEach(function (c) { c.resize(); });
  }
  window.addEventListener("resize", resize);
  /* Redraw at the printed width so charts are not cropped on A4. */
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
})();
