// Switchboard workbench: the break reasons' administration page (小休原因, issue 17). Add, rename (in place) and
// delete the reasons agents choose for a break (GET /api/break-reasons/all, POST /api/break-reasons,
// POST /api/break-reasons/{name}, DELETE /api/break-reasons/{name}); an agent on a break keeps its reason whatever
// happens to it here. A classic script after admin-pages.js; it registers its page in ADMIN_PAGES and adds no other
// global.
'use strict';

(() => {
  function reasonsPage() {
    const page = $('admin-reasons');
    if (page.dataset.built) {
      return;
    }
    page.dataset.built = 'yes';
    page.append(
      el('h2', {}, t('reasons.title')),
      el('p', { class: 'muted small' }, t('reasons.hint')),
      el('form', { id: 'reason-form', class: 'filters', onsubmit: add },
        el('label', {}, t('reasons.name') + ' ', el('input', { id: 'rsn-name', type: 'text', required: true,
          maxlength: '20' })),
        el('button', { id: 'rsn-add', class: 'btn primary', type: 'submit' }, t('reasons.add'))),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table', id: 'reasons-table' })));
  }

  async function loadReasonsPage() {
    reasonsPage();
    const table = $('reasons-table');
    let all;
    try {
      all = await api('GET', '/api/break-reasons/all');
    } catch (e) {
      adminTableError(table, e);
      return;
    }
    const current = (all.reasons || []).filter((r) => !r.retired);
    fillTable(table, [
      [t('reasons.name'), (r) => el('span', { class: 'rsn-name', dataset: { reason: r.name } }, r.name)],
      ['', (r) => actions(smallButton(t('reasons.rename'), () => rename(r)),
        smallButton(t('reasons.delete'), (button) => remove(r, button), true))],
    ], current, t('reasons.none'));
  }

  /** After a change: the table and this page's own break menu. */
  function changed(message) {
    toast(message, 'ok');
    loadReasonsPage();
    loadBreakReasons();
  }

  async function add(event) {
    event.preventDefault();
    const name = $('rsn-name').value.trim();
    const done = await attempt(() => busyWhile($('rsn-add'), () => api('POST', '/api/break-reasons', { name })),
      t('reasons.notAdded'));
    if (done) {
      $('reason-form').reset();
      changed(t('reasons.added', { name }));
    }
  }

  function rename(reason) {
    const cell = document.querySelector('.rsn-name[data-reason="' + CSS.escape(reason.name) + '"]');
    if (!cell) {
      return;
    }
    editInPlace(cell, reason.name, 20, t('reasons.name'), async (name, button) => {
      const done = await attempt(() => busyWhile(button, () => api('POST', '/api/break-reasons/'
        + encodeURIComponent(reason.name), { name })), t('reasons.notRenamed'));
      if (done) {
        changed(t('reasons.renamed', { old: reason.name, name }));
      }
    }, loadReasonsPage);
  }

  async function remove(reason, button) {
    if (!await confirmAction(t('reasons.deleteConfirm', { name: reason.name }))) {
      return;
    }
    const done = await attempt(() => busyWhile(button, () => api('DELETE', '/api/break-reasons/'
      + encodeURIComponent(reason.name))), t('reasons.notDeleted'));
    if (done !== undefined) {
      changed(t('reasons.deleted', { name: reason.name }));
    }
  }

  ADMIN_PAGES.reasons = ['/api/break-reasons/all', [], loadReasonsPage];
})();
