// The workbench's Supervision tab (spec §11), beside workbench.js (a classic script sharing its globals: app, api, $,
// el, attempt, busyWhile, toast, fillTable, clock, chatBubble, STATE_LABELS). For supervisors and administrators:
// every live chat and a read-only live view of one conversation with "Transfer to…" (POST
// /api/chats/{id}/transfer); the agents' and the live calls' tables and their actions are the voice part,
// supervision-voice.js (supRenderAgents, supRenderCalls, supVoiceTick). The tables are re-read from
// the API when the events socket says something changed (the supervisor's socket carries every agent's events) and
// every few seconds as a backstop; the watched conversation follows chat.message events, merged by message id.
'use strict';

const SUP_REFRESH_MS = 5000;
const SUP_CHAT_STATES = {
  'in-flow': 'sup.inFlow', queued: 'sup.queued', offered: 'chat.offered', serving: 'chat.serving',
  'wrap-up': 'chat.wrap-up', finished: 'sup.finished',
};

const supDesk = {
  open: false,              // the tab is shown: only then are the tables kept fresh
  chats: [],                // GET /api/chats
  agents: [],               // GET /api/agents
  calls: [],                // GET /api/calls
  groups: [],               // GET /api/groups (the transfer's targets)
  watching: null,           // the id of the session shown read-only
  messages: [],             // its messages so far, in id order
  ids: new Set(),
  soonTimer: 0,             // a pending re-read after events
  pollTimer: 0,
  tickTimer: 0,
};

/** Supervisors and administrators supervise (the API refuses the others). */
function supAllowed() {
  return Boolean(app.me && (app.me.role === 'supervisor' || app.me.role === 'admin'));
}

/** Called for every event of the socket (it never consumes one: the agent's own panels see them too). */
function supOnEvent(event) {
  // the wallboard's figures come each second while a call waits: nothing of these tables to re-read
  if (!supAllowed() || !supDesk.open || event.type === 'wallboard') {
    return;
  }
  if (event.type === 'chat.message' && event.session === supDesk.watching) {
    supMerge([event]);
  } else if (event.type === 'chat.recalled' && event.session === supDesk.watching) {
    const at = supDesk.messages.findIndex((m) => m.id === event.id);
    if (at >= 0) {
      supDesk.messages[at] = Object.assign({}, event, { type: 'chat.message' });
      supDrawMessages();
    }
  }
  if (event.type === 'hello') {
    // a (re)connection: what happened meanwhile is re-read, the watched conversation after its last message
    supLoadMessages();
  }
  supSoon();
}

function supSoon() {
  clearTimeout(supDesk.soonTimer);
  supDesk.soonTimer = setTimeout(() => attempt(supLoad, t('sup.supervision')), 300);
}

function supOpen() {
  supDesk.open = true;
  clearInterval(supDesk.pollTimer);
  clearInterval(supDesk.tickTimer);
  supDesk.pollTimer = setInterval(() => attempt(supLoad, t('sup.supervision')), SUP_REFRESH_MS);
  supDesk.tickTimer = setInterval(supTick, 1000);
  attempt(supLoad, t('sup.supervision'));
  attempt(async () => {
    const groups = await api('GET', '/api/groups');
    supDesk.groups = Array.isArray(groups) ? groups : [];
    supFillTargets();
  });
}

function supClose() {
  supDesk.open = false;
  clearInterval(supDesk.pollTimer);
  clearInterval(supDesk.tickTimer);
  clearTimeout(supDesk.soonTimer);
}

function supReset() {
  supClose();
  supDesk.watching = null;
  supDesk.messages = [];
  supDesk.ids = new Set();
  supDesk.chats = [];
  $('sup-watch').hidden = true;
  supVoiceReset();
}

async function supLoad() {
  const [chats, agents, calls] = await Promise.all([api('GET', '/api/chats'), api('GET', '/api/agents'),
    api('GET', '/api/calls')]);
  supDesk.chats = Array.isArray(chats) ? chats : [];
  supDesk.agents = Array.isArray(agents) ? agents : [];
  supDesk.calls = Array.isArray(calls) ? calls : [];
  supRenderAgents();
  supRenderChats();
  supRenderCalls();
  supFillTargets();
  supRenderWatchHead();
}

// ------------------------------------------------------------------------------------------------ tables

/** How long the visitor has waited (not yet served) or been served. */
function supChatTime(chat) {
  if (chat.servedAt) {
    return t('sup.servingFor', { time: clock(Date.now() - chat.servedAt) });
  }
  return t('sup.waitingFor', { time: clock(Date.now() - (chat.queuedAt || chat.createdAt)) });
}

function supRenderChats() {
  const table = $('sup-chats');
  fillTable(table, [
    ['ui.visitor', (c) => el('button', { class: 'link sup-chat-open', type: 'button',
      dataset: { session: String(c.session) }, onclick: () => supWatch(c.session) }, c.name || c.visitor)],
    ['ui.agent', (c) => c.staffNo || '–'],
    ['ui.group', (c) => c.group || '–'],
    ['sup.state', (c) => t(SUP_CHAT_STATES[c.state] || c.state)],
    ['sup.time', (c) => el('span', { class: 'sup-chat-time', dataset: { session: String(c.session) } },
      supChatTime(c))],
    ['ui.messages', (c) => c.messages],
  ], supDesk.chats, t('sup.noLiveChat'));
  for (const row of table.querySelectorAll('tbody tr')) {
    const button = row.querySelector('.sup-chat-open');
    row.classList.toggle('selected', Boolean(button) && button.dataset.session === String(supDesk.watching));
  }
}

/** Each second: only the times move (the rows stay, so a click on one is never lost); the voice part's too. */
function supTick() {
  for (const cell of $('sup-chats').querySelectorAll('.sup-chat-time')) {
    const chat = supDesk.chats.find((c) => String(c.session) === cell.dataset.session);
    if (chat) {
      cell.textContent = supChatTime(chat);
    }
  }
  supVoiceTick();
}

// ------------------------------------------------------------------------------------------------ watching

async function supWatch(id) {
  supDesk.watching = id;
  supDesk.messages = [];
  supDesk.ids = new Set();
  $('sup-watch').hidden = false;
  $('sup-watch-messages').replaceChildren();
  supRenderWatchHead();
  supRenderChats();
  await supLoadMessages();
  $('sup-watch').scrollIntoView({ block: 'nearest' });
}

async function supLoadMessages() {
  const id = supDesk.watching;
  if (id === null) {
    return;
  }
  const last = supDesk.messages.length ? supDesk.messages[supDesk.messages.length - 1].id : 0;
  const messages = await attempt(() => api('GET', '/api/chats/' + id + '/messages?after=' + last),
    t('sup.conversation'));
  if (Array.isArray(messages) && supDesk.watching === id) {
    supMerge(messages);
  }
}

/** Adds messages not seen yet (an event and a re-read may carry the same one); a recall replaces its message. */
function supMerge(messages) {
  let changed = false;
  for (const message of messages) {
    if (supDesk.ids.has(message.id)) {
      continue;
    }
    supDesk.ids.add(message.id);
    supDesk.messages.push(message);
    changed = true;
  }
  if (!changed) {
    return;
  }
  supDesk.messages.sort((a, b) => a.id - b.id);
  supDrawMessages();
}

function supDrawMessages() {
  const box = $('sup-watch-messages');
  box.replaceChildren(...supDesk.messages.map(chatBubble));
  for (const recall of box.querySelectorAll('.chat-recall')) {
    recall.remove();      // read-only: the supervisor recalls nothing
  }
  box.scrollTop = box.scrollHeight;
}

function supRenderWatchHead() {
  const id = supDesk.watching;
  if (id === null) {
    return;
  }
  const chat = supDesk.chats.find((c) => c.session === id);
  $('sup-watch-who').textContent = chat ? (chat.name || chat.visitor) + ' · ' + (chat.staffNo || t('sup.noAgent'))
    : t('sup.session', { id });
  $('sup-watch-state').textContent = chat ? t(SUP_CHAT_STATES[chat.state] || chat.state) : t('sup.ended');
  $('sup-transfer-go').disabled = !chat || chat.state !== 'serving';
}

// ------------------------------------------------------------------------------------------------ transfer

function supFillTargets() {
  const select = $('sup-transfer-target');
  const chosen = select.value;
  const options = $('sup-transfer-kind').value === 'group'
    ? supDesk.groups.map((g) => [g.name, g.name])
    : supDesk.agents.map((a) => [a.staffNo, (a.name || a.staffNo) + ' (' + a.staffNo + ') · '
      + (STATE_LABELS[a.state] || a.state) + (a.chatReception ? '' : ' · ' + t('sup.receptionOff')) + ' · '
      + (a.openChats ?? 0) + '/' + (a.chatLimit || '–')]);
  supFillOptions(select, options, chosen);
}

/**
 * A target list ([value, label] pairs) redrawn only when something changed: an open list or a choice is not reset
 * by each refresh (the voice part's transfer list too). {@code chosen} is kept when still offered.
 */
function supFillOptions(select, options, chosen) {
  const key = JSON.stringify(options);
  if (select.dataset.key === key) {
    return;
  }
  select.dataset.key = key;
  select.replaceChildren(...options.map(([value, label]) => el('option', { value }, label)));
  if (options.some(([value]) => value === chosen)) {
    select.value = chosen;
  }
}

async function supTransfer(event) {
  event.preventDefault();
  const id = supDesk.watching;
  const target = $('sup-transfer-target').value;
  if (id === null || !target) {
    toast(t('sup.chooseATargetFirst'));
    return;
  }
  const kind = $('sup-transfer-kind').value;
  const body = kind === 'group' ? { toGroup: target } : { toAgent: target };
  const note = $('sup-transfer-note').value.trim();
  if (note) {
    body.note = note;
  }
  const moved = await attempt(() => busyWhile($('sup-transfer-go'), () =>
    api('POST', '/api/chats/' + id + '/transfer', body)), t('sup.notTransferred'));
  if (moved) {
    toast(t('sup.transferred', { to: moved.staffNo || target }), 'ok');
    $('sup-transfer-note').value = '';
    supSoon();
  }
}

function supWire() {
  $('sup-transfer-form').addEventListener('submit', supTransfer);
  $('sup-transfer-kind').addEventListener('change', supFillTargets);
  $('sup-watch-close').addEventListener('click', () => {
    supDesk.watching = null;
    $('sup-watch').hidden = true;
    supRenderChats();
  });
}

document.addEventListener('DOMContentLoaded', supWire);
