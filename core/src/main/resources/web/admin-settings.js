// Administration in the workbench: the trunks' list (the form: admin-trunks.js), the dial plan, tenant settings, screen-pop pages and quick replies.
'use strict';

async function loadTrunks() {
  const table = $('trunks-table');
  try {
    const rows = await api('GET', '/api/trunks');
    const [, columns] = ADMIN_PAGES.trunks;
    fillTable(table, [...columns, ['', (trunk) => actions(smallButton(t('adm.edit'), () => editTrunk(trunk)),
      smallButton(t('adm.delete'), (button) => deleteTrunk(trunk, button), true))]],
    Array.isArray(rows) ? rows : [], t('set.noTrunks'));
  } catch (e) {
    adminTableError(table, e);
  }
  try {
    $('dp-json').value = JSON.stringify(await api('GET', '/api/dial-plan'), null, 2);
  } catch (e) {
    toast(t('set.dialPlanNotRead', { why: e.message }));
  }
}

function parseJson(value, what) {
  try {
    return JSON.parse(value);
  } catch (e) {
    toast(t('set.notJson', { what, why: e.message }));
    return undefined;
  }
}

async function deleteTrunk(trunk, button) {
  if (!await confirmAction(t('set.deleteTrunkConfirm', { name: trunk.name }))) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/trunks/' + encodeURIComponent(trunk.name))), t('set.trunkNotDeleted'));
  if (done !== undefined) {
    toast(t('set.trunkDeleted', { name: trunk.name }), 'ok');
    loadTrunks();
  }
}

async function saveDialPlan(event) {
  event.preventDefault();
  const body = parseJson($('dp-json').value, t('set.theDialPlan'));
  if (body === undefined) {
    return;
  }
  const saved = await attempt(() => busyWhile($('dp-save'), () => api('PUT', '/api/dial-plan', body)),
    t('set.dialPlanNotSaved'));
  if (saved) {
    toast(t('set.dialPlanSaved'), 'ok');
    $('dp-json').value = JSON.stringify(saved, null, 2);
  }
}

// tenant settings, screen-pop pages, quick replies

async function loadSettings() {
  const settings = await api('GET', '/api/settings');
  $('set-ring').value = settings.ringTimeoutSeconds;
  $('set-wrapup').value = settings.wrapUpSeconds;
  $('set-policy').value = settings.policy;
  $('set-last-agent').checked = Boolean(settings.lastAgentPriority);
  $('set-auto-answer').checked = Boolean(settings.autoAnswer);
  $('set-ring-enabled').checked = settings.ringTimeoutEnabled !== false;
  $('set-recovery-enabled').checked = settings.stateRecoveryEnabled !== false;
}

async function saveSettings(event) {
  event.preventDefault();
  const body = {
    ringTimeoutSeconds: Number($('set-ring').value), wrapUpSeconds: Number($('set-wrapup').value),
    policy: $('set-policy').value, lastAgentPriority: $('set-last-agent').checked,
    autoAnswer: $('set-auto-answer').checked, ringTimeoutEnabled: $('set-ring-enabled').checked,
    stateRecoveryEnabled: $('set-recovery-enabled').checked,
  };
  const saved = await attempt(() => busyWhile($('set-save'), () => api('POST', '/api/settings', body)),
    t('set.settingsNotSaved'));
  if (saved) {
    toast(t('set.settingsSaved'), 'ok');
    loadSettings();
  }
}

async function loadScreenPops() {
  const answer = await api('GET', '/api/screen-pops');
  const pages = answer.pages || [];
  $('pop-add').disabled = pages.length >= (answer.max || 5);
  fillTable($('pops-table'), [
    ['#', (p) => p.index + 1],
    ['ui.objectName', (p) => p.name],
    ['ui.url', (p) => el('code', { class: 'small' }, p.url)],
    ['pops.open', (p) => el('select', {
      'aria-label': t('pops.open'), dataset: { popOpen: String(p.index) },
      onchange: (e) => popChange(p.index, { open: e.currentTarget.value }),
    }, ...['tab', 'panel'].map((mode) => el('option', { value: mode, selected: (p.open || 'tab') === mode },
      t('pops.' + mode))))],
    ['set.shown', (p) => el('input', {
      type: 'checkbox', checked: p.enabled, 'aria-label': t('set.shownToAgents'),
      onchange: (e) => popChange(p.index, { enabled: e.currentTarget.checked }),
    })],
    ['', (p) => el('div', { class: 'row' },
      el('button', { class: 'btn small', type: 'button', disabled: p.index === 0, 'aria-label': t('set.moveUp'),
        onclick: () => popChange(p.index, { direction: 'up' }, '/move') }, '↑'),
      el('button', { class: 'btn small', type: 'button', disabled: p.index === pages.length - 1,
        'aria-label': t('set.moveDown'), onclick: () => popChange(p.index, { direction: 'down' }, '/move') }, '↓'),
      el('button', { class: 'btn small danger', type: 'button', onclick: () => popDelete(p) }, t('set.delete')))],
  ], pages, t('set.noScreenPopPage'));
}

async function popChange(index, body, suffix = '') {
  await attempt(() => api('POST', '/api/screen-pops/' + index + suffix, body), t('set.pageNotChanged'));
  await attempt(loadScreenPops);
}

async function popDelete(page) {
  if (await confirmAction(t('set.deletePopConfirm', { name: page.name }))) {
    await attempt(() => api('DELETE', '/api/screen-pops/' + page.index), t('set.pageNotDeleted'));
    await attempt(loadScreenPops);
  }
}

async function addScreenPop(event) {
  event.preventDefault();
  const body = {
    name: $('pop-name').value.trim(), url: $('pop-url').value.trim(), enabled: true, open: $('pop-open').value,
  };
  const done = await attempt(() => busyWhile($('pop-add'), () => api('POST', '/api/screen-pops', body)),
    t('set.pageNotAdded'));
  if (done) {
    $('pop-form').reset();
    await attempt(loadScreenPops);
  }
}

/** A reply's field edited in place: saved on change. */
function quickReplyField(reply, field, max) {
  return el('input', {
    type: 'text', value: reply[field] || '', maxlength: max, 'aria-label': t('set.replyField', { field }),
    onchange: (e) => attempt(() => api('POST', '/api/quick-replies/' + reply.id, { [field]: e.currentTarget.value }),
      t('set.replyNotChanged')).then((saved) => saved && toast(t('set.replySaved'), 'ok')),
  });
}

async function loadQuickReplies() {
  const replies = await api('GET', '/api/quick-replies');
  fillTable($('replies-table'), [
    ['ui.group', (r) => quickReplyField(r, 'group', 30)],
    ['ui.title', (r) => quickReplyField(r, 'title', 50)],
    ['ui.text', (r) => quickReplyField(r, 'text', 500)],
    ['', (r) => el('button', {
      class: 'btn small danger', type: 'button',
      onclick: async () => {
        if (await confirmAction(t('set.deleteThisQuickReply'))) {
          await attempt(() => api('DELETE', '/api/quick-replies/' + r.id), t('set.replyNotDeleted'));
          await attempt(loadQuickReplies);
        }
      },
    }, t('set.delete'))],
  ], Array.isArray(replies) ? replies : [], t('set.noQuickReply'));
}

async function addQuickReply(event) {
  event.preventDefault();
  const body = { group: $('reply-group').value.trim(), title: $('reply-title').value.trim(),
    text: $('reply-text').value.trim() };
  const done = await attempt(() => busyWhile($('reply-add'), () => api('POST', '/api/quick-replies', body)),
    t('set.replyNotAdded'));
  if (done) {
    $('reply-form').reset();
    await attempt(loadQuickReplies);
  }
}

/** A CSV file of replies (group,title,text) added row by row; the refused rows are listed. */
async function importQuickReplies(event) {
  event.preventDefault();
  const file = $('reply-imp-file').files[0];
  if (!file) {
    return;
  }
  const csv = await file.text();
  const report = await attempt(() => busyWhile($('reply-imp-send'),
    () => postCsv('/api/quick-replies/import', csv)), t('set.repliesNotImported'));
  if (!report) {
    return;
  }
  const refused = (report.rows || []).filter((r) => !r.ok);
  $('reply-imp-report').hidden = refused.length === 0;
  fillTable($('reply-imp-report'), [['set.row', (r) => r.row],
    ['set.refused', (r) => el('span', { class: 'form-error' }, r.error || t('set.notAdded'))]], refused, '');
  toast(t('set.repliesImported', { created: report.created, failed: report.failed }), report.failed ? 'error' : 'ok');
  $('reply-imp-form').reset();
  await attempt(loadQuickReplies);
}

function confirmAction(message) {
  const dialog = $('confirm-dialog');
  $('confirm-text').textContent = message;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'),
    { once: true }));
}
