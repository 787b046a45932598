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
  const head = el('thead', {}, el('tr', {}, columns.map(([label]) => el('th', {}, label))));
  const body = el('tbody', {}, rows.length ? rows.map((row) => el('tr', {}, columns.map(([, value]) => {
    const cell = value(row);
    return el('td', {}, cell instanceof Node ? cell : text(cell));
  }))) : el('tr', {}, el('td', { colspan: columns.length, class: failed ? 'form-error' : 'muted' },
    empty || 'Nothing here.')));
  table.replaceChildren(head, body);
}

const ADMIN_PAGES = {
  groups: ['/api/groups', [['Name', (g) => g.name], ['Policy', (g) => g.policy], ['Members', (g) => g.members],
    ['Idle agents', (g) => g.idleAgents], ['Waiting', (g) => g.queueLength]]],
  agents: ['/api/agents', [['Staff no.', (a) => a.staffNo], ['Name', (a) => a.name],
    ['Extension', (a) => a.extension],
    ['State', (a) => el('span', { class: 'chip st-' + a.state }, (STATE_LABELS[a.state] || a.state)
      + (a.reason ? ' · ' + a.reason : ''))],
    ['Groups', (a) => a.groups], ['Calls today', (a) => a.callsToday],
    ['Auto answer', (a) => a.autoAnswer ? 'yes' : 'no']]],
  trunks: ['/api/trunks', [['Name', (t) => t.name], ['Host', (t) => t.host + (t.port ? ':' + t.port : '')],
    ['Transport', (t) => t.transport], ['Numbers', (t) => t.numbers], ['Caller ID', (t) => t.callerId],
    ['Calls', (t) => (t.activeCalls ?? 0) + (t.maxCalls ? ' / ' + t.maxCalls : '')],
    ['Registration', (t) => t.registration ? t.registration.state : '–']]],
  numbers: ['/api/numbers', [['Number', (n) => n.number], ['Direction', (n) => n.direction], ['Flow', (n) => n.flow]]],
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
    fillTable(table, [['', () => '']], [], e.status === 404 ? 'Accounts are not available on this server yet.'
      : e.message, true);
    return;
  }
  const list = Array.isArray(accounts) ? accounts : accounts.accounts || [];
  fillTable(table, [
    ['E-mail', (a) => a.email], ['Name', (a) => a.name], ['Role', (a) => a.role],
    ['Extension', (a) => a.extension], ['Staff no.', (a) => a.staffNo],
    ['', (a) => el('div', { class: 'row' },
      el('button', { class: 'btn small', type: 'button', onclick: (e) => resetPassword(a, e.currentTarget) },
        'Reset password'),
      el('button', {
        class: 'btn small danger', type: 'button', disabled: app.me && a.email === app.me.email,
        onclick: (e) => deleteAccount(a, e.currentTarget),
      }, 'Delete'))],
  ], list, 'No accounts.');
}

function firstPasswordOf(answer) {
  return answer && (answer.password || answer.firstPassword || answer.initialPassword || answer.temporaryPassword);
}

function showSecret(title, message, secret) {
  $('secret-title').textContent = title;
  $('secret-text').textContent = message;
  $('secret-value').textContent = secret || '(the server did not return it)';
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
    'Account not created');
  if (answer) {
    $('account-form').reset();
    showSecret('Account created', 'The first password of ' + body.email + ':', firstPasswordOf(answer));
    loadAccounts();
  }
}

async function resetPassword(account, button) {
  if (!await confirmAction('Give ' + account.email + ' a new password? The old one stops working.')) {
    return;
  }
  const answer = await attempt(() => busyWhile(button, () =>
    api('POST', '/api/accounts/' + encodeURIComponent(account.email) + '/reset-password', {})),
  'Password not reset');
  if (answer) {
    showSecret('Password reset', 'The new password of ' + account.email + ':', firstPasswordOf(answer));
  }
}

async function deleteAccount(account, button) {
  if (!await confirmAction('Delete the account ' + account.email + '? It can no longer log in; its records stay.')) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/accounts/' + encodeURIComponent(account.email))), 'Account not deleted');
  if (done !== undefined) {
    toast('Account ' + account.email + ' deleted.', 'ok');
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

function listOf(value) {
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

async function loadAgents() {
  const table = $('agents-table');
  let rows;
  try {
    rows = await api('GET', '/api/agents');
  } catch (e) {
    adminTableError(table, e);
    return;
  }
  const [, columns] = ADMIN_PAGES.agents;
  fillTable(table, [...columns, ['', (a) => actions(
    smallButton('Edit', () => editAgent(a)),
    smallButton('Delete', (button) => deleteAgent(a, button), true))]], Array.isArray(rows) ? rows : [],
  'No agents.');
}

function resetAgentForm() {
  app.editingAgent = null;
  $('agent-form').reset();
  $('agt-nickname').placeholder = '';
  $('agt-mobile').placeholder = '';
  for (const id of ['agt-staff', 'agt-email', 'agt-extension', 'agt-role']) {
    $(id).disabled = false;
  }
  $('agt-save').textContent = 'Create agent';
  $('agt-cancel').hidden = true;
}

async function editAgent(row) {
  const agent = await attempt(() => api('GET', '/api/agents/' + encodeURIComponent(row.staffNo)), 'Agent not read');
  if (!agent) {
    return;
  }
  const record = agent.agent || agent;
  app.editingAgent = row.staffNo;
  $('agt-staff').value = row.staffNo;
  $('agt-name').value = record.name || '';
  $('agt-email').value = record.email || '';
  $('agt-nickname').value = record.nickname || '';
  $('agt-nickname').placeholder = 'unchanged if empty';
  $('agt-mobile').placeholder = 'unchanged if empty';
  $('agt-extension').value = record.extension || row.extension || '';
  $('agt-mobile').value = record.mobile || '';
  $('agt-role').value = record.role || 'agent';
  $('agt-groups').value = (record.groups || row.groups || []).join(', ');
  for (const id of ['agt-staff', 'agt-email', 'agt-extension', 'agt-role']) {
    $(id).disabled = true;
  }
  $('agt-save').textContent = 'Save agent';
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
      api('POST', '/api/agents/' + encodeURIComponent(staffNo), common)), 'Agent not saved');
    if (saved) {
      toast('Agent ' + staffNo + ' saved.', 'ok');
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
    'Agent not created');
  if (answer) {
    resetAgentForm();
    showSecret('Agent created', 'The first password of ' + body.staffNo + ' (' + body.email + '):',
      answer.firstPassword || firstPasswordOf(answer));
    loadAgents();
  }
}

async function deleteAgent(agent, button) {
  if (!await confirmAction('Delete the agent ' + agent.staffNo + '? Their account can no longer log in.')) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/agents/' + encodeURIComponent(agent.staffNo))), 'Agent not deleted');
  if (done !== undefined) {
    toast('Agent ' + agent.staffNo + ' deleted.', 'ok');
    loadAgents();
  }
}

/** A CSV file posted as is; its JSON answer, or an ApiError. */
async function postCsv(path, csv) {
  const response = await fetch(path, {
    method: 'POST', credentials: 'same-origin', body: csv,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', Accept: 'application/json' },
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
    'Agents not imported');
  if (!report) {
    return;
  }
  $('import-report-wrap').hidden = false;
  fillTable($('import-report'), [['Row', (r) => r.row], ['Staff no.', (r) => r.staffNo],
    ['Result', (r) => r.ok ? 'created' : el('span', { class: 'form-error' }, r.error || 'not created')],
    ['First password', (r) => r.firstPassword ? el('code', {}, r.firstPassword) : '']],
  report.rows || [], 'The file has no rows.');
  toast(report.created + ' agent(s) created, ' + report.failed + ' refused.', report.failed ? 'error' : 'ok');
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
      el('button', { class: 'toast-close', type: 'button', title: 'Remove ' + a.staffNo,
        'aria-label': 'Remove ' + a.staffNo + ' from ' + group.name,
        onclick: (e) => removeMember(group, a, e.currentTarget) }, '✕'))));
  };
  fillTable(table, [['Name', (g) => g.name], ['Policy', (g) => g.policy], ['Max queue', (g) => g.maxQueueLength],
    ['Max wait (s)', (g) => g.maxWaitSeconds], ['Fallback', (g) => g.fallback],
    ['Chats / agent', (g) => g.concurrency], ['Accept (s)', (g) => g.chatAcceptTimeoutSeconds || 'off'],
    ['Pool', (g) => (g.chatPool ? 'on' : 'off')], ['Post-call survey', (g) => (g.postCallSurvey ? 'on' : 'off')],
    ['Members', members],
    ['Idle agents', (g) => g.idleAgents], ['Waiting', (g) => g.queueLength],
    ['', (g) => actions(smallButton('Edit', () => editGroup(g)),
      smallButton(t('group.rename'), (button) => renameGroup(g, button)),
      smallButton('Delete', (button) => deleteGroup(g, button), true))]], groups, 'No skill groups.');
}

function resetGroupForm() {
  app.editingGroup = null;
  $('group-form').reset();
  $('grp-name').disabled = false;
  $('grp-save').textContent = 'Create group';
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
  $('grp-save').textContent = 'Save group';
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
  };
  const editing = app.editingGroup;
  const saved = await attempt(() => busyWhile($('grp-save'), () => editing
    ? api('POST', '/api/groups/' + encodeURIComponent(editing), body)
    : api('POST', '/api/groups', body)), editing ? 'Group not saved' : 'Group not created');
  if (saved) {
    toast('Group ' + body.name + (editing ? ' saved.' : ' created.'), 'ok');
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
  if (!await confirmAction('Delete the skill group ' + group.name + '?')) {
    return;
  }
  const done = await attempt(() => busyWhile(button, () =>
    api('DELETE', '/api/groups/' + encodeURIComponent(group.name))), 'Group not deleted');
  if (done !== undefined) {
    toast('Group ' + group.name + ' deleted.', 'ok');
    loadGroups();
  }
}

async function addMember(event) {
  event.preventDefault();
  const group = $('mem-group').value;
  const agent = $('mem-agent').value.trim();
  if (!group) {
    toast('Create a skill group first.');
    return;
  }
  const done = await attempt(() => busyWhile($('mem-add'), () =>
    api('POST', '/api/groups/' + encodeURIComponent(group) + '/members', { agent })), 'Member not added');
  if (done !== undefined) {
    toast(agent + ' added to ' + group + '.', 'ok');
    $('mem-agent').value = '';
    loadGroups();
  }
}

async function removeMember(group, agent, button) {
  const done = await attempt(() => busyWhile(button, () => api('DELETE', '/api/groups/'
    + encodeURIComponent(group.name) + '/members/' + encodeURIComponent(agent.staffNo))), 'Member not removed');
  if (done !== undefined) {
    toast(agent.staffNo + ' removed from ' + group.name + '.', 'ok');
    loadGroups();
  }
}
