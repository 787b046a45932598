// Chat transfer in the workbench (spec §7), beside chat-panel.js (classic scripts sharing one global scope). The
// Transfer button of a served conversation opens a dialog with two tabs: Colleague (searched by name, staff number
// or e-mail; each shown online or offline, reception on or off, open chats against the limit) and Group ("available
// / total", lit when someone can take it), an optional note, Transfer. The server decides (POST .../transfer): 409
// no_agent keeps the session here, told. chat.transferred moves it: the old agent's list drops it, the new agent's
// gains it with "Transferred from A1: <note>" above the whole history (the view's transferredBy and transferNote,
// so the notice survives a reload).
'use strict';

const CHAT_NOTE_MAX = 500;

const chatHandover = {
  tab: 'agent',             // the dialog's tab: 'agent' or 'group'
  agents: [],               // GET /api/agents, without this agent
  groups: [],               // {name, available, total}
  target: null,             // {kind: 'agent'|'group', name, label}
  session: null,            // the id of the session being transferred
};

/** Whether an agent of GET /api/agents can take one more chat now: online, not busy or away, reception on, room. */
function chatCanTake(agent) {
  return !['offline', 'busy', 'break'].includes(agent.state) && agent.chatReception !== false && !agent.chatsFull;
}

async function chatTransferOpen() {
  const entry = chatDesk.sessions.get(chatDesk.selected);
  if (!entry || entry.view.state !== 'serving') {
    return;
  }
  chatHandover.session = entry.view.session;
  chatHandover.target = null;
  $('chat-transfer-search').value = '';
  $('chat-transfer-note').value = '';
  $('chat-transfer-error').hidden = true;
  chatTransferTab(chatHandover.tab);
  $('chat-transfer-dialog').showModal();
  $('chat-transfer-search').focus();
  await chatTransferLoad();
}

/** Colleagues and groups as the server has them now; three tries before the dialog says nobody is available. */
async function chatTransferLoad() {
  const loading = () => el('li', { class: 'muted' }, t('ctr.loading'));
  $('chat-transfer-agents').replaceChildren(loading());
  $('chat-transfer-groups').replaceChildren(loading());
  let failure = null;
  for (let attemptNo = 0; attemptNo < 3; attemptNo++) {
    try {
      const [agents, groups] = await Promise.all([api('GET', '/api/agents'), api('GET', '/api/groups')]);
      chatHandover.agents = agents.filter((a) => a.staffNo !== app.me.staffNo);
      chatHandover.groups = groups.map((g) => chatGroupCount(g.name, agents));
      failure = null;
      break;
    } catch (e) {
      failure = e;
    }
  }
  if (failure) {
    chatHandover.agents = [];
    chatHandover.groups = [];
    chatTransferError(failure.message);
  }
  chatTransferRender();
}

/** "available / total": the members, and those other than this agent who can take a chat now. */
function chatGroupCount(name, agents) {
  const members = agents.filter((a) => (a.groups || []).includes(name));
  const available = members.filter((a) => a.staffNo !== app.me.staffNo && chatCanTake(a)).length;
  return { name, available, total: members.length };
}

function chatTransferTab(tab) {
  chatHandover.tab = tab;
  for (const name of ['agent', 'group']) {
    const button = $('chat-transfer-tab-' + name);
    button.classList.toggle('active', name === tab);
    button.setAttribute('aria-selected', String(name === tab));
  }
  $('chat-transfer-agents').hidden = tab !== 'agent';
  $('chat-transfer-groups').hidden = tab !== 'group';
  $('chat-transfer-search').placeholder = tab === 'agent' ? t('ui.nameStaffNumberOrEMail') : t('ctr.groupName');
  chatTransferRender();
}

function chatTransferRender() {
  const query = $('chat-transfer-search').value.trim().toLowerCase();
  const matches = (...values) => !query || values.some((v) => String(v || '').toLowerCase().includes(query));
  const agents = chatHandover.agents.filter((a) => matches(a.name, a.staffNo, a.email));
  const groups = chatHandover.groups.filter((g) => matches(g.name));
  $('chat-transfer-agents').replaceChildren(...agents.map(chatColleagueRow));
  $('chat-transfer-groups').replaceChildren(...groups.map(chatGroupRow));
  const shown = chatHandover.tab === 'agent' ? agents.some(chatCanTake) : groups.some((g) => g.available > 0);
  $('chat-transfer-none').hidden = shown;
  const target = chatHandover.target;
  $('chat-transfer-go').disabled = !target;
  $('chat-transfer-target').textContent = target ? t('ctr.to', { who: target.label }) : t('ctr.choose');
}

function chatColleagueRow(agent) {
  const online = agent.state !== 'offline';
  const reception = agent.chatReception !== false;
  const limit = Number(agent.chatLimit) || 0;
  const can = chatCanTake(agent);
  const why = !online ? t('ctr.offline') : !reception ? t('ctr.receptionOff') : agent.chatsFull ? t('ctr.atLimit')
    : t('ctr.notReceiving', { state: STATE_LABELS[agent.state] || agent.state });
  return chatPickRow({ kind: 'agent', name: agent.staffNo, label: (agent.name || agent.staffNo) + ' (' + agent.staffNo
    + ')' }, can, can ? t('ctr.transferTo', { who: agent.name || agent.staffNo }) : t('ctr.cannot', { why }),
  el('span', { class: 'pick-name' }, (agent.name || agent.staffNo) + ' · ' + agent.staffNo),
  el('span', { class: 'pick-sub muted' }, agent.email || ''),
  el('span', { class: 'chat-pick-chips' },
    el('span', { class: 'chip ' + (online ? 'st-idle' : 'st-offline') }, online ? t('ctr.online') : t('state.offline')),
    el('span', { class: 'chip ' + (reception ? 'good' : 'warn') },
      t('chat.reception') + ' ' + (reception ? t('chat.on') : t('chat.off'))),
    el('span', { class: 'chip chat-load' + (agent.chatsFull ? ' warn' : '') },
      agent.chatsFull ? t('ctr.full') : (Number(agent.openChats) || 0) + ' / ' + (limit > 0 ? limit : '–'))));
}

function chatGroupRow(group) {
  const lit = group.available > 0;
  return chatPickRow({ kind: 'group', name: group.name, label: t('ctr.group', { name: group.name }) }, lit,
    lit ? t('ctr.toGroup', { name: group.name }) : t('ctr.nobodyOf', { name: group.name }),
    el('span', { class: 'pick-name' }, group.name),
    el('span', { class: 'chip chat-available ' + (lit ? 'good' : 'warn') }, group.available + ' / ' + group.total));
}

/** A row to choose (not yet transfer): only when it can take the chat. */
function chatPickRow(target, enabled, title, ...children) {
  const chosen = chatHandover.target;
  const selected = Boolean(chosen && chosen.kind === target.kind && chosen.name === target.name);
  return el('li', {}, el('button', {
    type: 'button', class: 'pick chat-pick' + (selected ? ' selected' : ''), disabled: !enabled, title,
    'aria-pressed': String(selected), dataset: { [target.kind]: target.name },
    onclick: () => {
      chatHandover.target = target;
      chatTransferRender();
    },
  }, ...children));
}

function chatTransferError(message) {
  $('chat-transfer-error').textContent = message;
  $('chat-transfer-error').hidden = !message;
}

async function chatTransferGo() {
  const target = chatHandover.target;
  const id = chatHandover.session;
  if (!target || !chatDesk.sessions.has(id)) {
    return;
  }
  const body = target.kind === 'agent' ? { toAgent: target.name } : { toGroup: target.name };
  const note = $('chat-transfer-note').value.trim();
  if (note.length > CHAT_NOTE_MAX) {
    chatTransferError(t('ctr.noteMax', { n: CHAT_NOTE_MAX }));
    return;
  }
  if (note) {
    body.note = note;
  }
  chatTransferError('');
  try {
    const view = await busyWhile($('chat-transfer-go'), () =>
      api('POST', chatBase() + '/' + id + '/transfer', body));
    $('chat-transfer-dialog').close();
    toast(t('sup.transferred', { to: target.label }), 'ok');
    chatHandedOver(view);
  } catch (e) {
    // no_agent: nobody can take it after all; the session stays here, the lists are re-read
    chatTransferError(e.code === 'no_agent' ? t('ctr.noAgent', { who: target.label })
      : t('ctr.notTransferred', { why: e.message }));
    chatHandover.target = null;
    await chatTransferLoad();
  }
}

/** The session went to a colleague: it leaves this agent's list. */
function chatHandedOver(view) {
  if (chatDesk.sessions.has(view.session)) {
    activity(t('ctr.transferredTo', { who: chatWho(view), to: view.staffNo }));
    chatForget(view.session);
    chatRender();
  }
  chatRefreshAgent();
}

/** chat.transferred: to this agent (it joins the list, whole history) or away from it (it leaves). */
function chatTransferredEvent(event) {
  if (event.staffNo !== app.me.staffNo) {
    chatHandedOver(event);
    return;
  }
  chatRefreshAgent();
  const known = chatDesk.sessions.has(event.session);
  const view = Object.assign({}, event, { type: 'chat.session' });
  chatUpsert(view);
  if (!known) {
    attempt(() => chatLoadMessages(view.session).then(chatRender), t('ui.messages'));
  }
  const from = event.from || view.transferredBy || t('ctr.aColleague');
  activity(t('ctr.transferredToYou', { who: chatWho(view), from }));
  toast(t('ctr.toYou', { from }) + (view.transferNote ? ': ' + view.transferNote : '.'), 'info');
  chatRender();
}

/** "Transferred from A1: <note>" above the conversation of a session a colleague handed to this agent. */
function chatTransferNotice(entry) {
  const view = entry ? entry.view : null;
  const served = view && Array.isArray(view.servedBy) ? view.servedBy : [];
  const from = view && (view.from || (served.length > 1 ? served[served.length - 2] : view.transferredBy));
  const show = Boolean(view && view.transferredBy && from && from !== app.me.staffNo);
  $('chat-transfer-notice').hidden = !show;
  $('chat-transfer-notice').textContent = show
    ? t('ctr.from', { from }) + (view.transferNote ? ': ' + view.transferNote : '') : '';
  $('chat-transfer').hidden = !view || view.state !== 'serving';
}

function chatTransferWire() {
  $('chat-transfer').addEventListener('click', () => attempt(chatTransferOpen, t('ui.transfer')));
  $('chat-transfer-go').addEventListener('click', chatTransferGo);
  $('chat-transfer-search').addEventListener('input', chatTransferRender);
  for (const name of ['agent', 'group']) {
    $('chat-transfer-tab-' + name).addEventListener('click', () => chatTransferTab(name));
  }
}

document.addEventListener('DOMContentLoaded', chatTransferWire);
