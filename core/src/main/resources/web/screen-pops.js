// Screen pops (来电弹屏): the pages the server filled in for a call offered to the agent or for the agent's own
// outside call. A page that opens in a tab is a link (in the offer bar and the call panel); a page that opens in a
// panel is shown at once inside the workbench, in a sandboxed frame, until the agent closes it (after
// workbench-base.js).
'use strict';

/**
 * Shows an event's pages: the links in {@code linksId} (the offer bar; none: null) and in the call panel, the panel
 * pages in the pop panel (the first one shown, the others a click away).
 */
function screenPops(pops, linksId) {
  const pages = (Array.isArray(pops) ? pops : []).filter((p) => p && /^https?:\/\//i.test(p.url || ''));
  const links = pages.filter((p) => p.open !== 'panel');
  const link = (p) => el('a', {
    class: 'pop-link', href: p.url, target: '_blank', rel: 'noopener noreferrer',
  }, '↗ ' + (p.name || p.url));
  if (linksId) {
    $(linksId).replaceChildren(...links.map(link));
  }
  $('call-pops').replaceChildren(...links.map(link));
  const panels = pages.filter((p) => p.open === 'panel');
  if (panels.length) {
    popPanel(panels);
  }
}

/** The links of the call panel go with the call. */
function clearCallPops() {
  $('call-pops').replaceChildren();
}

/** Opens the pop panel with these pages, the first one in the frame. */
function popPanel(pages) {
  $('pop-tabs').replaceChildren(...pages.map((p, i) => el('button', {
    class: 'btn small pop-tab', type: 'button', dataset: { index: String(i) },
    onclick: () => popShow(pages[i]),
  }, p.name || p.url)));
  $('pop-tabs').hidden = pages.length < 2;
  popShow(pages[0]);
  $('pop-panel').hidden = false;
  document.body.classList.add('pop-open');
}

/**
 * One page in the frame. A fresh iframe each time, its sandbox set before it loads: scripts, forms and pop-ups for
 * the page's own work; its own origin (cookies, a CRM's log-in) only when that is not the workbench's, so that a
 * page of this server never runs with the workbench's rights; no referrer, so the agent's page is not sent along.
 */
function popShow(page) {
  let origin = null;
  try {
    origin = new URL(page.url, location.href).origin;
  } catch (e) {
    return;
  }
  const frame = document.createElement('iframe');
  frame.id = 'pop-frame';
  frame.className = 'pop-frame';
  frame.title = page.name || t('pop.title');
  frame.referrerPolicy = 'no-referrer';
  frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox'
    + (origin !== location.origin ? ' allow-same-origin' : ''));
  frame.src = page.url;
  $('pop-frame').replaceWith(frame);
  $('pop-page-name').textContent = page.name || '';
  $('pop-newtab').href = page.url;
  for (const tab of $('pop-tabs').children) {
    tab.classList.toggle('current', tab.textContent === (page.name || page.url));
  }
}

function popClose() {
  $('pop-panel').hidden = true;
  document.body.classList.remove('pop-open');
  const frame = $('pop-frame');
  frame.removeAttribute('src');
  frame.src = 'about:blank';
}
