// Internal chat between agents (spec §8), beside workbench.js (a classic script sharing its globals: app, api, $, el,
// attempt, busyWhile, toast, when). The "Colleagues" panel: search a colleague by name or staff number (from
// GET /api/agents), the agent's conversations with unread badges (GET /api/agents/{me}/internal), one conversation
// open at a time (messages?after=N, then the events socket's internal.message), send, mark read, hide. Everything
// is re-read on each (re)connection of the events socket; messages are merged by their id, so none shows twice.
'use strict';

const ICHAT_MAX_TEXT = 4000;
const ICHAT_PAGE = 500;          // the server's most messages per read
const ICHAT_AGENTS_MS = 30000;   // how long the colleagues' list is reused for the search

const ichat = {
  conversations: new Map(),      // peer staff number -> the server's summary {peer, peerName, unread, lastMessage}
  open: null,                    // the peer whose conversation is shown
  messages: [],                  // the open conversation's messages, in id order
  agents: [],                    // GET /api/agents, for the search
  agentsAt: 0,
};

function ichatMe() {
  return app.me && app.me.staffNo;
}

function ichatBase(peer) {
  const base = '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/internal';
  return peer ? base + '/' + encodeURIComponent(peer) : base;
}

/** Called for every event of the socket; true when it was an internal chat's (handled here). */
function ichatOnEvent(event) {
  if (event.type === 'hello') {
    attempt(ichatResync, t('ui.colleagues'));
    return false;
  }
  if (typeof event.type !== 'string' || !event.type.startsWith('internal.')) {
    return false;
  }
  if (!ichatMe() || event.agent !== app.me.staffNo) {
    return true;
  }
  if (event.type === 'internal.message') {
    ichatArrived(event);
  } else {
    ichatSummary(event);
  }
  return true;
}

/** The conversations as the server has them now, and what the open one missed. */
async function ichatResync() {
  $('ic-panel').hidden = !ichatMe();
  if (!ichatMe()) {
    return;
  }
  const answer = await api('GET', ichatBase());
  ichat.conversations.clear();
  for (const c of answer.conversations) {
    ichat.conversations.set(c.peer, c);
  }
  if (ichat.open) {
    await ichatLoad(ichat.open);
  }
  ichatRender();
}

function ichatReset() {
  ichat.conversations.clear();
  ichat.open = null;
  ichat.messages = [];
  ichat.agentsAt = 0;
  if ($('ic-panel')) {
    ichatRender();
  }
}

/** A summary (from the list, a read or a hide): hidden ones leave the list. */
function ichatSummary(summary) {
  if (summary.hidden) {
    ichat.conversations.delete(summary.peer);
  } else {
    ichat.conversations.set(summary.peer, summary);
  }
  ichatRender();
}

function ichatArrived(message) {
  const known = ichat.conversations.get(message.peer) || { peer: message.peer };
  ichat.conversations.set(message.peer, Object.assign({}, known, {
    peerName: message.peerName || known.peerName, unread: message.unread, hidden: false, lastMessage: message,
  }));
  if (ichat.open === message.peer) {
    ichatMerge([message]);
    if (message.from !== app.me.staffNo) {
      attempt(() => ichatRead(message.peer), t('ic.markingRead'));
    }
  }
  ichatRender();
}

/** Reads the open conversation's messages after the last one shown, page by page. */
async function ichatLoad(peer) {
  for (;;) {
    const after = ichat.messages.length ? ichat.messages[ichat.messages.length - 1].id : 0;
    const page = await api('GET', ichatBase(peer) + '/messages?after=' + after);
    if (ichat.open !== peer) {
      return;
    }
    ichatMerge(page);
    if (page.length < ICHAT_PAGE) {
      break;
    }
  }
  const summary = ichat.conversations.get(peer);
  if (summary && summary.unread > 0) {
    await ichatRead(peer);
  }
}

function ichatMerge(messages) {
  const ids = new Set(ichat.messages.map((m) => m.id));
  for (const m of messages) {
    if (!ids.has(m.id)) {
      ichat.messages.push(m);
      ids.add(m.id);
    }
  }
  ichat.messages.sort((a, b) => a.id - b.id);
}

async function ichatRead(peer) {
  ichatSummary(await api('POST', ichatBase(peer) + '/read', {}));
}

async function ichatOpen(peer) {
  ichat.open = peer;
  ichat.messages = [];
  $('ic-search').value = '';
  $('ic-results').replaceChildren();
  ichatRender();
  await attempt(() => ichatLoad(peer), t('ic.conversation'));
  ichatRender();
  $('ic-input').focus();
}

function ichatClose() {
  ichat.open = null;
  ichat.messages = [];
  ichatRender();
}

async function ichatSend(event) {
  event.preventDefault();
  const input = $('ic-input');
  const text = input.value.trim();
  if (!text || !ichat.open) {
    return;
  }
  const peer = ichat.open;
  const sent = await attempt(() => busyWhile($('ic-send'), () =>
    api('POST', ichatBase(peer) + '/messages', { text })), t('ic.message'));
  if (sent) {
    input.value = '';
    if (ichat.open === peer) {
      ichatMerge([sent]);
    }
    ichatRender();
  }
}

async function ichatHide() {
  const peer = ichat.open;
  if (!peer) {
    return;
  }
  const done = await attempt(() => busyWhile($('ic-hide'), () => api('POST', ichatBase(peer) + '/hide', {})),
    t('ic.hide'));
  if (done) {
    ichat.conversations.delete(peer);
    ichatClose();
  }
}

function ichatName(staffNo) {
  const agent = ichat.agents.find((a) => a.staffNo === staffNo);
  return agent && agent.name ? agent.name : null;
}

/** The colleagues whose name or staff number has what was typed (the list is read again after a while). */
async function ichatSearch() {
  if ($('ic-search').value.trim() && Date.now() - ichat.agentsAt > ICHAT_AGENTS_MS) {
    ichat.agentsAt = Date.now();
    try {
      ichat.agents = await api('GET', '/api/agents');
    } catch (e) {
      ichat.agentsAt = 0;
      throw e;
    }
  }
  // what is typed now, not when this search began (an earlier answer may come last)
  const typed = $('ic-search').value.trim().toLowerCase();
  if (!typed) {
    $('ic-results').replaceChildren();
    return;
  }
  const hits = ichat.agents.filter((a) => a.staffNo !== app.me.staffNo
    && ((a.name || '').toLowerCase().includes(typed) || a.staffNo.toLowerCase().includes(typed))).slice(0, 8);
  $('ic-results').replaceChildren(...(hits.length ? hits.map((a) => el('li', {},
    el('button', { class: 'ic-hit', type: 'button', onclick: () => ichatOpen(a.staffNo) },
      el('strong', {}, a.name || a.staffNo), ' ', el('span', { class: 'muted small' },
        a.staffNo + ' · ' + (STATE_LABELS[a.state] || a.state)))))
    : [el('li', { class: 'muted small' }, t('ic.noColleagueMatches'))]));
}

function ichatRender() {
  if (!$('ic-home')) {
    return; // not wired yet
  }
  const total = [...ichat.conversations.values()].reduce((n, c) => n + (c.unread || 0), 0);
  $('ic-unread').textContent = String(total);
  $('ic-unread').hidden = total === 0;
  $('ic-home').hidden = Boolean(ichat.open);
  $('ic-conversation').hidden = !ichat.open;
  if (ichat.open) {
    ichatRenderConversation();
  } else {
    ichatRenderList();
  }
}

function ichatRenderList() {
  const list = [...ichat.conversations.values()]
    .sort((a, b) => (b.lastMessage ? b.lastMessage.at : 0) - (a.lastMessage ? a.lastMessage.at : 0));
  $('ic-list').replaceChildren(...list.map((c) => el('li', {},
    el('button', { class: 'ic-row', type: 'button', dataset: { peer: c.peer }, onclick: () => ichatOpen(c.peer) },
      el('span', { class: 'ic-row-who' }, el('strong', {}, c.peerName || c.peer),
        c.unread ? el('span', { class: 'badge ic-badge', title: t('ic.unread') }, String(c.unread)) : null),
      el('span', { class: 'ic-row-last muted small' }, c.lastMessage
        ? (c.lastMessage.from === app.me.staffNo ? t('ic.you') : '') + c.lastMessage.text.slice(0, 60) : '')))));
}

function ichatRenderConversation() {
  const summary = ichat.conversations.get(ichat.open);
  $('ic-who').textContent = (summary && summary.peerName) || ichatName(ichat.open) || ichat.open;
  $('ic-hide').disabled = ichat.messages.length === 0;
  const box = $('ic-messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  box.replaceChildren(...ichat.messages.map((m) => el('div', {
    class: 'ic-msg ' + (m.from === app.me.staffNo ? 'ic-mine' : 'ic-theirs'), dataset: { id: String(m.id) } },
  el('div', { class: 'ic-msg-text' }, m.text),
  el('div', { class: 'ic-msg-meta' }, when(m.at)))));
  if (atBottom || ichat.messages.length < 20) {
    box.scrollTop = box.scrollHeight;
  }
}

function ichatKey(event) {
  if (event.key === 'Enter' && !event.shiftKey) {
    ichatSend(event);
  }
}

/** The panel's markup (index.html has only its frame) and its handlers. */
function ichatWire() {
  const panel = $('ic-panel');
  if (!panel) {
    return;
  }
  panel.append(
    el('div', { id: 'ic-home' },
      el('input', { id: 'ic-search', type: 'search', autocomplete: 'off', 'aria-label': t('ic.searchAColleague'),
        placeholder: t('ic.searchAColleagueNameOr'), oninput: () => attempt(ichatSearch, t('ui.colleagues')) }),
      el('ul', { id: 'ic-results', class: 'ic-results', 'aria-label': t('ic.colleaguesFound') }),
      el('ul', { id: 'ic-list', class: 'ic-list', 'aria-label': t('ic.yourConversationsWithColleagues'),
        dataset: { i18nEmpty: 'ic.empty', empty: t('ic.empty') } })),
    el('div', { id: 'ic-conversation', class: 'ic-conversation', hidden: true },
      el('div', { class: 'ic-head' },
        el('button', { id: 'ic-back', class: 'btn small', type: 'button', onclick: ichatClose }, '‹ Back'),
        el('strong', { id: 'ic-who' }),
        el('button', { id: 'ic-hide', class: 'btn small', type: 'button', onclick: ichatHide,
          title: t('ic.hideThisConversationUntilThe') }, t('ic.hide'))),
      el('div', { id: 'ic-messages', class: 'ic-messages', 'aria-live': 'polite' }),
      el('form', { id: 'ic-composer', class: 'ic-composer', onsubmit: ichatSend },
        el('textarea', { id: 'ic-input', rows: '2', maxlength: String(ICHAT_MAX_TEXT), onkeydown: ichatKey,
          'aria-label': t('ic.messageToYourColleague'), placeholder: t('ic.messageEnterSends') }),
        el('button', { id: 'ic-send', class: 'btn primary', type: 'submit' }, t('ic.send')))));
}

document.addEventListener('DOMContentLoaded', ichatWire);
