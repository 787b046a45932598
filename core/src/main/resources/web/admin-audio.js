// Switchboard workbench: the audio library's administration page (管理音频, 001; issue 17 item 8). Upload a WAV or MP3
// with a name and an id (what flows refer to); the list shows name, type, size, uploader, state and where each audio
// is used; rename, download (the file as uploaded), approve, delete (refused while a flow uses it: the server names
// the flows). A classic script after admin-pages.js; it registers its page in ADMIN_PAGES and adds no other global.
'use strict';

(() => {
  const AUDIO_ID = /^[A-Za-z0-9_-]{1,64}$/;

  function audioPage() {
    const page = $('admin-audio');
    if (page.dataset.built) {
      return;
    }
    page.dataset.built = 'yes';
    page.append(
      el('h2', {}, t('audio.title')),
      el('p', { class: 'muted small' }, t('audio.hint')),
      el('form', { id: 'audio-form', class: 'filters', onsubmit: upload },
        el('label', {}, t('audio.name') + ' ', el('input', { id: 'aud-name', type: 'text', required: true,
          maxlength: '64' })),
        el('label', { title: t('audio.idHint') }, t('audio.id') + ' ', el('input', { id: 'aud-id', type: 'text',
          required: true, maxlength: '64', pattern: '[A-Za-z0-9_\\-]{1,64}' })),
        el('label', { class: 'grow' }, t('audio.file') + ' ', el('input', { id: 'aud-file', type: 'file',
          accept: '.wav,.mp3,audio/wav,audio/mpeg', required: true })),
        el('button', { id: 'aud-upload', class: 'btn primary', type: 'submit' }, t('audio.upload'))),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table', id: 'audio-table' })));
  }

  function size(bytes) {
    if (bytes === undefined || bytes === null) {
      return '–';
    }
    return bytes < 1024 ? bytes + ' B' : bytes < 1048576 ? (bytes / 1024).toFixed(1) + ' KB'
      : (bytes / 1048576).toFixed(1) + ' MB';
  }

  function usedBy(audio) {
    const uses = audio.usedBy || [];
    return uses.length ? uses.map((u) => t('audio.use.' + u.kind, { name: u.name })).join(', ') : t('audio.unused');
  }

  async function loadAudioPage() {
    audioPage();
    const table = $('audio-table');
    let rows;
    try {
      rows = await api('GET', '/api/audio');
    } catch (e) {
      adminTableError(table, e);
      return;
    }
    fillTable(table, [
      [t('audio.name'), (a) => el('span', { class: 'aud-name', dataset: { audio: a.id } }, a.name || a.id)],
      [t('audio.id'), (a) => a.id], [t('audio.type'), (a) => a.type], [t('audio.size'), (a) => size(a.size)],
      [t('audio.uploader'), (a) => a.uploader], [t('audio.uploadedAt'), (a) => when(a.uploadedAt)],
      [t('audio.state'), (a) => el('span', { class: 'chip' }, t('audio.state.' + a.state))],
      [t('audio.usedBy'), usedBy],
      ['', (a) => actions(
        smallButton(t('audio.rename'), () => rename(a)),
        el('a', { class: 'btn small', href: '/api/audio/' + encodeURIComponent(a.id) + '/original',
          download: a.fileName || a.id }, t('audio.download')),
        a.state === 'pending' ? smallButton(t('audio.approve'), (button) => approve(a, button)) : null,
        smallButton(t('audio.delete'), (button) => remove(a, button), true))],
    ], Array.isArray(rows) ? rows : [], t('audio.none'));
  }

  function rename(audio) {
    const cell = document.querySelector('.aud-name[data-audio="' + CSS.escape(audio.id) + '"]');
    if (!cell) {
      return;
    }
    editInPlace(cell, audio.name || audio.id, 64, t('audio.name'), async (name, button) => {
      const saved = await attempt(() => busyWhile(button, () => api('POST', '/api/audio/'
        + encodeURIComponent(audio.id) + '/rename', { name })), t('audio.notRenamed'));
      if (saved) {
        toast(t('audio.renamed', { name: saved.name }), 'ok');
        loadAudioPage();
      }
    }, loadAudioPage);
  }

  async function upload(event) {
    event.preventDefault();
    const file = $('aud-file').files[0];
    const id = $('aud-id').value.trim();
    const name = $('aud-name').value.trim();
    if (!file || !AUDIO_ID.test(id)) {
      toast(t('audio.idHint'));
      return;
    }
    const path = '/api/audio/' + encodeURIComponent(id) + '?name=' + encodeURIComponent(name) + '&filename='
      + encodeURIComponent(file.name);
    const done = await attempt(() => busyWhile($('aud-upload'), () => postRaw(path, file,
      file.type || 'application/octet-stream')), t('audio.notUploaded'));
    if (done) {
      toast(t('audio.uploaded', { name: done.name }), 'ok');
      $('audio-form').reset();
      loadAudioPage();
    }
  }

  async function approve(audio, button) {
    const done = await attempt(() => busyWhile(button, () => api('POST', '/api/audio/'
      + encodeURIComponent(audio.id) + '/approve', {})), t('audio.notApproved'));
    if (done) {
      toast(t('audio.approved', { name: done.name }), 'ok');
      loadAudioPage();
    }
  }

  async function remove(audio, button) {
    if (!await confirmAction(t('audio.deleteConfirm', { name: audio.name || audio.id }))) {
      return;
    }
    let done;
    try {
      done = await busyWhile(button, () => api('DELETE', '/api/audio/' + encodeURIComponent(audio.id)));
    } catch (e) {
      // 409 in_use: the server's message names the flows; the page says it in its language with the list it shows
      toast(t('audio.notDeleted') + ': ' + (e.code === 'in_use' ? t('audio.inUse', { users: usedBy(audio) })
        : errorText(e)));
      loadAudioPage();
      return;
    }
    if (done !== undefined) {
      toast(t('audio.deleted', { name: audio.name || audio.id }), 'ok');
      loadAudioPage();
    }
  }

  ADMIN_PAGES.audio = ['/api/audio', [], loadAudioPage];
})();
