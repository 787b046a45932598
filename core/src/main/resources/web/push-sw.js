// The workbench's service worker for Web Push (spec §13): registered by push.js from /web/push-sw.js with the scope /
// (the server sends Service-Worker-Allowed: /). It has no fetch handler: it never touches the page's requests. A push
// message {type:"chat-offer", session, channel, visitor, text, group} becomes a notification only when no workbench
// window is visible (the page shows the offer itself then); a click focuses the workbench, or opens it.
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  event.waitUntil(pushShow(event));
});

/** The notification of a chat offered, unless a window of the workbench is visible. */
async function pushShow(event) {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {};
  }
  if (data.type !== 'chat-offer') {
    return;
  }
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.some((client) => client.visibilityState === 'visible')) {
    return;
  }
  // no page dictionary here: the words in the browser's own language (zh* Chinese, anything else English)
  const chinese = /^zh/i.test(self.navigator.language || '');
  const who = data.visitor || (chinese ? '访客' : 'Visitor');
  await self.registration.showNotification(chinese ? '新会话' : 'New chat', {
    body: data.text ? who + ': ' + data.text : who + (data.group ? ' · ' + data.group : ''),
    tag: 'chat-' + data.session,
    renotify: true,
    data: { session: data.session },
  });
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(pushOpenWorkbench());
});

/** Focuses a window of the workbench (the page at /), else opens one. */
async function pushOpenWorkbench() {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const workbench = windows.find((client) => new URL(client.url).pathname === '/');
  if (workbench) {
    return workbench.focus();
  }
  return self.clients.openWindow('/');
}

// The push service replaced the subscription: subscribe again with the same key and tell the server (the session
// cookie goes with the request; without a session the server answers 401 and the next log-in subscribes again).
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil((async () => {
    const options = event.oldSubscription ? event.oldSubscription.options : null;
    if (!options || !options.applicationServerKey) {
      return;
    }
    const fresh = await self.registration.pushManager.subscribe(options);
    await fetch('/api/push/subscriptions', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'switchboard' },
      body: JSON.stringify(fresh.toJSON()),
    });
  })());
});
