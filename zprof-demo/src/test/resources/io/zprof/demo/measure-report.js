// Runs in a copy of an incident report: measures what the browser laid out and writes it into the page as JSON.
(function () {
  const r = {};
  const rectOf = el => el.getBoundingClientRect();
  const burn = [...document.querySelectorAll('svg.flamegraph g.frame')].filter(g => g.dataset.name.includes('BURN'));
  r.burnSamples = burn.reduce((n, g) => Math.max(n, Number(g.dataset.samples)), 0);
  r.burnWidth = burn.reduce((w, g) => Math.max(w, rectOf(g.querySelector('rect')).width), 0);
  r.topSelf = [...document.querySelectorAll('table.top-self tbody tr')].slice(0, 3).map(tr => tr.cells[0].textContent);
  const main = document.querySelector('svg.chart[data-metric="cpupercent"]');
  r.mainChartSamples = main ? main.querySelectorAll('circle.sample').length : 0;
  r.mainChartHeight = main ? rectOf(main).height : 0;
  r.drawnCharts = [...document.querySelectorAll('svg.chart')].filter(s => rectOf(s).width > 0 && rectOf(s).height > 0).length;
  r.thresholds = main ? [...main.querySelectorAll('g.threshold')].map(g => g.dataset.name) : [];
  r.trigger = !!(main && main.querySelector('g.trigger line'));
  r.window = !!(main && main.querySelector('rect.window'));
  const reason = document.querySelector('.reason');
  r.reason = reason ? reason.textContent : '';
  r.fileRows = document.querySelectorAll('table.files tbody tr').length;
  const pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
})();
