// Handover sandbox page: reads /sandbox/api and lets you answer as a patient. Vanilla JS, no build step.
// Everything shown comes from the API and is set with textContent, never parsed as HTML.
(function () {
  'use strict';

  var API = '/sandbox/api';
  var REFRESH_MS = 5000;
  var FAULT_MODES = {
    'gp': ['http-500', 'http-503', 'http-400', 'http-500-after-store', 'lookup-503', 'hang', 'none'],
    'social-care': ['smtp-451', 'smtp-451-after-store', 'hang', 'none'],
    'sms': ['smpp-throttled', 'smpp-system-error', 'receipt-undeliverable', 'hang', 'none']
  };

  var openDetails = new Set();
  var lastRendered = {};
  var timer = null;

  // ------------------------------------------------------------------ helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name === 'text') { node.textContent = value; }
        else if (name === 'className') { node.className = value; }
        else if (name === 'onclick') { node.addEventListener('click', value); }
        else { node.setAttribute(name, value === true ? '' : value); }
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function when(iso) {
    if (!iso) { return ''; }
    var date = new Date(iso);
    return isNaN(date) ? iso : date.toLocaleString('en-GB');
  }

  function meta(parts) {
    return el('p', { className: 'meta' }, parts.filter(Boolean).map(function (part) {
      return el('span', { text: part });
    }));
  }

  function tag(text, kind) {
    return el('span', { className: 'tag tag-' + kind, text: text });
  }

  function body(key, label, text) {
    var details = el('details', { 'data-key': key }, [
      el('summary', { text: label }),
      el('pre', { text: text })
    ]);
    if (openDetails.has(key)) { details.open = true; }
    return details;
  }

  function request(method, path, payload) {
    var options = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (payload !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(payload);
    }
    return fetch(API + path, options).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!response.ok) {
          var message = data && data.error ? data.error : 'The sandbox answered ' + response.status;
          throw new Error(message);
        }
        return data;
      });
    });
  }

  // Re-renders a panel only when its data changed, keeping keyboard focus where it was.
  function render(id, data, build) {
    var json = JSON.stringify(data);
    if (lastRendered[id] === json) { return; }
    lastRendered[id] = json;
    var container = document.getElementById(id);
    var active = document.activeElement;
    var focusKey = active && container.contains(active) ? active.getAttribute('data-focus') : null;
    var fresh = build(data);
    container.replaceChildren.apply(container, fresh);
    if (focusKey) {
      var again = container.querySelector('[data-focus="' + CSS.escape(focusKey) + '"]');
      if (again) { again.focus(); }
    }
  }

  // ------------------------------------------------------------------ panels

  function summaryItems(s) {
    var items = [
      ['GP messages', s.gpMessages],
      ['Not yet acknowledged', s.gpMessagesUnacknowledged],
      ['MESH error reports', s.meshReports],
      ['Council mails', s.councilMails],
      ['Texts to phones', s.textsReceived],
      ['Patient replies', s.repliesSent],
      ['Replies waiting for Handover', s.repliesQueued],
      ['SMPP sessions bound', (s.smppSessions || []).length]
    ];
    return items.map(function (item) {
      return el('div', null, [el('dt', { text: item[0] }), el('dd', { text: String(item[1] || 0) })]);
    });
  }

  function gpPanel(mailboxes) {
    var nodes = [];
    mailboxes.forEach(function (mailbox) {
      var heading = el('h3', { text: mailbox.mailbox + ' — ' + mailbox.name });
      nodes.push(heading);
      if (!mailbox.messages.length) {
        nodes.push(el('p', { className: 'hint', text: 'No messages.' }));
        return;
      }
      nodes.push(el('ul', { className: 'items' }, mailbox.messages.map(function (m) {
        var status = m.type === 'REPORT' ? tag('Error report ' + (m.statusCode || ''), 'error')
          : m.acknowledged ? tag('Acknowledged', 'ok') : tag('In inbox', 'waiting');
        var children = [
          el('p', { className: 'item-title' }, [(m.subject || '(no subject)') + ' ', status]),
          meta([m.workflowId, 'from ' + m.from, m.localId ? 'local id ' + m.localId : null, when(m.receivedAt)]),
          meta(['MESH id ' + m.id, m.fileName, m.bodyBytes + ' bytes'])
        ];
        if (m.type === 'REPORT') {
          children.push(meta([m.statusDescription, m.linkedMessageId ? 'about message ' + m.linkedMessageId : null]));
        }
        if (m.body) {
          children.push(body('gp:' + m.id, m.bodyEncoding === 'base64' ? 'Body (binary, base64)' : 'Body', m.body));
        }
        if (m.type === 'DATA' && !m.acknowledged && !mailbox.trust) {
          children.push(el('button', {
            type: 'button', className: 'button button-secondary button-small', 'data-focus': 'ack:' + m.id,
            text: 'Acknowledge as the GP system',
            'aria-label': 'Acknowledge message ' + (m.subject || m.id) + ' as the GP system',
            onclick: function () { acknowledge(mailbox.mailbox, m.id); }
          }));
        }
        if (m.type === 'DATA' && !mailbox.trust && /^TOC_FHIR_/.test(m.workflowId || '') && !/_ACK$/.test(m.workflowId)) {
          [['business', true, 'Send ITK business acknowledgement'],
           ['business', false, 'Send negative acknowledgement']].forEach(function (answer) {
            children.push(el('button', {
              type: 'button', className: 'button button-secondary button-small',
              text: answer[2],
              'aria-label': answer[2] + ' for message ' + (m.subject || m.id) + ' as the GP system',
              onclick: function () { itkResponse(mailbox.mailbox, m.id, answer[0], answer[1]); }
            }));
          });
        }
        return el('li', { className: 'item' }, children);
      })));
    });
    return nodes;
  }

  function mailPanel(mails) {
    if (!mails.length) { return [el('p', { className: 'hint', text: 'No mail yet.' })]; }
    return [el('ul', { className: 'items' }, mails.map(function (m) {
      var children = [
        el('p', { className: 'item-title' }, [(m.subject || '(no subject)') + ' ',
          m.duplicate ? tag('Duplicate Message-ID', 'error') : null]),
        meta(['to ' + m.to, m.council, when(m.receivedAt)]),
        meta(['from ' + (m.from || ''), 'Message-ID ' + (m.messageId || 'none')])
      ];
      if (m.attachments && m.attachments.length) {
        var links = [];
        m.attachments.forEach(function (name, i) {
          if (i > 0) { links.push(', '); }
          links.push(el('a', { href: API + '/council-mail/' + encodeURIComponent(m.id) + '/attachments/'
            + encodeURIComponent(name), target: '_blank', rel: 'noopener', text: name }));
        });
        children.push(el('p', { className: 'meta' }, ['attachments: '].concat(links)));
      }
      children.push(body('mail:' + m.id, 'Body', m.body || ''));
      return el('li', { className: 'item' }, children);
    }))];
  }

  function phonesPanel(phones) {
    if (!phones.length) { return [el('p', { className: 'hint', text: 'No texts yet.' })]; }
    var nodes = [];
    phones.forEach(function (phone) {
      nodes.push(el('h3', { text: phone.number }));
      nodes.push(el('button', {
        type: 'button', className: 'button button-secondary button-small', 'data-focus': 'reply:' + phone.number,
        text: 'Reply as this patient', 'aria-label': 'Reply as the patient with number ' + phone.number,
        onclick: function () { startReply(phone.number); }
      }));
      var conversation = phone.texts.map(function (t) { return { at: t.receivedAt, text: t }; })
        .concat(phone.replies.map(function (r) { return { at: r.sentAt, reply: r }; }))
        .sort(function (a, b) { return new Date(b.at) - new Date(a.at); });
      nodes.push(el('ul', { className: 'items' }, conversation.map(function (entry) {
        if (entry.text) {
          var t = entry.text;
          var receipt = t.receiptState === 'NOT_REQUESTED' ? null
            : t.receiptState === 'SENT' ? tag('Receipt ' + t.receiptStatus + ' sent', t.receiptStatus === 'DELIVRD' ? 'ok' : 'error')
            : t.receiptState === 'PENDING' ? tag('Receipt waiting for Handover', 'waiting')
            : tag('Receipt refused by Handover', 'error');
          return el('li', { className: 'item' }, [
            el('p', { className: 'item-title' }, ['Text from ' + t.from + ' ', receipt]),
            el('p', { className: 'bubble bubble-in', text: t.text }),
            meta([when(t.receivedAt), t.parts ? t.partsReceived + ' of ' + t.parts + ' parts' : null,
              'data coding ' + t.dataCoding, 'id ' + t.id])
          ]);
        }
        var r = entry.reply;
        var state = r.state === 'DELIVERED' ? tag('Handover took it', 'ok')
          : r.state === 'QUEUED' ? tag('Waiting for Handover', 'waiting') : tag('Handover refused it', 'error');
        return el('li', { className: 'item' }, [
          el('p', { className: 'item-title' }, ['Reply to ' + r.to + ' ', state]),
          el('p', { className: 'bubble bubble-out', text: r.text }),
          meta([when(r.sentAt), r.lastError, 'id ' + r.id])
        ]);
      })));
    });
    return nodes;
  }

  function faultsPanel(faults) {
    if (!faults.length) { return [el('p', { className: 'hint', text: 'None.' })]; }
    return [el('ul', { className: 'items' }, faults.map(function (f) {
      return el('li', { className: 'item' }, [
        el('p', { className: 'item-title', text: f.channel + ': ' + f.mode }),
        meta([f.remaining ? f.remaining + ' request(s) left' : 'until cleared',
          f.hangSeconds ? 'holds ' + f.hangSeconds + ' s' : null, 'since ' + when(f.since)])
      ]);
    }))];
  }

  // ------------------------------------------------------------------ actions

  function refresh() {
    return Promise.all([
      request('GET', '/summary'),
      request('GET', '/gp-mailboxes'),
      request('GET', '/council-mail'),
      request('GET', '/phones')
    ]).then(function (results) {
      render('summary', results[0], summaryItems);
      render('faults', results[0].faults || [], faultsPanel);
      render('gp', results[1], gpPanel);
      render('mail', results[2], mailPanel);
      render('phones', results[3], phonesPanel);
      document.getElementById('load-error').hidden = true;
      document.getElementById('updated').textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB');
    }).catch(function (error) {
      var box = document.getElementById('load-error');
      box.textContent = 'Could not load the sandbox data: ' + error.message;
      box.hidden = false;
    });
  }

  function schedule() {
    if (timer) { clearInterval(timer); timer = null; }
    if (document.getElementById('auto-refresh').checked) { timer = setInterval(refresh, REFRESH_MS); }
  }

  function acknowledge(mailbox, id) {
    request('POST', '/gp-mailboxes/' + encodeURIComponent(mailbox) + '/messages/' + encodeURIComponent(id) + '/acknowledge')
      .then(refresh)
      .catch(function (error) { window.alert(error.message); });
  }

  function itkResponse(mailbox, id, type, positive) {
    request('POST', '/gp-mailboxes/' + encodeURIComponent(mailbox) + '/messages/' + encodeURIComponent(id) + '/itk-response',
      { type: type, positive: positive })
      .then(refresh)
      .catch(function (error) { window.alert(error.message); });
  }

  function startReply(number) {
    document.getElementById('reply-from').value = number;
    var text = document.getElementById('reply-text');
    text.focus();
    text.scrollIntoView({ block: 'center' });
  }

  function showFieldError(name, message) {
    var group = document.getElementById('reply-' + name + '-group');
    var error = document.getElementById('reply-' + name + '-error');
    var input = document.getElementById('reply-' + name);
    if (message) {
      error.textContent = message;
      error.hidden = false;
      group.classList.add('form-group-error');
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'reply-' + name + '-hint reply-' + name + '-error');
    } else {
      error.textContent = '';
      error.hidden = true;
      group.classList.remove('form-group-error');
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'reply-' + name + '-hint');
    }
  }

  function sendReply(event) {
    event.preventDefault();
    var from = document.getElementById('reply-from');
    var text = document.getElementById('reply-text');
    var status = document.getElementById('reply-status');
    var fromMissing = from.value.trim() ? null : 'Enter the patient\'s mobile number';
    var textMissing = text.value.trim() ? null : 'Enter the reply text';
    showFieldError('from', fromMissing);
    showFieldError('text', textMissing);
    if (fromMissing || textMissing) {
      (fromMissing ? from : text).focus();
      return;
    }
    status.className = 'status';
    status.textContent = 'Sending…';
    request('POST', '/replies', { from: from.value, text: text.value }).then(function (accepted) {
      status.className = 'status status-ok';
      status.textContent = 'Reply ' + accepted.id + ' from ' + accepted.from + ' queued. '
        + (accepted.receiverBound ? 'Handover\'s receiver is bound: it goes now.'
          : 'No Handover receiver is bound yet: it goes as soon as one binds.');
      text.value = '';
      refresh();
    }).catch(function (error) {
      status.className = 'status status-error';
      status.textContent = error.message;
      if (/from|number/i.test(error.message)) { showFieldError('from', error.message); from.focus(); }
      else if (/text/i.test(error.message)) { showFieldError('text', error.message); text.focus(); }
    });
  }

  function fillModes() {
    var channel = document.getElementById('fault-channel').value;
    var select = document.getElementById('fault-mode');
    select.replaceChildren.apply(select, FAULT_MODES[channel].map(function (mode) {
      return el('option', { value: mode, text: mode });
    }));
  }

  function applyFault(event) {
    event.preventDefault();
    var status = document.getElementById('fault-status');
    var count = document.getElementById('fault-count').value;
    var hang = document.getElementById('fault-hang').value;
    var payload = {
      channel: document.getElementById('fault-channel').value,
      mode: document.getElementById('fault-mode').value,
      count: count ? Number(count) : null,
      hangSeconds: hang ? Number(hang) : null
    };
    request('POST', '/faults', payload).then(function () {
      status.className = 'status status-ok';
      status.textContent = payload.mode === 'none' ? 'Fault on ' + payload.channel + ' cleared.'
        : 'Fault ' + payload.mode + ' set on ' + payload.channel + '.';
      refresh();
    }).catch(function (error) {
      status.className = 'status status-error';
      status.textContent = error.message;
    });
  }

  // ------------------------------------------------------------------ start

  document.addEventListener('toggle', function (event) {
    var key = event.target.getAttribute && event.target.getAttribute('data-key');
    if (!key) { return; }
    if (event.target.open) { openDetails.add(key); } else { openDetails.delete(key); }
  }, true);

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('reply-form').addEventListener('submit', sendReply);
    document.getElementById('fault-form').addEventListener('submit', applyFault);
    document.getElementById('fault-channel').addEventListener('change', fillModes);
    document.getElementById('auto-refresh').addEventListener('change', schedule);
    document.getElementById('refresh-now').addEventListener('click', refresh);
    fillModes();
    refresh();
    schedule();
  });
})();
