// Charts of the M&E dashboard (smart.monitoring): the data comes from the
// <script type="application/json" id="monitoring-charts"> block the server wrote,
// so no inline script is needed (strict CSP). Without Chart.js the tables remain.
(function () {
  "use strict";
  var colours = ["#198754", "#dc3545", "#ffc107", "#0d6efd", "#6f42c1", "#20c997"];
  function draw() {
    var source = document.getElementById("monitoring-charts");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    // Numbers as the tables write them: "1.000" in Indonesian (as report_charts.js).
    var lang = document.documentElement.lang || "id";
    window.Chart.defaults.locale = lang.indexOf("en") === 0 ? "en-GB" : "id-ID";
    JSON.parse(source.textContent).forEach(function (chart) {
      var canvas = document.getElementById(chart.id);
      if (!canvas) {
        return;
      }
      new window.Chart(canvas, {
        type: chart.type,
        data: {
          labels: chart.labels,
          datasets: chart.series.map(function (series, index) {
            var colour = chart.series.length === 1 ? "#198754" : colours[index % colours.length];
            return {label: series.label, data: series.data, backgroundColor: colour,
                    borderColor: colour, fill: false, tension: 0.2};
          })
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          indexAxis: chart.horizontal ? "y" : "x",
          plugins: {legend: {display: chart.series.length > 1, position: "bottom"}},
          scales: {
            x: {stacked: !!chart.stacked, beginAtZero: true, max: chart.max},
            y: {stacked: !!chart.stacked, beginAtZero: true}
          }
        }
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
