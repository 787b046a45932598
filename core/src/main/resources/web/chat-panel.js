// The workbench's chat panel, beside workbench.js (a classic script sharing its globals: app, api, $, el, attempt,
// busyWhile, toast, activity, confirmAction, when). The agent's ongoing chats (GET /api/agents/{staffNo}/chats),
// the selected one's conversation (messages?after=N, then the events socket's chat.message), a composer, the
// visitor's details, End and Finish, and "open / limit" from the agent's view. Offers are in chat-offers.js, quick
// replies in chat-replies.js, transfers in chat-transfer.js, the pool and the reception switch in chat-pool.js.
// Everything is re-read from the API on each (re)connection of the events socket, so a
// reload or a dropped socket loses nothing: messages are merged by their id.
'use strict';

const CHAT_MAX_TEXT = 4000;
const CHAT_STATES = labelsOf('chat');

const chatDesk = {
  sessions: new Map(),      // id -> {view, messages: [], ids: Set, lastId, unread}
  selected: null,           // the id of the session shown
  agentTimer: 0,            // a pending refresh of "open / limit"
};

function chatBase() {
  return '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/chats';
}

function chatIsAgent() {
  return Boolean(app.me && app.me.staffNo);
}

/** Called for every event of the socket; true when it was a chat event (handled here). */
function chatOnEvent(event) {
  if (event.type === 'hello') {
    // each (re)connection: what happened while the socket was down is re-read
    attempt(chatResync, t('ui.yourChats'));
    return false;
  }
  if (typeof event.type !== 'string' || !event.type.startsWith('chat.')) {
    return false;
  }
  if (!chatIsAgent()) {
    return true;
  }
  chatPoolSoon();
  switch (event.type) {
    case 'chat.offer':
      if (event.staffNo === app.me.staffNo) {
        chatOffered(event);
      }
      break;
    case 'chat.withdrawn':
      chatWithdrawn(event.session);
      break;
    case 'chat.session':
      if (event.staffNo === app.me.staffNo) {
        chatSessionChanged(event);
      }
      break;
    case 'chat.message':
      chatMessageArrived(event);
      break;
    case 'chat.transferred':
      chatTransferredEvent(event);
      break;
    case 'chat.recalled':
      chatFilesRecalled(event);
      break;
    case 'chat.survey':
      chatSurveyEvent(event);
      break;
    default:
      break;
  }
  return true;
}

/** The agent's sessions as the server has them now: offered ones to the bar, the others to the list. */
async function chatResync() {
  if (!chatIsAgent()) {
    return;
  }
  attempt(chatRepliesLoad, t('ui.quickReplies'));
  chatPoolSoon();
  const list = await api('GET', chatBase());
  const live = new Set();
  for (const view of list) {
    live.add(view.session);
    if (view.state === 'offered') {
      chatOfferShow(view, null);
    } else {
      chatUpsert(view);
    }
  }
  for (const id of [...chatDesk.sessions.keys()]) {
    if (!live.has(id)) {
      chatForget(id);
    }
  }
  chatOfferPrune(live);
  await Promise.all([...chatDesk.sessions.keys()].map((id) => chatLoadMessages(id)));
  chatRender();
  chatRefreshAgent();
}

/** Log-out or an ended session: nothing of the agent's chats stays on the page. */
function chatReset() {
  chatDesk.sessions.clear();
  chatDesk.selected = null;
  clearTimeout(chatDesk.agentTimer);
  chatOfferClear();
  chatPoolReset();
  chatCapacity({ openChats: 0, chatLimit: 0, chatsFull: false });
  chatRender();
}

/** "open / limit" and "Busy (full)", from the agent's view (GET /api/agents/{staffNo}). */
function chatCapacity(agent) {
  const limit = Number(agent.chatLimit) || 0;
  $('chat-capacity').textContent = (Number(agent.openChats) || 0) + ' / ' + (limit > 0 ? limit : '–');
  $('chat-full').hidden = !agent.chatsFull;
  $('chat-panel').classList.toggle('full', Boolean(agent.chatsFull));
  chatReceptionShow(agent);
}

/** Re-reads the agent's view a moment after a chat changed (several events come together). */
function chatRefreshAgent() {
  clearTimeout(chatDesk.agentTimer);
  chatDesk.agentTimer = setTimeout(() => {
    if (chatIsAgent()) {
      api('GET', '/api/agents/' + encodeURIComponent(app.me.staffNo)).then(chatCapacity, () => undefined);
    }
  }, 300);
}

// ------------------------------------------------------------------------------------------------ sessions

function chatUpsert(view) {
  let entry = chatDesk.sessions.get(view.session);
  if (!entry) {
    entry = { view, messages: [], ids: new Set(), lastId: 0, unread: 0 };
    chatDesk.sessions.set(view.session, entry);
    if (chatDesk.selected === null) {
      chatDesk.selected = view.session;
    }
  }
  entry.view = view;
  return entry;
}

function chatForget(id) {
  chatDesk.sessions.delete(id);
  if (chatDesk.selected === id) {
    const next = chatDesk.sessions.keys().next();
    chatDesk.selected = next.done ? null : next.value;
  }
}

function chatSessionChanged(view) {
  chatRefreshAgent();
  if (view.state === 'offered') {
    return;
  }
  chatOfferHide(view.session);
  if (view.state === 'finished' || view.state === 'queued' || view.state === 'in-flow') {
    chatForget(view.session);
    chatRender();
    return;
  }
  const known = chatDesk.sessions.has(view.session);
  const before = known ? chatDesk.sessions.get(view.session).view.state : null;
  chatUpsert(view);
  if (!known) {
    attempt(() => chatLoadMessages(view.session).then(chatRender), t('ui.messages'));
  } else if (before === 'serving' && view.state === 'wrap-up') {
    activity(t('cp.ended', { who: chatWho(view) }));
  }
  chatRender();
}

/** An offer opened at once (auto-accept) goes to the list; one to accept goes to the bar. */
function chatOffered(event) {
  chatRefreshAgent();
  if (event.autoAccept) {
    chatSessionChanged(Object.assign({}, event, { type: 'chat.session', state: 'serving' }));
    activity(t('cp.opened', { who: chatWho(event) }));
    return;
  }
  chatOfferShow(event, Number(event.acceptSeconds) || 0);
  activity(t('cp.offered', { who: chatWho(event) }));
}

function chatWithdrawn(id) {
  if (chatOfferHide(id)) {
    activity(t('cp.anOfferedChatWentTo'));
  }
  chatRefreshAgent();
}

/** The visitor's name, an app user's id, or "Visitor" and the end of its id (the whole id is in the details). */
function chatWho(view) {
  if (view.name || view.userId) {
    return view.name || t('cp.user', { id: view.userId });
  }
  return view.visitor ? t('chat.visitor') + ' …' + String(view.visitor).slice(-6) : t('chat.visitor');
}

// ------------------------------------------------------------------------------------------------ messages

/** The messages after the last one this page has (all of them the first time). */
async function chatLoadMessages(id) {
  const entry = chatDesk.sessions.get(id);
  if (!entry) {
    return;
  }
  const messages = await api('GET', chatBase() + '/' + id + '/messages?after=' + entry.lastId);
  chatMerge(entry, messages, false);
}

/** Adds messages not seen yet, in id order; counts the visitor's as unread unless the session is in view. */
function chatMerge(entry, messages, live) {
  let added = false;
  for (const message of messages) {
    if (entry.ids.has(message.id)) {
      continue;
    }
    entry.ids.add(message.id);
    entry.messages.push(message);
    entry.lastId = Math.max(entry.lastId, message.id);
    added = true;
    if (live && message.from === 'visitor' && (chatDesk.selected !== entry.view.session || document.hidden)) {
      entry.unread += 1;
    }
  }
  if (added) {
    entry.messages.sort((a, b) => a.id - b.id);
  }
  return added;
}

function chatMessageArrived(message) {
  const entry = chatDesk.sessions.get(message.session);
  if (!entry) {
    chatOfferMessage(message);
    return;
  }
  if (chatMerge(entry, [message], true)) {
    chatRender();
  }
}

async function chatSend(event) {
  if (event) {
    event.preventDefault();
  }
  const id = chatDesk.selected;
  const entry = chatDesk.sessions.get(id);
  const input = $('chat-input');
  const text = input.value;
  if (!entry || entry.view.state !== 'serving' || !text.trim()) {
    return;
  }
  if (text.length > CHAT_MAX_TEXT) {
    toast(t('cp.max', { n: CHAT_MAX_TEXT }));
    return;
  }
  const sent = await attempt(() => busyWhile($('chat-send'), () =>
    api('POST', chatBase() + '/' + id + '/messages', { text })), t('chat.notSent'));
  if (sent) {
    if (input.value === text) {
      input.value = '';
      chatCount();
    }
    chatMerge(entry, [sent], false);
    chatRender();
    input.focus();
  }
}

// ------------------------------------------------------------------------------------------------ end, finish

async function chatEnd() {
  const entry = chatDesk.sessions.get(chatDesk.selected);
  if (!entry || entry.view.state !== 'serving') {
    return;
  }
  if (!await confirmAction(t('chat.endConfirm', { who: chatWho(entry.view) }))) {
    return;
  }
  const view = await attempt(() => busyWhile($('chat-end'), () =>
    api('POST', chatBase() + '/' + entry.view.session + '/end', {})), t('chat.notEnded'));
  if (view) {
    chatSessionChanged(view);
  }
}

async function chatFinish() {
  const entry = chatDesk.sessions.get(chatDesk.selected);
  if (!entry || entry.view.state !== 'wrap-up') {
    return;
  }
  const view = await attempt(() => busyWhile($('chat-finish'), () =>
    api('POST', chatBase() + '/' + entry.view.session + '/finish', {})), t('chat.notFinished'));
  if (view) {
    activity(t('cp.finished', { who: chatWho(view) }));
    chatSessionChanged(view);
  }
}

// ------------------------------------------------------------------------------------------------ drawing

function chatSelect(id) {
  chatDesk.selected = id;
  $('chat-panel').classList.remove('chat-show-list');      // a phone shows the conversation (the list: Back)
  const entry = chatDesk.sessions.get(id);
  if (entry) {
    entry.unread = 0;
  }
  chatRender();
  $('chat-input').focus();
}

function chatRender() {
  chatRenderList();
  const entry = chatDesk.sessions.get(chatDesk.selected);
  $('chat-none').hidden = Boolean(entry);
  $('chat-current').hidden = !entry;
  chatRenderDetails(entry ? entry.view : null);
  chatTransferNotice(entry);
  if (!entry) {
    return;
  }
  if (!document.hidden) {
    entry.unread = 0;
  }
  const view = entry.view;
  $('chat-who').textContent = chatWho(view);
  $('chat-state').textContent = CHAT_STATES[view.state] || view.state;
  $('chat-state').className = 'badge chat-st-' + view.state;
  $('chat-end').hidden = view.state !== 'serving';
  $('chat-finish').hidden = view.state !== 'wrap-up';
  const serving = view.state === 'serving';
  $('chat-input').disabled = !serving;
  $('chat-send').disabled = !serving;
  $('chat-replies-btn').disabled = !serving;
  chatSurveyRender(view);
  chatRenderMessages(entry);
}

function chatRenderList() {
  const items = [...chatDesk.sessions.values()].map((entry) => {
    const view = entry.view;
    const last = entry.messages[entry.messages.length - 1];
    return el('li', {},
      el('button', {
        type: 'button', class: 'chat-item' + (view.session === chatDesk.selected ? ' selected' : ''),
        'aria-current': view.session === chatDesk.selected ? 'true' : null,
        dataset: { session: String(view.session) }, onclick: () => chatSelect(view.session),
      },
      el('span', { class: 'chat-item-who' }, chatWho(view)),
      entry.unread > 0 ? el('span', { class: 'chat-unread', title: t('cp.unreadMessages') }, String(entry.unread))
        : null,
      el('span', { class: 'chat-item-state chat-st-' + view.state }, CHAT_STATES[view.state] || view.state),
      el('span', { class: 'chat-item-preview' }, last ? chatPreview(last.text, 60) : '…')));
  });
  $('chat-list').replaceChildren(...items);
  if (items.length === 0) {
    $('chat-list').append(el('li', { class: 'chat-list-empty muted' }, t('chat.empty')));
  }
}

function chatRenderMessages(entry) {
  const box = $('chat-messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  const shown = box.dataset.session === String(entry.view.session) ? box.children.length : -1;
  if (shown === entry.messages.length) {
    return;
  }
  box.dataset.session = String(entry.view.session);
  box.replaceChildren(...entry.messages.map(chatBubble));
  if (atBottom || shown < 0 || shown < entry.messages.length) {
    box.scrollTop = box.scrollHeight;
  }
}

/** The visitor's on the left, the agent's on the right, the flow's and the system's in the middle. */
function chatBubble(message) {
  const time = new Intl.DateTimeFormat(viewerLocale(), { hour: '2-digit', minute: '2-digit', hour12: false })
    .format(new Date(message.at));
  const who = message.from === 'agent' ? (message.staffNo || 'agent') : message.from === 'visitor' ? 'visitor'
    : message.from === 'flow' ? 'flow' : 'system';
  return chatFilesDecorate(message, el('div', { class: 'chat-msg from-' + message.from,
    dataset: { id: String(message.id) } },
  el('div', { class: 'chat-msg-text' }, message.text),
  el('div', { class: 'chat-msg-meta' }, who + ' · ' + time)));
}

function chatRenderDetails(view) {
  $('chat-visitor').textContent = view ? view.visitor || '–' : '–';
  $('chat-name').textContent = view ? view.name || '–' : '–';
  const page = view && view.page ? view.page : null;
  $('chat-page').replaceChildren(page && /^https?:\/\//.test(page)
    ? el('a', { href: page, target: '_blank', rel: 'noopener noreferrer' }, page) : (page || '–'));
  $('chat-channel').textContent = view ? view.channel || '–' : '–';
  $('chat-group').textContent = view ? view.group || '–' : '–';
  $('chat-started').textContent = view ? when(view.createdAt) : '–';
}

function chatPreview(value, length) {
  const flat = String(value || '').replace(/\s+/g, ' ').trim();
  return flat.length > length ? flat.slice(0, length - 1) + '…' : flat;
}

function chatComposerKey(event) {
  if (chatRepliesKey(event)) {
    return;
  }
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    chatSend();
  }
}

function chatCount() {
  $('chat-count').textContent = $('chat-input').value.length + ' / ' + CHAT_MAX_TEXT;
}

function chatWire() {
  $('chat-composer').addEventListener('submit', chatSend);
  $('chat-input').addEventListener('keydown', chatComposerKey);
  $('chat-input').addEventListener('input', () => {
    chatCount();
    chatRepliesTyped();
  });
  $('chat-end').addEventListener('click', chatEnd);
  $('chat-back').addEventListener('click', () => $('chat-panel').classList.add('chat-show-list'));
  $('chat-finish').addEventListener('click', chatFinish);
  document.addEventListener('visibilitychange', () => !document.hidden && chatRender());
  chatRepliesWire();
  chatFilesWire();
  chatRender();
}

document.addEventListener('DOMContentLoaded', chatWire);
