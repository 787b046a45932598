// Images, files and recalls in the workbench's chat panel (issue 16). chat-panel.js calls three hooks:
// chatFilesDecorate(message, bubble) shows an image as a thumbnail (scaled by CSS; a click opens it whole) and a file
// as a link with its name and size, a recalled message as its notice, and puts a Recall button on the agent's own
// messages for their first 2 minutes; chatFilesRecalled(event) replaces a recalled message in place; chatFilesWire()
// adds the attach button and the paste of an image to the composer. Files are read with the session cookie from
// GET /api/chat-files/{id}.

const CHAT_FILES_RECALL_MS = 120000;
const CHAT_FILES_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/bmp'];

function chatFilesSize(bytes) {
  return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB'
    : bytes >= 1024 ? Math.round(bytes / 1024) + ' KB' : bytes + ' B';
}

function chatFilesDecorate(message, bubble) {
  const body = bubble.querySelector('.chat-msg-text');
  if (message.recalled) {
    bubble.classList.add('chat-msg-recalled');
  } else if (message.file) {
    const url = '/api/chat-files/' + encodeURIComponent(message.file.id);
    body.replaceChildren(message.kind === 'image'
      ? el('a', { href: url, target: '_blank', rel: 'noopener' },
        el('img', { class: 'chat-thumb', src: url, alt: message.file.name, loading: 'lazy' }))
      : el('a', { href: url, download: message.file.name, class: 'chat-file' },
        '📎 ' + message.file.name + ' (' + chatFilesSize(message.file.size) + ')'));
  }
  if (message.from === 'agent' && !message.recalled && app.me && message.staffNo === app.me.staffNo
    && Date.now() - message.at < CHAT_FILES_RECALL_MS) {
    bubble.append(el('button', { class: 'btn small chat-recall', type: 'button',
      onclick: () => attempt(() => chatFilesRecall(message), t('files.notRecalled')) }, t('files.recall')));
  }
  return bubble;
}

async function chatFilesRecall(message) {
  const recalled = await api('POST', chatBase() + '/' + message.session + '/messages/' + message.id + '/recall');
  chatFilesRecalled(recalled);
}

/** A recalled message takes the place of the one shown (same id); the conversation is drawn again. */
function chatFilesRecalled(event) {
  const entry = chatDesk.sessions.get(event.session);
  if (!entry) {
    return;
  }
  const at = entry.messages.findIndex((m) => m.id === event.id);
  if (at >= 0) {
    entry.messages[at] = Object.assign({}, event, { type: 'chat.message' });
    $('chat-messages').dataset.session = '';
    chatRender();
  }
}

async function chatFilesSend(file) {
  const id = chatDesk.selected;
  const entry = chatDesk.sessions.get(id);
  if (!file || !entry || entry.view.state !== 'serving') {
    return;
  }
  const kind = CHAT_FILES_IMAGE_TYPES.includes(file.type) ? 'image' : 'file';
  const url = chatBase() + '/' + id + '/files?kind=' + kind + '&name=' + encodeURIComponent(file.name || 'image');
  const response = await fetch(url, { method: 'POST', credentials: 'same-origin', body: file,
    headers: { Accept: 'application/json', 'Content-Type': 'application/octet-stream',
      'X-Requested-With': 'switchboard' } });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.error) || 'http_' + response.status,
      (data && data.message) || 'not sent');
  }
  chatMerge(entry, [data], false);
  chatRender();
}

function chatFilesWire() {
  const input = el('input', { type: 'file', id: 'chat-file-input', hidden: true });
  const attach = el('button', { id: 'chat-attach', class: 'btn small', type: 'button', title: t('files.sendAnImageOrA'),
    onclick: () => input.click() }, t('files.attach'));
  input.addEventListener('change', () => {
    const file = input.files[0];
    input.value = '';
    attempt(() => chatFilesSend(file), t('files.notSent'));
  });
  $('chat-replies-btn').after(attach, input);
  $('chat-input').addEventListener('paste', (event) => {
    const item = [...(event.clipboardData ? event.clipboardData.items : [])]
      .find((i) => i.kind === 'file' && CHAT_FILES_IMAGE_TYPES.includes(i.type));
    if (item) {
      event.preventDefault();
      attempt(() => chatFilesSend(item.getAsFile()), t('files.notSent'));
    }
  });
}
