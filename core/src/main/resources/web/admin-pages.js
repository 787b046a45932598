// Administration in the workbench: the admin tabs, their tables, accounts, agents and skill groups; other admin
// pages (chat-admin.js, survey-admin.js, ivr-admin.js, admin-settings.js) add theirs to ADMIN_PAGES.
'use strict';

// ------------------------------------------------------------------------------------------------ administration

function showAdminPage(page) {
  app.adminPage = page;
  for (const button of document.querySelectorAll('.admin-tab')) {
    button.classList.toggle('active', button.dataset.admin === page);
  }
  for (const section of document.querySelectorAll('.admin-page')) {
    section.hidden = section.id !== 'admin-' + page;
  }
  loadAdminPage(page);
}

/** A table of rows: columns are [label, value of a row (text or a node)]. */
function fillTable(table, columns, rows, empty, failed) {
  const head = el('thead', {}, el('tr', {}, columns.map(([label]) => el('th', {}, t(label)))));
  const body = el('tbody', {}, rows.length ? rows.map((row) => el('tr', {}, columns.map(([, value]) => {
    const cell = value(row);
    return el('td', {}, cell instanceof Node ? cell : text(cell));
  }))) : el('tr', {}, el('td', { colspan: columns.length, class: failed ? 'form-error' : 'muted' },
    t(empty || 'adm.nothingHere'))));
  table.replaceChildren(head, body);
}

const ADMIN_PAGES = {
  groups: ['/api/groups', [['ui.objectName', (g) => g.name], ['ui.policy', (g) => g.policy],
    ['adm.members', (g) => g.members],
    ['adm.idleAgents', (g) => g.idleAgents], ['adm.waiting', (g) => g.queueLength]]],
  agents: ['/api/agents', [['ui.staffNo', (a) => a.staffNo], ['ui.name', (a) => a.name],
    ['ui.extension', (a) => a.extension],
    ['adm.state', (a) => el('span', { class: 'chip st-' + a.state }, (STATE_LABELS[a.state] || a.state)
      + (a.reason ? ' · ' + a.reason : ''))],
    ['ui.groups', (a) => a.groups], ['adm.callsToday', (a) => a.callsToday],
    ['adm.autoAnswer', (a) => a.autoAnswer ? t('common.yes') : t('common.no')]]],
  trunks: ['/api/trunks', [['ui.objectName', (t) => t.name], ['adm.host', (t) => t.host + (t.port ? ':' + t.port : '')],
    ['adm.transport', (t) => t.transport], ['ui.numbers', (t) => t.numbers], ['adm.callerId', (t) => t.callerId],
    ['adm.calls', (t) => (t.activeCalls ?? 0) + (t.maxCalls ? ' / ' + t.maxCalls : '')],
    ['adm.registration', (t) => t.registration ? t.registration.state : '–']]],
};

async function loadAdminPage(page) {
  if (page === 'accounts') {
    return loadAccounts();
  }
  if (page === 'settings' || page === 'pops' || page === 'replies') {
    return attempt({ settings: loadSettings, pops: loadScreenPops, replies: loadQuickReplies }[page]);
  }
  if (page === 'groups') {
    return loadGroups();
  }
  if (page === 'agents') {
    return loadAgents();
  }
  if (page === 'trunks') {
    return loadTrunks();
  }
  const [path, columns, load] = ADMIN_PAGES[page];
  if (load) {
    return load(); // a page of another script (chat-admin.js) that loads itself
  }
  const table = $(page + '-table');
  try {
    const rows = await api('GET', path);
    fillTable(table, columns, Array.isArray(rows) ? rows : []);
  } catch (e) {
    fillTable(table, [['', () => '']], [], e.message, true);
  }
  return undefined;
}

async function loadAccounts() {
  const table = $('accounts-table');
  let accounts;
  try {
    accounts = await api('GET', '/api/accounts');
  } catch (e) {
    fillTable(table, [['', () => '']], [], e.status === 404 ? t('adm.accountsUnavailable')
      : e.message, true);
    return;
  }
  const list = Array.isArray(accounts) ? accounts : accounts.accounts || [];
  fillTable(table, [
    ['ui.eMail', (a) => a.email], ['ui.name', (a) => a.name], ['ui.role', (a) => a.role],
    ['ui.extension', (a) => a.extension], ['ui.staffNo', (a) => a.staffNo],
    ['', (a) => el('div', { class: 'row' },
      el('button', { class: 'btn small', type: 'button', onclick: (e) => resetPassword(a, e.currentTarget) },
        t('adm.resetPassword')),
      el('button', {
        class: 'btn small danger', type: 'button', disabled: app.me && a.email === app.me.email,
        onclick: (e) => deleteAccount(a, e.currentTarget),
      }, t('adm.delete')))],
  ], list, t('adm.noAccounts'));
}

function firstPasswordOf(answer) {
  return answer && (answer.password || answer.firstPassword || answer.initialPassword || answer.temporaryPassword);
}

function showSecret(title, message, secret) {
  $('secret-title').textContent = title;
  $('secret-text').textContent = message;
  $('secret-value').textContent = secret || t('adm.notReturned');
  $('secret-dialog').showModal();
}

async function createAccount(event) {
  event.preventDefault();
  const body = {
    email: $('acc-email').value.trim(), name: $('acc-name').value.trim(), role: $('acc-role').value,
  };
  const extension = $('acc-extension').value.trim();
  if (extension) {
    body.extension = extension;
  }
  const answer = await attempt(() => busyWhile($('acc-create'), () => api('POST', '/api/accounts', body)),
    t('adm.accountNotCreated'));
  if (answer) {
    $('account-form').reset();
    showSecret(t('adm.accountCreated'), t('adm.firstPasswordOf', { who: body.email }), firstPasswordOf(answer));
    loadAccounts();
  }
}

async function resetPassword(account, button) {
  if (!await confirmAction(t('adm.resetConfirm', { email: account.email }))) {
    return;
  }
  const answer = await attempt(() => busyWhile(button, () =>
    api('POST', '/api/accounts/' + encodeURIComponent(account.email) + '/reset-password', {})),
  t('adm.passwordNotReset'));
  if (answer) {
    showSecret(t('adm.passwordReset'), t('adm.newPasswordOf', { who: account.email }), firstPasswordOf(answer));
  }
}

async function deleteAccount(account, button) {
  if (!await confirmAction(t('adm.deleteAccountConfirm', { email: account.email }))) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/accounts/' + encodeURIComponent(account.email))), t('adm.accountNotDeleted'));
  if (done !== undefined) {
    toast(t('adm.accountDeleted', { email: account.email }), 'ok');
    loadAccounts();
  }
}

// agents and skill groups

function adminTableError(table, e) {
  fillTable(table, [['', () => '']], [], e.message, true);
}

function actions(...buttons) {
  return el('div', { class: 'row' }, buttons);
}

function smallButton(label, onclick, danger) {
  return el('button', { class: 'btn small' + (danger ? ' danger' : ''), type: 'button',
    onclick: (e) => onclick(e.currentTarget) }, label);
}

/**
 * Turns a table cell into an input with Save: Enter saves, Escape gives up ({@code cancel}). {@code save(value,
 * button)} sends the change.
 */
function editInPlace(cell, value, maxlength, label, save, cancel) {
  const input = el('input', { type: 'text', class: 'in-place', maxlength: String(maxlength), value,
    'aria-label': label });
  const button = smallButton(t('admin.save'), (b) => save(input.value.trim(), b));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      save(input.value.trim(), button);
    } else if (e.key === 'Escape') {
      cancel();
    }
  });
  cell.replaceChildren(input, button);
  input.focus();
}

function listOf(value) {
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

const AGENTS_PAGE_SIZE = 20;

/** The agents page: its filters (name, e-mail, mobile, skill group) and page, asked of the server. */
async function loadAgents() {
  const table = $('agents-table');
  const filters = app.agentFilters || (app.agentFilters = { page: 1 });
  const params = new URLSearchParams({ page: String(filters.page), size: String(AGENTS_PAGE_SIZE) });
  for (const [key, id] of [['name', 'agf-name'], ['email', 'agf-email'], ['mobile', 'agf-mobile'],
    ['group', 'agf-group']]) {
    const value = $(id).value.trim();
    if (value) {
      params.set(key, value);
    }
  }
  let answer;
  try {
    answer = await api('GET', '/api/agents?' + params);
  } catch (e) {
    adminTableError(table, e);
    return;
  }
  fillAgentGroups();
  const pages = Math.max(1, Math.ceil(answer.total / answer.size));
  $('agf-info').textContent = t('agents.pageInfo', { page: answer.page, pages, total: answer.total });
  $('agf-prev').disabled = answer.page <= 1;
  $('agf-next').disabled = answer.page >= pages;
  const [, columns] = ADMIN_PAGES.agents;
  fillTable(table, [...columns, ['', (a) => actions(
    smallButton(t('adm.edit'), () => editAgent(a)),
    smallButton(t('adm.delete'), (button) => deleteAgent(a, button), true))]], answer.agents || [],
  t('agents.none'));
}


/** The skill group filter's choices, kept as chosen. */
async function fillAgentGroups() {
  const select = $('agf-group');
  const groups = await api('GET', '/api/groups').catch(() => []);
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, t('agents.allGroups')),
    ...(Array.isArray(groups) ? groups : []).map((g) => el('option', { value: g.name }, g.name)));
  select.value = chosen;
}

/** Filters changed: back to the first page. */
function filterAgents(event) {
  event.preventDefault();
  app.agentFilters = { page: 1 };
  loadAgents();
}

function agentsPage(step) {
  app.agentFilters = { page: Math.max(1, (app.agentFilters ? app.agentFilters.page : 1) + step) };
  loadAgents();
}

function resetAgentForm() {
  app.editingAgent = null;
  $('agent-form').reset();
  $('agt-nickname').placeholder = '';
  $('agt-mobile').placeholder = '';
  for (const id of ['agt-staff', 'agt-email', 'agt-extension', 'agt-role']) {
    $(id).disabled = false;
  }
  $('agt-save').textContent = t('ui.createAgent');
  $('agt-cancel').hidden = true;
}

async function editAgent(row) {
  const agent = await attempt(() => api('GET', '/api/agents/' + encodeURIComponent(row.staffNo)),
    t('adm.agentNotRead'));
  if (!agent) {
    return;
  }
  const record = agent.agent || agent;
  app.editingAgent = row.staffNo;
  $('agt-staff').value = row.staffNo;
  $('agt-name').value = record.name || '';
  $('agt-email').value = record.email || '';
  $('agt-nickname').value = record.nickname || '';
  $('agt-nickname').placeholder = t('ui.unchangedIfEmpty');
  $('agt-mobile').placeholder = t('ui.unchangedIfEmpty');
  $('agt-extension').value = record.extension || row.extension || '';
  $('agt-mobile').value = record.mobile || '';
  $('agt-role').value = record.role || 'agent';
  $('agt-groups').value = (record.groups || row.groups || []).join(', ');
  for (const id of ['agt-staff', 'agt-email', 'agt-extension', 'agt-role']) {
    $(id).disabled = true;
  }
  $('agt-save').textContent = t('adm.saveAgent');
  $('agt-cancel').hidden = false;
}

async function saveAgent(event) {
  event.preventDefault();
  const common = {
    name: $('agt-name').value.trim(), nickname: $('agt-nickname').value.trim(),
    mobile: $('agt-mobile').value.trim(), groups: listOf($('agt-groups').value),
  };
  if (app.editingAgent) {
    const staffNo = app.editingAgent;
    // The API does not show the nickname or the mobile: left empty, they stay as they are.
    for (const key of ['nickname', 'mobile']) {
      if (!common[key]) {
        delete common[key];
      }
    }
    const saved = await attempt(() => busyWhile($('agt-save'), () =>
      api('POST', '/api/agents/' + encodeURIComponent(staffNo), common)), t('adm.agentNotSaved'));
    if (saved) {
      toast(t('adm.agentSaved', { staffNo }), 'ok');
      resetAgentForm();
      loadAgents();
    }
    return;
  }
  const body = {
    staffNo: $('agt-staff').value.trim(), email: $('agt-email').value.trim(),
    extension: $('agt-extension').value.trim(), role: $('agt-role').value, ...common,
  };
  for (const key of ['name', 'nickname', 'mobile']) {
    if (!body[key]) {
      delete body[key];
    }
  }
  const answer = await attempt(() => busyWhile($('agt-save'), () => api('POST', '/api/agents', body)),
    t('adm.agentNotCreated'));
  if (answer) {
    resetAgentForm();
    showSecret(t('adm.agentCreated'), t('adm.firstPasswordOf', { who: body.staffNo + ' (' + body.email + ')' }),
      answer.firstPassword || firstPasswordOf(answer));
    loadAgents();
  }
}

async function deleteAgent(agent, button) {
  if (!await confirmAction(t('adm.deleteAgentConfirm', { staffNo: agent.staffNo }))) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/agents/' + encodeURIComponent(agent.staffNo))), t('adm.agentNotDeleted'));
  if (done !== undefined) {
    toast(t('adm.agentDeleted', { staffNo: agent.staffNo }), 'ok');
    loadAgents();
  }
}

/** A CSV file posted as is; its JSON answer, or an ApiError. */
function postCsv(path, csv) {
  return postRaw(path, csv, 'text/csv; charset=utf-8');
}

/** A body (text, a file) posted as it is with its type; the JSON answer, or an ApiError. */
async function postRaw(path, body, type) {
  const response = await fetch(path, {
    method: 'POST', credentials: 'same-origin', body,
    headers: { 'Content-Type': type, Accept: 'application/json', 'X-Requested-With': 'switchboard' },
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.error) || 'http_' + response.status,
      (data && data.message) || response.statusText || 'request failed');
  }
  return data;
}

async function importAgents(event) {
  event.preventDefault();
  const file = $('imp-file').files[0];
  if (!file) {
    return;
  }
  const csv = await file.text();
  const report = await attempt(() => busyWhile($('imp-send'), () => postCsv('/api/agents/import', csv)),
    t('adm.agentsNotImported'));
  if (!report) {
    return;
  }
  $('import-report-wrap').hidden = false;
  fillTable($('import-report'), [['adm.row', (r) => r.row], ['ui.staffNo', (r) => r.staffNo],
    ['adm.result', (r) => r.ok ? t('adm.created')
      : el('span', { class: 'form-error' }, r.error || t('adm.notCreated'))],
    ['adm.firstPassword', (r) => r.firstPassword ? el('code', {}, r.firstPassword) : '']],
  report.rows || [], t('adm.theFileHasNoRows'));
  toast(t('adm.imported', { created: report.created, failed: report.failed }), report.failed ? 'error' : 'ok');
  $('import-form').reset();
  loadAgents();
}

async function loadGroups() {
  const table = $('groups-table');
  let groups;
  let agents;
  try {
    [groups, agents] = await Promise.all([api('GET', '/api/groups'), api('GET', '/api/agents').catch(() => [])]);
  } catch (e) {
    adminTableError(table, e);
    return;
  }
  groups = Array.isArray(groups) ? groups : [];
  agents = Array.isArray(agents) ? agents : [];
  const select = $('mem-group');
  const chosen = select.value;
  select.replaceChildren(...groups.map((g) => el('option', { value: g.name }, g.name)));
  if (groups.some((g) => g.name === chosen)) {
    select.value = chosen;
  }
  const members = (group) => {
    const list = agents.filter((a) => (a.groups || []).includes(group.name));
    if (!list.length) {
      return text(group.members);
    }
    return el('div', { class: 'row' }, list.map((a) => el('span', { class: 'chip member' }, a.staffNo + ' ',
      el('button', { class: 'toast-close', type: 'button', title: t('adm.remove', { who: a.staffNo }),
        'aria-label': t('adm.removeFrom', { who: a.staffNo, group: group.name }),
        onclick: (e) => removeMember(group, a, e.currentTarget) }, '✕'))));
  };
  fillTable(table, [['ui.objectName', (g) => g.name], ['ui.policy', (g) => g.policy],
    ['ui.maxQueue', (g) => g.maxQueueLength],
    ['ui.maxWaitS', (g) => g.maxWaitSeconds], ['ui.fallback', (g) => g.fallback],
    ['adm.chatsAgent', (g) => g.concurrency], ['adm.acceptS', (g) => g.chatAcceptTimeoutSeconds || t('chat.off')],
    ['adm.pool', (g) => (g.chatPool ? t('chat.on') : t('chat.off'))],
    ['ui.postCallSurvey', (g) => (g.postCallSurvey ? t('chat.on') : t('chat.off'))],
    ['ui.groupRecording', (g) => (g.recording !== false ? t('chat.on') : t('chat.off'))],
    ['adm.members', members],
    ['adm.idleAgents', (g) => g.idleAgents], ['adm.waiting', (g) => g.queueLength],
    ['', (g) => actions(smallButton(t('adm.edit'), () => editGroup(g)),
      smallButton(t('group.rename'), (button) => renameGroup(g, button)),
      smallButton(t('adm.delete'), (button) => deleteGroup(g, button), true))]], groups, t('adm.noSkillGroups'));
}

function resetGroupForm() {
  app.editingGroup = null;
  $('group-form').reset();
  $('grp-name').disabled = false;
  $('grp-save').textContent = t('ui.createGroup');
  $('grp-cancel').hidden = true;
}

function editGroup(group) {
  app.editingGroup = group.name;
  $('grp-name').value = group.name;
  $('grp-name').disabled = true;
  $('grp-policy').value = group.policy || '';
  $('grp-max-queue').value = group.maxQueueLength ?? 0;
  $('grp-max-wait').value = group.maxWaitSeconds ?? 0;
  $('grp-fallback').value = group.fallback || 'hangup';
  $('grp-concurrency').value = group.concurrency ?? 3;
  $('grp-accept').value = group.chatAcceptTimeoutSeconds ?? 30;
  $('grp-pool').checked = Boolean(group.chatPool);
  $('grp-post-call-survey').checked = Boolean(group.postCallSurvey);
  $('grp-recording').checked = group.recording !== false;
  $('grp-save').textContent = t('adm.saveGroup');
  $('grp-cancel').hidden = false;
}

async function saveGroup(event) {
  event.preventDefault();
  const body = {
    name: $('grp-name').value.trim(), policy: $('grp-policy').value || null,
    maxQueueLength: Number($('grp-max-queue').value || 0), maxWaitSeconds: Number($('grp-max-wait').value || 0),
    fallback: $('grp-fallback').value.trim() || 'hangup',
    concurrency: Number($('grp-concurrency').value || 3), chatAcceptTimeoutSeconds: Number($('grp-accept').value || 0),
    chatPool: $('grp-pool').checked, postCallSurvey: $('grp-post-call-survey').checked,
    recording: $('grp-recording').checked,
  };
  const editing = app.editingGroup;
  const saved = await attempt(() => busyWhile($('grp-save'), () => editing
    ? api('POST', '/api/groups/' + encodeURIComponent(editing), body)
    : api('POST', '/api/groups', body)), editing ? t('adm.groupNotSaved') : t('adm.groupNotCreated'));
  if (saved) {
    toast(t(editing ? 'adm.groupSaved' : 'adm.groupCreated', { name: body.name }), 'ok');
    resetGroupForm();
    loadGroups();
  }
}

/** Renames a group (its members, numbers and fallbacks follow on the server; records keep the old name). */
async function renameGroup(group, button) {
  const entered = window.prompt(t('group.renamePrompt', { name: group.name }), group.name);
  const name = entered === null ? '' : entered.trim();
  if (!name || name === group.name) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () => api('POST', '/api/groups/'
    + encodeURIComponent(group.name) + '/rename', { name })), t('group.notRenamed'));
  if (done !== undefined) {
    toast(t('group.renamed', { old: group.name, name }), 'ok');
    loadGroups();
  }
}

async function deleteGroup(group, button) {
  if (!await confirmAction(t('adm.deleteGroupConfirm', { name: group.name }))) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/groups/' + encodeURIComponent(group.name))), t('adm.groupNotDeleted'));
  if (done !== undefined) {
    toast(t('adm.groupDeleted', { name: group.name }), 'ok');
    loadGroups();
  }
}

async function addMember(event) {
  event.preventDefault();
  const group = $('mem-group').value;
  const agent = $('mem-agent').value.trim();
  if (!group) {
    toast(t('adm.createASkillGroupFirst'));
    return;
  }
  const done = await attempt(() => busyWhile($('mem-add'), () =>
    api('POST', '/api/groups/' + encodeURIComponent(group) + '/members', { agent })), t('adm.memberNotAdded'));
  if (done !== undefined) {
    toast(t('adm.memberAdded', { agent, group }), 'ok');
    $('mem-agent').value = '';
    loadGroups();
  }
}

async function removeMember(group, agent, button) {
  const done = await attempt(() => busyWhile(button, () => api('DELETE', '/api/groups/'
    + encodeURIComponent(group.name) + '/members/' + encodeURIComponent(agent.staffNo))), t('adm.memberNotRemoved'));
  if (done !== undefined) {
    toast(t('adm.memberRemoved', { agent: agent.staffNo, group: group.name }), 'ok');
    loadGroups();
  }
}
