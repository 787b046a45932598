// "New chat with an app user" in the workbench's chat panel (spec §9, 员工主动联系用户), beside chat-panel.js (classic
// scripts sharing one global scope): a button in the panel's head opens a small form (app channel, user id, first
// message); POST /api/chat/app-sessions opens the session served by this agent whether or not the user is connected,
// and the conversation is selected once its chat.offer event lists it. The answer is the same for any user id.
'use strict';

async function chatAppChannels() {
  const rows = await api('GET', '/api/chat/app-channels');
  const select = $('chat-app-channel');
  const chosen = select.value;
  select.replaceChildren(...rows.map((row) => el('option', { value: row.name }, row.name)));
  if (rows.some((row) => row.name === chosen)) {
    select.value = chosen;
  }
  $('chat-app-send').disabled = rows.length === 0;
  $('chat-app-none').hidden = rows.length > 0;
}

async function chatAppToggle() {
  const form = $('chat-app-form');
  form.hidden = !form.hidden;
  $('chat-app-error').textContent = '';
  if (!form.hidden) {
    await attempt(chatAppChannels, t('app.appChannels'));
    $('chat-app-user').focus();
  }
}

async function chatAppSubmit(event) {
  event.preventDefault();
  const button = $('chat-app-send');
  const body = { channel: $('chat-app-channel').value, userId: $('chat-app-user').value.trim(),
    text: $('chat-app-text').value };
  button.disabled = true;
  $('chat-app-error').textContent = '';
  try {
    const answer = await api('POST', '/api/chat/app-sessions', body);
    toast(t('vis.opened', { who: body.userId }), 'ok');
    $('chat-app-form').reset();
    $('chat-app-form').hidden = true;
    chatSelect(answer.session);
  } catch (e) {
    $('chat-app-error').textContent = e.message || String(e);
  } finally {
    button.disabled = false;
  }
}

function chatAppWire() {
  const form = el('form', { id: 'chat-app-form', class: 'chat-app-form', hidden: true, onsubmit: chatAppSubmit,
    'aria-label': t('app.newChatWithAnApp') },
  el('label', {}, t('app.channel') + ' ', el('select', { id: 'chat-app-channel', required: true })),
  el('label', {}, t('app.userId') + ' ', el('input', { id: 'chat-app-user', type: 'text', required: true,
    maxlength: 128, placeholder: 'U123', autocomplete: 'off' })),
  el('label', { class: 'chat-app-text' }, t('app.message') + ' ', el('textarea', { id: 'chat-app-text', rows: 2,
    required: true, maxlength: 4000 })),
  el('button', { id: 'chat-app-send', class: 'btn small primary', type: 'submit' }, t('app.start')),
  el('span', { id: 'chat-app-none', class: 'muted small', hidden: true }, t('app.none')),
  el('span', { id: 'chat-app-error', class: 'chat-app-error', role: 'alert' }));
  const open = el('button', { id: 'chat-app-new', class: 'btn small', type: 'button', onclick: chatAppToggle,
    title: t('app.title') }, '+ ' + t('app.new'));
  $('chat-panel').querySelector('.chat-head').append(open);
  $('chat-panel').querySelector('.chat-head').after(form);
  setInterval(() => {
    open.hidden = !chatIsAgent();
  }, 1000);
  open.hidden = !chatIsAgent();
}

document.addEventListener('DOMContentLoaded', chatAppWire);
