// Draws the charts of a page from its JSON data blocks (the CSP allows no inline script).
(function () {
  'use strict';
  if (typeof Chart === 'undefined') {
    return;
  }
  function read(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function lineChart(container, title, labels, datasets, yMax) {
    var box = document.createElement('div');
    box.className = 'chart';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('aria-label', title);
    canvas.setAttribute('role', 'img');
    box.appendChild(canvas);
    container.appendChild(box);
    var scales = { y: { beginAtZero: yMax !== undefined } };
    if (yMax !== undefined) {
      scales.y.max = yMax;
    }
    return new Chart(canvas, {
      type: 'line',
      data: { labels: labels, datasets: datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: scales,
        plugins: { title: { display: true, text: title } } }
    });
  }
  var labs = read('lab-series');
  var labBox = document.getElementById('lab-charts');
  if (labs && labBox) {
    labs.forEach(function (s) {
      lineChart(labBox, s.label, s.x, [{ label: s.label, data: s.y, tension: 0.2 }]);
    });
  }
  var monthly = read('monthly-series');
  var monthBox = document.getElementById('monthly-chart');
  if (monthly && monthBox && monthly.series.length > 0) {
    var months = {};
    monthly.series.forEach(function (s) { s.x.forEach(function (m) { months[m] = true; }); });
    var labels = Object.keys(months).sort();
    var datasets = monthly.series.map(function (s) {
      var byMonth = {};
      s.x.forEach(function (m, i) { byMonth[m] = s.y[i]; });
      var last = null;
      return { label: s.label, tension: 0.2, data: labels.map(function (m) {
        if (byMonth[m] !== undefined) { last = byMonth[m]; }
        return last;
      }) };
    });
    lineChart(monthBox, 'Cumulative rate by month', labels, datasets, 1);
  }
  // Cohort membership at each month's end: every series shares the same months; null is a suppressed count.
  var cohorts = read('cohort-series');
  var cohortBox = document.getElementById('cohort-chart');
  if (cohorts && cohortBox && cohorts.series.length > 0) {
    // Counts change only at evaluations: stepped lines from zero, whole numbers on the axis.
    var cohortChart = lineChart(cohortBox, 'Members at month end', cohorts.series[0].x,
      cohorts.series.map(function (s) {
        return { label: s.label, data: s.y, stepped: 'before', spanGaps: false };
      }));
    cohortChart.options.scales.y.beginAtZero = true;
    cohortChart.options.scales.y.ticks = { precision: 0 };
    cohortChart.update();
  }
  // A person's events per month (or year) by kind, stacked.
  var timeline = read('timeline-series');
  var timelineBox = document.getElementById('timeline-chart');
  if (timeline && timelineBox && timeline.series.length > 0) {
    var box = document.createElement('div');
    box.className = 'chart wide';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('aria-label', 'Events over time');
    canvas.setAttribute('role', 'img');
    box.appendChild(canvas);
    timelineBox.appendChild(box);
    new Chart(canvas, {
      type: 'bar',
      data: { labels: timeline.labels, datasets: timeline.series.map(function (s) {
        return { label: s.label, data: s.y };
      }) },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { title: { display: true, text: 'Events over time' } } }
    });
  }
  document.documentElement.setAttribute('data-charts', 'drawn');
})();
