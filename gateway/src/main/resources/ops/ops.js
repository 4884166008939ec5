// The ops page: a thin client of /ops/api (same origin, management port). The token stays in this tab only.
(function () {
  const $ = (id) => document.getElementById(id);
  const tokenInput = $('token');
  const actorInput = $('actor');
  tokenInput.value = sessionStorage.getItem('opsToken') || '';
  actorInput.value = sessionStorage.getItem('opsActor') || '';
  tokenInput.addEventListener('change', () => { sessionStorage.setItem('opsToken', tokenInput.value); load(); });
  actorInput.addEventListener('change', () => sessionStorage.setItem('opsActor', actorInput.value));

  let routes = [];
  const selected = new Set();

  function esc(v) {
    return String(v === null || v === undefined ? '' : v)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  async function api(method, path, body) {
    const headers = { 'X-Ops-Token': tokenInput.value };
    if (actorInput.value) headers['X-Ops-Actor'] = actorInput.value;
    if (body) headers['Content-Type'] = 'application/json';
    const response = await fetch('/ops/api' + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(data.error || ('HTTP ' + response.status));
      error.details = data;
      throw error;
    }
    return data;
  }

  function stageClass(stage) { return esc(String(stage).split(' ')[0]); }

  function show(text, ok) {
    const m = $('message');
    m.className = ok ? 'ok' : 'error';
    m.textContent = text;
  }

  function describe(outcome) {
    const lines = [];
    lines.push((outcome.dryRun ? 'DRY RUN — nothing written. ' : (outcome.flip ? 'Flip #' + outcome.flip + ' done. ' : 'Nothing changed. '))
      + outcome.scope + ' — ' + outcome.reason);
    (outcome.changes || []).forEach((c) => lines.push('  ' + c.feature + ': ' + c.from + ' -> ' + c.to));
    if ((outcome.routes || []).length) {
      lines.push('Routes whose stage changes (' + outcome.routes.length + '):');
      outcome.routes.forEach((r) => lines.push('  ' + r.route + ': ' + r.from + ' -> ' + r.to + '  [' + r.toTarget + ']'));
    }
    return lines.join('\n');
  }

  function renderRoutes() {
    const filter = $('filter').value.trim().toLowerCase();
    const body = $('routes').querySelector('tbody');
    body.innerHTML = routes
      .filter((r) => !filter || [r.route, r.id, r.group, r.stateUnit || ''].join(' ').toLowerCase().includes(filter))
      .map((r) => '<tr>'
        + '<td><input type="checkbox" data-id="' + esc(r.id) + '"' + (selected.has(r.id) ? ' checked' : '') + '></td>'
        + '<td class="mono" title="' + esc(r.id) + '">' + esc(r.route) + '</td>'
        + '<td>' + esc(r.group) + '</td><td>' + esc(r.stateUnit) + '</td><td>' + (r.retrySafe ? 'yes' : '') + '</td>'
        + '<td>' + esc(r.override) + '</td>'
        + '<td class="' + stageClass(r.stage) + '">' + esc(r.stage) + '</td>'
        + '<td>' + esc(r.target) + (r.note ? '<br><small>' + esc(r.note) + '</small>' : '') + '</td>'
        + '<td class="mono">' + esc(r.governedBy) + '</td></tr>')
      .join('');
    body.querySelectorAll('input[type=checkbox]').forEach((box) => box.addEventListener('change', () => {
      if (box.checked) selected.add(box.dataset.id); else selected.delete(box.dataset.id);
    }));
  }

  async function load() {
    try {
      const [groups, routeList, status, shadow, audit] = await Promise.all([
        api('GET', '/groups'), api('GET', '/routes'), api('GET', '/status'), api('GET', '/shadow'), api('GET', '/flips?limit=30')]);
      routes = routeList;
      $('groups').querySelector('tbody').innerHTML = groups.map((g) => '<tr><td>' + esc(g.group) + '</td>'
        + '<td class="' + stageClass(g.stage) + '">' + esc(g.stage) + '</td><td>' + g.routes + '</td>'
        + '<td class="mono">' + esc(g.overrides.join(', ')) + '</td></tr>').join('');
      const store = status.flagStore;
      $('store').innerHTML = store.reachable
        ? '<span class="ok">flag store reachable (stages loaded ' + esc(store.stagesLoadedAt) + ')</span>'
        : '<span class="error">flag store UNREACHABLE since ' + esc(store.unreachableSince) + ': routing with stages from '
          + esc(store.stagesLoadedAt) + '; flips are refused</span>';
      $('backends').innerHTML = Object.entries(status.breakers).map(([name, b]) => esc(name) + ': breaker ' + esc(b.state)
        + ', failure rate ' + esc(b.failureRate) + '%, time limit ' + esc(b.timeLimit)).join('<br>')
        + '<br>fallbacks: ' + (Object.entries(status.fallbacks).map(([k, v]) => esc(k) + ' = ' + v).join(', ') || 'none');
      $('shadow').querySelector('tbody').innerHTML = shadow.routes.map((c) => '<tr><td>' + esc(c.route) + '</td><td>'
        + c.match + '</td><td>' + c.mismatch + '</td><td>' + c.error + '</td><td>' + c.skipped + '</td></tr>').join('');
      $('mismatches').querySelector('tbody').innerHTML = shadow.recentMismatches.map((m) => '<tr><td>' + esc(m.at)
        + '</td><td>' + esc(m.route) + '</td><td class="mono">' + esc(m.method + ' ' + m.path) + '</td><td class="mono">'
        + esc(m.where) + '</td><td class="mono">' + esc(m.legacy) + '</td><td class="mono">' + esc(m.candidate)
        + '</td></tr>').join('');
      $('audit').querySelector('tbody').innerHTML = audit.map((a) => '<tr><td>' + a.id + (a.undoneBy ? ' (undone by #'
        + a.undoneBy + ')' : '') + '</td><td>' + esc(a.at) + '</td><td>' + esc(a.actor) + '</td><td>' + esc(a.source)
        + '</td><td>' + esc(a.scope) + '</td><td class="mono">' + a.changes.map((c) => esc(c.feature + ': ' + c.from
        + ' -> ' + c.to)).join('<br>') + '</td><td>' + esc(a.reason) + '</td></tr>').join('');
      renderRoutes();
    } catch (e) {
      show('Could not load: ' + e.message, false);
    }
  }

  async function flip(dryRun) {
    const scope = $('scope').value;
    const body = { stage: $('stage').value, reason: $('reason').value, dryRun };
    if (body.stage === 'CANARY') body.percentage = Number($('percentage').value);
    if (scope === 'selected') {
      if (!selected.size) { show('Select one or more routes first (or choose a group).', false); return; }
      body.routes = Array.from(selected);
    } else {
      body.group = scope;
    }
    try {
      show(describe(await api('POST', '/flips', body)), true);
      if (!dryRun) load();
    } catch (e) {
      show('Refused: ' + e.message, false);
    }
  }

  $('apply').addEventListener('click', () => flip(false));
  $('dryrun').addEventListener('click', () => flip(true));
  $('undo').addEventListener('click', async () => {
    const reason = $('reason').value;
    try {
      const preview = await api('POST', '/flips/undo', { reason, dryRun: true });
      if (!confirm(describe(preview) + '\n\nUndo this flip?')) return;
      show(describe(await api('POST', '/flips/undo', { reason })), true);
      load();
    } catch (e) {
      show('Refused: ' + e.message, false);
    }
  });
  $('reload').addEventListener('click', load);
  $('filter').addEventListener('input', renderRoutes);
  $('selectUnit').addEventListener('click', () => {
    const units = new Set(routes.filter((r) => selected.has(r.id) && r.stateUnit).map((r) => r.stateUnit));
    routes.filter((r) => units.has(r.stateUnit)).forEach((r) => selected.add(r.id));
    renderRoutes();
  });
  load();
  setInterval(load, 5000);
})();
