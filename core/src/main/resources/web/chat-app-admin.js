// App channels on the administrator's Channels page, beside chat-admin.js (which draws the website channels): create
// one (a name and a published flow) and see its secret once, change its flow, give it a new secret (shown once; the
// old one stops working), delete it. The secret signs the users' tokens on the company's server (see the README).
'use strict';

(() => {
  function section() {
    if ($('app-channels')) {
      return;
    }
    $('admin-channels').append(el('section', { id: 'app-channels' },
      el('h2', {}, t('apa.title')),
      el('p', { class: 'muted small' }, t('apa.intro')),
      el('form', { id: 'app-channel-form', class: 'filters', onsubmit: create },
        el('label', {}, t('ui.objectName') + ' ', el('input', { id: 'app-name', type: 'text', required: true, maxlength: 64,
          pattern: '[A-Za-z0-9_\\-]+', placeholder: 'mobile' })),
        el('label', {}, t('apa.flow') + ' ', el('select', { id: 'app-flow', required: true })),
        el('button', { id: 'app-save', class: 'btn primary', type: 'submit' }, t('apa.createAppChannel'))),
      el('div', { id: 'app-secret-box', class: 'cf-snippet', hidden: true, role: 'status' },
        el('h3', { id: 'app-secret-title' }, t('apa.secret')),
        el('p', { class: 'muted small' }, t('apa.once')),
        el('input', { id: 'app-secret', type: 'text', readonly: true, size: 48, spellcheck: 'false' })),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table', id: 'app-channels-table' }))));
  }

  function showSecret(row) {
    $('app-secret-title').textContent = t('apa.secretOf', { name: row.name });
    $('app-secret').value = row.secret;
    $('app-secret-box').hidden = false;
    $('app-secret').select();
  }

  async function load() {
    section();
    const table = $('app-channels-table');
    let channels;
    let flows;
    try {
      [channels, flows] = await Promise.all([api('GET', '/api/chat/channels'), api('GET', '/api/chat/flows')]);
    } catch (e) {
      table.replaceChildren(el('caption', {}, e.message || String(e)));
      return;
    }
    const usable = flows.filter((f) => f.state !== 'unpublished').map((f) => f.name);
    $('app-flow').replaceChildren(...usable.map((name) => el('option', { value: name }, name)));
    $('app-save').disabled = !usable.length;
    const apps = channels.filter((c) => c.kind === 'app');
    const head = el('tr', {}, ...[t('ui.objectName'), t('apa.flow'), ''].map((label) => el('th', {}, label)));
    const rows = apps.map((c) => {
      const select = el('select', { 'aria-label': t('apa.flowOf', { name: c.name }) },
        el('option', { value: '' }, t('apa.none')), usable.map((name) => el('option', { value: name }, name)));
      select.value = c.flow || '';
      select.addEventListener('change', () => save(c.name, select.value || null, t('apa.flowChanged')));
      return el('tr', { dataset: { app: c.name } }, el('td', {}, c.name), el('td', {}, select),
        el('td', {}, el('button', { class: 'btn small', type: 'button', onclick: () => rotate(c.name) },
          t('apa.newSecret')), ' ', el('button', { class: 'btn small danger', type: 'button',
          onclick: () => remove(c.name) }, t('apa.delete2'))));
    });
    table.replaceChildren(el('thead', {}, head), el('tbody', {}, ...(rows.length ? rows
      : [el('tr', {}, el('td', { colspan: 3, class: 'muted' }, t('apa.noAppChannels')))])));
  }

  async function save(name, flow, done) {
    const row = await attempt(() => api('PUT', '/api/chat/channels/' + encodeURIComponent(name),
      { kind: 'app', flow }), t('apa.appChannelNotSaved'));
    if (row) {
      toast(done, 'ok');
      if (row.secret) {
        showSecret(row);
      }
    }
    load();
    return row;
  }

  async function create(event) {
    event.preventDefault();
    const name = $('app-name').value.trim();
    if (await save(name, $('app-flow').value || null, t('apa.created', { name }))) {
      $('app-channel-form').reset();
    }
  }

  async function rotate(name) {
    if (!window.confirm(t('apa.rotate', { name }))) {
      return;
    }
    const row = await attempt(() => api('POST', '/api/chat/channels/' + encodeURIComponent(name) + '/secret', {}),
      t('apa.noNewSecret'));
    if (row) {
      showSecret(row);
    }
  }

  async function remove(name) {
    if (!window.confirm(t('apa.delete', { name }))) {
      return;
    }
    if (await attempt(() => api('DELETE', '/api/chat/channels/' + encodeURIComponent(name)), t('apa.notDeleted'))) {
      $('app-secret-box').hidden = true;
      load();
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    const page = ADMIN_PAGES.channels;
    const websites = page[2];
    page[2] = async (...args) => {
      await websites(...args);
      await load();
    };
  });
})();
