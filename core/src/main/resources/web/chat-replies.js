// Quick replies in the chat composer, beside chat-panel.js (classic scripts sharing one global scope). The list is
// the administered one (GET /api/quick-replies, any signed-in account). Two ways in: the "Quick replies" button
// opens the whole list; typing `#` and a few letters opens the replies whose title or text contain them. Arrow keys
// and Enter (or Tab), or a click, put the reply's text in the composer (in place of the `#letters`); Esc closes.
'use strict';

const chatReplies = {
  list: [],                 // [{id, title?, text}]
  shown: [],                // the replies in the open list
  index: 0,                 // the highlighted one
  hash: null,               // {start, end} of the `#letters` being completed, or null (the menu)
};

async function chatRepliesLoad() {
  const replies = await api('GET', '/api/quick-replies');
  chatReplies.list = Array.isArray(replies) ? replies : [];
}

function chatReplyTitle(reply) {
  return reply.title || chatPreview(reply.text, 40);
}

/** The `#letters` right before the caret, or null. */
function chatRepliesToken(input) {
  const before = input.value.slice(0, input.selectionStart);
  const match = /(^|\s)#([^\s#]*)$/.exec(before);
  return match ? { start: before.length - match[2].length - 1, end: before.length, query: match[2] } : null;
}

/** After each change of the composer: opens, narrows or closes the `#` completion. */
function chatRepliesTyped() {
  const token = chatRepliesToken($('chat-input'));
  if (!token) {
    if (chatReplies.hash) {
      chatRepliesClose();
    }
    return;
  }
  const query = token.query.toLowerCase();
  const matches = chatReplies.list.filter((r) => chatReplyTitle(r).toLowerCase().includes(query)
    || String(r.text).toLowerCase().includes(query));
  chatRepliesOpen(matches, token);
}

async function chatRepliesMenu() {
  if (!$('chat-replies-pop').hidden && !chatReplies.hash) {
    chatRepliesClose();
    return;
  }
  await attempt(chatRepliesLoad, t('ui.quickReplies'));
  chatRepliesOpen(chatReplies.list, null);
  $('chat-input').focus();
}

function chatRepliesOpen(replies, token) {
  // grouped: the groups in the order of their first reply, each group's replies in their order
  const order = new Map();
  replies.forEach((r) => { if (!order.has(r.group)) order.set(r.group, order.size); });
  chatReplies.shown = replies.map((r, i) => ({ r, i }))
    .sort((a, b) => (order.get(a.r.group) - order.get(b.r.group)) || (a.i - b.i))
    .map((x) => x.r).slice(0, 50);
  chatReplies.hash = token;
  chatReplies.index = 0;
  chatRepliesRender();
}

function chatRepliesClose() {
  chatReplies.shown = [];
  chatReplies.hash = null;
  $('chat-replies-pop').hidden = true;
}

function chatRepliesRender() {
  const pop = $('chat-replies-pop');
  const items = [];
  chatReplies.shown.forEach((reply, i) => {
    // a group's name above its first reply
    if (reply.group && (i === 0 || chatReplies.shown[i - 1].group !== reply.group)) {
      items.push(el('div', { class: 'chat-reply-group muted', role: 'presentation' }, reply.group));
    }
    items.push(chatReplyItem(reply, i));
  });
  pop.replaceChildren(...items);
  if (items.length === 0) {
    pop.append(el('div', { class: 'chat-reply-none muted' },
      chatReplies.list.length ? t('qr.noQuickReplyMatches') : t('qr.noQuickReplyYetAn')));
  }
  pop.hidden = false;
  const active = pop.querySelector('.active');
  if (active) {
    active.scrollIntoView({ block: 'nearest' });
  }
}

/** One reply of the list: its title and a preview of its text. */
function chatReplyItem(reply, i) {
  return el('div', {
    class: 'chat-reply' + (i === chatReplies.index ? ' active' : ''), role: 'option',
    'aria-selected': String(i === chatReplies.index), dataset: { id: String(reply.id) },
    // mousedown, not click: the composer keeps the focus and its caret
    onmousedown: (e) => {
      e.preventDefault();
      chatRepliesPick(i);
    },
  }, el('strong', {}, chatReplyTitle(reply)), el('span', { class: 'muted' }, chatPreview(reply.text, 120)));
}

/** Puts the reply's text in the composer: in place of the `#letters`, or at the caret. */
function chatRepliesPick(i) {
  const reply = chatReplies.shown[i];
  if (!reply) {
    return;
  }
  const input = $('chat-input');
  const range = chatReplies.hash || { start: input.selectionStart, end: input.selectionEnd };
  input.value = (input.value.slice(0, range.start) + reply.text + input.value.slice(range.end))
    .slice(0, CHAT_MAX_TEXT);
  const caret = Math.min(range.start + reply.text.length, input.value.length);
  input.setSelectionRange(caret, caret);
  chatRepliesClose();
  chatCount();
  input.focus();
}

/** The composer's keys while the list is open; true when the key was the list's. */
function chatRepliesKey(event) {
  if ($('chat-replies-pop').hidden) {
    return false;
  }
  const count = chatReplies.shown.length;
  if (event.key === 'Escape') {
    chatRepliesClose();
  } else if (event.key === 'ArrowDown' && count) {
    chatReplies.index = (chatReplies.index + 1) % count;
    chatRepliesRender();
  } else if (event.key === 'ArrowUp' && count) {
    chatReplies.index = (chatReplies.index + count - 1) % count;
    chatRepliesRender();
  } else if ((event.key === 'Enter' || event.key === 'Tab') && count && !event.shiftKey) {
    chatRepliesPick(chatReplies.index);
  } else {
    return false;
  }
  event.preventDefault();
  return true;
}

function chatRepliesWire() {
  $('chat-replies-btn').addEventListener('click', chatRepliesMenu);
  $('chat-input').addEventListener('blur', () => setTimeout(() => {
    if (document.activeElement !== $('chat-input') && document.activeElement !== $('chat-replies-btn')) {
      chatRepliesClose();
    }
  }, 150));
}
