// The operations console: every page is built from the REST API (README, "REST API") with the form login's
// session; writes carry the CSRF token the hub sets in the XSRF-TOKEN cookie. Text from orders and payloads is only
// ever placed with textContent, never as HTML.
'use strict';

const CHANNELS = ['shopify', 'woocommerce', 'amazon', 'ebay', 'trendyol', 'hepsiburada', 'n11', 'pos', 'b2b', 'edi'];
const STATUSES = ['NEW', 'CONFIRMED', 'ON_HOLD', 'BACKORDERED', 'PICKING', 'PACKED', 'SHIPPED', 'DELIVERED',
  'CANCELED', 'RETURN_PENDING', 'RETURN_COMPLETED'];
const DESTINATIONS = ['wms', 'carrier', 'erp', 'events', 'channel', 'edi'];
const STUCK_MINUTES = 10;

let me = { user: '', roles: [] };
const isOperator = () => me.roles.includes('OPERATOR');

// ---- the API -------------------------------------------------------------------------------------------------

function csrfToken() {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['X-XSRF-TOKEN'] = csrfToken();
  }
  const response = await fetch(path, {
    method: options.method || (options.body !== undefined ? 'POST' : 'GET'),
    headers, credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body)
  });
  if (response.status === 401) {
    location.href = '/console/';
    throw new Error('signed out');
  }
  const text = await response.text();
  let data = text;
  if ((response.headers.get('Content-Type') || '').includes('json') && text) {
    data = JSON.parse(text);
  }
  if (!response.ok) {
    const error = new Error(data && data.error ? data.error : response.status + ' ' + response.statusText);
    error.status = response.status;
    throw error;
  }
  return data;
}

function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') q.set(k, v); });
  const s = q.toString();
  return s ? '?' + s : '';
}

// ---- building the page ---------------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) return;
    if (k.startsWith('on')) node.addEventListener(k.substring(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  });
  children.flat(Infinity).forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

function table(id, headings, rows) {
  return el('table', { id }, el('thead', {}, el('tr', {}, headings.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.length ? rows : [el('tr', {}, el('td', { colspan: headings.length, class: 'muted' }, 'nothing'))]));
}

function summaryList(id, pairs) {
  return el('dl', { class: 'summary', id }, pairs.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v ?? '')]));
}

function when(instant) {
  return instant ? new Date(instant).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

function say(text, kind = 'ok') {
  const box = document.getElementById('message');
  box.className = kind;
  box.textContent = text;
}

function failed(error) {
  say(error.message, 'error');
}

function select(name, values, current, label) {
  return el('label', {}, label, el('select', { name, id: 'f-' + name },
    el('option', { value: '' }, 'any'), values.map(v => el('option', { value: v, selected: v === current }, v))));
}

function input(name, current, label, type = 'text') {
  return el('label', {}, label, el('input', { name, id: 'f-' + name, type, value: current || '' }));
}

/** A filter form whose submit puts its fields into the page's address, so a search can be bookmarked. */
function filters(route, fields, extra = []) {
  const form = el('form', { class: 'filters', id: 'filters' }, fields,
    el('button', { type: 'submit', class: 'primary', id: 'search' }, 'Search'), extra);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const params = {};
    new FormData(form).forEach((v, k) => {
      params[k] = (k === 'since' || k === 'until') && v ? new Date(v + 'Z').toISOString() : v;
    });
    const q = query(params);
    if (location.hash === '#/' + route + q) render(); else location.hash = '#/' + route + q;
  });
  return form;
}

function localTime(iso) {
  return iso ? iso.replace(/(\.\d+)?Z$/, '').substring(0, 16) : '';
}

function pager(params, total, size, route) {
  const page = Number(params.page || 0);
  const go = p => () => { location.hash = '#/' + route + query({ ...params, page: p }); };
  return el('div', { class: 'pager' },
    el('button', { type: 'button', disabled: page === 0, onclick: go(page - 1) }, '‹ newer'),
    el('span', { id: 'total' }, `${total} found · page ${page + 1} of ${Math.max(1, Math.ceil(total / size))}`),
    el('button', { type: 'button', disabled: (page + 1) * size >= total, onclick: go(page + 1) }, 'older ›'));
}

// ---- bulk jobs: counts done and left while they run -----------------------------------------------------------

function follow(job) {
  const box = document.getElementById('jobs');
  let line = document.getElementById('job-' + job.jobId);
  if (!line) {
    line = el('div', { class: 'job', id: 'job-' + job.jobId });
    box.prepend(line);
  }
  const bar = el('progress', { max: Math.max(1, job.total), value: job.done });
  line.replaceChildren(bar, el('span', { class: job.state },
    `${job.description}: ${job.done} of ${job.total} done, ${job.left} left (${job.succeeded} succeeded, `
    + `${job.failed} failed) · ${job.state}`), job.lastError ? el('div', { class: 'error' }, 'last error: ' + job.lastError) : '');
  if (job.state === 'QUEUED' || job.state === 'RUNNING') {
    setTimeout(() => api('/api/jobs/' + job.jobId).then(follow).catch(failed), 700);
  } else {
    render();
  }
}

// ---- orders --------------------------------------------------------------------------------------------------

async function ordersPage(params) {
  const size = 20;
  const page = await api('/api/orders' + query({ ...params, size }));
  const rows = page.items.map(o => el('tr', {},
    el('td', {}, el('a', { href: '#/order/' + encodeURIComponent(o.orderId), class: 'order-link' }, o.orderNumber || o.channelOrderId)),
    el('td', {}, o.channel), el('td', {}, o.channelOrderId),
    el('td', { class: 'status ' + o.status }, o.status), el('td', {}, when(o.placedAt)),
    el('td', {}, o.totals ? `${o.totals.grandTotal} ${o.currency || ''}` : ''),
    el('td', {}, o.customer ? o.customer.email || o.customer.name || '' : '')));
  return [el('h2', {}, 'Orders'),
    filters('orders', [input('q', params.q, 'order id, channel id or number'), input('email', params.email, 'customer e-mail'),
      select('status', STATUSES, params.status, 'status'), select('channel', CHANNELS, params.channel, 'channel'),
      input('since', localTime(params.since), 'received from (UTC)', 'datetime-local'),
      input('until', localTime(params.until), 'until (UTC)', 'datetime-local')]),
    table('orders', ['order', 'channel', 'channel id', 'status', 'placed', 'total', 'customer'], rows),
    pager(params, page.total, size, 'orders')];
}

async function orderPage(orderId) {
  const id = encodeURIComponent(orderId);
  const [order, deliveries, documents] = await Promise.all([api('/api/orders/' + id),
    api('/api/orders/' + id + '/deliveries'), api('/api/orders/' + id + '/documents')]);
  const f = order.fulfillment || {};
  const summary = [['order id', order.orderId], ['channel', `${order.channel} · ${order.account}`],
    ['channel id', order.channelOrderId], ['number', order.orderNumber], ['status', order.status],
    ['placed', when(order.placedAt)], ['total', order.totals ? `${order.totals.grandTotal} ${order.currency}` : ''],
    ['customer', order.customer ? [order.customer.name, order.customer.email].filter(Boolean).join(' · ') : ''],
    ['ship to', order.shipTo ? [order.shipTo.city, order.shipTo.countryCode].filter(Boolean).join(', ') : ''],
    ['fulfilment', [f.warehouse, f.carrier, (f.trackingNumbers || []).join(' ')].filter(Boolean).join(' · ')]];
  const timeline = el('ol', { class: 'timeline', id: 'timeline' }, (order.history || []).map(h =>
    el('li', { class: h.accepted ? '' : 'refused' }, `${when(h.at)} · ${h.from ? h.from + ' → ' : ''}${h.status}`
      + ` · ${h.source}${h.detail ? ' · ' + h.detail : ''}${h.accepted ? '' : ' (refused)'}`)));
  const lines = table('lines', ['line', 'SKU', 'title', 'quantity', 'unit price'], (order.lines || []).map(l =>
    el('tr', {}, el('td', {}, l.lineId), el('td', {}, l.sku), el('td', {}, l.title), el('td', {}, l.quantity), el('td', {}, l.unitPrice))));
  const deliveryRows = deliveries.map(d => el('tr', { 'data-key': d.key },
    el('td', {}, d.destination), el('td', {}, d.revision), el('td', { class: 'status ' + d.status }, d.status),
    el('td', {}, d.attempts), el('td', { class: 'wrap' }, d.lastError || ''), el('td', { class: 'wrap' }, d.response || ''),
    el('td', {}, when(d.at)), el('td', {}, retryButton(d))));
  const documentRows = documents.map(doc => el('tr', {},
    el('td', {}, `${doc.standard} ${doc.type}`), el('td', {}, doc.direction), el('td', {}, doc.partner),
    el('td', {}, [doc.interchangeNo, doc.groupNo, doc.transactionNo].filter(Boolean).join(' / ')),
    el('td', { class: 'status ' + doc.status }, doc.status), el('td', {}, when(doc.at)),
    el('td', {}, isOperator() ? el('button', { type: 'button', onclick: () => showText('/api/edi/documents/'
      + encodeURIComponent(doc.documentId) + '/body', 'document-text') }, 'text') : '')));
  return [el('h2', {}, `Order ${order.orderNumber || order.channelOrderId}`), summaryList('order-summary', summary),
    el('h3', {}, 'Lifecycle'), timeline, el('h3', {}, 'Lines'), lines,
    el('h3', {}, 'Deliveries'),
    table('deliveries', ['destination', 'revision', 'status', 'attempts', 'last error', 'answer', 'at', ''], deliveryRows),
    el('h3', {}, 'EDI documents'),
    table('documents', ['document', 'direction', 'partner', 'control numbers', 'status', 'at', ''], documentRows),
    el('pre', { id: 'document-text', hidden: true }),
    el('h3', {}, 'Raw payload'),
    el('button', { type: 'button', id: 'show-raw', onclick: () => showText('/api/orders/' + id + '/raw', 'raw') },
      'show what the channel sent'), el('pre', { id: 'raw', hidden: true })];
}

async function showText(path, target) {
  const box = document.getElementById(target);
  try {
    const text = await api(path, { headers: { Accept: 'text/plain, application/json' } });
    box.textContent = typeof text === 'string' ? text : JSON.stringify(text, null, 2);
  } catch (error) {
    box.textContent = error.status === 403 ? 'only an operator may see this' : error.message;
  }
  box.hidden = false;
}

function retryButton(delivery) {
  if (!isOperator() || (delivery.status !== 'DEAD' && delivery.status !== 'PENDING')) return '';
  return el('button', { type: 'button', class: 'retry', onclick: async () => {
    try {
      await api('/api/deliveries/' + encodeURIComponent(delivery.key) + '/retry', { body: {} });
      say(`delivery ${delivery.key} is sent again`);
      render();
    } catch (error) { failed(error); }
  } }, 'retry');
}

// ---- the error store -----------------------------------------------------------------------------------------

async function errorsPage(params) {
  const state = params.state || 'OPEN';
  const filter = { channel: params.channel, stage: params.stage, reason: params.reason, since: params.since, until: params.until };
  const tabs = el('div', { class: 'pager', id: 'states' }, ['OPEN', 'REPLAYED', 'DISCARDED', 'EXPIRED'].map(s =>
    el('a', { href: '#/errors' + query({ ...params, state: s, page: '' }), class: s === state ? 'status' : '' }, s)));
  const form = filters('errors', [el('input', { type: 'hidden', name: 'state', value: state }),
    select('channel', CHANNELS, params.channel, 'channel'),
    select('stage', ['parse', 'map', 'validate', 'store', 'stock', 'edi'], params.stage, 'stage'),
    input('reason', params.reason, 'reason contains'),
    input('since', localTime(params.since), 'received from (UTC)', 'datetime-local'),
    input('until', localTime(params.until), 'until (UTC)', 'datetime-local'),
    el('label', {}, 'group by cause', el('input', { type: 'checkbox', name: 'group', id: 'f-group', value: '1', checked: params.group === '1' }))]);
  const content = [el('h2', {}, 'Error store'), tabs, form];
  if (me.roles.includes('ADMIN')) {
    content.push(el('p', {}, el('button', { type: 'button', id: 'reload-mappings', onclick: async () => {
      try {
        const answer = await api('/api/mappings/reload', { body: {} });
        say(`mappings read again by ${answer.mappings} endpoints: replay what they refused`);
      } catch (error) { failed(error); }
    } }, 'read the mended mappings again')));
  }
  if (params.group === '1') {
    const causes = await api('/api/errors/causes' + query({ ...filter, state }));
    content.push(table('causes', ['channel', 'stage', 'cause', 'entries', 'inputs', 'first', 'last', ''], causes.map(c =>
      el('tr', {}, el('td', {}, c.channel), el('td', {}, c.stage), el('td', { class: 'wrap cause' }, c.cause),
        el('td', {}, c.entries), el('td', {}, c.occurrences), el('td', {}, when(c.first)), el('td', {}, when(c.last)),
        el('td', {}, el('a', { href: '#/error/' + encodeURIComponent(c.exampleErrorId) }, 'example'), ' ',
          state === 'OPEN' && isOperator() ? el('button', { type: 'button', class: 'replay-group', onclick: () =>
            startJob('/api/errors/replay', { ...filter, channel: c.channel, stage: c.stage, cause: c.cause }) },
          `replay ${c.entries}`) : '')))));
    return content;
  }
  const size = 20;
  const page = await api('/api/errors' + query({ ...filter, state, page: params.page, size }));
  const rows = page.items.map(e => el('tr', { 'data-error': e.errorId },
    el('td', {}, state === 'OPEN' && isOperator() ? el('input', { type: 'checkbox', class: 'pick', value: e.errorId }) : ''),
    el('td', {}, el('a', { href: '#/error/' + encodeURIComponent(e.errorId), class: 'error-link' }, when(e.receivedAt))),
    el('td', {}, e.channel), el('td', {}, e.stage), el('td', { class: 'wrap' }, e.reason), el('td', {}, e.occurrences),
    el('td', { class: 'wrap' }, e.replayResult || '')));
  content.push(table('errors', ['', 'received', 'channel', 'stage', 'reason', 'inputs', 'result'], rows),
    pager(params, page.total, size, 'errors'));
  if (state === 'OPEN' && isOperator()) {
    content.push(el('button', { type: 'button', id: 'replay-picked', onclick: () => {
      const ids = [...document.querySelectorAll('input.pick:checked')].map(c => c.value);
      if (ids.length) startJob('/api/errors/replay', { errorIds: ids }); else say('choose entries first', 'error');
    } }, 'replay chosen'));
  }
  return content;
}

async function errorPage(errorId) {
  const entry = await api('/api/errors/' + encodeURIComponent(errorId));
  const reason = el('input', { id: 'discard-reason', placeholder: 'why it is not to be taken', size: 40 });
  const actions = entry.replayState === 'OPEN' && isOperator() ? [
    el('button', { type: 'button', class: 'primary', id: 'replay', onclick: async () => {
      try {
        const result = await api('/api/errors/' + encodeURIComponent(errorId) + '/replay', { body: {} });
        say('replayed: ' + (result.orderIds ? 'orders ' + result.orderIds.join(', ') : result.result));
        render();
      } catch (error) { failed(error); render(); }
    } }, 'replay'), ' ', reason,
    el('button', { type: 'button', id: 'discard', onclick: async () => {
      try {
        await api('/api/errors/' + encodeURIComponent(errorId) + '/discard', { body: { reason: reason.value } });
        say('discarded');
        render();
      } catch (error) { failed(error); }
    } }, 'discard')] : [];
  return [el('h2', {}, 'Error ' + entry.errorId),
    summaryList('error-summary', [['state', entry.replayState],
      ['channel', `${entry.channel}${entry.account ? ' · ' + entry.account : ''}`], ['came by', entry.source],
      ['stage', entry.stage], ['reason', entry.reason], ['inputs', entry.occurrences],
      ['received', when(entry.receivedAt)], ['replays', entry.replayCount], ['result', entry.replayResult]]),
    el('p', {}, actions),
    el('h3', {}, 'Payload as it came'),
    el('pre', { id: 'payload' }, entry.rawPayload !== undefined ? entry.rawPayload : 'only an operator may see the payload')];
}

async function startJob(path, body) {
  try {
    const answer = await api(path, { body });
    follow(answer.job || answer);
  } catch (error) { failed(error); }
}

// ---- deliveries ----------------------------------------------------------------------------------------------

async function deliveriesPage(params) {
  const status = params.stuck === '1' ? 'PENDING' : (params.status || 'DEAD');
  const until = params.stuck === '1' ? new Date(Date.now() - STUCK_MINUTES * 60000).toISOString() : params.until;
  const size = 50;
  const page = await api('/api/deliveries' + query({ status, destination: params.destination, since: params.since,
    until, page: params.page, size }));
  const rows = page.items.map(d => el('tr', { 'data-key': d.key },
    el('td', {}, isOperator() ? el('input', { type: 'checkbox', class: 'pick', value: d.key }) : ''),
    el('td', {}, when(d.at)), el('td', {}, el('a', { href: '#/order/' + encodeURIComponent(d.orderId) }, d.orderId)),
    el('td', {}, d.destination), el('td', {}, d.revision), el('td', { class: 'status ' + d.status }, d.status),
    el('td', {}, d.attempts), el('td', { class: 'wrap' }, d.lastError || ''), el('td', {}, retryButton(d))));
  const content = [el('h2', {}, 'Deliveries'),
    filters('deliveries', [select('status', ['DEAD', 'PENDING', 'DELIVERED'], status, 'status'),
      select('destination', DESTINATIONS, params.destination, 'destination'),
      el('label', {}, `stuck (pending, unchanged ${STUCK_MINUTES} min)`,
        el('input', { type: 'checkbox', name: 'stuck', id: 'f-stuck', value: '1', checked: params.stuck === '1' }))]),
    table('delivery-list', ['', 'changed', 'order', 'destination', 'revision', 'status', 'attempts', 'last error', ''], rows),
    pager(params, page.total, size, 'deliveries')];
  if (isOperator() && status !== 'DELIVERED') {
    content.push(el('p', {},
      el('button', { type: 'button', id: 'retry-picked', onclick: () => {
        const keys = [...document.querySelectorAll('input.pick:checked')].map(c => c.value);
        if (keys.length) startJob('/api/deliveries/retry', { keys }); else say('choose deliveries first', 'error');
      } }, 'retry chosen'), ' ',
      el('button', { type: 'button', id: 'retry-all', disabled: !params.destination, onclick: () =>
        startJob('/api/deliveries/retry', { destination: params.destination, status, since: params.since, until }) },
      params.destination ? `retry all ${page.total} ${status} ${params.destination} deliveries` : 'retry all (choose a destination)')));
  }
  return content;
}

// ---- KPIs and channel sync -----------------------------------------------------------------------------------

function chart(title, points, value, format) {
  const values = points.map(value);
  const known = values.filter(v => v !== null && v !== undefined);
  const max = Math.max(1e-9, ...known);
  const step = points.length > 1 ? 200 / (points.length - 1) : 200;
  const line = values.map((v, i) => `${(i * step).toFixed(1)},${(40 - 38 * (v || 0) / max).toFixed(1)}`).join(' ');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 200 40');
  svg.setAttribute('preserveAspectRatio', 'none');
  const polyline = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  polyline.setAttribute('points', line);
  svg.append(polyline);
  const last = known.length ? known[known.length - 1] : null;
  return el('div', { class: 'card', 'data-kpi': title },
    el('div', {}, title), el('div', { class: 'value' }, last === null ? '–' : format(last)), svg,
    el('div', { class: 'muted' }, `max ${known.length ? format(max) : '–'} over ${points.length} intervals`));
}

async function kpisPage() {
  const [series, sync] = await Promise.all([api('/api/kpis'), api('/api/channels/sync')]);
  const p = series.points;
  const n = v => String(Math.round(v));
  const s = v => v < 10 ? v.toFixed(2) + ' s' : Math.round(v) + ' s';
  const minutes = Math.round(series.intervalSeconds / 60) || series.intervalSeconds + ' s';
  const syncRows = sync.map(c => el('tr', { 'data-channel': c.channel },
    el('td', {}, c.channel), el('td', {}, c.polled ? 'polled' : 'pushed'),
    el('td', {}, (c.cursors || []).map(k => `${k.account}: ${k.value} (${Math.round(k.ageSeconds)} s old)`).join('; ')),
    el('td', {}, when(c.lastPollAt)), el('td', { class: c.lastPollOk === false ? 'error' : 'ok' },
      c.lastPollOk === null || c.lastPollOk === undefined ? '' : c.lastPollOk ? 'ok' : 'failed'),
    el('td', {}, c.lastLagSeconds === null || c.lastLagSeconds === undefined ? '' : s(c.lastLagSeconds)),
    el('td', {}, when(c.lastStoredAt)),
    el('td', { class: 'wrap error' }, c.lastError ? `${c.lastError} (${when(c.lastErrorAt)})` : '')));
  return [el('h2', {}, 'KPIs'), el('p', { class: 'muted' },
    `per ${minutes === 1 ? 'minute' : minutes + (typeof minutes === 'number' ? ' minutes' : '')}, since the hub started (Prometheus keeps the long history)`),
  el('div', { class: 'cards', id: 'kpis' },
    chart('orders received', p, x => x.received, n), chart('errors', p, x => x.errors, n),
    chart('error rate', p, x => x.errorRate, v => (100 * v).toFixed(1) + ' %'),
    chart('processing (intake → WMS)', p, x => x.processingSeconds, s),
    chart('channel sync lag', p, x => x.syncLagSeconds, s),
    chart('deliveries pending', p, x => x.pending, n), chart('deliveries dead', p, x => x.dead, n),
    chart('oldest pending delivery', p, x => x.oldestPendingSeconds, s)),
  el('h3', {}, 'Channel sync'),
  table('sync', ['channel', 'by', 'cursors', 'last poll', 'poll', 'last lag', 'last stored', 'last error'], syncRows)];
}

// ---- routing -------------------------------------------------------------------------------------------------

const ROUTES = {
  orders: ordersPage, order: (params, id) => orderPage(id), errors: errorsPage, error: (params, id) => errorPage(id),
  deliveries: deliveriesPage, kpis: kpisPage
};

async function render() {
  const [path, search] = (location.hash.substring(2) || 'orders').split('?');
  const [route, ...rest] = path.split('/');
  const params = Object.fromEntries(new URLSearchParams(search || ''));
  const view = document.getElementById('view');
  document.querySelectorAll('header nav a').forEach(a => a.classList.toggle('active',
    a.id === 'nav-' + (route === 'order' ? 'orders' : route === 'error' ? 'errors' : route)));
  try {
    const page = await (ROUTES[route] || ordersPage)(params, decodeURIComponent(rest.join('/')));
    view.replaceChildren(...[page].flat(2));
    view.setAttribute('data-ready', route);
  } catch (error) {
    view.replaceChildren(el('p', { class: 'error', id: 'page-error' }, error.message));
    view.setAttribute('data-ready', 'error');
  }
}

async function start() {
  me = await api('/api/me');
  document.getElementById('me').textContent = `${me.user} (${me.roles.join(', ')})`;
  document.getElementById('logout').addEventListener('click', async () => {
    await fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': csrfToken() }, credentials: 'same-origin' });
    location.href = '/login?logout';
  });
  window.addEventListener('hashchange', () => { say(''); render(); });
  (await api('/api/jobs')).filter(j => j.state === 'QUEUED' || j.state === 'RUNNING').forEach(follow);
  render();
}

start().catch(failed);
