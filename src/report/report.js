(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#list .q'));
  var charts = Array.prototype.slice.call(document.querySelectorAll('figure.chart'));
  var fs = document.getElementById('f-s'), ft = document.getElementById('f-t'), fl = document.getElementById('f-l');
  var shown = document.getElementById('shown');
  var targets = Array.prototype.map.call(ft.options, function (o) { return o.value; }).filter(Boolean);
  function keep(r, s, t, l) {
    if (s && r.dataset.s !== s) return false;
    if (t && !l) { var v = r.getAttribute('data-' + t); return v === 'favor' || v === 'against'; }
    if (t) return r.getAttribute('data-' + t) === l;
    if (l) return targets.some(function (x) { return r.getAttribute('data-' + x) === l; });
    return true;
  }
  function apply() {
    var s = fs.value, t = ft.value, l = fl.value, n = 0;
    for (var i = 0; i < rows.length; i++) {
      var k = keep(rows[i], s, t, l);
      if (rows[i].hidden === k) rows[i].hidden = !k; // touch only what changes
      if (k) n++;
    }
    charts.forEach(function (c) {
      c.hidden = (s && c.dataset.s !== s) || (t && c.dataset.t !== t);
    });
    shown.textContent = n + ' of ' + rows.length + ' quotes shown';
  }
  [fs, ft, fl].forEach(function (e) { e.addEventListener('change', apply); });
  document.querySelectorAll('td.cell').forEach(function (td) {
    td.addEventListener('click', function () {
      fs.value = td.dataset.s; ft.value = td.dataset.t; fl.value = '';
      apply();
      document.getElementById('quotes').scrollIntoView();
    });
  });
  apply();
})();
