// Supervisors on a live call (issue 18), after supervision-voice.js (a classic script sharing its globals: supDesk,
// supSoon, and the page's api, $, el, t, attempt, busyWhile, toast): the Listen / Whisper / Barge / Leave buttons of
// a call talking to an agent, in the live calls' table and the agents' table (POST, PATCH and DELETE
// /api/calls/{id}/supervise; the server rings the supervisor's phone: the workbench's own, which answers by itself);
// and on an agent's workbench the tenant's notice that a supervisor listens (its 'supervised' event). Its words, in
// English and Chinese, are here too, so that other changes to the dictionaries merge without conflicts.
'use strict';

Object.assign(I18N.en, {
  'sup.col.supervise': 'Supervise', 'sup.mode.listen': 'Listen', 'sup.mode.whisper': 'Whisper',
  'sup.mode.barge': 'Barge', 'sup.mode.leave': 'Leave', 'sup.supervising': 'Call #{id}: {mode}',
  'sup.supervisingRinging': 'Call #{id}: {mode} (your phone rings)', 'sup.left': 'You left call #{id}.',
  'sup.notSupervised': 'Supervision', 'sup.supervisedBy': '{mode} · {who}',
  'call.supervised': 'A supervisor is on the call ({mode})',
});

Object.assign(I18N['zh-CN'], {
  'sup.col.supervise': '监控', 'sup.mode.listen': '监听', 'sup.mode.whisper': '密语', 'sup.mode.barge': '强插',
  'sup.mode.leave': '退出', 'sup.supervising': '通话 #{id}：{mode}', 'sup.supervisingRinging': '通话 #{id}：{mode}（您的话机正在振铃）',
  'sup.left': '已退出通话 #{id}。', 'sup.notSupervised': '监控', 'sup.supervisedBy': '{mode} · {who}',
  'call.supervised': '班长已介入本通话（{mode}）',
});

const SUP_MODES = ['listen', 'whisper', 'barge'];

/** Whether the call talks to an agent (only such a call can be supervised); a supervisor's own leg cannot. */
function supSupervisable(call) {
  return call && call.type !== 'supervision' && (call.state === 'confirmed' || call.state === 'answered')
    && Boolean(call.callee) && Boolean((call.callee && call.callee.agent) || (call.caller && call.caller.agent));
}

/** The buttons of one call: the current mode pressed; Leave only while supervised; who supervises it. */
function supSuperviseCell(call) {
  if (!supSupervisable(call)) {
    return '–';
  }
  const current = call.supervision ? call.supervision.mode : null;
  const buttons = SUP_MODES.map((mode) => el('button', {
    class: 'btn small sup-mode' + (current === mode ? ' primary' : ''), type: 'button',
    'aria-pressed': current === mode ? 'true' : 'false', dataset: { call: String(call.id), mode },
    onclick: supSupervise }, t('sup.mode.' + mode)));
  buttons.push(el('button', { class: 'btn small sup-mode sup-leave', type: 'button', disabled: !current,
    dataset: { call: String(call.id), mode: 'leave' }, onclick: supSupervise }, t('sup.mode.leave')));
  const who = call.supervision ? el('span', { class: 'sup-supervisor' }, ' ' + t('sup.supervisedBy', {
    mode: t('sup.mode.' + current), who: call.supervision.supervisorName || call.supervision.supervisor })) : null;
  return el('span', { class: 'sup-supervise', dataset: { call: String(call.id) } }, buttons, who);
}

/** Starts (POST), switches (PATCH) or leaves (DELETE) the supervision of the button's call. */
async function supSupervise(event) {
  const button = event.currentTarget;
  const id = Number(button.dataset.call);
  const mode = button.dataset.mode;
  const call = supDesk.calls.find((c) => c.id === id);
  const path = '/api/calls/' + id + '/supervise';
  const done = await attempt(() => busyWhile(button, () => mode === 'leave' ? api('DELETE', path)
    : api(call && call.supervision ? 'PATCH' : 'POST', path, { mode })), t('sup.notSupervised'));
  if (!done) {
    return;
  }
  if (call) {
    call.supervision = mode === 'leave' ? null : done;
  }
  toast(mode === 'leave' ? t('sup.left', { id }) : t(done.state === 'ringing' ? 'sup.supervisingRinging'
    : 'sup.supervising', { id, mode: t('sup.mode.' + mode) }), 'ok');
  supRenderCalls();
  supRenderAgents();
  supSoon();
}

/** The agent's side: the tenant's notice that a supervisor is on its call (mode), or no longer (null). */
function callSupervised(event) {
  const badge = $('call-supervised');
  if (!badge) {
    return;
  }
  badge.hidden = !event.mode;
  badge.textContent = event.mode ? t('call.supervised', { mode: t('sup.mode.' + event.mode) }) : '';
}
