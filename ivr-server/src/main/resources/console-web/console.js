'use strict';
// The seat console: login, state, the live feed over WebSocket (reconnecting by itself), the screen pop and
// the order form. Unsaved form edits live in localStorage under the order id until the server has them.
(function () {
  const { t, api, el, show, text, clear, item, duration } = window.Ivr;
  const knowledge = window.IvrKnowledge;
  const API = '/console/api/';
  let me = null;
  let status = null;
  let pop = null;
  let formOrderId = null;
  let categories = [];
  let socket = null;
  let retryDelay = 1000;
  let placesTimer = null;

  function draftKey(orderId) { return 'ivr.order.' + orderId; }

  async function start() {
    const reply = await window.Ivr.whoAmI(API);
    if (reply.ok) loggedIn(reply.data); else showLogin();
  }

  function showLogin() {
    me = null;
    if (socket) { socket.onclose = null; socket.close(); socket = null; }
    ['who', 'state-badge', 'state-time', 'btn-ready', 'pause-box', 'btn-logout', 'conn', 'idle', 'pop'].forEach(id => show(id, false));
    show('login', true);
    el('login-id').focus();
  }

  async function loggedIn(who) {
    me = who;
    show('login', false);
    text('who', who.id + ' · ' + who.name);
    ['who', 'btn-logout', 'conn'].forEach(id => show(id, true));
    const catalogue = await api('GET', API + 'catalogue');
    if (catalogue.ok) categories = catalogue.data.categories;
    fillCategories();
    connect();
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/ws');
    connection('connecting');
    socket.onopen = () => { retryDelay = 1000; connection('connected'); };
    socket.onmessage = event => handle(JSON.parse(event.data));
    socket.onclose = () => {
      socket = null;
      connection('reconnecting');
      setTimeout(reconnect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    };
  }

  async function reconnect() {
    if (!me) return;
    try {
      const reply = await window.Ivr.whoAmI(API);
      if (reply.status === 401) { showLogin(); return; }
    } catch (e) { /* server still away: try the socket again anyway */ }
    connect();
  }

  function connection(state) {
    const node = el('conn');
    node.dataset.i18n = state;
    node.textContent = t(state);
    node.className = 'conn ' + state;
  }

  function handle(message) {
    if (message.type === 'screen') {
      status = message.status;
      renderStatus();
      renderPop(message.pop);
      window.IvrRecordings.show(pop, status.state === 'wrap-up');
    } else if (message.type === 'transcript' && pop && message.callId === pop.callId) {
      if (message.kind === 'final') {
        pop.transcript = message.text; pop.partial = '';
        pop.noTranscript = message.missing && !message.text ? { why: message.missing, recordingKept: !!message.recordingKept } : null;
      } else {
        pop.partial = message.text;
      }
      renderTranscript();
      suggestArticles();
    }
  }

  function suggestArticles() {
    if (!pop) return;
    knowledge.context({ text: pop.transcript || '', category: el('order-category').value || '', language: pop.language || '' });
  }

  function renderStatus() {
    const badge = el('state-badge');
    badge.textContent = t('state.' + status.state) + (status.state === 'paused' && status.reason ? ' · ' + reasonText(status.reason) : '');
    badge.className = 'badge state-' + status.state;
    ['state-badge', 'state-time'].forEach(id => show(id, true));
    const holding = ['offered', 'on-call'].includes(status.state);
    show('btn-ready', !holding && status.state !== 'ready');
    show('pause-box', !holding && status.state !== 'paused');
    tick();
  }

  function reasonText(reason) {
    const key = 'reason' + reason.charAt(0).toUpperCase() + reason.slice(1);
    const translated = t(key);
    return translated === key ? reason : translated;
  }

  function renderPop(next) {
    if ((pop && pop.callId) !== (next && next.callId)) knowledge.reset();
    pop = next;
    show('pop', !!pop);
    show('idle', !pop);
    if (!pop) {
      formOrderId = null;
      el('idle-text').dataset.i18n = status && status.state === 'paused' ? 'pausedIdle' : 'waitingForCall';
      el('idle-text').textContent = t(el('idle-text').dataset.i18n);
      return;
    }
    text('call-number', pop.caller);
    renderLanguage();
    text('call-waited', duration(pop.waitedSeconds));
    const menu = el('call-menu');
    clear(menu);
    (pop.menuPath || []).forEach(step => menu.appendChild(item('li', step)));
    renderTranscript();
    renderEarlier();
    renderOrder();
    suggestArticles();
    tick();
  }

  function renderLanguage() {
    const key = 'lang.' + pop.language;
    text('call-language', t(key) === key ? pop.language : t(key));
  }

  function renderTranscript() {
    text('transcript-final', pop.transcript);
    text('transcript-partial', pop.partial ? ' ' + pop.partial : '');
    const gap = !pop.transcript && !pop.partial ? pop.noTranscript : null;
    text('transcript-note', gap ? t('noTranscript.' + gap.why) + t(gap.recordingKept ? 'recordingKept' : 'notRecorded') : '');
    show('transcript-note', !!gap);
  }

  function renderEarlier() {
    const list = el('earlier');
    clear(list);
    (pop.earlierOrders || []).forEach(order => {
      const li = document.createElement('li');
      li.appendChild(item('span', new Date(order.created).toLocaleDateString(window.Ivr.lang() === 'zh' ? 'zh-CN' : 'en-GB'), 'muted'));
      li.appendChild(item('span', categoryName(order.category), 'tag'));
      li.appendChild(item('span', order.summary));
      list.appendChild(li);
    });
    show('earlier-none', !(pop.earlierOrders || []).length);
  }

  function renderOrder() {
    const order = pop.order;
    show('order-form', !!order);
    if (!order) return;
    text('order-id', order.id);
    text('order-dispatch-by', order.dispatchBy || '');
    renderOrderStatus();
    const locked = order.status === 'submitted';
    ['order-category', 'order-location', 'order-urgency', 'order-summary', 'btn-save', 'btn-submit']
      .forEach(id => { el(id).disabled = locked; });
    if (formOrderId === order.id) return; // the operator may be typing: only a new order replaces the form
    formOrderId = order.id;
    const kept = JSON.parse(localStorage.getItem(draftKey(order.id)) || 'null');
    const fields = kept && !locked ? kept : order;
    el('order-category').value = fields.category || '';
    el('order-location').value = fields.location || '';
    el('order-urgency').value = fields.urgency || 'normal';
    el('order-summary').value = fields.summary || '';
    note(kept && !locked ? 'restored' : '');
    text('order-error', '');
  }

  function renderOrderStatus() {
    const badge = el('order-status');
    badge.textContent = t('status.' + pop.order.status);
    badge.className = 'badge order-' + pop.order.status;
  }

  function note(key) {
    const node = el('order-note');
    node.dataset.i18n = key;
    node.textContent = key ? t(key) : '';
  }

  function formFields() {
    return {
      category: el('order-category').value, location: el('order-location').value.trim(),
      urgency: el('order-urgency').value, summary: el('order-summary').value
    };
  }

  function keepLocally() {
    if (!formOrderId) return;
    localStorage.setItem(draftKey(formOrderId), JSON.stringify(formFields()));
    note('keptLocally');
  }

  async function sendOrder(submit) {
    if (!formOrderId) return;
    const orderId = formOrderId;
    text('order-error', '');
    const reply = submit
      ? await api('POST', API + 'orders/' + encodeURIComponent(orderId) + '/submit', formFields())
      : await api('PUT', API + 'orders/' + encodeURIComponent(orderId), formFields());
    if (!reply.ok) {
      text('order-error', (reply.data.problems || [reply.data.error || t('failed')]).join('; '));
      return;
    }
    localStorage.removeItem(draftKey(orderId));
    if (pop && pop.order && pop.order.id === orderId) {
      pop.order = reply.data;
      renderOrder();
    }
    note(submit ? 'submitted' : 'saved');
  }

  function fillCategories() {
    const select = el('order-category');
    const chosen = select.value;
    clear(select);
    const blank = item('option', t('chooseCategory'));
    blank.value = '';
    select.appendChild(blank);
    categories.forEach(c => {
      const option = item('option', window.Ivr.lang() === 'zh' ? c.zh : c.en);
      option.value = c.code;
      select.appendChild(option);
    });
    select.value = chosen;
  }

  function categoryName(code) {
    const c = categories.find(x => x.code === code);
    return c ? (window.Ivr.lang() === 'zh' ? c.zh : c.en) : code;
  }

  function suggestPlaces() {
    clearTimeout(placesTimer);
    placesTimer = setTimeout(async () => {
      const q = el('order-location').value.trim();
      if (q.length < 1) return;
      const reply = await api('GET', API + 'places?q=' + encodeURIComponent(q));
      if (!reply.ok) return;
      const list = el('places');
      clear(list);
      reply.data.places.forEach(place => { const o = document.createElement('option'); o.value = place; list.appendChild(o); });
    }, 200);
  }

  function tick() {
    if (status && status.since) {
      text('state-time', duration((Date.now() - status.since) / 1000));
    }
    const wrapping = status && status.state === 'wrap-up';
    show('wrapup', !!(pop && wrapping));
    if (wrapping) text('wrapup-left', duration(status.wrapUpSeconds - (Date.now() - status.since) / 1000));
    if (pop) {
      const callState = pop.ended ? 'ended' : 'onCall';
      const badge = el('call-status');
      badge.textContent = t(callState);
      badge.className = 'badge call-' + callState;
    }
  }

  async function changeState(body) {
    const reply = await api('POST', API + 'state', body);
    if (reply.ok) { status = reply.data; renderStatus(); }
  }

  document.addEventListener('DOMContentLoaded', () => {
    window.Ivr.wireLogin(API, loggedIn);
    el('btn-ready').addEventListener('click', () => changeState({ state: 'ready' }));
    el('btn-pause').addEventListener('click', () => changeState({ state: 'paused', reason: el('pause-reason').value }));
    el('btn-logout').addEventListener('click', async () => { await api('POST', API + 'logout', {}); showLogin(); });
    el('btn-number').addEventListener('click', async () => {
      if (!pop) return;
      const reply = await api('POST', API + 'calls/' + encodeURIComponent(pop.callId) + '/caller', {});
      if (reply.ok) text('call-number', reply.data.caller);
    });
    el('order-form').addEventListener('input', keepLocally);
    el('order-location').addEventListener('input', suggestPlaces);
    el('order-category').addEventListener('change', suggestArticles);
    knowledge.wire();
    el('btn-save').addEventListener('click', () => sendOrder(false));
    el('order-form').addEventListener('submit', event => { event.preventDefault(); sendOrder(true); });
    window.Ivr.onLanguage(() => {
      fillCategories();
      if (status) renderStatus();
      if (pop) {
        renderEarlier(); renderLanguage(); renderTranscript(); tick();
        if (pop.order) renderOrderStatus();
      }
    });
    setInterval(tick, 1000);
    start();
  });
})();
