// Switchboard agent workbench: plain ES2020, no framework, no build step. Everything goes through the server's HTTP
// API (same origin, the session cookie sb_session) and its events WebSocket (/api/events). The page's scripts are
// classic scripts sharing one global scope, loaded in order (index.html): this one first (the app's state, the API,
// small helpers), then the log-in and events, the call, records, administration, then workbench.js, which wires the
// page and boots it (its start runs first at DOMContentLoaded), then the panels (phone, chat, supervision ...).
'use strict';

const $ = (id) => document.getElementById(id);

/** Break reasons when the server does not list them (the demo configuration's). */
const DEFAULT_BREAK_REASONS = ['rest', 'lunch', 'meeting', 'training'];
/** Labels by name in the page's language at the time they are read (i18n.js: {prefix}.{name}), else undefined. */
function labelsOf(prefix) {
  return new Proxy({}, {
    get: (target, name) => (typeof name === 'string' && hasText(prefix + '.' + name) ? t(prefix + '.' + name)
      : undefined),
  });
}
const STATE_LABELS = labelsOf('state');
const RECORDS_PAGE = 25;
const ROLE_LABELS = labelsOf('role');

const app = {
  me: null,                 // the signed-in account: email, name, role, extension, staffNo
  agentState: 'offline',
  reason: null,
  since: Date.now(),        // when the current state began (as far as this page knows)
  wrapUpEnds: 0,            // wall-clock end of the wrap-up countdown
  wrapUpKept: false,        // the wrap-up is kept open: no countdown, a count-up from wrapUpSince
  wrapUpSince: 0,           // wall-clock start of the wrap-up
  offer: null,              // {call, caller, number, deadline, total, screenPops}
  connecting: null,         // the id of an auto-answered call until it is connected (no offer bar)
  answerMissing: false,     // POST /api/calls/{id}/answer is not on this server: answer on the phone
  call: null,               // the call shown in the call panel (GET /api/calls/{id})
  callSince: 0,
  callPoll: 0,
  socket: null,
  backoff: 1000,
  reconnectTimer: 0,
  breakReasons: DEFAULT_BREAK_REASONS,
  view: 'workbench',
  adminPage: 'accounts',
  recordsOffset: 0,
  recordsLoaded: false,
};

// ------------------------------------------------------------------------------------------------ the API

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** A JSON request to the API; an error answer becomes an ApiError with the server's message. */
async function api(method, path, body) {
  // X-Requested-With: the server refuses a change made with the session cookie without it (CSRF: a form of another
  // site cannot send a header)
  const init = { method, credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-Requested-With': 'switchboard' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', t('base.network'));
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, (data && data.error) || 'http_' + response.status,
      (data && data.message) || response.statusText || 'request failed');
    if (response.status === 401 && app.me && !path.startsWith('/api/login') && !path.startsWith('/api/me/password')) {
      sessionEnded(t('session.ended'));
    }
    throw error;
  }
  return data;
}

/** An error as the user reads it: its code's text in the page's language (i18n-zh.js), else the server's message. */
function errorText(e) {
  const own = e && e.code && I18N[i18n.language] && I18N[i18n.language]['error.' + e.code];
  return own || (e && e.message) || String(e);
}

/** Runs an action and shows its failure to the user (the API's message). */
async function attempt(action, what) {
  try {
    return await action();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && !app.me) {
      return undefined;
    }
    toast((what ? what + ': ' : '') + errorText(e), 'error');
    return undefined;
  }
}

/** A button that cannot be clicked twice while its request runs. */
async function busyWhile(button, action) {
  if (button) {
    button.disabled = true;
  }
  try {
    return await action();
  } finally {
    if (button) {
      button.disabled = false;
      refreshControls();
    }
  }
}

// ------------------------------------------------------------------------------------------------ small helpers

function toast(message, kind = 'error') {
  const box = document.createElement('div');
  box.className = 'toast toast-' + kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'toast-close';
  close.setAttribute('aria-label', t('base.dismiss'));
  close.textContent = '✕';
  close.addEventListener('click', () => box.remove());
  box.appendChild(close);
  $('toasts').appendChild(box);
  setTimeout(() => box.remove(), kind === 'error' ? 9000 : 5000);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key.startsWith('on')) {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(key, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function clock(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0') + ':' + String(s).padStart(2, '0');
  return h > 0 ? h + ':' + mm : mm;
}

function seconds(value) {
  if (value === undefined || value === null || value === '') {
    return '–';
  }
  return clock(Number(value) * 1000);
}

function when(value) {
  if (value === undefined || value === null || value === '') {
    return '–';
  }
  const date = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return String(value);
  }
  return formatDateTime(date);
}

function text(value) {
  if (value === undefined || value === null || value === '') {
    return '–';
  }
  if (Array.isArray(value)) {
    return value.length ? value.map(text).join(', ') : '–';
  }
  if (typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => k + ': ' + text(v)).join(', ');
  }
  return String(value);
}

function isTyping(target) {
  return target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA'
    || target.isContentEditable);
}

function activity(message) {
  const list = $('activity');
  const time = formatTime(new Date());
  list.prepend(el('li', {}, el('time', {}, time), ' ', message));
  while (list.children.length > 30) {
    list.lastElementChild.remove();
  }
}
