// The Wallboard tab (大屏监控 and 数据概览), beside workbench.js (a classic script sharing its globals: app, api, $, el,
// attempt, fillTable, clock, t). For supervisors and administrators: a tile per skill group in large type (calls
// waiting, the longest wait, agents by state, service level and answered/abandoned today), filled from GET
// /api/wallboard when the tab opens and then from the events socket's "wallboard" events (sent at most once a second
// when something changed); a full-screen button for a TV. Under it the data overview: GET /api/stats for today or a
// chosen range, a table per group, each agent's occupancy, and two small SVG charts (calls and service level per 15
// minutes), drawn here without a chart library.
'use strict';

const WB_STATES = ['idle', 'busy', 'break', 'on-call', 'wrap-up', 'offline'];
const WB_SVG = 'http://www.w3.org/2000/svg';

const wallboard = {
  open: false,
  board: null,      // the last board (GET /api/wallboard or a "wallboard" event)
  tickTimer: 0,
  receivedAt: 0,    // when it came: the longest wait counts on between events
};

function wbAllowed() {
  return supAllowed();
}

/** Every event of the socket: a board replaces the shown one; a (re)connection re-reads it. */
function wbOnEvent(event) {
  if (!wbAllowed() || !wallboard.open) {
    return;
  }
  if (event.type === 'wallboard') {
    wbShow(event);
  } else if (event.type === 'hello') {
    attempt(wbLoad, t('wb.wallboard'));
  }
}

function wbOpen() {
  wallboard.open = true;
  clearInterval(wallboard.tickTimer);
  wallboard.tickTimer = setInterval(wbTick, 1000);
  attempt(wbLoad, t('wb.wallboard'));
  attempt(wbLoadStats, t('wb.overview'));
  attempt(wbLoadGroups);
}

/** The data overview's group choice: every group, or one. */
async function wbLoadGroups() {
  const groups = await api('GET', '/api/groups');
  const select = $('wb-group');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, t('wb.allGroups')),
    ...(Array.isArray(groups) ? groups : []).map((g) => el('option', { value: g.name }, g.name)));
  select.value = chosen;
}

function wbClose() {
  wallboard.open = false;
  clearInterval(wallboard.tickTimer);
}

function wbReset() {
  wbClose();
  wallboard.board = null;
  $('wb-tiles').replaceChildren();
}

async function wbLoad() {
  wbShow(await api('GET', '/api/wallboard'));
}

function wbShow(board) {
  if (!board || !Array.isArray(board.groups)) {
    return;
  }
  // a call counted today (offered, answered or abandoned): the overview of today is read again
  const counted = wbCounted(board);
  if (wallboard.board && counted !== wbCounted(wallboard.board) && !$('wb-from').value && !$('wb-to').value) {
    attempt(wbLoadStats, t('wb.overview'));
  }
  wallboard.board = board;
  wallboard.receivedAt = Date.now();
  wbRender();
}

function wbCounted(board) {
  return board.groups.map((g) => g.today ? [g.today.offered, g.today.answered, g.today.abandoned].join('/') : '')
    .join(',');
}

/** The longest wait goes on counting between boards while someone waits. */
function wbTick() {
  if (wallboard.board) {
    const extra = Math.floor((Date.now() - wallboard.receivedAt) / 1000);
    document.querySelectorAll('#wb-tiles [data-longest]').forEach((node) => {
      const longest = Number(node.dataset.longest);
      node.textContent = clock((longest + (longest > 0 ? extra : 0)) * 1000);
    });
  }
}

function wbPercent(value) {
  return value === null || value === undefined ? '–' : Math.round(value * 100) + '%';
}

function wbFigure(label, value, attrs = {}) {
  return el('div', { class: 'wb-figure' }, el('div', Object.assign({ class: 'wb-value' }, attrs), String(value)),
    el('div', { class: 'wb-label' }, t(label)));
}

function wbRender() {
  const tiles = wallboard.board.groups.map((group) => {
    const today = group.today || {};
    const agents = group.agents || {};
    const states = WB_STATES.map((state) => {
      const count = (agents[state] || 0) + (state === 'on-call' ? agents.ringing || 0 : 0);
      return el('span', { class: 'chip st-' + state, dataset: { state } },
        (STATE_LABELS[state] || state) + ' ' + count);
    });
    return el('section', { class: 'wb-tile' + (group.waiting > 0 ? ' wb-waiting' : ''),
      dataset: { group: group.name } },
      el('h3', { class: 'wb-group' }, group.name),
      el('div', { class: 'wb-figures' },
        wbFigure('wb.waiting', group.waiting, { dataset: { figure: 'waiting' } }),
        wbFigure('wb.longestWait', clock(group.longestWaitSeconds * 1000),
          { dataset: { longest: String(group.longestWaitSeconds) } }),
        wbFigure('wb.serviceLevel', wbPercent(today.serviceLevel), { dataset: { figure: 'serviceLevel' } }),
        wbFigure('wb.answered', today.answered ?? 0, { dataset: { figure: 'answered' } }),
        wbFigure('wb.abandoned', today.abandoned ?? 0, { dataset: { figure: 'abandoned' } }),
        wbFigure('wb.chats', (group.chatsWaiting || 0) + ' / ' + (group.chatsActive || 0))),
      el('div', { class: 'wb-states' }, states));
  });
  $('wb-tiles').replaceChildren(...tiles);
  $('wb-updated').textContent = t('wb.updated', { time: new Date(wallboard.board.at).toLocaleTimeString() });
}

// ------------------------------------------------------------------------------------------------ data overview

function wbStatsQuery() {
  const params = new URLSearchParams();
  const from = $('wb-from').value;
  const to = $('wb-to').value;
  if (from) {
    params.set('from', String(new Date(from + 'T00:00:00').getTime()));
  }
  if (to) {
    params.set('to', String(new Date(to + 'T00:00:00').getTime() + 24 * 3600 * 1000));
  }
  if ($('wb-group').value) {
    params.set('group', $('wb-group').value);
  }
  return params.toString();
}

async function wbLoadStats() {
  const query = wbStatsQuery();
  $('wb-csv').href = '/api/stats?' + (query ? query + '&' : '') + 'format=csv';
  const stats = await api('GET', '/api/stats' + (query ? '?' + query : ''));
  const rows = Object.entries(stats.groups || {}).map(([name, figures]) => Object.assign({ name }, figures));
  fillTable($('wb-groups'), [
    ['wb.group', (g) => g.name], ['wb.offered', (g) => g.offered], ['wb.answered', (g) => g.answered],
    ['wb.abandoned', (g) => g.abandoned], ['wb.abandonedShort', (g) => g.abandonedShort],
    ['wb.answerRate', (g) => wbPercent(g.answerRate)],
    ['wb.serviceLevel', (g) => wbPercent(g.serviceLevel) + ' (' + g.serviceLevelSeconds + ' s)'],
    ['wb.asa', (g) => wbSeconds(g.averageSpeedOfAnswer)], ['wb.aht', (g) => wbSeconds(g.averageHandleTime)],
  ], rows, 'wb.noCalls');
  fillTable($('wb-agents'), [['ui.staffNo', (a) => a.staffNo], ['wb.occupancy', (a) => wbPercent(a.occupancy)]],
    stats.agents || [], 'wb.noCalls');
  const buckets = stats.buckets || [];
  wbChart($('wb-chart-calls'), buckets, (b) => b.offered, null, 'wb.callsPer15');
  wbChart($('wb-chart-sl'), buckets, (b) => b.serviceLevel, 1, 'wb.slPer15');
}

function wbSeconds(value) {
  return value === null || value === undefined ? '–' : Math.round(value) + ' s';
}

/** A bar chart of one value per 15 minutes (null: no bar), scaled to the largest or to {@code max}. */
function wbChart(svg, buckets, value, max, title) {
  const width = 480;
  const height = 120;
  const top = max || Math.max(1, ...buckets.map((b) => value(b) || 0));
  const step = buckets.length ? width / buckets.length : width;
  const shapes = [wbSvg('title', {}, t(title)),
    wbSvg('line', { x1: 0, y1: height, x2: width, y2: height, class: 'wb-axis' })];
  buckets.forEach((bucket, index) => {
    const v = value(bucket);
    if (v === null || v === undefined || v === 0) {
      return;
    }
    const h = Math.max(1, (v / top) * (height - 14));
    const bar = wbSvg('rect', { x: (index * step).toFixed(1), y: (height - h).toFixed(1),
      width: Math.max(1, step - 1).toFixed(1), height: h.toFixed(1), class: 'wb-bar' });
    bar.appendChild(wbSvg('title', {}, new Date(bucket.at).toLocaleTimeString() + ': '
      + (max ? wbPercent(v) : v)));
    shapes.push(bar);
  });
  shapes.push(wbSvg('text', { x: 2, y: 11, class: 'wb-scale' }, max ? '100%' : String(top)));
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  svg.replaceChildren(...shapes);
}

function wbSvg(tag, attrs, text) {
  const node = document.createElementNS(WB_SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    node.setAttribute(key, String(value));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

document.addEventListener('DOMContentLoaded', () => {
  $('wb-fullscreen').addEventListener('click', () => {
    const board = $('wb-board');
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (board.requestFullscreen) {
      board.requestFullscreen().catch(() => toast(t('wb.noFullscreen')));
    }
  });
  $('wb-stats-form').addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(wbLoadStats, t('wb.overview'));
  });
  document.addEventListener('sb-language', () => {
    if (wallboard.open && wallboard.board) {
      wbRender();
    }
  });
});
