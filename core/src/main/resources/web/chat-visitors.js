// Live visitors (spec §12) and "chat again" (spec §9) in the workbench, beside chat-pool.js (classic scripts sharing
// one global scope). The visitors on the bound websites (GET /api/visitors: page, source, time on site, channel,
// whether chatting) are re-read every 5 s while the page is visible; "Invite" sends the agent's invitation to the
// visitor's widget (POST /api/visitors/{id}/invite), an administrator also sees "Block" (POST /api/visitors/block).
// The records' transcript dialog has "Chat again" (POST /api/records/chat-N/chat-again): 409 when the visitor left;
// an app user's record opens a new session at once, connected or not.
'use strict';

const VISITORS_PERIOD = 5000;

async function visitorsRefresh() {
  const rows = await api('GET', '/api/visitors');
  $('visitors-count').textContent = String(rows.length);
  $('visitors-empty').hidden = rows.length > 0;
  $('visitors-rows').replaceChildren(...rows.map(visitorRow));
}

function visitorRow(v) {
  const actions = el('td', {},
    v.chatting ? el('span', { class: 'badge' }, t('vis.chatting')) : el('button', {
      class: 'btn small primary', type: 'button', dataset: { visitor: v.visitorId },
      onclick: () => visitorInvite(v.visitorId, v.channel),
    }, v.invitedBy ? t('vis.invited') : t('vis.invite')));
  if (app.me && app.me.role === 'admin') {
    actions.append(' ', el('button', { class: 'btn small', type: 'button',
      onclick: () => visitorBlock(v.visitorId) }, t('vis.block')));
  }
  return el('tr', { dataset: { visitor: v.visitorId } },
    el('td', { title: v.visitorId + (v.address ? ' · ' + v.address : '') }, v.visitorId.slice(0, 8) + '…'),
    el('td', { title: v.page || '' }, v.title || v.page || '–'),
    el('td', {}, v.referrer ? visitorHost(v.referrer) : t('vis.direct')),
    el('td', {}, visitorStay(v.secondsOnSite)),
    el('td', {}, v.channel),
    actions);
}

function visitorHost(url) {
  try {
    return new URL(url).host;
  } catch (e) {
    return url;
  }
}

function visitorStay(s) {
  return s < 60 ? t('vis.seconds', { s }) : t('vis.minutes', { m: Math.floor(s / 60), s: s % 60 });
}

async function visitorInvite(visitorId, channel) {
  try {
    await api('POST', '/api/visitors/' + encodeURIComponent(visitorId) + '/invite', { channel, text: '' });
    toast(t('vis.invitationSent'), 'ok');
    await visitorsRefresh();
  } catch (e) {
    toast(t('vis.invite') + ': ' + e.message, 'error');
  }
}

async function visitorBlock(visitorId) {
  const reason = window.prompt(t('vis.blockThisVisitorTheReason'));
  if (reason === null) {
    return;
  }
  try {
    await api('POST', '/api/visitors/block', { visitorId, reason });
    toast(t('vis.visitorBlocked'), 'ok');
    await visitorsRefresh();
  } catch (e) {
    toast(t('vis.block') + ': ' + e.message, 'error');
  }
}

async function visitorChatAgain() {
  const recordId = $('record-chat-again').dataset.record;
  try {
    const answer = await api('POST', '/api/records/' + encodeURIComponent(recordId) + '/chat-again', {});
    // an app user gets a new session at once (chat-app.js opens it), a website visitor an invitation
    toast(answer && answer.session ? t('vis.opened', { who: answer.userId || t('vis.theUser') })
      : t('vis.invitedAgain'), 'ok');
  } catch (e) {
    toast(t('ui.chatAgain') + ': ' + (e.message || e), 'error');
  }
}

function visitorsWire() {
  $('record-chat-again').addEventListener('click', visitorChatAgain);
  setInterval(() => {
    const agent = Boolean(app.me && (app.me.staffNo || app.me.role === 'admin' || app.me.role === 'supervisor'));
    $('visitors-panel').hidden = !agent;
    if (agent && !document.hidden) {
      visitorsRefresh().catch(() => undefined);
    }
  }, VISITORS_PERIOD);
}

document.addEventListener('DOMContentLoaded', visitorsWire);
