// Charts of the statistics page and the executive dashboard (smart.reports): the data comes from the
// <script type="application/json" id="report-charts"> block the server wrote,
// so no inline script is needed (strict CSP). Without Chart.js the tables remain.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("report-charts");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    // Axis and tooltip numbers as the tables write them: "1.000" in Indonesian.
    var lang = document.documentElement.lang || "id";
    window.Chart.defaults.locale = lang.indexOf("en") === 0 ? "en-GB" : "id-ID";
    var colours = ["#198754", "#0d6efd", "#fd7e14", "#6f42c1", "#20c997", "#dc3545",
                   "#ffc107", "#0dcaf0", "#6c757d", "#d63384", "#6610f2", "#adb5bd"];
    JSON.parse(source.textContent).forEach(function (chart) {
      var canvas = document.getElementById(chart.id);
      if (!canvas) {
        return;
      }
      var many = chart.labels.length > 6;
      if (chart.type === "line") {
        new window.Chart(canvas, {
          type: "line",
          data: {labels: chart.labels, datasets: [{label: chart.title, data: chart.counts,
                                                   borderColor: "#198754", tension: 0.2}]},
          options: {animation: false, maintainAspectRatio: false,
                    plugins: {legend: {display: false}}}
        });
        return;
      }
      new window.Chart(canvas, {
        type: many ? "bar" : "doughnut",
        data: {
          labels: chart.labels,
          datasets: [{
            label: chart.title,
            data: chart.counts,
            backgroundColor: many ? "#198754" : colours.slice(0, chart.labels.length)
          }]
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: {legend: {display: !many, position: "right"}},
          indexAxis: many ? "y" : "x"
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
