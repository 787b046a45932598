// Switchboard agent workbench: the keyboard, the page's wiring and its start. Loaded after the other workbench-*.js
// and admin-*.js scripts (workbench-base.js first; see index.html), whose functions it binds to the page's controls.
'use strict';

// ------------------------------------------------------------------------------------------------ keyboard

function onKey(event) {
  if (!app.me) {
    return;
  }
  if (event.altKey && !event.ctrlKey && !event.metaKey) {
    const actions = {
      Digit1: () => chooseState('idle'),
      Digit2: () => chooseState('busy'),
      Digit3: () => chooseState('break'),
      Digit4: () => chooseState('offline'),
      KeyA: answer,
      KeyH: toggleHold,
      KeyM: toggleMute,
      KeyT: openTransfer,
      KeyS: openSelfService,
      KeyE: hangUp,
      KeyW: () => app.agentState === 'wrap-up' && wrapUp('end'),
      KeyX: () => app.agentState === 'wrap-up' && wrapUp('extend'),
      KeyD: () => {
        showView('workbench');
        $('dial-number').focus();
      },
    };
    const action = actions[event.code];
    if (action) {
      event.preventDefault();
      action();
    }
    return;
  }
  if (document.activeElement === $('keypad') && /^[0-9*#]$/.test(event.key) && !isTyping(event.target)) {
    event.preventDefault();
    sendDigit(event.key);
  }
}

// ------------------------------------------------------------------------------------------------ wiring

function wire() {
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('password-open').addEventListener('click', () => {
    $('password-form').reset();
    $('pw-error').hidden = true;
    $('password-dialog').showModal();
  });
  $('password-form').addEventListener('submit', changePassword);
  for (const tab of document.querySelectorAll('.tab')) {
    tab.addEventListener('click', () => showView(tab.dataset.view));
  }
  for (const button of document.querySelectorAll('.state-btn')) {
    button.addEventListener('click', () => chooseState(button.dataset.state));
  }
  // the administrator may have changed the reasons since the page loaded: the menu asks again when opened
  $('break-reason').addEventListener('focus', () => loadBreakReasons());
  $('break-reason').addEventListener('change', () => {
    if (app.agentState === 'break') {
      chooseState('break');
    }
  });
  $('wrapup-end').addEventListener('click', () => wrapUp('end'));
  $('wrapup-extend').addEventListener('click', () => wrapUp('extend'));
  $('wrapup-keep').addEventListener('click', () => wrapUp('keep'));
  $('offer-answer').addEventListener('click', answer);
  $('call-hold').addEventListener('click', toggleHold);
  $('call-mute').addEventListener('click', toggleMute);
  $('call-hangup').addEventListener('click', hangUp);
  $('call-transfer').addEventListener('click', openTransfer);
  $('call-selfservice').addEventListener('click', openSelfService);
  for (const key of document.querySelectorAll('#keypad [data-digit]')) {
    key.addEventListener('click', () => sendDigit(key.dataset.digit));
  }
  $('transfer-extension-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const extension = $('transfer-extension').value.trim();
    transfer({ extension }, t('user.ext', { ext: extension }), e.submitter);
  });
  $('transfer-number-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const number = $('transfer-number').value.trim();
    transfer({ number }, number, e.submitter);
  });
  $('dial-form').addEventListener('submit', dial);
  $('internal-form').addEventListener('submit', callColleague);
  $('internal-to').addEventListener('input', colleagueQuery);
  $('pop-close').addEventListener('click', popClose);
  $('records-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    app.recordsOffset = 0;
    loadRecords();
  });
  $('rec-reset').addEventListener('click', () => {
    $('records-filter').reset();
    app.recordsOffset = 0;
    loadRecords();
  });
  $('rec-prev').addEventListener('click', () => {
    app.recordsOffset = Math.max(0, app.recordsOffset - RECORDS_PAGE);
    loadRecords();
  });
  $('rec-next').addEventListener('click', () => {
    app.recordsOffset += RECORDS_PAGE;
    loadRecords();
  });
  for (const button of document.querySelectorAll('.admin-tab')) {
    button.addEventListener('click', () => showAdminPage(button.dataset.admin));
  }
  $('account-form').addEventListener('submit', createAccount);
  $('settings-form').addEventListener('submit', saveSettings);
  $('agent-form').addEventListener('submit', saveAgent);
  $('agt-cancel').addEventListener('click', resetAgentForm);
  $('agent-filter').addEventListener('submit', filterAgents);
  $('agf-group').addEventListener('change', filterAgents);
  $('agf-prev').addEventListener('click', () => agentsPage(-1));
  $('agf-next').addEventListener('click', () => agentsPage(1));
  $('import-form').addEventListener('submit', importAgents);
  $('group-form').addEventListener('submit', saveGroup);
  $('grp-cancel').addEventListener('click', resetGroupForm);
  $('member-form').addEventListener('submit', addMember);
  $('trunk-form').addEventListener('submit', saveTrunk);
  $('trk-new').addEventListener('click', resetTrunkForm);
  $('dialplan-form').addEventListener('submit', saveDialPlan);
  $('pop-form').addEventListener('submit', addScreenPop);
  $('reply-form').addEventListener('submit', addQuickReply);
  $('reply-imp-form').addEventListener('submit', importQuickReplies);
  wireLanguage();
  document.addEventListener('keydown', onKey);
  setInterval(tick, 250);
}

async function boot() {
  wire();
  let me;
  try {
    me = await api('GET', '/api/me');
  } catch (e) {
    showLogin(e.status === 401 || e.status === 404 ? null : e.message);
    return;
  }
  await start(me.account || me);
}

document.addEventListener('DOMContentLoaded', boot);
