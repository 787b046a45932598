// Message search in the Records tab (GET /api/chat-messages): a keyword, a kind (text, images, files) and the
// Records form's From/To dates. An agent finds its own conversations, a supervisor or administrator everyone's.
// A result opens the conversation at the message: an ended one in the Records transcript dialog, a live one in the
// chat panel (when it is on this workbench). Classic script sharing the workbench's global scope.
'use strict';

async function chatSearchRun(event) {
  event.preventDefault();
  const query = new URLSearchParams();
  const q = $('msg-search-q').value.trim();
  const kind = $('msg-search-kind').value;
  if (q) {
    query.set('q', q);
  }
  if (kind) {
    query.set('kind', kind);
  }
  for (const [name, id] of [['from', 'rec-from'], ['to', 'rec-to']]) {
    if ($(id).value) {
      query.set(name, new Date($(id).value).toISOString());
    }
  }
  const list = $('msg-search-results');
  const found = await attempt(() => busyWhile($('msg-search-send'),
    () => api('GET', '/api/chat-messages?' + query)), t('ui.search'));
  if (!found) {
    return;
  }
  const results = found.results || [];
  $('msg-search-status').textContent = t('srch.count', { n: results.length }) + (found.more ? t('srch.more') : '')
    + (found.partial ? t('srch.partial', { n: found.scannedRecords }) : '');
  list.replaceChildren(...results.map((hit) => el('li', {},
    el('button', { class: 'btn small', type: 'button', onclick: () => chatSearchOpen(hit) },
      formatDateTime(new Date(hit.at)) + ' · ' + (hit.live ? t('srch.live', { id: hit.sessionId }) : hit.recordId)),
    el('span', { class: 'muted' }, ' '
      + (hit.from === 'agent' && hit.staffNo ? t('srch.agent', { staffNo: hit.staffNo }) : hit.from)
      + ' · ' + (hit.visitorName || hit.visitorId) + ' · '),
    el('span', {}, hit.snippet))));
}

/** Opens the conversation of a result and highlights the message. */
async function chatSearchOpen(hit) {
  if (!hit.live) {
    await openRecordTranscript(hit.recordId);
    chatSearchMark($('record-transcript-lines').querySelector('[data-message="' + hit.messageId + '"]'));
    return;
  }
  if (typeof chatDesk === 'undefined' || !chatDesk.sessions.has(hit.sessionId)) {
    toast(t('srch.elsewhere', { id: hit.sessionId }));
    return;
  }
  showView('workbench');
  chatSelect(hit.sessionId);
  chatSearchMark($('chat-messages').querySelector('[data-id="' + hit.messageId + '"]'));
}

function chatSearchMark(node) {
  if (node) {
    node.classList.add('search-hit');
    node.scrollIntoView({ block: 'center' });
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('msg-search-form').addEventListener('submit', chatSearchRun);
});
