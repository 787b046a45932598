// The workbench's call: the incoming offer, the call in progress (hold, mute, keys, transfer, self-service), the
// agent's own calls.
'use strict';

// ------------------------------------------------------------------------------------------------ the offer

function showOffer(event) {
  // no ring timeout (switched off by the tenant): the bar shows a full bar and no countdown
  const noTimeout = event.ringSeconds === 0 || event.ringSeconds === null;
  const total = noTimeout ? 1e12 : Math.max(1, Number(event.ringSeconds) || 20) * 1000;
  app.offer = { call: event.call, caller: event.caller, number: event.number, deadline: Date.now() + total, total };
  $('offer-caller').textContent = event.caller || t('offer.unknown');
  $('offer-number').textContent = event.number || '–';
  const keys = Array.isArray(event.keys) ? event.keys : [];
  $('offer-keys').textContent = keys.join(' › ');
  $('offer-keys-wrap').hidden = keys.length === 0;
  screenPops(event.screenPops, 'offer-pops');
  $('offer-answer').hidden = app.answerMissing;
  $('offer-hint').hidden = !app.answerMissing;
  $('offer-bar').hidden = false;
  document.body.classList.add('offering');
  tick();
  if (!app.answerMissing) {
    $('offer-answer').focus();
  }
}

/**
 * 自动接听: the agent's phone answers by itself, so there is no offer to answer and no bar: the call panel shows the
 * caller at once, connecting until the call's 'connected' event fills it in.
 */
function showAutoAnswer(event) {
  hideOffer();
  app.connecting = event.call;
  app.callSince = Date.now();
  $('call-empty').hidden = true;
  $('call-active').hidden = false;
  $('call-party').textContent = event.caller || t('offer.unknown');
  $('call-meta').textContent = t('call.autoAnswered', { number: event.number || '–' });
  const status = $('call-status');
  status.textContent = t('call.connecting');
  status.className = 'badge badge-talk';
  screenPops(event.screenPops, null);
}

function hideOffer() {
  app.offer = null;
  $('offer-bar').hidden = true;
  $('offer-bar').classList.remove('urgent');
  document.body.classList.remove('offering');
}

async function answer() {
  if (answerInBrowser() || !app.offer || app.offer.call == null) {
    return;
  }
  const id = app.offer.call;
  try {
    await busyWhile($('offer-answer'), () =>
      api('POST', '/api/calls/' + id + '/answer', { agent: app.me.staffNo }));
    activity(t('call.answered'));
  } catch (e) {
    if (e.status === 404 && e.code !== 'unknown_call') {
      app.answerMissing = true;
      $('offer-answer').hidden = true;
      $('offer-hint').hidden = false;
    } else if (e.code === 'unknown_call' || e.status === 409) {
      toast(t('offer.notAnswered', { why: e.code === 'unknown_call' ? t('offer.gone') : errorText(e) }), 'info');
      hideOffer();
    } else {
      toast(t('offer.notAnswered', { why: errorText(e) }), 'error');
    }
  }
}

// ------------------------------------------------------------------------------------------------ the call

async function loadCall(id) {
  const call = await api('GET', '/api/calls/' + id);
  if (!app.call || app.call.id !== call.id) {
    app.callSince = Date.now();
    $('dtmf-sent').textContent = '';
  }
  showCall(call);
  clearInterval(app.callPoll);
  app.callPoll = setInterval(refreshCall, 3000);
}

async function refreshCall() {
  if (!app.call) {
    clearInterval(app.callPoll);
    return;
  }
  const id = app.call.id;
  try {
    showCall(await api('GET', '/api/calls/' + id));
  } catch (e) {
    // gone, or no longer this agent's (transferred away)
    if ((e.status === 404 || e.status === 403) && app.call && app.call.id === id) {
      clearCall();
    }
  }
}

/** The customer's leg: the one whose party is not this agent's extension. */
function customerLeg(call) {
  const mine = app.me && app.me.extension;
  if (call.caller && mine && call.caller.party === mine) {
    return 'callee';
  }
  return 'caller';
}

function partyOf(call) {
  const leg = call[customerLeg(call)];
  return (leg && leg.party) || (customerLeg(call) === 'caller' ? call.from : call.to) || 'unknown';
}

function showCall(call) {
  app.call = call;
  app.connecting = null;
  const leg = call[customerLeg(call)] || {};
  $('call-empty').hidden = true;
  $('call-active').hidden = false;
  $('call-party').textContent = partyOf(call);
  const keys = (call.digits || []).filter((d) => String(d).startsWith('caller:')).map((d) => d.slice(7));
  $('call-meta').textContent = [
    call.type ? call.type.charAt(0).toUpperCase() + call.type.slice(1) : null,
    call.to ? t('offer.dialled') + ' ' + call.to : null,
    keys.length ? t('offer.keys') + ' ' + keys.join(' › ') : null,
    call.transfers && call.transfers.length ? t('wc.transfers', { list: call.transfers.join(', ') }) : null,
  ].filter(Boolean).join(' · ');
  const held = Boolean(leg.held);
  const muted = Boolean(leg.muted);
  setToggle($('call-hold'), held, t('call.unhold'), t('call.hold'));
  setToggle($('call-mute'), muted, t('call.unmute'), t('call.mute'));
  const status = $('call-status');
  const up = call.state === 'answered' || call.state === 'confirmed';
  status.textContent = held ? t('call.onHold') : muted ? t('call.muted') : up ? t('call.talking')
    : (call.state || '').replace(/-/g, ' ');
  status.className = 'badge ' + (held ? 'badge-hold' : muted ? 'badge-mute' : 'badge-talk');
  $('call-legs').textContent = t('wc.legs', { leg: customerLeg(call), id: call.id });
  refreshControls();
  tick();
}

function setToggle(button, on, onLabel, offLabel) {
  button.setAttribute('aria-pressed', String(on));
  button.classList.toggle('on', on);
  button.querySelector('.label').textContent = on ? onLabel : offLabel;
}

function clearCall() {
  app.call = null;
  app.connecting = null;
  clearCallPops();
  clearInterval(app.callPoll);
  $('call-active').hidden = true;
  $('call-empty').hidden = false;
  for (const id of ['transfer-dialog', 'selfservice-dialog']) {
    if ($(id).open) {
      $(id).close();
    }
  }
  refreshControls();
}

async function callCommand(command, body, button, what) {
  if (!app.call) {
    return undefined;
  }
  const id = app.call.id;
  return attempt(() => busyWhile(button, async () => {
    const answerBody = await api('POST', '/api/calls/' + id + '/' + command, body);
    if (answerBody && answerBody.id === id && app.call && app.call.id === id) {
      showCall(answerBody);
    }
    return answerBody || {};
  }), what);
}

function toggleHold() {
  if (app.call) {
    const leg = customerLeg(app.call);
    const held = Boolean((app.call[leg] || {}).held);
    callCommand(held ? 'unhold' : 'hold', { leg }, $('call-hold'), held ? t('wc.notResumed') : t('wc.notHeld'));
  }
}

function toggleMute() {
  if (app.call) {
    const leg = customerLeg(app.call);
    const muted = Boolean((app.call[leg] || {}).muted);
    callCommand(muted ? 'unmute' : 'mute', { leg }, $('call-mute'), muted ? t('wc.notUnmuted') : t('wc.notMuted'));
  }
}

async function sendDigit(digit) {
  if (!app.call) {
    return;
  }
  const done = await callCommand('dtmf', { leg: customerLeg(app.call), digits: digit }, null, t('wc.toneNotSent'));
  if (done) {
    $('dtmf-sent').textContent += digit;
  }
}

async function hangUp() {
  if (!app.call) {
    return;
  }
  const id = app.call.id;
  const done = await callCommand('hangup', {}, $('call-hangup'), t('wc.notHungUp'));
  if (done && app.call && app.call.id === id) {
    activity(t('call.youHungUp'));
    clearCall();
  }
}

async function openTransfer() {
  if (!app.call) {
    return;
  }
  const dialog = $('transfer-dialog');
  $('transfer-groups').replaceChildren(el('li', { class: 'muted' }, t('common.loading')));
  $('transfer-agents').replaceChildren(el('li', { class: 'muted' }, t('common.loading')));
  dialog.showModal();
  const [groups, agents] = await Promise.all([
    api('GET', '/api/groups').catch((e) => e),
    api('GET', '/api/agents').catch((e) => e),
  ]);
  $('transfer-groups').replaceChildren(...(groups instanceof Error
    ? [el('li', { class: 'form-error' }, groups.message)]
    : groups.map((g) => el('li', {}, el('button', {
      class: 'pick', type: 'button', dataset: { group: g.name },
      onclick: (e) => transfer({ group: g.name }, t('ctr.group', { name: g.name }), e.currentTarget),
    }, el('span', { class: 'pick-name' }, g.name),
    el('span', { class: 'pick-sub ' + (g.idleAgents > 0 ? 'good' : 'warn') },
      t('wc.groupLoad', { idle: g.idleAgents, waiting: g.queueLength })))))));
  $('transfer-agents').replaceChildren(...(agents instanceof Error
    ? [el('li', { class: 'form-error' }, agents.message)]
    : agents.filter((a) => !app.me || a.staffNo !== app.me.staffNo).map((a) => el('li', {}, el('button', {
      class: 'pick', type: 'button', dataset: { agent: a.staffNo }, disabled: a.state !== 'idle',
      title: a.state === 'idle' ? t('ctr.transferTo', { who: a.name || a.staffNo }) : t('wc.onlyIdle'),
      onclick: (e) => transfer({ agent: a.staffNo }, t('srch.agent', { staffNo: a.name || a.staffNo }),
        e.currentTarget),
    }, el('span', { class: 'pick-name' }, (a.name || a.staffNo) + ' (' + a.staffNo + ')'),
    el('span', { class: 'chip st-' + a.state }, STATE_LABELS[a.state] || a.state))))));
}

async function transfer(target, label, button) {
  const id = app.call && app.call.id;
  const done = await callCommand('transfer', target, button, t('wc.notTransferred'));
  if (done) {
    $('transfer-dialog').close();
    toast(t('wc.transferred', { to: label }), 'ok');
    activity(t('wc.transferredActivity', { to: label }));
    if (app.call && app.call.id === id) {
      clearCall();
    }
  }
}

async function openSelfService() {
  if (!app.call) {
    return;
  }
  const list = $('selfservice-flows');
  list.replaceChildren(el('li', { class: 'muted' }, t('common.loading')));
  $('selfservice-dialog').showModal();
  try {
    const flows = (await api('GET', '/api/self-service/flows'))
      .filter((f) => f.state === 'published' || f.state === 'in-use');
    list.replaceChildren(...(flows.length ? flows.map((f) => el('li', {}, el('button', {
      class: 'pick', type: 'button', dataset: { flow: f.name },
      onclick: (e) => selfService(f.name, e.currentTarget),
    }, el('span', { class: 'pick-name' }, f.name),
    el('span', { class: 'pick-sub' }, (f.numbers || []).join(', ') || f.state))))
      : [el('li', { class: 'muted' }, t('wc.noPublishedFlow'))]));
  } catch (e) {
    list.replaceChildren(el('li', { class: 'form-error' }, e.message));
  }
}

async function selfService(flow, button) {
  const done = await callCommand('self-service', { flow }, button, t('wc.notSentToSelfService'));
  if (done) {
    $('selfservice-dialog').close();
    toast(t('wc.selfService', { flow }), 'ok');
    activity(t('wc.selfServiceActivity', { flow }));
  }
}

// ------------------------------------------------------------------------------------------------ own calls

/** The agent's own call was placed: a browser phone connects by itself, a desk phone rings first. */
function ownCallStarted(whom) {
  const choice = phoneChoice();
  if (choice && choice.kind === 'browser') {
    activity(t('wc.callingHere', { whom }));
  } else {
    activity(t('wc.callingPickUp', { whom }));
    toast(t('wc.phoneRings', { whom }), 'info');
  }
}

async function dial(event) {
  event.preventDefault();
  const number = $('dial-number').value.trim();
  if (!number) {
    return;
  }
  const done = await attempt(() => busyWhile($('dial-submit'), () =>
    api('POST', '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/dial', { number })), t('wc.notDialled'));
  if (done) {
    ownCallStarted(number);
    $('dial-number').value = '';
  }
}

async function callColleague(event) {
  event.preventDefault();
  const to = $('internal-to').value.trim();
  if (!to) {
    return;
  }
  const done = await attempt(() => busyWhile($('internal-submit'), () =>
    api('POST', '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/call', { to })), t('dial.notCalled'));
  if (done) {
    ownCallStarted(to);
    $('internal-to').value = '';
    $('colleague-results').replaceChildren();
    $('colleague-results').hidden = true;
  }
}
