// The Supervision tab's voice part (issue 17), after supervision.js (a classic script sharing its globals: supDesk,
// supSoon, supFillOptions, and the page's app, api, $, el, t, attempt, busyWhile, toast, fillTable, clock,
// STATE_LABELS). The agents' table (state chip, reason, time in state, chats, current call) and the live calls'
// table (waiting in a queue, ringing, talking, on hold), drawn from what supLoad read (GET /api/agents, GET
// /api/calls) after each event of the supervisor's socket; an agent's row opens its actions (POST
// /api/agents/{staffNo}/state, .../wrap-up/end), a call's row its transfer to a colleague, a group or a number (POST
// /api/calls/{id}/transfer). The action panels sit outside the tables, so a redraw of a table never loses what the
// supervisor is choosing.
'use strict';

const supVoice = {
  agent: null,          // the staff number whose actions are open
  call: null,           // the id of the call whose transfer is open
  reasons: null,        // GET /api/break-reasons, read once
};

// ------------------------------------------------------------------------------------------------ agents

/** The call an agent is on or rung for: a leg of it is the agent's (the ACD's own call id as a fallback). */
function supCallOf(agent) {
  return supDesk.calls.find((c) => (c.caller && c.caller.agent === agent.staffNo)
    || (c.callee && c.callee.agent === agent.staffNo)) || supDesk.calls.find((c) => c.id === agent.call) || null;
}

/** Who the call is with, what was dialled, its group, since when, and whether held or muted. */
function supCallSummary(call) {
  const parts = [call.from || t('call.unknown'), '→ ' + (call.to || '?')];
  if (call.group) {
    parts.push('· ' + call.group);
  }
  const flags = supCallFlags(call);
  return el('span', {}, '#' + call.id + ' ' + parts.join(' ') + ' · ',
    el('span', { class: 'sup-call-time', dataset: { call: String(call.id) } }, supSince(call.startedAt)),
    flags ? ' · ' + flags : '');
}

function supCallFlags(call) {
  const legs = [call.caller, call.callee].filter(Boolean);
  const flags = [];
  if (legs.some((leg) => leg.held)) {
    flags.push(t('call.onHold'));
  }
  if (legs.some((leg) => leg.muted)) {
    flags.push(t('call.muted'));
  }
  return flags.join(', ');
}

function supSince(at) {
  return at ? clock(Date.now() - at) : '–';
}

function supRenderAgents() {
  const now = Date.now();
  for (const agent of supDesk.agents) {
    agent.since = agent.stateSeconds == null ? null : now - agent.stateSeconds * 1000;
  }
  fillTable($('sup-agents'), [
    [t('col.agent'), (a) => (a.name || a.staffNo) + ' (' + a.staffNo + ')'],
    [t('sup.col.state'), (a) => el('span', { class: 'chip st-' + a.state, dataset: { agent: a.staffNo } },
      (STATE_LABELS[a.state] || a.state) + (a.reason ? ' · ' + a.reason : ''))],
    [t('sup.col.time'), (a) => el('span', { class: 'sup-agent-time', dataset: { agent: a.staffNo } },
      supSince(a.since))],
    [t('sup.col.chats'), (a) => (a.openChats ?? 0) + ' / ' + (a.chatLimit || '–')
      + (a.chatsFull ? ' (' + t('sup.full') + ')' : '')],
    [t('chat.reception'), (a) => a.chatReception ? t('chat.on') : t('chat.off')],
    [t('sup.col.call'), (a) => {
      const call = supCallOf(a);
      return call ? supCallSummary(call) : '–';
    }],
    [t('sup.col.supervise'), (a) => supSuperviseCell(supCallOf(a))],
    ['', (a) => el('button', { class: 'btn small sup-agent-open', type: 'button', dataset: { agent: a.staffNo },
      onclick: () => supOpenAgent(a.staffNo) }, t('sup.actions'))],
  ], supDesk.agents, t('sup.noAgents'));
  supRenderAgentHead();
}

async function supOpenAgent(staffNo) {
  supVoice.agent = staffNo;
  $('sup-agent-act').hidden = false;
  supRenderAgentHead();
  if (!supVoice.reasons) {
    const reasons = await attempt(() => api('GET', '/api/break-reasons'), t('state.breakReason'));
    supVoice.reasons = Array.isArray(reasons) ? reasons : [];
    $('sup-set-reason').replaceChildren(...supVoice.reasons.map((r) => el('option', { value: r }, r)));
  }
  $('sup-agent-act').scrollIntoView({ block: 'nearest' });
}

function supRenderAgentHead() {
  if (supVoice.agent === null) {
    return;
  }
  const agent = supDesk.agents.find((a) => a.staffNo === supVoice.agent);
  $('sup-agent-who').textContent = agent ? (agent.name || agent.staffNo) + ' (' + agent.staffNo + ')'
    : supVoice.agent;
  $('sup-agent-state').className = 'chip st-' + (agent ? agent.state : 'offline');
  $('sup-agent-state').textContent = agent ? (STATE_LABELS[agent.state] || agent.state)
    + (agent.reason ? ' · ' + agent.reason : '') : '–';
  $('sup-end-wrapup').disabled = !agent || agent.state !== 'wrap-up';
}

/** One of the state buttons: the agent's state as the supervisor sets it (the state table still decides). */
async function supSetState(event) {
  const staffNo = supVoice.agent;
  const state = event.currentTarget.dataset.state;
  const body = { state };
  if (state === 'break') {
    body.reason = $('sup-set-reason').value;
  }
  const done = await attempt(() => busyWhile(event.currentTarget, () =>
    api('POST', '/api/agents/' + encodeURIComponent(staffNo) + '/state', body)), t('state.notChanged'));
  if (done) {
    toast(t('sup.stateSet', { agent: staffNo, state: STATE_LABELS[done.state] || done.state }), 'ok');
    supSoon();
  }
}

async function supEndWrapUp(event) {
  const staffNo = supVoice.agent;
  const done = await attempt(() => busyWhile(event.currentTarget, () =>
    api('POST', '/api/agents/' + encodeURIComponent(staffNo) + '/wrap-up/end')), t('wrapup.notEnded'));
  if (done) {
    supSoon();
  }
}

// ------------------------------------------------------------------------------------------------ calls

/** Where the call is: waiting in a queue, in self-service, ringing, talking (held, muted), being transferred. */
function supCallState(call) {
  if (call.transferring) {
    return t('sup.call.transferring', { target: call.transferring });
  }
  if (call.selfService && call.selfService.state === 'running') {
    return t('call.selfService');
  }
  if (!call.callee && (call.ahead != null || call.queueGroup != null)) {
    return call.ahead != null ? t('sup.call.waitingAhead', { n: call.ahead }) : t('sup.call.waiting');
  }
  if (call.state === 'confirmed' || call.state === 'answered') {
    const flags = supCallFlags(call);
    return t('call.talking') + (flags ? ' · ' + flags : '');
  }
  return t('call.ringing');
}

function supCallAgent(call) {
  return (call.callee && call.callee.agent) || (call.caller && call.caller.agent) || '–';
}

function supRenderCalls() {
  fillTable($('sup-calls'), [
    [t('sup.col.callId'), (c) => '#' + c.id],
    [t('col.type'), (c) => c.type],
    [t('col.caller'), (c) => c.from],
    [t('col.number'), (c) => c.to],
    [t('col.group'), (c) => c.group || '–'],
    [t('sup.col.state'), (c) => el('span', { class: 'sup-call-state', dataset: { call: String(c.id) } },
      supCallState(c))],
    [t('col.agent'), (c) => supCallAgent(c)],
    [t('sup.col.since'), (c) => el('span', { class: 'sup-call-time', dataset: { call: String(c.id) } },
      supSince(c.startedAt))],
    [t('sup.col.supervise'), (c) => supSuperviseCell(c)],
    ['', (c) => el('button', { class: 'btn small sup-call-open', type: 'button', dataset: { call: String(c.id) },
      onclick: () => supOpenCall(c.id) }, t('sup.transferCall'))],
  ], supDesk.calls, t('sup.noCalls'));
  supRenderCallHead();
  supFillCallTargets();
}

function supOpenCall(id) {
  supVoice.call = id;
  $('sup-call-act').hidden = false;
  supRenderCallHead();
  supFillCallTargets();
  $('sup-call-act').scrollIntoView({ block: 'nearest' });
}

function supRenderCallHead() {
  if (supVoice.call === null) {
    return;
  }
  const call = supDesk.calls.find((c) => c.id === supVoice.call);
  $('sup-call-who').textContent = call ? '#' + call.id + ' ' + (call.from || '?') + ' → ' + (call.to || '?')
    + ' · ' + supCallAgent(call) : '#' + supVoice.call;
  $('sup-call-state').textContent = call ? supCallState(call) : t('sup.call.ended');
  $('sup-call-go').disabled = !call;
}

/** The colleagues (with their states) or the groups; redrawn only when they changed, so a choice holds. */
function supFillCallTargets() {
  const kind = $('sup-call-kind').value;
  $('sup-call-number').hidden = kind !== 'number';
  $('sup-call-target').hidden = kind === 'number';
  const select = $('sup-call-target');
  supFillOptions(select, kind === 'group'
    ? supDesk.groups.map((g) => [g.name, g.name + ' · ' + t('sup.idleAgents', { n: g.idleAgents ?? 0 })])
    : supDesk.agents.map((a) => [a.staffNo, (a.name || a.staffNo) + ' (' + a.staffNo + ') · '
      + (STATE_LABELS[a.state] || a.state)]), select.value);
}

async function supTransferCall(event) {
  event.preventDefault();
  const id = supVoice.call;
  const kind = $('sup-call-kind').value;
  const target = kind === 'number' ? $('sup-call-number').value.trim() : $('sup-call-target').value;
  if (id === null || !target) {
    toast(t('sup.chooseTarget'));
    return;
  }
  const moved = await attempt(() => busyWhile($('sup-call-go'), () =>
    api('POST', '/api/calls/' + id + '/transfer', { [kind]: target })), t('sup.notTransferred'));
  if (moved) {
    toast(t('sup.callTransferred', { id, target }), 'ok');
    $('sup-call-number').value = '';
    supSoon();
  }
}

// ------------------------------------------------------------------------------------------------ timers, wiring

/** Each second (from supTick): the agents' times in state and the calls' durations move, the rows stay. */
function supVoiceTick() {
  for (const cell of $('sup-agents').querySelectorAll('.sup-agent-time')) {
    const agent = supDesk.agents.find((a) => a.staffNo === cell.dataset.agent);
    if (agent) {
      cell.textContent = supSince(agent.since);
    }
  }
  for (const cell of document.querySelectorAll('#sup-agents .sup-call-time, #sup-calls .sup-call-time')) {
    const call = supDesk.calls.find((c) => String(c.id) === cell.dataset.call);
    if (call) {
      cell.textContent = supSince(call.startedAt);
    }
  }
}

/** Signed out: the action panels close. */
function supVoiceReset() {
  supVoice.agent = null;
  supVoice.call = null;
  $('sup-agent-act').hidden = true;
  $('sup-call-act').hidden = true;
}

function supVoiceWire() {
  for (const id of ['sup-set-idle', 'sup-set-busy', 'sup-set-break', 'sup-set-offline']) {
    $(id).addEventListener('click', supSetState);
  }
  $('sup-end-wrapup').addEventListener('click', supEndWrapUp);
  $('sup-agent-close').addEventListener('click', () => {
    supVoice.agent = null;
    $('sup-agent-act').hidden = true;
  });
  $('sup-call-close').addEventListener('click', () => {
    supVoice.call = null;
    $('sup-call-act').hidden = true;
  });
  $('sup-call-kind').addEventListener('change', supFillCallTargets);
  $('sup-call-transfer-form').addEventListener('submit', supTransferCall);
}

document.addEventListener('DOMContentLoaded', supVoiceWire);
