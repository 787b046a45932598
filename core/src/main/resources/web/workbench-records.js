// The workbench's views and the service records tab (queries, pages, a chat's transcript).
'use strict';

// ------------------------------------------------------------------------------------------------ views

function showView(name) {
  if (name === 'admin' && (!app.me || app.me.role !== 'admin')) {
    name = 'workbench';
  }
  if ((name === 'supervision' || name === 'wallboard') && !supAllowed()) {
    name = 'workbench';
  }
  if (name === 'workbench' && $('tab-workbench').hidden) {
    name = 'supervision';
  }
  app.view = name;
  if (name === 'supervision') {
    supOpen();
  } else {
    supClose();
  }
  if (name === 'wallboard') {
    wbOpen();
  } else {
    wbClose();
  }
  for (const view of ['workbench', 'supervision', 'wallboard', 'records', 'admin']) {
    $('view-' + view).hidden = view !== name;
    $('tab-' + view).setAttribute('aria-selected', String(view === name));
    $('tab-' + view).classList.toggle('active', view === name);
  }
  if (name === 'records') {
    openRecords();
  } else if (name === 'admin') {
    showAdminPage(app.adminPage);
  }
}

// ------------------------------------------------------------------------------------------------ records

async function openRecords() {
  if (!app.recordsLoaded) {
    app.recordsLoaded = true;
    const [groups, agents] = await Promise.all([
      api('GET', '/api/groups').catch(() => []),
      app.me && app.me.role !== 'agent' ? api('GET', '/api/agents').catch(() => []) : Promise.resolve([]),
    ]);
    $('rec-group').replaceChildren(el('option', { value: '' }, t('records.allGroups')),
      ...groups.map((g) => el('option', { value: g.name }, g.name)));
    $('rec-agent').replaceChildren(el('option', { value: '' }, t('records.allAgents')),
      ...agents.map((a) => el('option', { value: a.staffNo }, (a.name || a.staffNo) + ' (' + a.staffNo + ')')));
  }
  await loadRecords();
}

function recordsQuery(paged) {
  const query = new URLSearchParams();
  const from = $('rec-from').value;
  const to = $('rec-to').value;
  if (from) {
    query.set('from', new Date(from).toISOString());
  }
  if (to) {
    query.set('to', new Date(to).toISOString());
  }
  for (const [field, id] of [['group', 'rec-group'], ['agent', 'rec-agent'], ['type', 'rec-type']]) {
    if ($(id).value) {
      query.set(field, $(id).value);
    }
  }
  // an agent reads its own records; a supervisor, like an administrator, every agent's (and their recordings)
  if (app.me && app.me.role === 'agent' && app.me.staffNo) {
    query.set('agent', app.me.staffNo);
  }
  if (paged) {
    query.set('offset', String(app.recordsOffset));
    query.set('limit', String(RECORDS_PAGE));
  }
  return query.toString();
}

async function loadRecords() {
  const status = $('records-status');
  const query = recordsQuery(true);
  $('rec-csv').href = '/api/records.csv' + (recordsQuery(false) ? '?' + recordsQuery(false) : '');
  status.textContent = t('common.loading');
  let page;
  try {
    page = await api('GET', '/api/records?' + query);
  } catch (e) {
    status.textContent = e.status === 404 && e.code !== 'unknown_agent'
      ? t('records.unavailable') : errorText(e);
    $('records-body').replaceChildren();
    updatePager(0, 0);
    if (e.status !== 404) {
      toast(t('records.title') + ': ' + e.message, 'error');
    }
    return;
  }
  const records = Array.isArray(page) ? page : page.records || [];
  const total = Array.isArray(page) ? records.length : page.total ?? records.length;
  status.textContent = total === 0 ? t('records.none') : '';
  $('records-body').replaceChildren(...records.map(recordRow));
  updatePager(records.length, total);
}

function recordRow(r) {
  const answered = r.answered === true || r.answered === 'yes';
  const chat = r.type === 'chat' && r.chat ? r.chat : null;
  return el('tr', { dataset: { record: String(r.recordId ?? r.id ?? r.call ?? '') } },
    el('td', { class: 'nowrap' }, when(r.startedAt ?? r.start ?? r.started)),
    el('td', {}, el('span', { class: 'chip type-' + (r.type || 'none') }, r.type || '–')),
    el('td', { class: 'num' }, text(r.caller)),
    el('td', { class: 'num' }, text(r.callee)),
    el('td', { class: 'num' }, text(r.number)),
    el('td', {}, text(Array.isArray(r.flowKeys) ? r.flowKeys.join(' › ') : r.flowKeys)),
    el('td', {}, text(r.group)),
    el('td', {}, text(r.agent)),
    el('td', {}, el('span', { class: 'chip ' + (answered ? 'good' : 'warn') }, answered ? t('common.yes') : t('common.no'))),
    el('td', { class: 'num' }, seconds(r.ringSeconds)),
    el('td', { class: 'num' }, seconds(r.talkSeconds)),
    el('td', { class: 'num' }, seconds(r.holdSeconds)),
    el('td', { class: 'num' }, seconds(r.wrapUpSeconds)),
    el('td', {}, text(chat ? chat.outcome : r.ending).replace(/-/g, ' ')),
    el('td', {}, text(r.transfers)),
    el('td', {}, chat ? el('button', { class: 'btn small', type: 'button', title: 'The chat\'s messages',
      onclick: () => openRecordTranscript(r.recordId) }, t('records.transcript', { n: chat.messages }))
      : r.type !== 'chat' && r.id != null ? [r.recording ? recordingButton(r) : null, r.recording ? ' ' : null,
        traceLinks(r.id)] : '–'),
    el('td', { class: 'satisfaction' }, satisfactionText(r.satisfaction)));
}

/** A call's SIP trace (GET /api/records/{id}/trace, opened as text) and its pcap (downloaded). */
function traceLinks(id) {
  const path = '/api/records/' + encodeURIComponent(id) + '/trace';
  return el('span', { class: 'trace-links' },
    el('a', { class: 'btn small', href: path, target: '_blank', rel: 'noopener' }, t('records.sipTrace')), ' ',
    el('a', { class: 'btn small', href: path + '.pcap', download: 'call-' + id + '-trace.pcap' }, t('records.pcap')));
}

/** The survey's answer in a record: "2/5 满意 Satisfied · solved · "comment"", or – when none. */
function satisfactionText(s) {
  if (!s) {
    return '–';
  }
  return [s.level + '/' + s.levels + ' ' + s.label, s.solved === true ? t('rec.solved') : s.solved === false
    ? t('rec.notSolved') : null, s.comment ? '"' + s.comment + '"' : null].filter(Boolean).join(' · ');
}

/** One chat's record with its transcript (GET /api/records/chat-N), in a dialog listing the messages. */
async function openRecordTranscript(recordId) {
  let record;
  try {
    record = await api('GET', '/api/records/' + encodeURIComponent(recordId));
  } catch (e) {
    toast(t('col.transcript') + ': ' + e.message, 'error');
    return;
  }
  const chat = record.chat || {};
  $('record-transcript-title').textContent = t('rec.chat', { id: recordId });
  $('record-transcript-meta').textContent = [chat.channel, chat.visitorName || chat.visitorId, chat.page,
    record.agent ? t('srch.agent', { staffNo: record.agent }) : null, text(chat.outcome).replace(/-/g, ' '),
    t('rec.waited', { s: seconds(chat.waitingSeconds) }),
    t('rec.firstResponse', { s: seconds(chat.firstResponseSeconds) }),
    t('rec.duration', { s: seconds(chat.durationSeconds) }), record.satisfaction ? t('rec.satisfaction', {
      s: satisfactionText(record.satisfaction) }) : null].filter(Boolean).join(' · ');
  $('record-transcript-lines').replaceChildren(...(chat.transcript || []).map((m) =>
    el('li', { class: 'from-' + m.from, dataset: { message: String(m.id) } },
      el('span', { class: 'muted small' }, when(m.at) + ' · ' + (m.from === 'agent' && m.staffNo
        ? t('srch.agent', { staffNo: m.staffNo }) : m.from)),
      el('div', {}, m.text))));
  // chat-visitors.js: "Chat again" invites this visitor again (its page must be open)
  $('record-chat-again').dataset.record = recordId;
  $('record-transcript-dialog').showModal();
}

function updatePager(count, total) {
  const first = count ? app.recordsOffset + 1 : 0;
  $('rec-page').textContent = count ? t('rec.page', { first, last: app.recordsOffset + count, total }) : '';
  $('rec-prev').disabled = app.recordsOffset === 0;
  $('rec-next').disabled = app.recordsOffset + count >= total;
}
