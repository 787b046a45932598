// Web Push notifications of new chats in the workbench (spec §13), beside workbench.js (classic scripts sharing one
// global scope: app, api, toast, activity). An agent's "Notifications / 通知" switch in the top bar asks the
// browser's permission, registers the service worker /web/push-sw.js for the scope /, subscribes with the server's
// VAPID key (GET /api/push/key) and sends the subscription to the server (POST /api/push/subscriptions); off, and at
// log-out, it is deleted there (DELETE /api/push/subscriptions) and in the browser. The server then pushes each chat
// offered to the agent, and the service worker shows it while the page is in the background. Push needs a secure
// context (https, or http://localhost): elsewhere the switch stays off and says why.
'use strict';

const pushState = {
  key: null,          // the server's VAPID public key (base64url), null when push is off on the server
  started: false,     // started for the signed-in account
};

function pushSupported() {
  return window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window
    && 'Notification' in window;
}

/** The applicationServerKey the Push API wants: the key's bytes. */
function pushKeyBytes(base64Url) {
  const base64 = base64Url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** The browser's subscription of this page's service worker, or null. */
async function pushCurrent() {
  if (!pushSupported()) {
    return null;
  }
  const registration = await navigator.serviceWorker.getRegistration('/');
  return registration ? registration.pushManager.getSubscription() : null;
}

function pushShowSwitch(on, note) {
  const toggle = $('push-toggle');
  toggle.hidden = false;
  $('push-enabled').checked = on;
  toggle.title = note || t('push.title');
}

/** After log-in: the switch for an agent, on when this browser is subscribed (the server is told again). */
async function pushStart() {
  if (pushState.started || !app.me || !app.me.staffNo) {
    return;
  }
  pushState.started = true;
  try {
    pushState.key = (await api('GET', '/api/push/key')).publicKey;
  } catch (e) {
    pushState.key = null;
    return;     // push is off on this server: no switch
  }
  if (!pushSupported()) {
    pushShowSwitch(false, t('push.needsHttps'));
    $('push-enabled').disabled = true;
    return;
  }
  $('push-enabled').disabled = false;
  const current = await pushCurrent();
  const on = Boolean(current) && Notification.permission === 'granted';
  pushShowSwitch(on);
  if (on) {
    await api('POST', '/api/push/subscriptions', current.toJSON()).catch(() => undefined);
  }
}

async function pushEnable() {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    throw new Error(t('push.denied'));
  }
  const registration = await navigator.serviceWorker.register('/web/push-sw.js', { scope: '/' });
  await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  const key = pushKeyBytes(pushState.key);
  if (subscription && subscription.options.applicationServerKey) {
    const old = new Uint8Array(subscription.options.applicationServerKey);
    if (old.length !== key.length || old.some((b, i) => b !== key[i])) {
      await subscription.unsubscribe();     // made with another server key: useless now
      subscription = null;
    }
  }
  if (!subscription) {
    subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  }
  await api('POST', '/api/push/subscriptions', subscription.toJSON());
  activity(t('push.on'));
}

/** Deletes the subscription at the server (while signed in) and in the browser. */
async function pushDisable() {
  const subscription = await pushCurrent();
  if (!subscription) {
    return;
  }
  await api('DELETE', '/api/push/subscriptions', { endpoint: subscription.endpoint }).catch(() => undefined);
  await subscription.unsubscribe();
}

async function pushToggle() {
  const box = $('push-enabled');
  const on = box.checked;
  box.disabled = true;
  try {
    await (on ? pushEnable() : pushDisable());
  } catch (e) {
    box.checked = !on;
    toast(e.message || t('push.failed'));
  } finally {
    box.disabled = false;
  }
}

/** At log-out, before the session ends (workbench.js calls it): no notifications for the next user. */
async function pushForget() {
  const bounded = new Promise((resolve) => setTimeout(resolve, 3000));
  await Promise.race([pushDisable().catch(() => undefined), bounded]);
}

function pushReset() {
  pushState.started = false;
  pushState.key = null;
  $('push-toggle').hidden = true;
}

document.addEventListener('DOMContentLoaded', () => {
  $('push-enabled').addEventListener('change', pushToggle);
  // the page shows #app after log-in (or a live session on load) and hides it at log-out
  new MutationObserver(() => {
    if ($('app').hidden) {
      pushReset();
    } else {
      pushStart().catch(() => undefined);
    }
  }).observe($('app'), { attributes: true, attributeFilter: ['hidden'] });
  if (!$('app').hidden) {
    pushStart().catch(() => undefined);
  }
});
