// Switchboard agent workbench: plain ES2020, no framework, no build step. Everything goes through the server's HTTP
// API (same origin, the session cookie sb_session) and its events WebSocket (/api/events).
'use strict';

const $ = (id) => document.getElementById(id);

/** Break reasons when the server does not list them (the demo configuration's). */
const DEFAULT_BREAK_REASONS = ['rest', 'lunch', 'meeting', 'training'];
const STATE_LABELS = {
  idle: 'Idle', busy: 'Busy', break: 'Break', ringing: 'Ringing', 'on-call': 'On call', 'wrap-up': 'Wrap-up',
  offline: 'Offline',
};
const RECORDS_PAGE = 25;
const ROLE_LABELS = { admin: 'Administrator', supervisor: 'Supervisor', agent: 'Agent' };

const app = {
  me: null,                 // the signed-in account: email, name, role, extension, staffNo
  agentState: 'offline',
  reason: null,
  since: Date.now(),        // when the current state began (as far as this page knows)
  wrapUpEnds: 0,            // wall-clock end of the wrap-up countdown
  offer: null,              // {call, caller, number, deadline, total, screenPops}
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
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection.');
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
      sessionEnded('Your session has ended. Please log in again.');
    }
    throw error;
  }
  return data;
}

/** Runs an action and shows its failure to the user (the API's message). */
async function attempt(action, what) {
  try {
    return await action();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && !app.me) {
      return undefined;
    }
    toast((what ? what + ': ' : '') + (e.message || String(e)), 'error');
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
  close.setAttribute('aria-label', 'Dismiss');
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
  return date.toLocaleString(undefined, {
    month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });
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
  const time = new Date().toLocaleTimeString(undefined,
    { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  list.prepend(el('li', {}, el('time', {}, time), ' ', message));
  while (list.children.length > 30) {
    list.lastElementChild.remove();
  }
}

// ------------------------------------------------------------------------------------------------ log-in

function showLogin(message) {
  app.me = null;
  $('app').hidden = true;
  $('login-view').hidden = false;
  const error = $('login-error');
  error.hidden = !message;
  error.textContent = message || '';
  $('login-password').value = '';
  ($('login-email').value ? $('login-password') : $('login-email')).focus();
}

async function login(event) {
  event.preventDefault();
  const error = $('login-error');
  error.hidden = true;
  const button = $('login-submit');
  button.disabled = true;
  button.textContent = 'Logging in…';
  try {
    const answer = await api('POST', '/api/login', {
      email: $('login-email').value.trim(), password: $('login-password').value,
    });
    await start(answer.account || answer);
  } catch (e) {
    error.textContent = e.status === 404 ? 'This server has no accounts yet: log-in is not available.'
      : e.message || 'Log-in failed';
    error.hidden = false;
    $('login-password').select();
  } finally {
    button.disabled = false;
    button.textContent = 'Log in';
  }
}

async function logout() {
  await (window.pushForget ? window.pushForget() : null);   // push.js: this browser's subscription goes first
  stopEvents();
  try {
    await api('POST', '/api/logout', {});
  } catch (e) {
    // the session is gone either way
  }
  resetWorkbench();
  showLogin(null);
}

function sessionEnded(message) {
  if (!app.me) {
    return;
  }
  stopEvents();
  resetWorkbench();
  showLogin(message);
}

async function changePassword(event) {
  event.preventDefault();
  const error = $('pw-error');
  error.hidden = true;
  const current = $('pw-current').value;
  const fresh = $('pw-new').value;
  const repeat = $('pw-repeat').value;
  if (fresh !== repeat) {
    error.textContent = 'The new password and its repetition differ.';
    error.hidden = false;
    return;
  }
  try {
    await busyWhile($('pw-submit'), () => api('POST', '/api/me/password', { current, new: fresh, repeat }));
    $('password-dialog').close();
    $('password-form').reset();
    toast('Your password was changed.', 'ok');
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  }
}

// ------------------------------------------------------------------------------------------------ start

/** After log-in or on load with a live session: fills the page for the account and opens the events. */
async function start(account) {
  app.me = account;
  $('login-view').hidden = true;
  $('app').hidden = false;
  $('user-name').textContent = account.name || account.email;
  $('user-meta').textContent = [ROLE_LABELS[account.role] || 'Agent',
    account.staffNo, account.extension ? 'ext. ' + account.extension : null].filter(Boolean).join(' · ');
  $('tab-admin').hidden = account.role !== 'admin';
  $('my-extension').textContent = account.extension || '–';
  const isAgent = Boolean(account.staffNo);
  $('no-agent').hidden = isAgent;
  $('state-display').hidden = !isAgent;
  $('state-buttons').hidden = !isAgent;
  $('rec-agent-label').hidden = account.role !== 'admin';
  document.body.classList.toggle('not-agent', !isAgent);
  // supervisors and administrators supervise; one with no agent has no workbench (no state, no chats of its own)
  $('tab-supervision').hidden = !supAllowed();
  $('tab-workbench').hidden = !isAgent && supAllowed();
  showView(isAgent || !supAllowed() ? 'workbench' : account.role === 'admin' ? 'admin' : 'supervision');
  loadBreakReasons();
  if (isAgent) {
    await attempt(resync, 'Your agent');
  } else {
    setAgentState('offline', null);
  }
  connectEvents();
  refreshControls();
  startPhone();
}

async function loadBreakReasons() {
  try {
    const reasons = await api('GET', '/api/break-reasons');
    if (Array.isArray(reasons) && reasons.length) {
      app.breakReasons = reasons;
    }
  } catch (e) {
    app.breakReasons = DEFAULT_BREAK_REASONS;
  }
  const select = $('break-reason');
  const chosen = select.value;
  select.replaceChildren(...app.breakReasons.map((r) => el('option', { value: r }, r)));
  if (app.breakReasons.includes(chosen)) {
    select.value = chosen;
  }
}

/** The agent as the server has it now: state, call in progress (after a reload or a lost connection). */
async function resync() {
  if (!app.me || !app.me.staffNo) {
    return;
  }
  const agent = await api('GET', '/api/agents/' + encodeURIComponent(app.me.staffNo));
  applyAgent(agent);
  await followCall(agent);
}

/** The id of the first call the agent is on (GET /api/calls lists an agent's own), or null. */
async function ownCallId() {
  const calls = await api('GET', '/api/calls');
  return calls.length > 0 ? calls[0].id : null;
}

/**
 * Shows the call the agent is on, and clears one it is no longer on: a queue call arrives with a 'connected'
 * event, but the agent's own calls (click-to-dial, a colleague) and a reload only show in its state.
 */
async function followCall(agent) {
  if (agent.state === 'on-call') {
    // The ACD knows the id of a call it routed; for the agent's own calls, the agent's calls list has it.
    const id = agent.call !== null && agent.call !== undefined ? agent.call : await ownCallId();
    if (id !== null && (!app.call || app.call.id !== id)) {
      await loadCall(id);
    }
  } else if (agent.state !== 'ringing' && app.call) {
    activity('Call with ' + partyOf(app.call) + ' ended');
    clearCall();
  }
}

function applyAgent(agent) {
  setAgentState(agent.state, agent.reason,
    agent.state === 'wrap-up' ? agent.wrapUpRemainingSeconds : undefined);
  $('calls-today').textContent = agent.callsToday ?? 0;
  chatCapacity(agent);
  $('my-groups').textContent = (agent.groups || []).join(', ') || '–';
  if (agent.extension) {
    $('my-extension').textContent = agent.extension;
  }
}

function resetWorkbench() {
  stopPhone();
  hideOffer();
  clearCall();
  chatReset();
  ichatReset();
  supReset();
  app.agentState = 'offline';
  app.recordsLoaded = false;
  $('activity').replaceChildren();
  $('toasts').replaceChildren();
}

// ------------------------------------------------------------------------------------------------ state

function setAgentState(name, reason, wrapUpSeconds) {
  reason = reason || null;
  if (name !== app.agentState || reason !== app.reason) {
    // the timer survives a reload: the page keeps when it saw this state begin
    const key = app.me && app.me.staffNo ? 'sb-since-' + app.me.staffNo : null;
    const kept = key ? JSON.parse(sessionStorage.getItem(key) || 'null') : null;
    app.since = kept && kept.state === name && kept.reason === reason ? kept.since : Date.now();
    if (key) {
      sessionStorage.setItem(key, JSON.stringify({ state: name, reason, since: app.since }));
    }
  }
  app.agentState = name;
  app.reason = reason;
  if (name === 'wrap-up' && wrapUpSeconds !== undefined && wrapUpSeconds !== null) {
    app.wrapUpEnds = Date.now() + Number(wrapUpSeconds) * 1000;
  }
  if (name !== 'ringing') {
    hideOffer();
  }
  const display = $('state-display');
  display.className = 'state-display st-' + name;
  $('state-name').textContent = STATE_LABELS[name] || name;
  $('state-reason').textContent = reason ? '· ' + reason : '';
  if (name === 'break' && reason && app.breakReasons.includes(reason)) {
    $('break-reason').value = reason;
  }
  document.body.dataset.state = name;
  refreshControls();
  tick();
}

async function chooseState(name) {
  if (!app.me || !app.me.staffNo) {
    return;
  }
  const body = { state: name };
  if (name === 'break') {
    body.reason = $('break-reason').value || app.breakReasons[0];
  }
  const button = $('state-' + name);
  await attempt(() => busyWhile(button, async () => {
    const agent = await api('POST', '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/state', body);
    applyAgent(agent);
    activity('You are ' + (STATE_LABELS[agent.state] || agent.state).toLowerCase()
      + (agent.reason ? ' (' + agent.reason + ')' : ''));
  }), 'State not changed');
}

async function wrapUp(action) {
  const path = '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/wrap-up/' + action;
  const button = $(action === 'end' ? 'wrapup-end' : 'wrapup-extend');
  await attempt(() => busyWhile(button, async () => {
    const agent = await api('POST', path, action === 'extend' ? { seconds: 30 } : {});
    applyAgent(agent);
  }), action === 'end' ? 'Wrap-up not ended' : 'Wrap-up not extended');
}

/** Enables what the agent's state and call allow. */
function refreshControls() {
  const s = app.agentState;
  const agent = Boolean(app.me && app.me.staffNo);
  for (const name of ['idle', 'busy', 'break', 'offline']) {
    const button = $('state-' + name);
    const current = s === name;
    button.classList.toggle('current', current);
    button.setAttribute('aria-pressed', String(current));
    button.disabled = !agent || s === 'ringing' || s === 'on-call' || (current && name !== 'break');
  }
  for (const name of ['ringing', 'on-call', 'wrap-up']) {
    $('sys-' + name).classList.toggle('current', s === name);
  }
  $('wrapup-box').hidden = s !== 'wrap-up';
  const inCall = Boolean(app.call);
  for (const id of ['call-hold', 'call-mute', 'call-transfer', 'call-selfservice', 'call-hangup']) {
    $(id).disabled = !inCall;
  }
  const canDial = agent && !['ringing', 'on-call', 'offline'].includes(s);
  $('dial-submit').disabled = !canDial;
  $('internal-submit').disabled = !canDial;
  $('dial-number').disabled = !canDial;
  $('internal-to').disabled = !canDial;
}

// ------------------------------------------------------------------------------------------------ timers

function tick() {
  const now = Date.now();
  $('state-timer').textContent = clock(now - app.since);
  if (app.agentState === 'wrap-up') {
    $('wrapup-seconds').textContent = Math.max(0, Math.ceil((app.wrapUpEnds - now) / 1000));
  }
  if (app.offer) {
    const left = Math.max(0, app.offer.deadline - now);
    $('offer-seconds').textContent = Math.ceil(left / 1000);
    $('offer-progress').style.width = (100 * left / app.offer.total) + '%';
    $('offer-bar').classList.toggle('urgent', left < 5000);
  }
  if (app.call) {
    $('call-timer').textContent = clock(now - app.callSince);
  }
  // the tab's title says it too, for an agent looking at another window
  const title = !app.me ? 'Switchboard · Agent workbench'
    : app.offer ? '☎ ' + (app.offer.caller || 'Incoming call') + ' · incoming call'
      : (STATE_LABELS[app.agentState] || app.agentState) + ' ' + clock(now - app.since) + ' · Switchboard';
  if (document.title !== title) {
    document.title = title;
  }
}

// ------------------------------------------------------------------------------------------------ events

function connectEvents() {
  clearTimeout(app.reconnectTimer);
  if (!app.me) {
    return;
  }
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  let socket;
  try {
    socket = new WebSocket(scheme + location.host + '/api/events');
  } catch (e) {
    scheduleReconnect();
    return;
  }
  app.socket = socket;
  setConnection('connecting');
  socket.addEventListener('open', () => {
    if (app.socket !== socket) {
      return;
    }
    const wasDown = app.backoff > 1000;
    app.backoff = 1000;
    setConnection('live');
    if (wasDown) {
      attempt(resync, 'Refreshing');
    }
  });
  socket.addEventListener('message', (message) => {
    if (app.socket !== socket) {
      return;
    }
    let event;
    try {
      event = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    onEvent(event);
  });
  socket.addEventListener('close', () => {
    if (app.socket !== socket) {
      return;
    }
    app.socket = null;
    if (app.me) {
      setConnection('down');
      scheduleReconnect();
    }
  });
}

/** Reconnects after a growing pause (1 s, 2 s, 4 s … 30 s); a session that has ended goes back to the log-in. */
function scheduleReconnect() {
  clearTimeout(app.reconnectTimer);
  const delay = app.backoff;
  app.backoff = Math.min(app.backoff * 2, 30000);
  app.reconnectTimer = setTimeout(async () => {
    if (!app.me) {
      return;
    }
    try {
      await api('GET', '/api/me');
    } catch (e) {
      if (e.status === 401 || !app.me) {
        return;
      }
    }
    connectEvents();
  }, delay);
}

function stopEvents() {
  clearTimeout(app.reconnectTimer);
  const socket = app.socket;
  app.socket = null;
  app.backoff = 1000;
  if (socket) {
    socket.close();
  }
  setConnection('down');
}

function setConnection(status) {
  const conn = $('conn');
  conn.className = 'conn conn-' + status;
  conn.textContent = status === 'live' ? '● Live'
    : status === 'connecting' ? '● Connecting…' : '● Reconnecting…';
}

function onEvent(event) {
  supOnEvent(event);
  if (chatOnEvent(event)) {
    return;
  }
  if (ichatOnEvent(event)) {
    return;
  }
  if (event.type === 'hello') {
    return;
  }
  const mine = app.me && app.me.staffNo && event.agent === app.me.staffNo;
  if (!mine) {
    if (app.view === 'admin' && app.adminPage === 'agents' && event.type === 'state') {
      loadAdminPage('agents');
    }
    return;
  }
  switch (event.type) {
    case 'state':
      setAgentState(event.state, event.reason, event.wrapUpSeconds);
      if (event.state !== 'ringing') {
        attempt(async () => {
          const agent = await api('GET', '/api/agents/' + encodeURIComponent(app.me.staffNo));
          applyAgent(agent);
          await followCall(agent);
        });
      }
      break;
    case 'offer':
      showOffer(event);
      activity('Call offered from ' + (event.caller || 'unknown') + ' to ' + (event.number || '?'));
      break;
    case 'withdrawn':
      if (app.offer && app.offer.call === event.call) {
        hideOffer();
        activity('Call from ' + (event.caller || 'unknown') + ' went elsewhere');
      }
      break;
    case 'connected':
      hideOffer();
      activity('Connected with ' + (event.caller || 'unknown'));
      attempt(() => loadCall(event.call), 'Call');
      break;
    case 'ended':
      if (app.offer && app.offer.call === event.call) {
        hideOffer();
      }
      if (app.call && app.call.id === event.call) {
        activity('Call with ' + partyOf(app.call) + ' ended');
        clearCall();
      }
      break;
    default:
      break;
  }
}

// ------------------------------------------------------------------------------------------------ the offer

function showOffer(event) {
  const total = Math.max(1, Number(event.ringSeconds) || 20) * 1000;
  app.offer = { call: event.call, caller: event.caller, number: event.number, deadline: Date.now() + total, total };
  $('offer-caller').textContent = event.caller || 'Unknown caller';
  $('offer-number').textContent = event.number || '–';
  const keys = Array.isArray(event.keys) ? event.keys : [];
  $('offer-keys').textContent = keys.join(' › ');
  $('offer-keys-wrap').hidden = keys.length === 0;
  const pops = (event.screenPops || []).filter((p) => p && p.url);
  $('offer-pops').replaceChildren(...pops.map((p) => el('a', {
    class: 'pop-link', href: p.url, target: '_blank', rel: 'noopener noreferrer',
  }, '↗ ' + (p.name || p.url))));
  $('offer-answer').hidden = app.answerMissing;
  $('offer-hint').hidden = !app.answerMissing;
  $('offer-bar').hidden = false;
  document.body.classList.add('offering');
  tick();
  if (!app.answerMissing) {
    $('offer-answer').focus();
  }
}

function hideOffer() {
  app.offer = null;
  $('offer-bar').hidden = true;
  $('offer-bar').classList.remove('urgent');
  document.body.classList.remove('offering');
}

async function answer() {
  if (answerInBrowser() || !app.offer || app.offer.call == null) {
    return;
  }
  const id = app.offer.call;
  try {
    await busyWhile($('offer-answer'), () =>
      api('POST', '/api/calls/' + id + '/answer', { agent: app.me.staffNo }));
    activity('Answered');
  } catch (e) {
    if (e.status === 404 && e.code !== 'unknown_call') {
      app.answerMissing = true;
      $('offer-answer').hidden = true;
      $('offer-hint').hidden = false;
    } else if (e.code === 'unknown_call' || e.status === 409) {
      toast('Not answered: ' + (e.code === 'unknown_call' ? 'the caller is no longer there.' : e.message), 'info');
      hideOffer();
    } else {
      toast('Not answered: ' + e.message, 'error');
    }
  }
}

// ------------------------------------------------------------------------------------------------ the call

async function loadCall(id) {
  const call = await api('GET', '/api/calls/' + id);
  if (!app.call || app.call.id !== call.id) {
    app.callSince = Date.now();
    $('dtmf-sent').textContent = '';
  }
  showCall(call);
  clearInterval(app.callPoll);
  app.callPoll = setInterval(refreshCall, 3000);
}

async function refreshCall() {
  if (!app.call) {
    clearInterval(app.callPoll);
    return;
  }
  const id = app.call.id;
  try {
    showCall(await api('GET', '/api/calls/' + id));
  } catch (e) {
    // gone, or no longer this agent's (transferred away)
    if ((e.status === 404 || e.status === 403) && app.call && app.call.id === id) {
      clearCall();
    }
  }
}

/** The customer's leg: the one whose party is not this agent's extension. */
function customerLeg(call) {
  const mine = app.me && app.me.extension;
  if (call.caller && mine && call.caller.party === mine) {
    return 'callee';
  }
  return 'caller';
}

function partyOf(call) {
  const leg = call[customerLeg(call)];
  return (leg && leg.party) || (customerLeg(call) === 'caller' ? call.from : call.to) || 'unknown';
}

function showCall(call) {
  app.call = call;
  const leg = call[customerLeg(call)] || {};
  $('call-empty').hidden = true;
  $('call-active').hidden = false;
  $('call-party').textContent = partyOf(call);
  const keys = (call.digits || []).filter((d) => String(d).startsWith('caller:')).map((d) => d.slice(7));
  $('call-meta').textContent = [
    call.type ? call.type.charAt(0).toUpperCase() + call.type.slice(1) : null,
    call.to ? 'dialled ' + call.to : null,
    keys.length ? 'keys ' + keys.join(' › ') : null,
    call.transfers && call.transfers.length ? 'transfers: ' + call.transfers.join(', ') : null,
  ].filter(Boolean).join(' · ');
  const held = Boolean(leg.held);
  const muted = Boolean(leg.muted);
  setToggle($('call-hold'), held, 'Unhold', 'Hold');
  setToggle($('call-mute'), muted, 'Unmute', 'Mute');
  const status = $('call-status');
  status.textContent = held ? 'On hold' : muted ? 'Muted' : call.state === 'answered' ? 'Talking'
    : (call.state || '').replace(/-/g, ' ');
  status.className = 'badge ' + (held ? 'badge-hold' : muted ? 'badge-mute' : 'badge-talk');
  $('call-legs').textContent = 'Customer: ' + customerLeg(call) + ' leg · call ' + call.id;
  refreshControls();
  tick();
}

function setToggle(button, on, onLabel, offLabel) {
  button.setAttribute('aria-pressed', String(on));
  button.classList.toggle('on', on);
  button.querySelector('.label').textContent = on ? onLabel : offLabel;
}

function clearCall() {
  app.call = null;
  clearInterval(app.callPoll);
  $('call-active').hidden = true;
  $('call-empty').hidden = false;
  for (const id of ['transfer-dialog', 'selfservice-dialog']) {
    if ($(id).open) {
      $(id).close();
    }
  }
  refreshControls();
}

async function callCommand(command, body, button, what) {
  if (!app.call) {
    return undefined;
  }
  const id = app.call.id;
  return attempt(() => busyWhile(button, async () => {
    const answerBody = await api('POST', '/api/calls/' + id + '/' + command, body);
    if (answerBody && answerBody.id === id && app.call && app.call.id === id) {
      showCall(answerBody);
    }
    return answerBody || {};
  }), what);
}

function toggleHold() {
  if (app.call) {
    const leg = customerLeg(app.call);
    const held = Boolean((app.call[leg] || {}).held);
    callCommand(held ? 'unhold' : 'hold', { leg }, $('call-hold'), held ? 'Not resumed' : 'Not held');
  }
}

function toggleMute() {
  if (app.call) {
    const leg = customerLeg(app.call);
    const muted = Boolean((app.call[leg] || {}).muted);
    callCommand(muted ? 'unmute' : 'mute', { leg }, $('call-mute'), muted ? 'Not unmuted' : 'Not muted');
  }
}

async function sendDigit(digit) {
  if (!app.call) {
    return;
  }
  const done = await callCommand('dtmf', { leg: customerLeg(app.call), digits: digit }, null, 'Tone not sent');
  if (done) {
    $('dtmf-sent').textContent += digit;
  }
}

async function hangUp() {
  if (!app.call) {
    return;
  }
  const id = app.call.id;
  const done = await callCommand('hangup', {}, $('call-hangup'), 'Not hung up');
  if (done && app.call && app.call.id === id) {
    activity('You hung up');
    clearCall();
  }
}

async function openTransfer() {
  if (!app.call) {
    return;
  }
  const dialog = $('transfer-dialog');
  $('transfer-groups').replaceChildren(el('li', { class: 'muted' }, 'Loading…'));
  $('transfer-agents').replaceChildren(el('li', { class: 'muted' }, 'Loading…'));
  dialog.showModal();
  const [groups, agents] = await Promise.all([
    api('GET', '/api/groups').catch((e) => e),
    api('GET', '/api/agents').catch((e) => e),
  ]);
  $('transfer-groups').replaceChildren(...(groups instanceof Error
    ? [el('li', { class: 'form-error' }, groups.message)]
    : groups.map((g) => el('li', {}, el('button', {
      class: 'pick', type: 'button', dataset: { group: g.name },
      onclick: (e) => transfer({ group: g.name }, 'group ' + g.name, e.currentTarget),
    }, el('span', { class: 'pick-name' }, g.name),
    el('span', { class: 'pick-sub ' + (g.idleAgents > 0 ? 'good' : 'warn') },
      g.idleAgents + ' idle · ' + g.queueLength + ' waiting'))))));
  $('transfer-agents').replaceChildren(...(agents instanceof Error
    ? [el('li', { class: 'form-error' }, agents.message)]
    : agents.filter((a) => !app.me || a.staffNo !== app.me.staffNo).map((a) => el('li', {}, el('button', {
      class: 'pick', type: 'button', dataset: { agent: a.staffNo }, disabled: a.state !== 'idle',
      title: a.state === 'idle' ? 'Transfer to ' + (a.name || a.staffNo) : 'Only an idle agent can take the call',
      onclick: (e) => transfer({ agent: a.staffNo }, 'agent ' + (a.name || a.staffNo), e.currentTarget),
    }, el('span', { class: 'pick-name' }, (a.name || a.staffNo) + ' (' + a.staffNo + ')'),
    el('span', { class: 'chip st-' + a.state }, STATE_LABELS[a.state] || a.state))))));
}

async function transfer(target, label, button) {
  const id = app.call && app.call.id;
  const done = await callCommand('transfer', target, button, 'Not transferred');
  if (done) {
    $('transfer-dialog').close();
    toast('Call transferred to ' + label + '.', 'ok');
    activity('Transferred the call to ' + label);
    if (app.call && app.call.id === id) {
      clearCall();
    }
  }
}

async function openSelfService() {
  if (!app.call) {
    return;
  }
  const list = $('selfservice-flows');
  list.replaceChildren(el('li', { class: 'muted' }, 'Loading…'));
  $('selfservice-dialog').showModal();
  try {
    const flows = (await api('GET', '/api/self-service/flows'))
      .filter((f) => f.state === 'published' || f.state === 'in-use');
    list.replaceChildren(...(flows.length ? flows.map((f) => el('li', {}, el('button', {
      class: 'pick', type: 'button', dataset: { flow: f.name },
      onclick: (e) => selfService(f.name, e.currentTarget),
    }, el('span', { class: 'pick-name' }, f.name),
    el('span', { class: 'pick-sub' }, (f.numbers || []).join(', ') || f.state))))
      : [el('li', { class: 'muted' }, 'No published flow.')]));
  } catch (e) {
    list.replaceChildren(el('li', { class: 'form-error' }, e.message));
  }
}

async function selfService(flow, button) {
  const done = await callCommand('self-service', { flow }, button, 'Not sent to self-service');
  if (done) {
    $('selfservice-dialog').close();
    toast('The caller went to ' + flow + '.', 'ok');
    activity('Sent the caller to self-service ' + flow);
  }
}

// ------------------------------------------------------------------------------------------------ own calls

/** The agent's own call was placed: a browser phone connects by itself, a desk phone rings first. */
function ownCallStarted(whom) {
  const choice = phoneChoice();
  if (choice && choice.kind === 'browser') {
    activity('Calling ' + whom + ' from this browser');
  } else {
    activity('Calling ' + whom + ': pick up your phone');
    toast('Your phone rings: pick it up to call ' + whom + '.', 'info');
  }
}

async function dial(event) {
  event.preventDefault();
  const number = $('dial-number').value.trim();
  if (!number) {
    return;
  }
  const done = await attempt(() => busyWhile($('dial-submit'), () =>
    api('POST', '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/dial', { number })), 'Not dialled');
  if (done) {
    ownCallStarted(number);
    $('dial-number').value = '';
  }
}

async function callColleague(event) {
  event.preventDefault();
  const to = $('internal-to').value.trim();
  if (!to) {
    return;
  }
  const done = await attempt(() => busyWhile($('internal-submit'), () =>
    api('POST', '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/call', { to })), 'Not called');
  if (done) {
    ownCallStarted(to);
    $('internal-to').value = '';
  }
}

async function loadColleagues() {
  try {
    const agents = await api('GET', '/api/agents');
    $('colleague-list').replaceChildren(...agents.filter((a) => !app.me || a.staffNo !== app.me.staffNo)
      .map((a) => el('option', { value: a.staffNo }, (a.name || '') + ' · ' + (STATE_LABELS[a.state] || a.state))));
  } catch (e) {
    // the list is only a convenience
  }
}

// ------------------------------------------------------------------------------------------------ views

function showView(name) {
  if (name === 'admin' && (!app.me || app.me.role !== 'admin')) {
    name = 'workbench';
  }
  if (name === 'supervision' && !supAllowed()) {
    name = 'workbench';
  }
  if (name === 'workbench' && $('tab-workbench').hidden) {
    name = 'supervision';
  }
  app.view = name;
  if (name === 'supervision') {
    supOpen();
  } else {
    supClose();
  }
  for (const view of ['workbench', 'supervision', 'records', 'admin']) {
    $('view-' + view).hidden = view !== name;
    $('tab-' + view).setAttribute('aria-selected', String(view === name));
    $('tab-' + view).classList.toggle('active', view === name);
  }
  if (name === 'records') {
    openRecords();
  } else if (name === 'admin') {
    showAdminPage(app.adminPage);
  } else if (name === 'workbench') {
    loadColleagues();
  }
}

// ------------------------------------------------------------------------------------------------ records

async function openRecords() {
  if (!app.recordsLoaded) {
    app.recordsLoaded = true;
    const [groups, agents] = await Promise.all([
      api('GET', '/api/groups').catch(() => []),
      app.me && app.me.role === 'admin' ? api('GET', '/api/agents').catch(() => []) : Promise.resolve([]),
    ]);
    $('rec-group').replaceChildren(el('option', { value: '' }, 'All groups'),
      ...groups.map((g) => el('option', { value: g.name }, g.name)));
    $('rec-agent').replaceChildren(el('option', { value: '' }, 'All agents'),
      ...agents.map((a) => el('option', { value: a.staffNo }, (a.name || a.staffNo) + ' (' + a.staffNo + ')')));
  }
  await loadRecords();
}

function recordsQuery(paged) {
  const query = new URLSearchParams();
  const from = $('rec-from').value;
  const to = $('rec-to').value;
  if (from) {
    query.set('from', new Date(from).toISOString());
  }
  if (to) {
    query.set('to', new Date(to).toISOString());
  }
  for (const [field, id] of [['group', 'rec-group'], ['agent', 'rec-agent'], ['type', 'rec-type']]) {
    if ($(id).value) {
      query.set(field, $(id).value);
    }
  }
  if (app.me && app.me.role !== 'admin' && app.me.staffNo) {
    query.set('agent', app.me.staffNo);
  }
  if (paged) {
    query.set('offset', String(app.recordsOffset));
    query.set('limit', String(RECORDS_PAGE));
  }
  return query.toString();
}

async function loadRecords() {
  const status = $('records-status');
  const query = recordsQuery(true);
  $('rec-csv').href = '/api/records.csv' + (recordsQuery(false) ? '?' + recordsQuery(false) : '');
  status.textContent = 'Loading…';
  let page;
  try {
    page = await api('GET', '/api/records?' + query);
  } catch (e) {
    status.textContent = e.status === 404 && e.code !== 'unknown_agent'
      ? 'Service records are not available on this server yet.' : e.message;
    $('records-body').replaceChildren();
    updatePager(0, 0);
    if (e.status !== 404) {
      toast('Records: ' + e.message, 'error');
    }
    return;
  }
  const records = Array.isArray(page) ? page : page.records || [];
  const total = Array.isArray(page) ? records.length : page.total ?? records.length;
  status.textContent = total === 0 ? 'No service record matches.' : '';
  $('records-body').replaceChildren(...records.map(recordRow));
  updatePager(records.length, total);
}

function recordRow(r) {
  const answered = r.answered === true || r.answered === 'yes';
  const chat = r.type === 'chat' && r.chat ? r.chat : null;
  return el('tr', { dataset: { record: String(r.recordId ?? r.id ?? r.call ?? '') } },
    el('td', { class: 'nowrap' }, when(r.startedAt ?? r.start ?? r.started)),
    el('td', {}, el('span', { class: 'chip type-' + (r.type || 'none') }, r.type || '–')),
    el('td', { class: 'num' }, text(r.caller)),
    el('td', { class: 'num' }, text(r.callee)),
    el('td', { class: 'num' }, text(r.number)),
    el('td', {}, text(Array.isArray(r.flowKeys) ? r.flowKeys.join(' › ') : r.flowKeys)),
    el('td', {}, text(r.group)),
    el('td', {}, text(r.agent)),
    el('td', {}, el('span', { class: 'chip ' + (answered ? 'good' : 'warn') }, answered ? 'Yes' : 'No')),
    el('td', { class: 'num' }, seconds(r.ringSeconds)),
    el('td', { class: 'num' }, seconds(r.talkSeconds)),
    el('td', { class: 'num' }, seconds(r.holdSeconds)),
    el('td', { class: 'num' }, seconds(r.wrapUpSeconds)),
    el('td', {}, text(chat ? chat.outcome : r.ending).replace(/-/g, ' ')),
    el('td', {}, text(r.transfers)),
    el('td', {}, chat ? el('button', { class: 'btn small', type: 'button', title: 'The chat\'s messages',
      onclick: () => openRecordTranscript(r.recordId) }, 'Transcript (' + chat.messages + ')') : '–'),
    el('td', { class: 'satisfaction' }, satisfactionText(r.satisfaction)));
}

/** The survey's answer in a record: "2/5 满意 Satisfied · solved · "comment"", or – when none. */
function satisfactionText(s) {
  if (!s) {
    return '–';
  }
  return [s.level + '/' + s.levels + ' ' + s.label, s.solved === true ? 'solved' : s.solved === false
    ? 'not solved' : null, s.comment ? '"' + s.comment + '"' : null].filter(Boolean).join(' · ');
}

/** One chat's record with its transcript (GET /api/records/chat-N), in a dialog listing the messages. */
async function openRecordTranscript(recordId) {
  let record;
  try {
    record = await api('GET', '/api/records/' + encodeURIComponent(recordId));
  } catch (e) {
    toast('Transcript: ' + e.message, 'error');
    return;
  }
  const chat = record.chat || {};
  $('record-transcript-title').textContent = 'Chat ' + recordId;
  $('record-transcript-meta').textContent = [chat.channel, chat.visitorName || chat.visitorId, chat.page,
    record.agent ? 'agent ' + record.agent : null, text(chat.outcome).replace(/-/g, ' '),
    'waited ' + seconds(chat.waitingSeconds), 'first response ' + seconds(chat.firstResponseSeconds),
    'duration ' + seconds(chat.durationSeconds), record.satisfaction ? 'satisfaction '
      + satisfactionText(record.satisfaction) : null].filter(Boolean).join(' · ');
  $('record-transcript-lines').replaceChildren(...(chat.transcript || []).map((m) =>
    el('li', { class: 'from-' + m.from, dataset: { message: String(m.id) } },
      el('span', { class: 'muted small' }, when(m.at) + ' · ' + (m.from === 'agent' && m.staffNo
        ? 'agent ' + m.staffNo : m.from)),
      el('div', {}, m.text))));
  // chat-visitors.js: "Chat again" invites this visitor again (its page must be open)
  $('record-chat-again').dataset.record = recordId;
  $('record-transcript-dialog').showModal();
}

function updatePager(count, total) {
  const first = count ? app.recordsOffset + 1 : 0;
  $('rec-page').textContent = count ? first + '–' + (app.recordsOffset + count) + ' of ' + total : '';
  $('rec-prev').disabled = app.recordsOffset === 0;
  $('rec-next').disabled = app.recordsOffset + count >= total;
}

// ------------------------------------------------------------------------------------------------ administration

function showAdminPage(page) {
  app.adminPage = page;
  for (const button of document.querySelectorAll('.admin-tab')) {
    button.classList.toggle('active', button.dataset.admin === page);
  }
  for (const section of document.querySelectorAll('.admin-page')) {
    section.hidden = section.id !== 'admin-' + page;
  }
  loadAdminPage(page);
}

/** A table of rows: columns are [label, value of a row (text or a node)]. */
function fillTable(table, columns, rows, empty, failed) {
  const head = el('thead', {}, el('tr', {}, columns.map(([label]) => el('th', {}, label))));
  const body = el('tbody', {}, rows.length ? rows.map((row) => el('tr', {}, columns.map(([, value]) => {
    const cell = value(row);
    return el('td', {}, cell instanceof Node ? cell : text(cell));
  }))) : el('tr', {}, el('td', { colspan: columns.length, class: failed ? 'form-error' : 'muted' },
    empty || 'Nothing here.')));
  table.replaceChildren(head, body);
}

const ADMIN_PAGES = {
  groups: ['/api/groups', [['Name', (g) => g.name], ['Policy', (g) => g.policy], ['Members', (g) => g.members],
    ['Idle agents', (g) => g.idleAgents], ['Waiting', (g) => g.queueLength]]],
  agents: ['/api/agents', [['Staff no.', (a) => a.staffNo], ['Name', (a) => a.name],
    ['Extension', (a) => a.extension],
    ['State', (a) => el('span', { class: 'chip st-' + a.state }, (STATE_LABELS[a.state] || a.state)
      + (a.reason ? ' · ' + a.reason : ''))],
    ['Groups', (a) => a.groups], ['Calls today', (a) => a.callsToday],
    ['Auto answer', (a) => a.autoAnswer ? 'yes' : 'no']]],
  trunks: ['/api/trunks', [['Name', (t) => t.name], ['Host', (t) => t.host + (t.port ? ':' + t.port : '')],
    ['Transport', (t) => t.transport], ['Numbers', (t) => t.numbers], ['Caller ID', (t) => t.callerId],
    ['Calls', (t) => (t.activeCalls ?? 0) + (t.maxCalls ? ' / ' + t.maxCalls : '')],
    ['Registration', (t) => t.registration ? t.registration.state : '–']]],
  flows: ['/api/flows', [['Name', (f) => f.name], ['State', (f) => f.state], ['Numbers', (f) => f.numbers]]],
  numbers: ['/api/numbers', [['Number', (n) => n.number], ['Direction', (n) => n.direction], ['Flow', (n) => n.flow]]],
};

async function loadAdminPage(page) {
  if (page === 'accounts') {
    return loadAccounts();
  }
  if (page === 'settings' || page === 'pops' || page === 'replies') {
    return attempt({ settings: loadSettings, pops: loadScreenPops, replies: loadQuickReplies }[page]);
  }
  if (page === 'groups') {
    return loadGroups();
  }
  if (page === 'agents') {
    return loadAgents();
  }
  if (page === 'trunks') {
    return loadTrunks();
  }
  const [path, columns, load] = ADMIN_PAGES[page];
  if (load) {
    return load(); // a page of another script (chat-admin.js) that loads itself
  }
  const table = $(page + '-table');
  try {
    const rows = await api('GET', path);
    fillTable(table, columns, Array.isArray(rows) ? rows : []);
  } catch (e) {
    fillTable(table, [['', () => '']], [], e.message, true);
  }
  return undefined;
}

async function loadAccounts() {
  const table = $('accounts-table');
  let accounts;
  try {
    accounts = await api('GET', '/api/accounts');
  } catch (e) {
    fillTable(table, [['', () => '']], [], e.status === 404 ? 'Accounts are not available on this server yet.'
      : e.message, true);
    return;
  }
  const list = Array.isArray(accounts) ? accounts : accounts.accounts || [];
  fillTable(table, [
    ['E-mail', (a) => a.email], ['Name', (a) => a.name], ['Role', (a) => a.role],
    ['Extension', (a) => a.extension], ['Staff no.', (a) => a.staffNo],
    ['', (a) => el('div', { class: 'row' },
      el('button', { class: 'btn small', type: 'button', onclick: (e) => resetPassword(a, e.currentTarget) },
        'Reset password'),
      el('button', {
        class: 'btn small danger', type: 'button', disabled: app.me && a.email === app.me.email,
        onclick: (e) => deleteAccount(a, e.currentTarget),
      }, 'Delete'))],
  ], list, 'No accounts.');
}

function firstPasswordOf(answer) {
  return answer && (answer.password || answer.firstPassword || answer.initialPassword || answer.temporaryPassword);
}

function showSecret(title, message, secret) {
  $('secret-title').textContent = title;
  $('secret-text').textContent = message;
  $('secret-value').textContent = secret || '(the server did not return it)';
  $('secret-dialog').showModal();
}

async function createAccount(event) {
  event.preventDefault();
  const body = {
    email: $('acc-email').value.trim(), name: $('acc-name').value.trim(), role: $('acc-role').value,
  };
  const extension = $('acc-extension').value.trim();
  if (extension) {
    body.extension = extension;
  }
  const answer = await attempt(() => busyWhile($('acc-create'), () => api('POST', '/api/accounts', body)),
    'Account not created');
  if (answer) {
    $('account-form').reset();
    showSecret('Account created', 'The first password of ' + body.email + ':', firstPasswordOf(answer));
    loadAccounts();
  }
}

async function resetPassword(account, button) {
  if (!await confirmAction('Give ' + account.email + ' a new password? The old one stops working.')) {
    return;
  }
  const answer = await attempt(() => busyWhile(button, () =>
    api('POST', '/api/accounts/' + encodeURIComponent(account.email) + '/reset-password', {})),
  'Password not reset');
  if (answer) {
    showSecret('Password reset', 'The new password of ' + account.email + ':', firstPasswordOf(answer));
  }
}

async function deleteAccount(account, button) {
  if (!await confirmAction('Delete the account ' + account.email + '? It can no longer log in; its records stay.')) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/accounts/' + encodeURIComponent(account.email))), 'Account not deleted');
  if (done !== undefined) {
    toast('Account ' + account.email + ' deleted.', 'ok');
    loadAccounts();
  }
}

// agents, skill groups, trunks and the dial plan

function adminTableError(table, e) {
  fillTable(table, [['', () => '']], [], e.message, true);
}

function actions(...buttons) {
  return el('div', { class: 'row' }, buttons);
}

function smallButton(label, onclick, danger) {
  return el('button', { class: 'btn small' + (danger ? ' danger' : ''), type: 'button',
    onclick: (e) => onclick(e.currentTarget) }, label);
}

function listOf(value) {
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

async function loadAgents() {
  const table = $('agents-table');
  let rows;
  try {
    rows = await api('GET', '/api/agents');
  } catch (e) {
    adminTableError(table, e);
    return;
  }
  const [, columns] = ADMIN_PAGES.agents;
  fillTable(table, [...columns, ['', (a) => actions(
    smallButton('Edit', () => editAgent(a)),
    smallButton('Delete', (button) => deleteAgent(a, button), true))]], Array.isArray(rows) ? rows : [],
  'No agents.');
}

function resetAgentForm() {
  app.editingAgent = null;
  $('agent-form').reset();
  $('agt-nickname').placeholder = '';
  $('agt-mobile').placeholder = '';
  for (const id of ['agt-staff', 'agt-email', 'agt-extension', 'agt-role']) {
    $(id).disabled = false;
  }
  $('agt-save').textContent = 'Create agent';
  $('agt-cancel').hidden = true;
}

async function editAgent(row) {
  const agent = await attempt(() => api('GET', '/api/agents/' + encodeURIComponent(row.staffNo)), 'Agent not read');
  if (!agent) {
    return;
  }
  const record = agent.agent || agent;
  app.editingAgent = row.staffNo;
  $('agt-staff').value = row.staffNo;
  $('agt-name').value = record.name || '';
  $('agt-email').value = record.email || '';
  $('agt-nickname').value = record.nickname || '';
  $('agt-nickname').placeholder = 'unchanged if empty';
  $('agt-mobile').placeholder = 'unchanged if empty';
  $('agt-extension').value = record.extension || row.extension || '';
  $('agt-mobile').value = record.mobile || '';
  $('agt-role').value = record.role || 'agent';
  $('agt-groups').value = (record.groups || row.groups || []).join(', ');
  for (const id of ['agt-staff', 'agt-email', 'agt-extension', 'agt-role']) {
    $(id).disabled = true;
  }
  $('agt-save').textContent = 'Save agent';
  $('agt-cancel').hidden = false;
}

async function saveAgent(event) {
  event.preventDefault();
  const common = {
    name: $('agt-name').value.trim(), nickname: $('agt-nickname').value.trim(),
    mobile: $('agt-mobile').value.trim(), groups: listOf($('agt-groups').value),
  };
  if (app.editingAgent) {
    const staffNo = app.editingAgent;
    // The API does not show the nickname or the mobile: left empty, they stay as they are.
    for (const key of ['nickname', 'mobile']) {
      if (!common[key]) {
        delete common[key];
      }
    }
    const saved = await attempt(() => busyWhile($('agt-save'), () =>
      api('POST', '/api/agents/' + encodeURIComponent(staffNo), common)), 'Agent not saved');
    if (saved) {
      toast('Agent ' + staffNo + ' saved.', 'ok');
      resetAgentForm();
      loadAgents();
    }
    return;
  }
  const body = {
    staffNo: $('agt-staff').value.trim(), email: $('agt-email').value.trim(),
    extension: $('agt-extension').value.trim(), role: $('agt-role').value, ...common,
  };
  for (const key of ['name', 'nickname', 'mobile']) {
    if (!body[key]) {
      delete body[key];
    }
  }
  const answer = await attempt(() => busyWhile($('agt-save'), () => api('POST', '/api/agents', body)),
    'Agent not created');
  if (answer) {
    resetAgentForm();
    showSecret('Agent created', 'The first password of ' + body.staffNo + ' (' + body.email + '):',
      answer.firstPassword || firstPasswordOf(answer));
    loadAgents();
  }
}

async function deleteAgent(agent, button) {
  if (!await confirmAction('Delete the agent ' + agent.staffNo + '? Their account can no longer log in.')) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/agents/' + encodeURIComponent(agent.staffNo))), 'Agent not deleted');
  if (done !== undefined) {
    toast('Agent ' + agent.staffNo + ' deleted.', 'ok');
    loadAgents();
  }
}

/** A CSV file posted as is; its JSON answer, or an ApiError. */
async function postCsv(path, csv) {
  const response = await fetch(path, {
    method: 'POST', credentials: 'same-origin', body: csv,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', Accept: 'application/json' },
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.error) || 'http_' + response.status,
      (data && data.message) || response.statusText || 'request failed');
  }
  return data;
}

async function importAgents(event) {
  event.preventDefault();
  const file = $('imp-file').files[0];
  if (!file) {
    return;
  }
  const csv = await file.text();
  const report = await attempt(() => busyWhile($('imp-send'), () => postCsv('/api/agents/import', csv)),
    'Agents not imported');
  if (!report) {
    return;
  }
  $('import-report-wrap').hidden = false;
  fillTable($('import-report'), [['Row', (r) => r.row], ['Staff no.', (r) => r.staffNo],
    ['Result', (r) => r.ok ? 'created' : el('span', { class: 'form-error' }, r.error || 'not created')],
    ['First password', (r) => r.firstPassword ? el('code', {}, r.firstPassword) : '']],
  report.rows || [], 'The file has no rows.');
  toast(report.created + ' agent(s) created, ' + report.failed + ' refused.', report.failed ? 'error' : 'ok');
  $('import-form').reset();
  loadAgents();
}

async function loadGroups() {
  const table = $('groups-table');
  let groups;
  let agents;
  try {
    [groups, agents] = await Promise.all([api('GET', '/api/groups'), api('GET', '/api/agents').catch(() => [])]);
  } catch (e) {
    adminTableError(table, e);
    return;
  }
  groups = Array.isArray(groups) ? groups : [];
  agents = Array.isArray(agents) ? agents : [];
  const select = $('mem-group');
  const chosen = select.value;
  select.replaceChildren(...groups.map((g) => el('option', { value: g.name }, g.name)));
  if (groups.some((g) => g.name === chosen)) {
    select.value = chosen;
  }
  const members = (group) => {
    const list = agents.filter((a) => (a.groups || []).includes(group.name));
    if (!list.length) {
      return text(group.members);
    }
    return el('div', { class: 'row' }, list.map((a) => el('span', { class: 'chip member' }, a.staffNo + ' ',
      el('button', { class: 'toast-close', type: 'button', title: 'Remove ' + a.staffNo,
        'aria-label': 'Remove ' + a.staffNo + ' from ' + group.name,
        onclick: (e) => removeMember(group, a, e.currentTarget) }, '✕'))));
  };
  fillTable(table, [['Name', (g) => g.name], ['Policy', (g) => g.policy], ['Max queue', (g) => g.maxQueueLength],
    ['Max wait (s)', (g) => g.maxWaitSeconds], ['Fallback', (g) => g.fallback],
    ['Chats / agent', (g) => g.concurrency], ['Accept (s)', (g) => g.chatAcceptTimeoutSeconds || 'off'],
    ['Pool', (g) => (g.chatPool ? 'on' : 'off')],
    ['Members', members],
    ['Idle agents', (g) => g.idleAgents], ['Waiting', (g) => g.queueLength],
    ['', (g) => actions(smallButton('Edit', () => editGroup(g)),
      smallButton('Delete', (button) => deleteGroup(g, button), true))]], groups, 'No skill groups.');
}

function resetGroupForm() {
  app.editingGroup = null;
  $('group-form').reset();
  $('grp-name').disabled = false;
  $('grp-save').textContent = 'Create group';
  $('grp-cancel').hidden = true;
}

function editGroup(group) {
  app.editingGroup = group.name;
  $('grp-name').value = group.name;
  $('grp-name').disabled = true;
  $('grp-policy').value = group.policy || '';
  $('grp-max-queue').value = group.maxQueueLength ?? 0;
  $('grp-max-wait').value = group.maxWaitSeconds ?? 0;
  $('grp-fallback').value = group.fallback || 'hangup';
  $('grp-concurrency').value = group.concurrency ?? 3;
  $('grp-accept').value = group.chatAcceptTimeoutSeconds ?? 30;
  $('grp-pool').checked = Boolean(group.chatPool);
  $('grp-save').textContent = 'Save group';
  $('grp-cancel').hidden = false;
}

async function saveGroup(event) {
  event.preventDefault();
  const body = {
    name: $('grp-name').value.trim(), policy: $('grp-policy').value || null,
    maxQueueLength: Number($('grp-max-queue').value || 0), maxWaitSeconds: Number($('grp-max-wait').value || 0),
    fallback: $('grp-fallback').value.trim() || 'hangup',
    concurrency: Number($('grp-concurrency').value || 3), chatAcceptTimeoutSeconds: Number($('grp-accept').value || 0),
    chatPool: $('grp-pool').checked,
  };
  const editing = app.editingGroup;
  const saved = await attempt(() => busyWhile($('grp-save'), () => editing
    ? api('POST', '/api/groups/' + encodeURIComponent(editing), body)
    : api('POST', '/api/groups', body)), editing ? 'Group not saved' : 'Group not created');
  if (saved) {
    toast('Group ' + body.name + (editing ? ' saved.' : ' created.'), 'ok');
    resetGroupForm();
    loadGroups();
  }
}

async function deleteGroup(group, button) {
  if (!await confirmAction('Delete the skill group ' + group.name + '?')) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/groups/' + encodeURIComponent(group.name))), 'Group not deleted');
  if (done !== undefined) {
    toast('Group ' + group.name + ' deleted.', 'ok');
    loadGroups();
  }
}

async function addMember(event) {
  event.preventDefault();
  const group = $('mem-group').value;
  const agent = $('mem-agent').value.trim();
  if (!group) {
    toast('Create a skill group first.');
    return;
  }
  const done = await attempt(() => busyWhile($('mem-add'), () =>
    api('POST', '/api/groups/' + encodeURIComponent(group) + '/members', { agent })), 'Member not added');
  if (done !== undefined) {
    toast(agent + ' added to ' + group + '.', 'ok');
    $('mem-agent').value = '';
    loadGroups();
  }
}

async function removeMember(group, agent, button) {
  const done = await attempt(() => busyWhile(button, () => api('DELETE', '/api/groups/'
    + encodeURIComponent(group.name) + '/members/' + encodeURIComponent(agent.staffNo))), 'Member not removed');
  if (done !== undefined) {
    toast(agent.staffNo + ' removed from ' + group.name + '.', 'ok');
    loadGroups();
  }
}

const TRUNK_FIELDS = ['host', 'port', 'transport', 'inboundAddresses', 'username', 'realm', 'register',
  'registerExpires', 'numbers', 'callerId', 'callerIdName', 'maxCalls'];

async function loadTrunks() {
  const table = $('trunks-table');
  try {
    const rows = await api('GET', '/api/trunks');
    const [, columns] = ADMIN_PAGES.trunks;
    fillTable(table, [...columns, ['', (t) => actions(smallButton('Edit', () => editTrunk(t)),
      smallButton('Delete', (button) => deleteTrunk(t, button), true))]], Array.isArray(rows) ? rows : [],
    'No trunks.');
  } catch (e) {
    adminTableError(table, e);
  }
  try {
    $('dp-json').value = JSON.stringify(await api('GET', '/api/dial-plan'), null, 2);
  } catch (e) {
    toast('Dial plan not read: ' + e.message);
  }
}

function editTrunk(trunk) {
  const body = {};
  for (const field of TRUNK_FIELDS) {
    if (trunk[field] !== undefined && trunk[field] !== null) {
      body[field] = trunk[field];
    }
  }
  $('trk-name').value = trunk.name;
  $('trk-json').value = JSON.stringify(body, null, 2);
  $('trk-password').value = '';
  $('trk-name').focus();
}

function parseJson(value, what) {
  try {
    return JSON.parse(value);
  } catch (e) {
    toast(what + ' is not valid JSON: ' + e.message);
    return undefined;
  }
}

async function saveTrunk(event) {
  event.preventDefault();
  const name = $('trk-name').value.trim();
  const body = parseJson($('trk-json').value, 'The trunk');
  if (body === undefined) {
    return;
  }
  const password = $('trk-password').value;
  if (password) {
    body.password = password;
  }
  const saved = await attempt(() => busyWhile($('trk-save'), () =>
    api('PUT', '/api/trunks/' + encodeURIComponent(name), body)), 'Trunk not saved');
  if (saved) {
    toast('Trunk ' + name + ' saved.', 'ok');
    $('trk-password').value = '';
    loadTrunks();
  }
}

async function deleteTrunk(trunk, button) {
  if (!await confirmAction('Delete the trunk ' + trunk.name + '?')) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/trunks/' + encodeURIComponent(trunk.name))), 'Trunk not deleted');
  if (done !== undefined) {
    toast('Trunk ' + trunk.name + ' deleted.', 'ok');
    loadTrunks();
  }
}

async function saveDialPlan(event) {
  event.preventDefault();
  const body = parseJson($('dp-json').value, 'The dial plan');
  if (body === undefined) {
    return;
  }
  const saved = await attempt(() => busyWhile($('dp-save'), () => api('PUT', '/api/dial-plan', body)),
    'Dial plan not saved');
  if (saved) {
    toast('Dial plan saved.', 'ok');
    $('dp-json').value = JSON.stringify(saved, null, 2);
  }
}

// tenant settings, screen-pop pages, quick replies

async function loadSettings() {
  const settings = await api('GET', '/api/settings');
  $('set-ring').value = settings.ringTimeoutSeconds;
  $('set-wrapup').value = settings.wrapUpSeconds;
  $('set-policy').value = settings.policy;
  $('set-last-agent').checked = Boolean(settings.lastAgentPriority);
  $('set-auto-answer').checked = Boolean(settings.autoAnswer);
}

async function saveSettings(event) {
  event.preventDefault();
  const body = {
    ringTimeoutSeconds: Number($('set-ring').value), wrapUpSeconds: Number($('set-wrapup').value),
    policy: $('set-policy').value, lastAgentPriority: $('set-last-agent').checked,
    autoAnswer: $('set-auto-answer').checked,
  };
  const saved = await attempt(() => busyWhile($('set-save'), () => api('POST', '/api/settings', body)),
    'Settings not saved');
  if (saved) {
    toast('Settings saved.', 'ok');
    loadSettings();
  }
}

async function loadScreenPops() {
  const answer = await api('GET', '/api/screen-pops');
  const pages = answer.pages || [];
  $('pop-add').disabled = pages.length >= (answer.max || 5);
  fillTable($('pops-table'), [
    ['#', (p) => p.index + 1],
    ['Name', (p) => p.name],
    ['URL', (p) => el('code', { class: 'small' }, p.url)],
    ['Shown', (p) => el('input', {
      type: 'checkbox', checked: p.enabled, 'aria-label': 'Shown to agents',
      onchange: (e) => popChange(p.index, { enabled: e.currentTarget.checked }),
    })],
    ['', (p) => el('div', { class: 'row' },
      el('button', { class: 'btn small', type: 'button', disabled: p.index === 0, 'aria-label': 'Move up',
        onclick: () => popChange(p.index, { direction: 'up' }, '/move') }, '↑'),
      el('button', { class: 'btn small', type: 'button', disabled: p.index === pages.length - 1,
        'aria-label': 'Move down', onclick: () => popChange(p.index, { direction: 'down' }, '/move') }, '↓'),
      el('button', { class: 'btn small danger', type: 'button', onclick: () => popDelete(p) }, 'Delete'))],
  ], pages, 'No screen-pop page.');
}

async function popChange(index, body, suffix = '') {
  await attempt(() => api('POST', '/api/screen-pops/' + index + suffix, body), 'Page not changed');
  await attempt(loadScreenPops);
}

async function popDelete(page) {
  if (await confirmAction('Delete the screen-pop page ' + page.name + '?')) {
    await attempt(() => api('DELETE', '/api/screen-pops/' + page.index), 'Page not deleted');
    await attempt(loadScreenPops);
  }
}

async function addScreenPop(event) {
  event.preventDefault();
  const body = { name: $('pop-name').value.trim(), url: $('pop-url').value.trim(), enabled: true };
  const done = await attempt(() => busyWhile($('pop-add'), () => api('POST', '/api/screen-pops', body)),
    'Page not added');
  if (done) {
    $('pop-form').reset();
    await attempt(loadScreenPops);
  }
}

/** A reply's field edited in place: saved on change. */
function quickReplyField(reply, field, max) {
  return el('input', {
    type: 'text', value: reply[field] || '', maxlength: max, 'aria-label': 'Reply ' + field,
    onchange: (e) => attempt(() => api('POST', '/api/quick-replies/' + reply.id, { [field]: e.currentTarget.value }),
      'Reply not changed').then((saved) => saved && toast('Reply saved.', 'ok')),
  });
}

async function loadQuickReplies() {
  const replies = await api('GET', '/api/quick-replies');
  fillTable($('replies-table'), [
    ['Group', (r) => quickReplyField(r, 'group', 30)],
    ['Title', (r) => quickReplyField(r, 'title', 50)],
    ['Text', (r) => quickReplyField(r, 'text', 500)],
    ['', (r) => el('button', {
      class: 'btn small danger', type: 'button',
      onclick: async () => {
        if (await confirmAction('Delete this quick reply?')) {
          await attempt(() => api('DELETE', '/api/quick-replies/' + r.id), 'Reply not deleted');
          await attempt(loadQuickReplies);
        }
      },
    }, 'Delete')],
  ], Array.isArray(replies) ? replies : [], 'No quick reply.');
}

async function addQuickReply(event) {
  event.preventDefault();
  const body = { group: $('reply-group').value.trim(), title: $('reply-title').value.trim(),
    text: $('reply-text').value.trim() };
  const done = await attempt(() => busyWhile($('reply-add'), () => api('POST', '/api/quick-replies', body)),
    'Reply not added');
  if (done) {
    $('reply-form').reset();
    await attempt(loadQuickReplies);
  }
}

/** A CSV file of replies (group,title,text) added row by row; the refused rows are listed. */
async function importQuickReplies(event) {
  event.preventDefault();
  const file = $('reply-imp-file').files[0];
  if (!file) {
    return;
  }
  const csv = await file.text();
  const report = await attempt(() => busyWhile($('reply-imp-send'),
    () => postCsv('/api/quick-replies/import', csv)), 'Replies not imported');
  if (!report) {
    return;
  }
  const refused = (report.rows || []).filter((r) => !r.ok);
  $('reply-imp-report').hidden = refused.length === 0;
  fillTable($('reply-imp-report'), [['Row', (r) => r.row],
    ['Refused', (r) => el('span', { class: 'form-error' }, r.error || 'not added')]], refused, '');
  toast(report.created + ' repl(ies) added, ' + report.failed + ' refused.', report.failed ? 'error' : 'ok');
  $('reply-imp-form').reset();
  await attempt(loadQuickReplies);
}

function confirmAction(message) {
  const dialog = $('confirm-dialog');
  $('confirm-text').textContent = message;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'),
    { once: true }));
}

// ------------------------------------------------------------------------------------------------ keyboard

function onKey(event) {
  if (!app.me) {
    return;
  }
  if (event.altKey && !event.ctrlKey && !event.metaKey) {
    const actions = {
      Digit1: () => chooseState('idle'),
      Digit2: () => chooseState('busy'),
      Digit3: () => chooseState('break'),
      Digit4: () => chooseState('offline'),
      KeyA: answer,
      KeyH: toggleHold,
      KeyM: toggleMute,
      KeyT: openTransfer,
      KeyS: openSelfService,
      KeyE: hangUp,
      KeyW: () => app.agentState === 'wrap-up' && wrapUp('end'),
      KeyX: () => app.agentState === 'wrap-up' && wrapUp('extend'),
      KeyD: () => {
        showView('workbench');
        $('dial-number').focus();
      },
    };
    const action = actions[event.code];
    if (action) {
      event.preventDefault();
      action();
    }
    return;
  }
  if (document.activeElement === $('keypad') && /^[0-9*#]$/.test(event.key) && !isTyping(event.target)) {
    event.preventDefault();
    sendDigit(event.key);
  }
}

// ------------------------------------------------------------------------------------------------ wiring

function wire() {
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('password-open').addEventListener('click', () => {
    $('password-form').reset();
    $('pw-error').hidden = true;
    $('password-dialog').showModal();
  });
  $('password-form').addEventListener('submit', changePassword);
  for (const tab of document.querySelectorAll('.tab')) {
    tab.addEventListener('click', () => showView(tab.dataset.view));
  }
  for (const button of document.querySelectorAll('.state-btn')) {
    button.addEventListener('click', () => chooseState(button.dataset.state));
  }
  $('break-reason').addEventListener('change', () => {
    if (app.agentState === 'break') {
      chooseState('break');
    }
  });
  $('wrapup-end').addEventListener('click', () => wrapUp('end'));
  $('wrapup-extend').addEventListener('click', () => wrapUp('extend'));
  $('offer-answer').addEventListener('click', answer);
  $('call-hold').addEventListener('click', toggleHold);
  $('call-mute').addEventListener('click', toggleMute);
  $('call-hangup').addEventListener('click', hangUp);
  $('call-transfer').addEventListener('click', openTransfer);
  $('call-selfservice').addEventListener('click', openSelfService);
  for (const key of document.querySelectorAll('#keypad [data-digit]')) {
    key.addEventListener('click', () => sendDigit(key.dataset.digit));
  }
  $('transfer-extension-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const extension = $('transfer-extension').value.trim();
    transfer({ extension }, 'extension ' + extension, e.submitter);
  });
  $('transfer-number-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const number = $('transfer-number').value.trim();
    transfer({ number }, number, e.submitter);
  });
  $('dial-form').addEventListener('submit', dial);
  $('internal-form').addEventListener('submit', callColleague);
  $('records-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    app.recordsOffset = 0;
    loadRecords();
  });
  $('rec-reset').addEventListener('click', () => {
    $('records-filter').reset();
    app.recordsOffset = 0;
    loadRecords();
  });
  $('rec-prev').addEventListener('click', () => {
    app.recordsOffset = Math.max(0, app.recordsOffset - RECORDS_PAGE);
    loadRecords();
  });
  $('rec-next').addEventListener('click', () => {
    app.recordsOffset += RECORDS_PAGE;
    loadRecords();
  });
  for (const button of document.querySelectorAll('.admin-tab')) {
    button.addEventListener('click', () => showAdminPage(button.dataset.admin));
  }
  $('account-form').addEventListener('submit', createAccount);
  $('settings-form').addEventListener('submit', saveSettings);
  $('agent-form').addEventListener('submit', saveAgent);
  $('agt-cancel').addEventListener('click', resetAgentForm);
  $('import-form').addEventListener('submit', importAgents);
  $('group-form').addEventListener('submit', saveGroup);
  $('grp-cancel').addEventListener('click', resetGroupForm);
  $('member-form').addEventListener('submit', addMember);
  $('trunk-form').addEventListener('submit', saveTrunk);
  $('dialplan-form').addEventListener('submit', saveDialPlan);
  $('pop-form').addEventListener('submit', addScreenPop);
  $('reply-form').addEventListener('submit', addQuickReply);
  $('reply-imp-form').addEventListener('submit', importQuickReplies);
  document.addEventListener('keydown', onKey);
  setInterval(tick, 250);
}

async function boot() {
  wire();
  let me;
  try {
    me = await api('GET', '/api/me');
  } catch (e) {
    showLogin(e.status === 401 || e.status === 404 ? null : e.message);
    return;
  }
  await start(me.account || me);
}

document.addEventListener('DOMContentLoaded', boot);
