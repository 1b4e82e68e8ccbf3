// The console's statistics charts (docs/operations.md "Statistics"): drawn with Chart.js from the page's JSON
// endpoint, which carries the same numbers as the page's tables. No inline script: the console's CSP allows none.
(function () {
  'use strict';
  var section = document.getElementById('charts');
  var status = document.getElementById('charts-status');
  if (!section || typeof Chart === 'undefined') {
    if (status) {
      status.textContent = 'The charts could not be drawn; the tables below have every figure.';
    }
    return;
  }
  var colors = { accepted: '#57606a', submitted: '#0a58ca', delivered: '#137333', failed: '#b42318',
    noReport: '#b26b00' };

  function bar(id, labels, datasets, stacked) {
    return new Chart(document.getElementById(id), {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: datasets.length > 1 } }
      }
    });
  }

  function perPeriod(rows) {
    var byPeriod = {};
    var order = [];
    rows.forEach(function (r) {
      if (!byPeriod[r.period]) {
        byPeriod[r.period] = { accepted: 0, delivered: 0, failed: 0, noReport: 0 };
        order.push(r.period);
      }
      var p = byPeriod[r.period];
      p.accepted += r.accepted;
      p.delivered += r.delivered;
      p.failed += r.failed;
      p.noReport += r.noReport;
    });
    return { labels: order, values: byPeriod };
  }

  fetch(section.getAttribute('data-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    })
    .then(function (data) {
      var t = data.total;
      bar('chart-funnel', ['accepted', 'submitted', 'delivered', 'failed', 'no report'], [{
        label: 'messages',
        data: [t.accepted, t.submitted, t.delivered, t.failed, t.noReport],
        backgroundColor: [colors.accepted, colors.submitted, colors.delivered, colors.failed, colors.noReport]
      }], false);
      var periods = perPeriod(data.rows);
      function series(name, label) {
        return {
          label: label,
          data: periods.labels.map(function (p) { return periods.values[p][name]; }),
          backgroundColor: colors[name],
          stack: name === 'accepted' ? 'accepted' : 'outcome'
        };
      }
      bar('chart-periods', periods.labels, [series('accepted', 'accepted'), series('delivered', 'delivered'),
        series('failed', 'failed'), series('noReport', 'no report')], true);
      bar('chart-latency', data.buckets, [{ label: 'messages', data: t.latency, backgroundColor: colors.submitted }],
        false);
      section.setAttribute('data-drawn', 'true');
      status.textContent = 'Charts drawn from ' + data.rows.length + ' rows; the tables below have the same numbers.';
    })
    .catch(function (e) {
      status.textContent = 'The charts could not be loaded (' + e.message + '); the tables below have every figure.';
    });
}());
