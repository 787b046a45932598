// The unassigned pool (未接入池, spec §6) and the reception switch (接待开关, spec §4) in the workbench's chat panel,
// beside chat-panel.js (classic scripts sharing one global scope). The pool: visitors of the agent's groups waiting
// for an agent (GET /api/agents/{staffNo}/pool), re-read every 5 s while the page is visible and soon after any chat
// event; its count is on the "Pool (n)" tab and flashes when it grows. Accepting (a row's button, a double-click, or
// several checked at once) picks the session (POST .../pick) and opens its conversation with what the visitor wrote
// while waiting; a colleague who was first is told as "taken by a colleague". The switch stops new chats only.
'use strict';

const CHAT_POOL_PERIOD = 5000;

const chatPool = {
  rows: [],                 // the pool as last read
  seen: new Set(),          // the ids read before: a new one makes the count flash
  checked: new Set(),       // the ids ticked for "Accept selected"
  open: false,              // the Pool tab is shown
  soon: 0,                  // a pending re-read after a chat event
};

/** Re-reads the pool; the count flashes when a session not seen before is waiting. */
async function chatPoolRefresh() {
  if (!chatIsAgent()) {
    return;
  }
  const rows = await api('GET', '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/pool');
  const fresh = rows.some((row) => !chatPool.seen.has(row.session));
  chatPool.rows = rows;
  chatPool.seen = new Set(rows.map((row) => row.session));
  for (const id of [...chatPool.checked]) {
    if (!chatPool.seen.has(id)) {
      chatPool.checked.delete(id);
    }
  }
  if (fresh) {
    chatPoolFlash();
  }
  chatPoolRender();
}

/** A re-read shortly after chat events (several come together). */
function chatPoolSoon() {
  clearTimeout(chatPool.soon);
  chatPool.soon = setTimeout(() => chatPoolRefresh().catch(() => undefined), 400);
}

function chatPoolReset() {
  clearTimeout(chatPool.soon);
  chatPool.rows = [];
  chatPool.seen.clear();
  chatPool.checked.clear();
  chatPoolShow(false);
  chatPoolRender();
}

function chatPoolFlash() {
  const tab = $('chat-tab-pool');
  tab.classList.remove('flash');
  void tab.offsetWidth;     // restarts the animation
  tab.classList.add('flash');
}

/** The Pool tab or the sessions. */
function chatPoolShow(open) {
  chatPool.open = open;
  $('chat-pool').hidden = !open;
  document.querySelector('#chat-panel .chat-body').hidden = open;
  for (const [id, on] of [['chat-tab-chats', !open], ['chat-tab-pool', open]]) {
    $(id).classList.toggle('active', on);
    $(id).setAttribute('aria-selected', String(on));
  }
  if (open) {
    attempt(chatPoolRefresh, t('pool.thePool'));
  }
}

function chatPoolRender() {
  $('chat-pool-count').textContent = String(chatPool.rows.length);
  const mine = $('chat-pool-mine').checked;
  const order = $('chat-pool-order').value === 'desc' ? -1 : 1;
  const entered = (row) => row.queuedAt || row.createdAt || 0;
  const rows = chatPool.rows.filter((row) => !mine || row.owner === app.me.staffNo)
    .sort((a, b) => order * (entered(a) - entered(b)));
  $('chat-pool-rows').replaceChildren(...rows.map(chatPoolRow));
  $('chat-pool-empty').hidden = rows.length > 0;
  $('chat-pool-empty').textContent = mine ? t('pool.noneMine') : t('pool.none');
  $('chat-pool-accept').disabled = chatPool.checked.size === 0;
  $('chat-pool-all').checked = rows.length > 0 && rows.every((row) => chatPool.checked.has(row.session));
}

function chatPoolRow(row) {
  const id = row.session;
  const page = row.page || '';
  return el('tr', { class: 'chat-pool-row', dataset: { session: String(id) }, ondblclick: () => chatPoolAccept([id]) },
    el('td', {}, el('input', {
      type: 'checkbox', 'aria-label': t('pool.select', { who: chatWho(row) }), checked: chatPool.checked.has(id),
      onchange: (e) => {
        if (e.target.checked) {
          chatPool.checked.add(id);
        } else {
          chatPool.checked.delete(id);
        }
        chatPoolRender();
      },
    })),
    el('td', { class: 'chat-pool-who' }, chatWho(row)),
    el('td', { class: 'chat-pool-last', title: row.lastMessage || '' }, row.lastMessage
      ? chatPreview(row.lastMessage, 40) : '–'),
    el('td', { class: 'chat-pool-num' }, String(row.visitorMessages || 0)),
    el('td', { class: 'chat-pool-when' }, when(row.queuedAt || row.createdAt)),
    el('td', { class: 'chat-pool-source', title: page }, [row.channel, chatPreview(page.replace(/^https?:\/\//, ''),
      20)].filter(Boolean).join(' · ') || '–'),
    el('td', { class: 'chat-pool-owner' }, row.owner === app.me.staffNo ? t('pool.me') : row.owner || row.group || '–'),
    el('td', {}, el('button', {
      type: 'button', class: 'btn small primary chat-pool-take', onclick: (e) => chatPoolAccept([id], e.currentTarget),
    }, t('pool.accept'))));
}

/**
 * Picks the sessions, one after the other; the last one picked opens with its whole conversation. A 409 means
 * another agent was first (or this agent is at its limit): the row goes at the next read.
 */
async function chatPoolAccept(ids, button) {
  let opened = null;
  let lost = 0;
  await busyWhile(button, async () => {
    for (const id of ids) {
      try {
        const view = await api('POST', chatBase() + '/' + id + '/pick', {});
        chatSessionChanged(view);
        opened = view.session;
        activity(t('pool.accepted', { who: chatWho(view) }));
      } catch (e) {
        if (e.status !== 409 && e.status !== 404) {
          toast(t('pool.notAccepted', { why: e.message }));
        } else {
          lost += 1;
        }
      }
      chatPool.checked.delete(id);
    }
  });
  if (lost > 0) {
    toast(lost === 1 ? t('pool.takenOne') : t('pool.takenMany', { n: lost }),
      'info');
  }
  if (opened !== null) {
    chatPoolShow(false);
    await attempt(() => chatLoadMessages(opened), t('ui.messages'));
    chatSelect(opened);
  }
  await attempt(chatPoolRefresh, t('pool.thePool'));
}

// ------------------------------------------------------------------------------------------------ reception

/** The switch as the agent's view has it (GET /api/agents/{staffNo}); views without it leave it alone. */
function chatReceptionShow(agent) {
  if (!agent || typeof agent.chatReception !== 'boolean') {
    return;
  }
  $('chat-reception').checked = agent.chatReception;
  $('chat-reception-state').textContent = agent.chatReception ? t('chat.on') : t('chat.off');
  $('chat-panel').classList.toggle('reception-off', !agent.chatReception);
}

async function chatReceptionToggle() {
  const box = $('chat-reception');
  const on = box.checked;
  box.disabled = true;
  try {
    const answer = await api('POST', '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/reception', { on });
    chatReceptionShow(answer);
    activity(on ? t('pool.receptionOn') : t('pool.receptionOff'));
  } catch (e) {
    chatReceptionShow({ chatReception: !on });
    toast(t('pool.receptionNotChanged', { why: e.message }));
  } finally {
    box.disabled = false;
  }
}

function chatPoolWire() {
  $('chat-tab-chats').addEventListener('click', () => chatPoolShow(false));
  $('chat-tab-pool').addEventListener('click', () => chatPoolShow(true));
  $('chat-tab-pool').addEventListener('animationend', (e) => e.currentTarget.classList.remove('flash'));
  $('chat-pool-mine').addEventListener('change', chatPoolRender);
  $('chat-pool-order').addEventListener('change', chatPoolRender);
  $('chat-pool-refresh').addEventListener('click', () => attempt(chatPoolRefresh, t('pool.thePool')));
  $('chat-pool-accept').addEventListener('click', (e) => chatPoolAccept([...chatPool.checked], e.currentTarget));
  $('chat-pool-all').addEventListener('change', (e) => {
    const shown = [...document.querySelectorAll('#chat-pool-rows .chat-pool-row')].map((r) => Number(r.dataset.session));
    for (const id of shown) {
      if (e.target.checked) {
        chatPool.checked.add(id);
      } else {
        chatPool.checked.delete(id);
      }
    }
    chatPoolRender();
  });
  $('chat-reception').addEventListener('change', chatReceptionToggle);
  setInterval(() => {
    if (!document.hidden && chatIsAgent()) {
      chatPoolRefresh().catch(() => undefined);
    }
  }, CHAT_POOL_PERIOD);
}

document.addEventListener('DOMContentLoaded', chatPoolWire);
