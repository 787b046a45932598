// Administration in the workbench: the trunks' list (the form: admin-trunks.js), the dial plan, tenant settings, screen-pop pages and quick replies.
'use strict';

async function loadTrunks() {
  const table = $('trunks-table');
  try {
    const rows = await api('GET', '/api/trunks');
    const [, columns] = ADMIN_PAGES.trunks;
    fillTable(table, [...columns, ['', (t) => actions(smallButton('Edit', () => editTrunk(t)),
      smallButton('Delete', (button) => deleteTrunk(t, button), true))]], Array.isArray(rows) ? rows : [],
    'No trunks.');
  } catch (e) {
    adminTableError(table, e);
  }
  try {
    $('dp-json').value = JSON.stringify(await api('GET', '/api/dial-plan'), null, 2);
  } catch (e) {
    toast('Dial plan not read: ' + e.message);
  }
}

function parseJson(value, what) {
  try {
    return JSON.parse(value);
  } catch (e) {
    toast(what + ' is not valid JSON: ' + e.message);
    return undefined;
  }
}

async function deleteTrunk(trunk, button) {
  if (!await confirmAction('Delete the trunk ' + trunk.name + '?')) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/trunks/' + encodeURIComponent(trunk.name))), 'Trunk not deleted');
  if (done !== undefined) {
    toast('Trunk ' + trunk.name + ' deleted.', 'ok');
    loadTrunks();
  }
}

async function saveDialPlan(event) {
  event.preventDefault();
  const body = parseJson($('dp-json').value, 'The dial plan');
  if (body === undefined) {
    return;
  }
  const saved = await attempt(() => busyWhile($('dp-save'), () => api('PUT', '/api/dial-plan', body)),
    'Dial plan not saved');
  if (saved) {
    toast('Dial plan saved.', 'ok');
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
    'Settings not saved');
  if (saved) {
    toast('Settings saved.', 'ok');
    loadSettings();
  }
}

async function loadScreenPops() {
  const answer = await api('GET', '/api/screen-pops');
  const pages = answer.pages || [];
  $('pop-add').disabled = pages.length >= (answer.max || 5);
  fillTable($('pops-table'), [
    ['#', (p) => p.index + 1],
    ['Name', (p) => p.name],
    ['URL', (p) => el('code', { class: 'small' }, p.url)],
    ['Shown', (p) => el('input', {
      type: 'checkbox', checked: p.enabled, 'aria-label': 'Shown to agents',
      onchange: (e) => popChange(p.index, { enabled: e.currentTarget.checked }),
    })],
    ['', (p) => el('div', { class: 'row' },
      el('button', { class: 'btn small', type: 'button', disabled: p.index === 0, 'aria-label': 'Move up',
        onclick: () => popChange(p.index, { direction: 'up' }, '/move') }, '↑'),
      el('button', { class: 'btn small', type: 'button', disabled: p.index === pages.length - 1,
        'aria-label': 'Move down', onclick: () => popChange(p.index, { direction: 'down' }, '/move') }, '↓'),
      el('button', { class: 'btn small danger', type: 'button', onclick: () => popDelete(p) }, 'Delete'))],
  ], pages, 'No screen-pop page.');
}

async function popChange(index, body, suffix = '') {
  await attempt(() => api('POST', '/api/screen-pops/' + index + suffix, body), 'Page not changed');
  await attempt(loadScreenPops);
}

async function popDelete(page) {
  if (await confirmAction('Delete the screen-pop page ' + page.name + '?')) {
    await attempt(() => api('DELETE', '/api/screen-pops/' + page.index), 'Page not deleted');
    await attempt(loadScreenPops);
  }
}

async function addScreenPop(event) {
  event.preventDefault();
  const body = { name: $('pop-name').value.trim(), url: $('pop-url').value.trim(), enabled: true };
  const done = await attempt(() => busyWhile($('pop-add'), () => api('POST', '/api/screen-pops', body)),
    'Page not added');
  if (done) {
    $('pop-form').reset();
    await attempt(loadScreenPops);
  }
}

/** A reply's field edited in place: saved on change. */
function quickReplyField(reply, field, max) {
  return el('input', {
    type: 'text', value: reply[field] || '', maxlength: max, 'aria-label': 'Reply ' + field,
    onchange: (e) => attempt(() => api('POST', '/api/quick-replies/' + reply.id, { [field]: e.currentTarget.value }),
      'Reply not changed').then((saved) => saved && toast('Reply saved.', 'ok')),
  });
}

async function loadQuickReplies() {
  const replies = await api('GET', '/api/quick-replies');
  fillTable($('replies-table'), [
    ['Group', (r) => quickReplyField(r, 'group', 30)],
    ['Title', (r) => quickReplyField(r, 'title', 50)],
    ['Text', (r) => quickReplyField(r, 'text', 500)],
    ['', (r) => el('button', {
      class: 'btn small danger', type: 'button',
      onclick: async () => {
        if (await confirmAction('Delete this quick reply?')) {
          await attempt(() => api('DELETE', '/api/quick-replies/' + r.id), 'Reply not deleted');
          await attempt(loadQuickReplies);
        }
      },
    }, 'Delete')],
  ], Array.isArray(replies) ? replies : [], 'No quick reply.');
}

async function addQuickReply(event) {
  event.preventDefault();
  const body = { group: $('reply-group').value.trim(), title: $('reply-title').value.trim(),
    text: $('reply-text').value.trim() };
  const done = await attempt(() => busyWhile($('reply-add'), () => api('POST', '/api/quick-replies', body)),
    'Reply not added');
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
    () => postCsv('/api/quick-replies/import', csv)), 'Replies not imported');
  if (!report) {
    return;
  }
  const refused = (report.rows || []).filter((r) => !r.ok);
  $('reply-imp-report').hidden = refused.length === 0;
  fillTable($('reply-imp-report'), [['Row', (r) => r.row],
    ['Refused', (r) => el('span', { class: 'form-error' }, r.error || 'not added')]], refused, '');
  toast(report.created + ' repl(ies) added, ' + report.failed + ' refused.', report.failed ? 'error' : 'ok');
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
