// The workbench's log-in, start, the agent's state, its timers and the events WebSocket (after workbench-base.js).
'use strict';

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
  button.textContent = t('login.busy');
  try {
    const answer = await api('POST', '/api/login', {
      email: $('login-email').value.trim(), password: $('login-password').value,
    });
    await start(answer.account || answer);
  } catch (e) {
    error.textContent = e.status === 404 ? t('login.noAccounts') : errorText(e) || t('login.failed');
    error.hidden = false;
    $('login-password').select();
  } finally {
    button.disabled = false;
    button.textContent = t('login.submit');
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
    error.textContent = t('pw.differ');
    error.hidden = false;
    return;
  }
  try {
    await busyWhile($('pw-submit'), () => api('POST', '/api/me/password', { current, new: fresh, repeat }));
    $('password-dialog').close();
    $('password-form').reset();
    toast(t('pw.changed'), 'ok');
  } catch (e) {
    error.textContent = errorText(e);
    error.hidden = false;
  }
}

// ------------------------------------------------------------------------------------------------ start

/** After log-in or on load with a live session: fills the page for the account and opens the events. */
async function start(account) {
  app.me = account;
  adoptLanguage(account);
  $('login-view').hidden = true;
  $('app').hidden = false;
  $('user-name').textContent = account.name || account.email;
  showAccountMeta();
  $('tab-admin').hidden = account.role !== 'admin';
  $('my-extension').textContent = account.extension || '–';
  const isAgent = Boolean(account.staffNo);
  $('no-agent').hidden = isAgent;
  $('state-display').hidden = !isAgent;
  $('state-buttons').hidden = !isAgent;
  $('rec-agent-label').hidden = account.role === 'agent';
  document.body.classList.toggle('not-agent', !isAgent);
  // supervisors and administrators supervise; one with no agent has no workbench (no state, no chats of its own)
  $('tab-supervision').hidden = !supAllowed();
  $('tab-wallboard').hidden = !supAllowed();
  $('tab-workbench').hidden = !isAgent && supAllowed();
  showView(isAgent || !supAllowed() ? 'workbench' : account.role === 'admin' ? 'admin' : 'supervision');
  loadBreakReasons();
  if (isAgent) {
    await attempt(resync, t('ws.yourAgent'));
  } else {
    setAgentState('offline', null);
  }
  connectEvents();
  refreshControls();
  startPhone();
}

function showAccountMeta() {
  const account = app.me;
  $('user-meta').textContent = [ROLE_LABELS[account.role] || ROLE_LABELS.agent,
    account.staffNo, account.extension ? t('user.ext', { ext: account.extension }) : null].filter(Boolean).join(' · ');
}

// ------------------------------------------------------------------------------------------------ language

/**
 * At log-in: the language kept with the account wins; a choice made in this browser before (on the log-in page)
 * and none on the account yet is kept with the account; with neither, the browser's language stays.
 */
function adoptLanguage(account) {
  if (account.language) {
    if (account.language !== i18n.language || storedLanguage() !== account.language) {
      setLanguage(account.language, true);
    }
  } else if (storedLanguage()) {
    saveLanguage(storedLanguage());
  }
}

/** Keeps the language with the account (POST /api/me), so that it follows the person to other browsers. */
function saveLanguage(language) {
  if (!app.me) {
    return;
  }
  attempt(async () => {
    const account = await api('POST', '/api/me', { language });
    if (app.me && account && account.email === app.me.email) {
      app.me.language = account.language;
    }
  }, t('lang.label'));
}

/** The switches (top bar and log-in page), and the scripts' texts again when the language changes. */
function wireLanguage() {
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => setLanguage(button.dataset.lang, true, app.me ? saveLanguage : null));
  }
  document.addEventListener('sb-language', relabel);
}

/** What the scripts wrote in the old language: the state, the connection, the account, the call, the records. */
function relabel() {
  $('state-name').textContent = STATE_LABELS[app.agentState] || app.agentState;
  setConnection(app.connection || 'down');
  $('login-submit').textContent = t('login.submit');
  if (app.me) {
    showAccountMeta();
  }
  if (app.call) {
    showCall(app.call);
  } else if (app.connecting !== null) {
    $('call-status').textContent = t('call.connecting');   // an auto-answered call, not connected yet
  }
  if (app.view === 'records' && app.recordsLoaded) {
    loadRecords();
  }
  if (app.view === 'admin' && app.me) {
    loadAdminPage(app.adminPage);
  }
  if (app.view === 'supervision' && supDesk.open) {
    attempt(supLoad, t('sup.supervision'));
  }
  chatRender();
  tick();
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
    activity(t('call.ended', { who: partyOf(app.call) }));
    clearCall();
  }
}

function applyAgent(agent) {
  if (agent.state === 'wrap-up') {
    app.wrapUpKept = Boolean(agent.wrapUpKept);
    app.wrapUpSince = Date.now() - Number(agent.wrapUpElapsedSeconds || 0) * 1000;
  }
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
  wbReset();
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
  if (name !== 'wrap-up') {
    app.wrapUpKept = false;
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
    activity(t('state.you', { state: (STATE_LABELS[agent.state] || agent.state).toLowerCase() })
      + (agent.reason ? ' (' + agent.reason + ')' : ''));
  }), t('state.notChanged'));
}

async function wrapUp(action) {
  const path = '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/wrap-up/' + action;
  const button = $('wrapup-' + action);
  await attempt(() => busyWhile(button, async () => {
    const agent = await api('POST', path, action === 'extend' ? { seconds: 30 } : {});
    applyAgent(agent);
  }), action === 'end' ? t('wrapup.notEnded') : action === 'keep' ? t('wrapup.notKept') : t('wrapup.notExtended'));
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
  $('wrapup-extend').hidden = app.wrapUpKept;
  $('wrapup-keep').hidden = app.wrapUpKept;
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
  if (app.agentState === 'wrap-up' && app.wrapUpKept) {
    // kept open (继续话后整理): a count-up until the agent ends it
    $('wrapup-label').textContent = t('wrapup.kept');
    $('wrapup-seconds').textContent = clock(now - app.wrapUpSince);
    $('wrapup-unit').textContent = '';
  } else if (app.agentState === 'wrap-up') {
    $('wrapup-label').textContent = t('wrapup.before');
    $('wrapup-seconds').textContent = Math.max(0, Math.ceil((app.wrapUpEnds - now) / 1000));
    $('wrapup-unit').textContent = t('wrapup.after');
  }
  if (app.offer) {
    const left = Math.max(0, app.offer.deadline - now);
    $('offer-seconds').textContent = app.offer.total >= 1e12 ? '–' : Math.ceil(left / 1000);
    $('offer-progress').style.width = (100 * left / app.offer.total) + '%';
    $('offer-bar').classList.toggle('urgent', left < 5000);
  }
  if (app.call) {
    $('call-timer').textContent = clock(now - app.callSince);
  }
  // the tab's title says it too, for an agent looking at another window
  const title = !app.me ? t('app.title')
    : app.offer ? '☎ ' + (app.offer.caller || t('offer.incoming')) + ' · ' + t('offer.title')
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
      attempt(resync, t('ws.refreshing'));
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
  app.connection = status;
  conn.className = 'conn conn-' + status;
  conn.textContent = t(status === 'live' || status === 'connecting' ? 'conn.' + status : 'conn.down');
}

function onEvent(event) {
  supOnEvent(event);
  wbOnEvent(event);
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
      if (event.state === 'wrap-up') {
        app.wrapUpKept = Boolean(event.wrapUpKept);
        app.wrapUpSince = Date.now();
      }
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
      if (event.autoAnswer) {
        showAutoAnswer(event);
      } else {
        showOffer(event);
      }
      activity(t('call.offered', { caller: event.caller || t('call.unknown'), number: event.number || '?' }));
      break;
    case 'dialled':
      // the agent's own outside call (客服坐席主动外呼): its screen pops, with the number dialled
      screenPops(event.screenPops, null);
      break;
    case 'withdrawn':
      if (app.offer && app.offer.call === event.call) {
        hideOffer();
        activity(t('call.elsewhere', { caller: event.caller || t('call.unknown') }));
      }
      if (app.connecting === event.call && !app.call) {
        clearCall();
      }
      break;
    case 'connected':
      hideOffer();
      activity(t('call.connected', { caller: event.caller || t('call.unknown') }));
      attempt(() => loadCall(event.call), t('ws.call'));
      break;
    case 'supervised':
      // the tenant's notice (tenant.supervision.notice): a supervisor listens, whispers or joins (supervise-call.js)
      callSupervised(event);
      break;
    case 'ended':
      callSupervised({ mode: null });
      if (app.offer && app.offer.call === event.call) {
        hideOffer();
      }
      if (app.connecting === event.call && !app.call) {
        clearCall();
      }
      if (app.call && app.call.id === event.call) {
        activity(t('call.ended', { who: partyOf(app.call) }));
        clearCall();
      }
      break;
    default:
      break;
  }
}
