'use strict';
// The desk around the order: keyboard shortcuts with their help overlay (?), the labelled talk timer, the seat's
// own figures of the day, and the caller's earlier orders opened in detail (and marked as repeated by this call).
// It follows the screen through console.js's 'ivr:screen' events and acts through the page's own buttons, so a
// shortcut does exactly what the button does (its confirmations included) and nothing when the button is not there.
window.IvrDesk = (function () {
  const { t, api, el, show, text, duration } = window.Ivr;
  const API = '/console/api/';
  let status = null;
  let pop = null;
  let talk = null;        // { callId, from, to }: the conversation's start and (once over) end, in ms
  let statsTimer = null;

  // Alt combinations work while typing in a field; '?' only outside one. Codes, not keys: layouts differ.
  const shortcuts = [
    { code: 'KeyR', keys: 'Alt+R', label: 'goReady', button: 'btn-ready' },
    { code: 'KeyP', keys: 'Alt+P', label: 'pause', button: 'btn-pause' },
    { code: 'KeyS', keys: 'Alt+S', label: 'submit', button: 'btn-submit' },
    { code: 'KeyD', keys: 'Alt+D', label: 'saveDraft', button: 'btn-save' },
    { code: 'KeyT', keys: 'Alt+T', label: 'transfer', button: 'btn-transfer' },
    { code: 'KeyH', keys: 'Alt+H', label: 'hangUp', button: 'btn-hangup' },
    { code: 'KeyK', keys: 'Alt+K', label: 'knowledge', focus: 'kb-q' },
    { code: 'KeyN', keys: 'Alt+N', label: 'switchToNext', button: 'btn-switch' }
  ];

  /** Another part of the page (the call controls) may add its own: {code, keys, label, button | run}. */
  function register(shortcut) {
    shortcuts.push(shortcut);
    renderHelp();
  }

  function usable(id) {
    const node = el(id);
    return !!node && !node.disabled && node.offsetParent !== null;
  }

  function onKey(event) {
    const overlayOpen = !el('help-overlay').classList.contains('hidden');
    if (event.key === 'Escape' && overlayOpen) { toggleHelp(false); event.preventDefault(); return; }
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (event.key === '?' && !typing && !event.altKey && !event.ctrlKey) { toggleHelp(); event.preventDefault(); return; }
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    const shortcut = shortcuts.find(s => s.code === event.code);
    if (!shortcut) return;
    event.preventDefault();
    if (shortcut.run) { shortcut.run(); return; }
    if (shortcut.focus) { if (usable(shortcut.focus)) el(shortcut.focus).focus(); else toast(t('shortcutUnavailable')); return; }
    if (usable(shortcut.button)) el(shortcut.button).click(); else toast(t(shortcut.label) + ' — ' + t('shortcutUnavailable'));
  }

  function renderHelp() {
    const body = el('help-keys');
    while (body.firstChild) body.removeChild(body.firstChild);
    shortcuts.concat([{ keys: '?', label: 'shortcuts' }, { keys: 'Esc', label: 'close' }]).forEach(s => {
      const row = document.createElement('tr');
      const key = document.createElement('td');
      const kbd = document.createElement('kbd');
      kbd.textContent = s.keys;
      key.appendChild(kbd);
      const what = document.createElement('td');
      what.textContent = t(s.label);
      row.appendChild(key);
      row.appendChild(what);
      body.appendChild(row);
    });
  }

  function toggleHelp(open) {
    const visible = open === undefined ? el('help-overlay').classList.contains('hidden') : open;
    renderHelp();
    show('help-overlay', visible);
    if (visible) el('help-close').focus();
  }

  function toast(message) {
    text('toast', message);
    show('toast', true);
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => show('toast', false), 2500);
  }

  // The talk timer counts the conversation of the call on screen: from the seat's on-call state to the hang-up.
  function follow(detail) {
    const previous = status;
    status = detail.status;
    pop = detail.pop;
    if (pop && status && status.state === 'on-call' && status.callId === pop.callId && status.since
        && (!talk || talk.callId !== pop.callId)) {
      talk = { callId: pop.callId, from: status.since, to: null };
    }
    if (talk && pop && talk.callId === pop.callId && !talk.to && (pop.ended || (status && status.state !== 'on-call'))) {
      talk.to = Date.now();
    }
    renderTalk();
    if (detail.what === 'submitted' || (previous && status && previous.state !== status.state)) loadStats();
    if (pop && el('callback-note').dataset.call !== pop.callId) {
      el('callback-note').dataset.call = pop.callId;
      text('callback-note', '');
      el('callback-at').value = '';
    }
    if (!pop || (el('earlier-detail').dataset.call && el('earlier-detail').dataset.call !== pop.callId)) closeEarlier();
  }

  function renderTalk() {
    if (!pop || !talk || talk.callId !== pop.callId) { text('call-talk', '—'); return; }
    text('call-talk', duration(((talk.to || Date.now()) - talk.from) / 1000));
  }

  // Today's calls and average handle time (call reaching the seat to order submitted), the operator's local day.
  function loadStats() {
    clearTimeout(statsTimer);
    statsTimer = setTimeout(async () => {
      const midnight = new Date();
      midnight.setHours(0, 0, 0, 0);
      const reply = await api('GET', API + 'stats?since=' + midnight.getTime());
      if (!reply.ok) return;
      const s = reply.data;
      el('my-stats').dataset.calls = s.calls;
      text('my-stats', t('statsToday').replace('{n}', s.calls)
        + (s.averageHandleSeconds === null ? '' : ' · ' + t('statsAverage') + ' ' + duration(s.averageHandleSeconds)));
      el('my-stats').title = t('statsHelp');
      show('my-stats', true);
    }, 300);
  }

  async function openEarlier(orderId) {
    if (!pop) return;
    const reply = await api('GET', API + 'calls/' + encodeURIComponent(pop.callId) + '/earlier/' + encodeURIComponent(orderId));
    if (!reply.ok) { toast(t('failed')); return; }
    const order = reply.data;
    const box = el('earlier-detail');
    box.dataset.call = pop.callId;
    box.dataset.order = order.id;
    text('earlier-detail-id', order.id);
    text('earlier-detail-status', t('status.' + order.status));
    text('earlier-detail-category', categoryText(order.category));
    text('earlier-detail-location', order.location || '—');
    text('earlier-detail-unit', order.handlingUnit || '—');
    text('earlier-detail-dispatch', order.dispatchBy || '—');
    text('earlier-detail-summary', order.summary || '');
    const form = pop.order;
    el('btn-mark-repeat').disabled = !form || !form.amendable;
    show('earlier-detail', true);
  }

  function categoryText(code) {
    const option = Array.from(el('order-category').options).find(o => o.value === code);
    return !code || code === 'unclassified' ? t('unclassified') : option ? option.textContent : code;
  }

  function closeEarlier() {
    show('earlier-detail', false);
    delete el('earlier-detail').dataset.call;
  }

  // This call repeats the earlier case: the form keeps it (repeatOf) and saves it like any edit.
  function markRepeat() {
    const orderId = el('earlier-detail').dataset.order;
    if (!orderId) return;
    el('order-repeat-of').value = orderId;
    el('order-form').dispatchEvent(new Event('input', { bubbles: true }));
    el('btn-save').click();
    toast(t('markedRepeat') + ' ' + orderId);
  }

  // A time to call the citizen back, placed through the hotline's callback path (the server picks the number).
  async function scheduleCallback() {
    if (!pop || !pop.order) return;
    const value = el('callback-at').value;
    const at = value ? new Date(value).getTime() : NaN;
    if (!Number.isFinite(at)) { text('callback-note', t('callbackPickTime')); return; }
    const reply = await api('POST', API + 'orders/' + encodeURIComponent(pop.order.id) + '/callback', { at: String(at) });
    if (!reply.ok) {
      const problem = (reply.data.problems || [reply.data.error || ''])[0] || '';
      text('callback-note', /number/.test(problem) ? t('callbackNoNumber') : /minute|days/.test(problem)
        ? t('callbackWindow') : t('failed'));
      return;
    }
    text('callback-note', t('callbackScheduled').replace('{at}', new Date(reply.data.at).toLocaleString(
      window.Ivr.lang() === 'zh' ? 'zh-CN' : 'en-GB', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })));
  }

  document.addEventListener('DOMContentLoaded', () => {
    el('btn-callback').addEventListener('click', scheduleCallback);
    document.addEventListener('keydown', onKey);
    document.addEventListener('ivr:screen', event => follow(event.detail));
    el('btn-help').addEventListener('click', () => toggleHelp());
    el('help-close').addEventListener('click', () => toggleHelp(false));
    el('help-overlay').addEventListener('click', event => { if (event.target === el('help-overlay')) toggleHelp(false); });
    el('earlier').addEventListener('click', event => {
      const button = event.target.closest('.earlier-open');
      if (button) openEarlier(button.dataset.order);
    });
    el('earlier-close').addEventListener('click', closeEarlier);
    el('btn-mark-repeat').addEventListener('click', markRepeat);
    window.Ivr.onLanguage(() => { renderHelp(); if (status) loadStats(); });
    setInterval(renderTalk, 1000);
  });

  return { register, toggleHelp };
})();
