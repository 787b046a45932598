// The workbench's phone choice and device check, beside workbench.js (a classic script sharing its globals: app,
// api, $, toast, activity, showOffer, hideOffer). Each agent chooses, per browser, where its calls ring: "this
// browser" (webphone.js registers the extension with a password of the session) or "my desk phone". The choice and
// the chosen microphone and speaker are kept in this browser's localStorage under the account's e-mail.
'use strict';

const PHONE_STATES = {
  off: 'phone.off', connecting: 'phone.connecting', registered: 'phone.registered',
  reconnecting: 'phone.reconnecting', failed: 'phone.failed',
};

const phonePanel = {
  stopMeter: null,
  lastError: null,
};

function phoneKey() {
  return 'switchboard.phone.' + (app.me ? app.me.email : '');
}

/** {kind: 'browser' | 'desk', microphone, speaker} as chosen in this browser, or null. */
function phoneChoice() {
  try {
    return JSON.parse(localStorage.getItem(phoneKey()));
  } catch (e) {
    return null;
  }
}

/** window.webPhone once the module has loaded (module scripts run after this one). */
function webPhoneLoaded() {
  if (window.webPhone) {
    return Promise.resolve(window.webPhone);
  }
  return new Promise((resolve) => window.addEventListener('webphone', () => resolve(window.webPhone),
    { once: true }));
}

/** After log-in: an agent with an extension uses its chosen phone, or is asked once which one. */
function startPhone() {
  if (app.me && app.me.extension && !app.me.staffNo && supAllowed()) {
    // A supervisor with an extension and no agent: the page's own phone (unless it chose its desk phone), which
    // answers by itself when the server rings it for a supervision (supervise-call.js).
    const chosen = phoneChoice();
    if (!chosen || chosen.kind === 'browser') {
      useBrowserPhone(chosen || { kind: 'browser' });
    }
    return;
  }
  const hasPhone = Boolean(app.me && app.me.extension && app.me.staffNo);
  $('phone-change').hidden = !hasPhone;
  if (!hasPhone) {
    $('phone-status').textContent = '–';
    return;
  }
  const choice = phoneChoice();
  if (!choice) {
    $('phone-status').textContent = t('phone.notChosen');
    openPhoneDialog();
  } else if (choice.kind === 'browser') {
    useBrowserPhone(choice);
  } else {
    $('phone-status').textContent = t(PHONE_STATES.off);
  }
}

async function useBrowserPhone(choice) {
  const phone = await webPhoneLoaded();
  const renew = () => api('POST', '/api/me/web-phone', {});
  phonePanel.lastError = null;
  try {
    await phone.start(await renew(), renew, choice);
  } catch (e) {
    toast(t('phone.notStarted', { why: e.message }));
    return;
  }
  if (window.Notification && Notification.permission === 'default') {
    Notification.requestPermission().catch(() => undefined);
  }
}

/** Log-out or an ended session: the page's phone unregisters (the server ends its password anyway). */
function stopPhone() {
  if (window.webPhone) {
    window.webPhone.stop();
  }
}

function onPhoneEvent(event) {
  const detail = event.detail || {};
  switch (detail.type) {
    case 'state':
      $('phone-status').textContent = t(PHONE_STATES[detail.state] || detail.state);
      if (detail.state === 'failed' && detail.error && detail.error !== phonePanel.lastError) {
        phonePanel.lastError = detail.error;
        toast(t('phone.browserPhone', { why: detail.error }));
      }
      break;
    case 'incoming':
      // An ACD offer has its own bar (from the events socket); a direct call (a colleague) gets one here.
      if (!app.offer && !detail.autoAnswer) {
        showOffer({ call: null, caller: detail.caller, number: app.me.extension, ringSeconds: 30 });
        app.offer.direct = true;
      }
      activity(detail.autoAnswer ? t('phone.connectingHere') : t('phone.ringingHere', { caller: detail.caller
        || t('call.unknown') }));
      break;
    case 'ended':
      if (app.offer && app.offer.direct) {
        hideOffer();
      }
      break;
    case 'answered':
      if (app.offer && app.offer.direct) {
        hideOffer();
      }
      break;
    default:
      break;
  }
}

/** Answer in the page when the call rings here; false when the server must ring the desk phone instead. */
function answerInBrowser() {
  if (window.webPhone && window.webPhone.ringing()) {
    window.webPhone.answer();
    activity(t('phone.answeredInThisBrowser'));
    return true;
  }
  return false;
}

// ------------------------------------------------------------------------------------------------ the dialog

async function openPhoneDialog() {
  const choice = phoneChoice() || { kind: 'browser', microphone: '', speaker: '' };
  $('phone-ext').textContent = app.me.extension;
  $(choice.kind === 'desk' ? 'phone-desk' : 'phone-browser').checked = true;
  $('phone-error').hidden = true;
  $('phone-dialog').showModal();
  await checkDevices(choice);
}

/** Lists the microphones and speakers (asking for the microphone) and shows the chosen one's level. */
async function checkDevices(choice) {
  stopPhoneMeter();
  const browser = $('phone-browser').checked;
  $('phone-devices').hidden = !browser;
  if (!browser) {
    return;
  }
  try {
    const WebPhone = (await webPhoneLoaded()).constructor;
    const devices = await WebPhone.listDevices();
    fillDevices($('phone-mic'), devices.microphones, choice.microphone);
    fillDevices($('phone-speaker'), devices.speakers, choice.speaker);
    phonePanel.stopMeter = await WebPhone.meter($('phone-mic').value, (level) => {
      $('phone-level').value = level;
    });
  } catch (e) {
    $('phone-error').textContent = t('phone.noMicrophone', { why: e.message });
    $('phone-error').hidden = false;
  }
}

function fillDevices(select, devices, chosen) {
  select.replaceChildren(el('option', { value: '' }, t('phone.default')),
    ...devices.filter((d) => d.id && d.id !== 'default').map((d) => el('option', { value: d.id }, d.label)));
  select.value = devices.some((d) => d.id === chosen) ? chosen : '';
}

function stopPhoneMeter() {
  if (phonePanel.stopMeter) {
    phonePanel.stopMeter();
    phonePanel.stopMeter = null;
  }
}

async function savePhone() {
  const choice = {
    kind: $('phone-browser').checked ? 'browser' : 'desk',
    microphone: $('phone-mic').value || '',
    speaker: $('phone-speaker').value || '',
  };
  localStorage.setItem(phoneKey(), JSON.stringify(choice));
  $('phone-dialog').close();
  if (choice.kind === 'browser') {
    await useBrowserPhone(choice);
    activity(t('phone.callsRingInThisBrowser'));
  } else {
    stopPhone();
    await attempt(() => api('DELETE', '/api/me/web-phone'), t('phone.browserPhone2'));
    $('phone-status').textContent = t(PHONE_STATES.off);
    activity(t('phone.callsRingOnYourDesk'));
  }
}

function wirePhone() {
  window.addEventListener('webphone', onPhoneEvent);
  $('phone-change').addEventListener('click', openPhoneDialog);
  for (const id of ['phone-browser', 'phone-desk']) {
    $(id).addEventListener('change', () => checkDevices(phoneChoice() || {}));
  }
  $('phone-mic').addEventListener('change', () => checkDevices({
    microphone: $('phone-mic').value, speaker: $('phone-speaker').value,
  }));
  $('phone-tone').addEventListener('click', async () => (await webPhoneLoaded()).testTone($('phone-speaker').value));
  $('phone-save').addEventListener('click', savePhone);
  $('phone-dialog').addEventListener('close', stopPhoneMeter);
}

document.addEventListener('DOMContentLoaded', wirePhone);
