// Switchboard's website chat widget: one <script> tag on the company's pages, plain JavaScript, no build step.
//   <script src="https://cc.example.com/web/chat-widget.js" data-channel="shop" data-title="Chat with us"
//           data-button="Chat" data-color="#1f6feb" async></script>
// A chat button; a panel with the conversation (the session flow's prompts, the agent's messages, the agent's staff
// number once connected, an end notice); the visitor's id and the last message seen are kept in localStorage, so
// the next page resumes the same session with what it missed. What it is doing is in window.switchboardChat.
// A satisfaction survey the agent sends (or that comes when the chat ends) shows its levels as buttons, "solved?"
// and a comment as configured, and a Submit; the socket stays open until it is answered.
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[data-channel]');
  if (!script || window.switchboardChat) {
    return;
  }
  var channel = script.getAttribute('data-channel') || 'demo';
  var color = script.getAttribute('data-color') || '#1f6feb';
  // The widget runs on the company's pages without the workbench's i18n.js: its own small dictionary, in the language
  // of data-lang, else of the page (<html lang>), else of the visitor's browser (zh* Chinese, anything else English).
  var TEXTS = {
    en: {
      title: 'Online service', button: 'Chat', 'in-flow': 'Assistant', queued: 'Waiting for an agent',
      offered: 'Connecting', serving: 'Agent', ended: 'Chat ended', close: 'Close', placeholder: 'Type a message…',
      message: 'Message', send: 'Send', attach: 'Send an image or a file', end: 'End chat',
      over: 'The chat has ended.', thanks: 'Thank you for your feedback.', notSent: 'Not sent',
      rate: 'How satisfied are you with our service?', solved: 'Was your problem solved?', yes: 'Yes', no: 'No',
      comment: 'Comment (optional)', submit: 'Submit', chooseLevel: 'Please choose a level.',
      notConnected: 'Not connected.', chatNow: 'Chat now', later: 'No, thanks'
    },
    'zh-CN': {
      title: '在线客服', button: '咨询', 'in-flow': '智能引导', queued: '排队中', offered: '正在接入', serving: '客服',
      ended: '会话已结束', close: '关闭', placeholder: '请输入…', message: '消息', send: '发送', attach: '发送图片或文件',
      end: '结束会话', over: '会话已结束。', thanks: '感谢您的评价！', notSent: '发送失败',
      rate: '请您对本次服务进行评价', solved: '问题是否已解决？', yes: '是', no: '否', comment: '意见建议（选填）',
      submit: '提交', chooseLevel: '请选择评价。', notConnected: '未连接。', chatNow: '立即咨询', later: '稍后再说'
    }
  };
  var language = (function () {
    var page = document.documentElement.getAttribute('lang');
    var browser = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
    var chosen = script.getAttribute('data-lang') || (/^(zh|en)/i.test(page || '') ? page : browser);
    return /^zh/i.test(chosen) ? 'zh-CN' : 'en';
  })();
  function tr(name) {
    return TEXTS[language][name];
  }
  var title = script.getAttribute('data-title') || tr('title');
  var buttonText = script.getAttribute('data-button') || tr('button');
  var server = new URL(script.src, location.href);
  var wsUrl = (server.protocol === 'https:' ? 'wss://' : 'ws://') + server.host + '/chat/ws';
  var key = 'switchboard.chat.' + channel + '.';
  var IMAGES = /^image\/(png|jpeg|gif|bmp)$/;
  var STATES = {
    'in-flow': tr('in-flow'), queued: tr('queued'), offered: tr('offered'), serving: tr('serving'),
    'wrap-up': tr('ended'), finished: tr('ended')
  };

  var chat = window.switchboardChat = {
    state: 'closed', session: null, visitor: store('visitor'), staffNo: null, messages: [], socket: null,
    open: open, close: close, send: send, leave: leave, survey: null, rate: rate, invitation: null, presence: null,
    blocked: false, language: language
  };
  var retry = 0;
  var pending = {};
  var refs = 0;

  function store(name, value) {
    try {
      if (value === undefined) {
        return localStorage.getItem(key + name);
      }
      if (value === null) {
        localStorage.removeItem(key + name);
      } else {
        localStorage.setItem(key + name, String(value));
      }
    } catch (e) {
      return null;
    }
    return null;
  }

  // ------------------------------------------------------------------------------------------------ the page

  var css = '.sbc-btn{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:24px;' +
    'padding:12px 20px;color:#fff;font:600 15px system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 14px #0003}' +
    '.sbc-panel{position:fixed;right:20px;bottom:80px;z-index:2147483001;width:360px;max-width:calc(100vw - 24px);' +
    'height:520px;max-height:calc(100vh - 100px);display:none;flex-direction:column;background:#fff;' +
    'border-radius:12px;box-shadow:0 8px 30px #0004;font:14px system-ui,sans-serif;color:#1b1f24;overflow:hidden}' +
    '.sbc-panel.sbc-open{display:flex}.sbc-head{padding:12px 14px;color:#fff;display:flex;align-items:center;gap:8px}' +
    '.sbc-head b{flex:1}.sbc-head button{background:none;border:0;color:#fff;font-size:18px;cursor:pointer}' +
    '.sbc-state{font-size:12px;opacity:.9}.sbc-log{flex:1;overflow-y:auto;padding:12px;background:#f6f8fa}' +
    '.sbc-msg{max-width:80%;margin:6px 0;padding:8px 11px;border-radius:10px;white-space:pre-wrap;' +
    'word-wrap:break-word}.sbc-visitor{margin-left:auto;color:#fff}.sbc-agent,.sbc-flow{background:#fff;' +
    'border:1px solid #d0d7de}.sbc-system{margin:8px auto;font-size:12px;color:#57606a;text-align:center}' +
    '.sbc-who{display:block;font-size:11px;color:#57606a;margin-bottom:2px}.sbc-form{display:flex;gap:6px;' +
    'padding:8px;border-top:1px solid #d0d7de}.sbc-form textarea{flex:1;resize:none;height:40px;padding:8px;' +
    'border:1px solid #d0d7de;border-radius:8px;font:inherit}.sbc-form button{border:0;border-radius:8px;' +
    'color:#fff;padding:0 14px;cursor:pointer}.sbc-end{font-size:12px;text-align:center;padding:0 0 8px}' +
    '.sbc-end button{background:none;border:0;color:#57606a;text-decoration:underline;cursor:pointer}' +
    '.sbc-thumb{display:block;max-width:160px;max-height:120px;border-radius:4px}.sbc-recalled{font-style:italic;' +
    'opacity:.7}.sbc-attach{background:none!important;color:#57606a!important;padding:0 6px!important}' +
    '.sbc-survey{background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:10px;margin:8px 0}' +
    '.sbc-survey p{margin:0 0 6px}.sbc-survey button{margin:2px;padding:5px 9px;border:1px solid #d0d7de;' +
    'border-radius:6px;background:#fff;cursor:pointer;font:inherit}.sbc-survey button.sbc-on{color:#fff}' +
    '.sbc-survey textarea{width:100%;box-sizing:border-box;height:48px;margin:4px 0;font:inherit}' +
    '.sbc-invite{position:fixed;right:20px;bottom:80px;z-index:2147483001;width:280px;padding:12px;' +
    'background:#fff;border-radius:12px;box-shadow:0 8px 30px #0004;font:14px system-ui,sans-serif;color:#1b1f24}' +
    '.sbc-invite p{margin:0 0 10px;white-space:pre-wrap}.sbc-invite button{border:0;border-radius:8px;' +
    'padding:6px 12px;margin-right:6px;cursor:pointer}.sbc-invite .sbc-accept{color:#fff}' +
    '@media (max-width:480px){.sbc-panel{right:0;bottom:0;width:100vw;max-width:100vw;height:100vh;' +
    'max-height:100vh;border-radius:0}}';
  var style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);

  var button = element('button', 'sbc-btn', buttonText);
  button.style.background = color;
  button.setAttribute('aria-label', title);
  var panel = element('section', 'sbc-panel');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', title);
  var head = element('div', 'sbc-head');
  head.style.background = color;
  var heading = element('b', null, title);
  var stateLine = element('span', 'sbc-state', '');
  var closer = element('button', null, '×');
  closer.setAttribute('aria-label', tr('close'));
  head.append(heading, stateLine, closer);
  var log = element('div', 'sbc-log');
  log.setAttribute('aria-live', 'polite');
  var form = element('form', 'sbc-form');
  var input = element('textarea');
  input.setAttribute('maxlength', '4000');
  input.setAttribute('placeholder', tr('placeholder'));
  input.setAttribute('aria-label', tr('message'));
  var sendButton = element('button', 'sbc-send', tr('send'));
  sendButton.type = 'submit';
  sendButton.style.background = color;
  // images and files: the attach button, or an image pasted into the message box
  var attach = element('button', 'sbc-attach', '📎');
  attach.type = 'button';
  attach.setAttribute('aria-label', tr('attach'));
  var picker = element('input');
  picker.type = 'file';
  picker.hidden = true;
  form.append(attach, picker, input, sendButton);
  var end = element('div', 'sbc-end');
  var endButton = element('button', null, tr('end'));
  end.appendChild(endButton);
  panel.append(head, log, form, end);
  document.body.append(panel, button);

  button.addEventListener('click', function () { panel.classList.contains('sbc-open') ? close() : open(); });
  closer.addEventListener('click', close);
  attach.addEventListener('click', function () { picker.click(); });
  picker.addEventListener('change', function () {
    upload(picker.files[0]);
    picker.value = '';
  });
  input.addEventListener('paste', function (e) {
    var items = e.clipboardData ? e.clipboardData.items : [];
    for (var i = 0; i < items.length; i++) {
      if (items[i].kind === 'file' && IMAGES.test(items[i].type)) {
        e.preventDefault();
        upload(items[i].getAsFile());
        return;
      }
    }
  });
  endButton.addEventListener('click', leave);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    send(input.value);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send(input.value);
    }
  });

  function element(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) {
      el.className = cls;
    }
    if (text) {
      el.textContent = text;
    }
    return el;
  }

  // ------------------------------------------------------------------------------------------------ the chat

  function open() {
    panel.classList.add('sbc-open');
    store('open', '1');
    if (invite) {
      invite.hidden = true;
    }
    if (!chat.socket) {
      connect();
    }
    input.focus();
  }

  function close() {
    panel.classList.remove('sbc-open');
    store('open', null);
  }

  function connect() {
    var query = '?channel=' + encodeURIComponent(channel) + '&seen=' + (store('seen') || 0) +
      '&page=' + encodeURIComponent(location.href.slice(0, 500));
    if (chat.visitor) {
      query += '&visitor=' + encodeURIComponent(chat.visitor);
    }
    var socket = chat.socket = new WebSocket(wsUrl + query);
    socket.onopen = function () { retry = 0; };
    socket.onmessage = function (event) { receive(JSON.parse(event.data)); };
    socket.onclose = function () {
      if (chat.socket !== socket) {
        return;
      }
      chat.socket = null;
      if (chat.state !== 'finished' && !chat.blocked && panel.classList.contains('sbc-open')) {
        // The network or a server restart: connect again, saying what was seen, with a growing pause.
        setTimeout(connect, Math.min(30000, 1000 * Math.pow(2, retry++)));
      }
    };
  }

  function receive(frame) {
    if (frame.type === 'hello') {
      chat.visitor = frame.visitor;
      store('visitor', frame.visitor);
    } else if (frame.type === 'chat.session') {
      if (chat.session !== null && chat.session !== frame.session) {
        store('seen', 0);
      }
      chat.session = frame.session;
      chat.state = frame.state;
      chat.staffNo = frame.staffNo || chat.staffNo;
      stateLine.textContent = (STATES[frame.state] || frame.state) + (frame.staffNo ? ' ' + frame.staffNo : '');
      var over = frame.state === 'wrap-up' || frame.state === 'finished';
      input.disabled = sendButton.disabled = endButton.disabled = over;
      if (over) {
        notice(tr('over'));
        store('seen', 0);
      }
      if (frame.state === 'finished' && chat.socket && !chat.survey) {
        // Opening the chat again starts a new session.
        var done = chat.socket;
        chat.socket = null;
        done.close();
      }
    } else if (frame.type === 'chat.message') {
      chat.messages.push(frame);
      show(frame);
      if (chat.state !== 'wrap-up' && chat.state !== 'finished') {
        store('seen', frame.id);
      }
    } else if (frame.type === 'chat.recalled') {
      var shown = log.querySelector('[data-id="' + frame.id + '"]');
      if (shown) {
        log.replaceChild(bubbleOf(frame), shown);
      }
    } else if (frame.type === 'survey') {
      survey(frame);
    } else if (frame.type === 'survey.ack' && chat.survey) {
      chat.survey.block.replaceChildren(element('p', null, tr('thanks')));
      chat.survey = null;
      if (chat.state === 'finished' && chat.socket) {
        var answered = chat.socket;
        chat.socket = null;
        answered.close();
      }
    } else if (frame.type === 'ack') {
      delete pending[frame.ref];
    } else if (frame.type === 'error') {
      chat.blocked = chat.blocked || frame.error === 'blocked';
      notice(frame.message || frame.error);
      if (frame.ref && pending[frame.ref] !== undefined) {
        input.value = pending[frame.ref];
        delete pending[frame.ref];
      }
    }
  }

  function show(message) {
    log.appendChild(bubbleOf(message));
    log.scrollTop = log.scrollHeight;
  }

  /** A message's bubble: its text, an image's thumbnail (a click opens it), a file's link, a recall's notice. */
  function bubbleOf(message) {
    var bubble = element('div', 'sbc-msg sbc-' + message.from + (message.recalled ? ' sbc-recalled' : ''));
    bubble.setAttribute('data-id', String(message.id));
    if (message.from === 'visitor') {
      bubble.style.background = color;
    } else if (message.from === 'agent' && message.staffNo) {
      bubble.appendChild(element('span', 'sbc-who', message.staffNo));
    }
    if (message.file && !message.recalled) {
      var link = element('a', null, message.kind === 'image' ? null
        : '📎 ' + message.file.name + ' (' + Math.max(1, Math.round(message.file.size / 1024)) + ' KB)');
      link.href = server.origin + '/chat/files/' + encodeURIComponent(message.file.id) + '?visitor=' +
        encodeURIComponent(chat.visitor) + '&session=' + chat.session;
      link.target = '_blank';
      link.rel = 'noopener';
      if (message.kind === 'image') {
        var img = element('img', 'sbc-thumb');
        img.src = link.href;
        img.alt = message.file.name;
        link.appendChild(img);
      }
      bubble.appendChild(link);
    } else {
      bubble.appendChild(document.createTextNode(message.text));
    }
    return bubble;
  }

  /** Sends an image or a file over HTTP (as text/plain: a simple request, no preflight); it comes back as a message. */
  function upload(file) {
    if (!file || chat.session === null || !chat.visitor) {
      return;
    }
    var url = server.origin + '/chat/files?channel=' + encodeURIComponent(channel) + '&visitor=' +
      encodeURIComponent(chat.visitor) + '&session=' + chat.session + '&kind=' +
      (IMAGES.test(file.type) ? 'image' : 'file') + '&name=' + encodeURIComponent(file.name || 'image.png');
    fetch(url, { method: 'POST', body: file, headers: { 'Content-Type': 'text/plain' } }).then(function (r) {
      return r.ok ? null : r.json().then(function (e) { notice(e.message || e.error); });
    }).catch(function () { notice(tr('notSent')); });
  }

  // The survey: a level (required), solved yes/no and a comment when asked; answered once over the socket.
  function survey(frame) {
    if (chat.survey) {
      chat.survey.block.remove();
    }
    var block = element('div', 'sbc-survey');
    var answer = chat.survey = { block: block, frame: frame, level: 0, solved: null };
    block.appendChild(element('p', null, tr('rate')));
    choices(block, frame.levels.map(function (l) { return [l.level, l.label + (l.english ? ' ' + l.english : '')]; }),
      'level');
    if (frame.askSolved) {
      block.appendChild(element('p', null, tr('solved')));
      choices(block, [[true, tr('yes')], [false, tr('no')]], 'solved');
    }
    var comment = element('textarea');
    if (frame.askComment) {
      comment.setAttribute('maxlength', '500');
      comment.setAttribute('placeholder', tr('comment'));
      block.appendChild(comment);
    }
    var submit = element('button', 'sbc-submit', tr('submit'));
    submit.addEventListener('click', function () {
      rate(answer.level, answer.solved, comment.value);
    });
    block.appendChild(submit);
    log.appendChild(block);
    log.scrollTop = log.scrollHeight;
  }

  function choices(block, list, field) {
    var row = element('div');
    list.forEach(function (choice) {
      var b = element('button', 'sbc-' + field, choice[1]);
      b.type = 'button';
      b.addEventListener('click', function () {
        chat.survey[field] = choice[0];
        Array.prototype.forEach.call(row.children, function (o) {
          o.classList.toggle('sbc-on', o === b);
          o.style.background = o === b ? color : '';
        });
      });
      row.appendChild(b);
    });
    block.appendChild(row);
  }

  function rate(level, solved, comment) {
    if (!chat.survey || !level || !chat.socket || chat.socket.readyState !== 1) {
      notice(chat.survey && !level ? tr('chooseLevel') : tr('notConnected'));
      return false;
    }
    comment = (comment || '').trim();
    chat.socket.send(JSON.stringify({ type: 'survey', ref: 'survey', level: level, solved: solved,
      comment: comment || null }));
    return true;
  }

  function notice(text) {
    log.appendChild(element('div', 'sbc-system', text));
    log.scrollTop = log.scrollHeight;
  }

  function send(text) {
    text = (text || '').trim();
    if (!text || !chat.socket || chat.socket.readyState !== 1) {
      return false;
    }
    var ref = 'm' + (++refs);
    pending[ref] = text;
    chat.socket.send(JSON.stringify({ type: 'text', text: text, ref: ref }));
    input.value = '';
    return true;
  }

  function leave() {
    if (chat.socket && chat.socket.readyState === 1) {
      chat.socket.send(JSON.stringify({ type: 'leave' }));
    }
  }

  // ------------------------------------------------------------------------------------------------ presence

  // A light socket on every page (no session): agents see the visitor on the site and may invite it to chat.
  var invite = element('div', 'sbc-invite');
  var inviteText = element('p');
  var accept = element('button', 'sbc-accept', tr('chatNow'));
  accept.style.background = color;
  var dismiss = element('button', null, tr('later'));
  invite.append(inviteText, accept, dismiss);
  invite.hidden = true;
  document.body.appendChild(invite);
  accept.addEventListener('click', function () { answer('accept'); });
  dismiss.addEventListener('click', function () { answer('dismiss'); });
  var watchRetry = 0;

  function answer(type) {
    if (chat.invitation && chat.presence && chat.presence.readyState === 1) {
      chat.presence.send(JSON.stringify({ type: type, invite: chat.invitation.invite }));
    }
    chat.invitation = null;
    invite.hidden = true;
  }

  function watch() {
    var query = '?presence=1&channel=' + encodeURIComponent(channel) +
      '&page=' + encodeURIComponent(location.href.slice(0, 500)) +
      '&title=' + encodeURIComponent(document.title.slice(0, 200)) +
      '&referrer=' + encodeURIComponent(document.referrer.slice(0, 500));
    if (chat.visitor) {
      query += '&visitor=' + encodeURIComponent(chat.visitor);
    }
    var socket = chat.presence = new WebSocket(wsUrl + query);
    var beacon = setInterval(function () {
      if (socket.readyState === 1) {
        socket.send(JSON.stringify({ type: 'beacon', page: location.href.slice(0, 500), title: document.title }));
      }
    }, 20000);
    socket.onopen = function () { watchRetry = 0; };
    socket.onmessage = function (event) {
      var frame = JSON.parse(event.data);
      if (frame.type === 'hello' && !chat.visitor) {
        chat.visitor = frame.visitor;
        store('visitor', frame.visitor);
      } else if (frame.type === 'invite') {
        chat.invitation = frame;
        inviteText.textContent = frame.text;
        invite.hidden = panel.classList.contains('sbc-open');
      } else if (frame.type === 'invite.accepted') {
        open();
      } else if (frame.type === 'error' && frame.error === 'blocked') {
        chat.blocked = true;
      }
    };
    socket.onclose = function () {
      clearInterval(beacon);
      if (chat.presence === socket && !chat.blocked) {
        setTimeout(watch, Math.min(60000, 2000 * Math.pow(2, watchRetry++)));
      }
    };
  }

  watch();
  if (store('open')) {
    open();
  }
})();
