'use strict';
// The seat console: login, state, the live feed over WebSocket (reconnecting by itself), the screen pop and
// the order form. Unsaved form edits live in localStorage under the order id until the server has them.
// What the operator types is never replaced: a next call that arrives while the form holds unsaved edits is
// announced above the form (the edits are saved as a draft) and shown only when the operator switches to it;
// typing during wrap-up stops the wrap-up (paused "after call") so the next call waits.
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
  let dirty = false;      // the form holds edits the server does not have yet
  let latest = null;      // the pop the server last sent (may differ from the one on screen)
  let holding = false;    // a next call is announced; the form stays on the previous order
  let viewing = false;    // the pop on screen was opened from "my open drafts"
  let loadedSummary = null; // the summary as the server drafted it (null once a seat wrote it), to tell a placeholder
  let unitTouched = false;  // the operator typed or picked a unit: the server's suggestion no longer replaces it
  const revealed = {};    // callId -> the full number the operator asked for (never stored)
  const waited = {};      // callId -> seconds the caller waited in the queue, as first seen

  function draftKey(orderId) { return 'ivr.order.' + orderId; }

  async function start() {
    const reply = await window.Ivr.whoAmI(API);
    if (reply.ok) loggedIn(reply.data); else showLogin();
  }

  function showLogin() {
    me = null; pop = null; latest = null; formOrderId = null; dirty = false; holding = false; viewing = false;
    Object.keys(revealed).forEach(id => delete revealed[id]);
    if (socket) { socket.onclose = null; socket.close(); socket = null; }
    ['who', 'state-badge', 'state-time', 'btn-ready', 'pause-box', 'btn-logout', 'conn', 'idle', 'pop', 'drafts-card'].forEach(id => show(id, false));
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
    loadDrafts();
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
      latest = message.pop;
      arrive(message.pop);
      if (status.state === 'wrap-up' && dirty) extendWrapUp();
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
    told();
  }

  // desk.js (talk timer, personal stats, earlier orders, shortcuts) follows the screen through this event
  function told(what) {
    document.dispatchEvent(new CustomEvent('ivr:screen', { detail: { status, pop, what: what || 'screen' } }));
  }

  function reasonText(reason) {
    const key = 'reason' + reason.charAt(0).toUpperCase() + reason.slice(1);
    const translated = t(key);
    return translated === key ? reason : translated;
  }

  // What the server sent decides the screen unless the operator's unsaved order is on it.
  function arrive(next) {
    const other = !!pop && (next ? next.callId : null) !== pop.callId;
    if (other && next && (dirty || holding)) {
      holding = true;
      if (dirty) saveQuietly();
      announceNext(next);
      return;
    }
    if (other && !next && (dirty || viewing)) return; // the call ended and the seat moved on: keep the order
    if (pop && next && next.callId === pop.callId) viewing = false;
    renderPop(next);
  }

  function announceNext(next) {
    text('next-call-number', next.caller);
    show('next-call', true);
  }

  function switchToLatest() {
    holding = false; viewing = false;
    show('next-call', false);
    renderPop(latest);
  }

  function renderPop(next) {
    if ((pop && pop.callId) !== (next && next.callId)) { knowledge.reset(); formOrderId = null; dirty = false; }
    if (!holding) show('next-call', false);
    pop = next;
    window.IvrRecordings.show(pop, !!pop && (pop.ended || (status && status.state === 'wrap-up')));
    show('pop', !!pop);
    show('idle', !pop);
    if (!pop) {
      formOrderId = null;
      el('idle-text').dataset.i18n = status && status.state === 'paused' ? 'pausedIdle' : 'waitingForCall';
      el('idle-text').textContent = t(el('idle-text').dataset.i18n);
      return;
    }
    // a number the operator revealed stays revealed, and the wait stays what it was once the caller hangs up
    text('call-number', revealed[pop.callId] || pop.caller);
    show('btn-number', !revealed[pop.callId]);
    if (pop.waitedSeconds > 0 || !(pop.callId in waited)) waited[pop.callId] = pop.waitedSeconds;
    renderLanguage();
    text('call-waited', duration(waited[pop.callId]));
    renderMenu();
    renderTranscript();
    renderEarlier();
    renderOrder();
    suggestArticles();
    tick();
    told();
  }

  // What the caller chose, as the flow labels it (普通话 › 反映问题 › 投诉), never the flow's internal node ids.
  function renderMenu() {
    const menu = el('call-menu');
    clear(menu);
    const lang = window.Ivr.lang();
    const key = 'lang.' + pop.language;
    if (pop.language) menu.appendChild(item('li', t(key) === key ? pop.language : t(key)));
    (pop.menuLabels || []).forEach(label => menu.appendChild(item('li', label[lang] || label[''] || label.zh || Object.values(label)[0])));
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
      li.appendChild(item('span', t('status.' + order.status), 'badge order-' + order.status));
      li.appendChild(item('span', order.summary, 'earlier-summary'));
      const open = item('button', t('details'), 'link earlier-open');
      open.type = 'button';
      open.dataset.order = order.id;
      li.appendChild(open);
      list.appendChild(li);
    });
    show('earlier-none', !(pop.earlierOrders || []).length);
  }

  function renderOrder() {
    const order = pop.order;
    show('order-form', !!order);
    if (!order) return;
    text('order-id', order.id);
    renderOrderStatus();
    // a draft, or submitted and not yet dispatched: amended with history; after dispatch the unit has it
    const locked = !order.amendable;
    ['order-type', 'order-handling', 'order-category', 'order-location', 'order-urgency', 'order-unit', 'order-contact',
      'order-callback-number', 'order-reply', 'order-confidential', 'order-summary', 'btn-save', 'btn-submit']
      .forEach(id => { el(id).disabled = locked; });
    const submitted = order.status !== 'draft';
    show('btn-submit', !submitted);
    el('btn-save').dataset.i18n = submitted ? 'saveAmendment' : 'saveDraft';
    text('btn-save', t(el('btn-save').dataset.i18n));
    renderOrderFacts(order);
    if (formOrderId === order.id) { refreshUnit(order); return; } // the operator may be typing: only a new order replaces the form
    formOrderId = order.id;
    unitTouched = false;
    loadedSummary = order.editedBy ? null : order.summary || ''; // null: a seat wrote it
    const kept = JSON.parse(localStorage.getItem(draftKey(order.id)) || 'null');
    const fields = kept && !locked ? kept : formOf(order);
    el('order-type').value = fields.type || '';
    el('order-handling').value = fields.handling || 'dispatch';
    el('order-category').value = fields.category === 'unclassified' ? '' : fields.category || '';
    el('order-location').value = fields.location || '';
    el('order-urgency').value = fields.urgency || 'normal';
    el('order-unit').value = fields.handlingUnit || '';
    el('order-contact').value = fields.contactName || '';
    el('order-callback-number').value = fields.callbackNumber || '';
    el('order-reply').checked = fields.replyRequired === 'true';
    el('order-confidential').checked = fields.confidential === 'true';
    el('order-summary').value = fields.summary || '';
    el('order-repeat-of').value = fields.repeatOf || '';
    unitTouched = !!(kept && kept.handlingUnit && kept.handlingUnit !== order.handlingUnit);
    dirty = !!(kept && !locked);
    note(kept && !locked ? 'restored' : '');
    showProblems([]);
    refreshUnit(order);
  }

  /** The order as the form's fields (flags as the strings the server takes). */
  function formOf(order) {
    return Object.assign({}, order, {
      replyRequired: String(!!order.replyRequired), confidential: String(!!order.confidential)
    });
  }

  // What the rules say beside the form: emergency advice, the repeat-caller flag, the community, the repeat marking,
  // the deadline and the changes after submitting.
  function renderOrderFacts(order) {
    text('order-dispatch-by', order.dispatchBy || '');
    const advice = order.emergencyDial ? t('adviceDial').replace('{n}', order.emergencyDial) : '';
    text('order-advice', advice);
    show('order-advice', !!advice);
    const flags = el('order-flags');
    clear(flags);
    if (order.repeat) flags.appendChild(item('span', t('repeatCaller'), 'badge flag-repeat'));
    if (order.repeatOf) flags.appendChild(item('span', t('repeatOf') + ' ' + order.repeatOf, 'badge flag-repeat'));
    if (order.community) flags.appendChild(item('span', t('community') + '：' + order.community, 'tag'));
    const list = el('amendments');
    clear(list);
    (order.amendments || []).forEach(change => list.appendChild(item('li', new Date(change.at).toLocaleTimeString()
      + ' ' + change.seat + ' ' + fieldName(change.field) + '：' + (change.from || '—') + ' → ' + (change.to || '—'))));
    show('amendments-box', (order.amendments || []).length > 0);
  }

  // The unit picker: the rules' choices at this place, the suggestion first; it follows the server until the
  // operator picks one.
  function refreshUnit(order) {
    const units = order.units || [];
    const list = el('units');
    clear(list);
    units.forEach(unit => { const o = document.createElement('option'); o.value = unit; list.appendChild(o); });
    text('unit-suggested', units.length ? t('suggested') + units[0] : '');
    if (!unitTouched) el('order-unit').value = order.handlingUnit || '';
    show('unit-box', el('order-handling').value !== 'direct');
  }

  function fieldName(field) {
    const known = { handlingUnit: 'handlingUnit', district: 'location', street: 'location', community: 'community',
      subCategory: 'category', contactName: 'contactName', callbackNumber: 'callbackNumber', type: 'orderType',
      replyRequired: 'replyRequired', confidential: 'confidential', dispatchBy: 'dispatchBy' };
    return t(known[field] || field);
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
    const direct = el('order-handling').value === 'direct';
    return {
      category: el('order-category').value, location: el('order-location').value.trim(),
      urgency: el('order-urgency').value, summary: el('order-summary').value,
      type: el('order-type').value, handling: el('order-handling').value,
      handlingUnit: direct ? '' : el('order-unit').value.trim(),
      contactName: el('order-contact').value.trim(), callbackNumber: el('order-callback-number').value.trim(),
      replyRequired: String(el('order-reply').checked), confidential: String(el('order-confidential').checked),
      repeatOf: el('order-repeat-of').value
    };
  }

  function keepLocally() {
    if (!formOrderId) return;
    localStorage.setItem(draftKey(formOrderId), JSON.stringify(formFields()));
    dirty = true;
    note('keptLocally');
    if (status && status.state === 'wrap-up') extendWrapUp();
  }

  // Typing after the call: the queue's wrap-up would end and offer the next call; pause instead until Ready.
  let extending = false;
  async function extendWrapUp() {
    if (extending) return;
    extending = true;
    try { await changeState({ state: 'paused', reason: 'aftercall' }); } finally { extending = false; }
  }

  async function saveQuietly() {
    if (!formOrderId || !dirty) return true;
    const orderId = formOrderId;
    const reply = await api('PUT', API + 'orders/' + encodeURIComponent(orderId), formFields());
    if (!reply.ok) return false;
    localStorage.removeItem(draftKey(orderId));
    if (formOrderId === orderId) { dirty = false; note('savedAsDraft'); if (pop && pop.order) pop.order = reply.data; }
    loadDrafts();
    return true;
  }

  // Problems come as "field: what"; each is shown translated, at its field.
  function showProblems(problems) {
    document.querySelectorAll('#order-form .invalid').forEach(node => node.classList.remove('invalid'));
    text('order-error', problems.map(problem => {
      const at = problem.indexOf(': ');
      const named = at > 0 ? problem.slice(0, at) : '';
      const field = { district: 'location', street: 'location', community: 'location', subCategory: 'category',
        handlingUnit: 'unit', contactName: 'contact', callbackNumber: 'callback-number', replyRequired: 'reply' }[named] || named;
      const what = at > 0 ? problem.slice(at + 2) : problem;
      const input = field && el('order-' + field);
      if (input) input.classList.add('invalid');
      const reason = /required/.test(what) ? t('problem.required') : /phone number/.test(what) ? t('problem.phone')
        : /unknown|no such|is not a/.test(what) ? t('problem.unknown')
        : /longer than/.test(what) ? t('problem.tooLong') : /submitted|dispatched|status/.test(what) ? t('problem.locked')
        : /must be/.test(what) ? t('problem.unknown') : what;
      return (input ? fieldName(named) + '：' : '') + reason;
    }).join('；'));
  }

  function placeholders() {
    const fields = formFields();
    const missing = [];
    if (!fields.type) missing.push(t('orderType'));
    if (!fields.category) missing.push(t('category'));
    if (!fields.location) missing.push(t('location'));
    if (!fields.summary.trim() || (loadedSummary !== null && fields.summary.trim() === loadedSummary.trim())) missing.push(t('summary'));
    return missing;
  }

  async function sendOrder(submit) {
    if (!formOrderId) return;
    if (submit) {
      const missing = placeholders();
      if (missing.length && !window.confirm(t('confirmPlaceholders') + missing.join('、'))) return;
    }
    const orderId = formOrderId;
    showProblems([]);
    const reply = submit
      ? await api('POST', API + 'orders/' + encodeURIComponent(orderId) + '/submit', formFields())
      : await api('PUT', API + 'orders/' + encodeURIComponent(orderId), formFields());
    if (!reply.ok) {
      showProblems(reply.data.problems || [reply.data.error || t('failed')]);
      return;
    }
    localStorage.removeItem(draftKey(orderId));
    if (formOrderId === orderId) dirty = false;
    if (pop && pop.order && pop.order.id === orderId) {
      pop.order = reply.data;
      renderOrder();
    }
    told(submit ? 'submitted' : 'saved');
    note(submit ? (reply.data.status === 'handled' ? 'answeredDirectly' : 'submitted') : reply.data.status === 'draft' ? 'saved' : 'amended');
    loadDrafts();
  }

  async function loadDrafts() {
    if (!me) return;
    const reply = await api('GET', API + 'drafts');
    if (!reply.ok) return;
    const list = el('drafts');
    clear(list);
    reply.data.drafts.forEach(order => {
      const li = document.createElement('li');
      const open = item('button', order.summary || order.id, 'link draft-open');
      open.type = 'button';
      open.dataset.call = order.callId;
      open.addEventListener('click', () => openDraft(order.callId));
      li.appendChild(item('span', order.id, 'mono muted'));
      li.appendChild(open);
      list.appendChild(li);
    });
    show('drafts-card', reply.data.drafts.length > 0);
    text('drafts-count', reply.data.drafts.length);
  }

  async function openDraft(callId) {
    if (pop && pop.callId === callId) return;
    if (dirty && !(await saveQuietly())) return;
    const reply = await api('GET', API + 'calls/' + encodeURIComponent(callId));
    if (!reply.ok) return;
    viewing = true;
    holding = false;
    renderPop(reply.data);
  }

  async function goReady() {
    if (pop && pop.order && pop.order.status === 'draft' && (!latest || latest.callId === pop.callId || viewing)
        && !window.confirm(t('confirmReadyWithDraft'))) return;
    if (dirty) await saveQuietly();
    await changeState({ state: 'ready' });
  }

  async function logOut() {
    const busy = status && ['offered', 'on-call'].includes(status.state);
    if (busy && !window.confirm(t('confirmLogoutOnCall'))) return;
    if (dirty) await saveQuietly();
    // a shared PC keeps no citizen's text: edits of other orders go to the server as drafts first
    for (const key of Object.keys(localStorage).filter(k => k.startsWith('ivr.order.'))) {
      const id = key.slice('ivr.order.'.length);
      try { await api('PUT', API + 'orders/' + encodeURIComponent(id), JSON.parse(localStorage.getItem(key))); } catch (e) { /* kept on the server as far as it went */ }
      localStorage.removeItem(key);
    }
    await api('POST', API + 'logout', {});
    showLogin();
  }

  function fillCategories() {
    const select = el('order-category');
    const chosen = select.value;
    clear(select);
    // an unclassified draft reads "未分类" in the box, never an empty box nor the raw tag
    const blank = item('option', t('unclassifiedChoose'));
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
    if (!code || code === 'unclassified') return t('unclassified');
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
    const after = status && status.state === 'paused' && status.reason === 'aftercall';
    show('wrapup', !!(pop && (wrapping || after)));
    if (wrapping) text('wrapup-left', duration(status.wrapUpSeconds - (Date.now() - status.since) / 1000));
    if (after) text('wrapup-left', t('wrapUpHeld'));
    if (pop) {
      const callState = pop.ended ? 'ended' : status && status.state === 'offered' && status.callId === pop.callId ? 'ringing' : 'onCall';
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
    el('btn-ready').addEventListener('click', goReady);
    el('btn-pause').addEventListener('click', () => changeState({ state: 'paused', reason: el('pause-reason').value }));
    el('btn-logout').addEventListener('click', logOut);
    el('btn-switch').addEventListener('click', switchToLatest);
    el('btn-number').addEventListener('click', async () => {
      if (!pop) return;
      const reply = await api('POST', API + 'calls/' + encodeURIComponent(pop.callId) + '/caller', {});
      if (reply.ok) { revealed[pop.callId] = reply.data.caller; text('call-number', reply.data.caller); show('btn-number', false); }
    });
    el('order-form').addEventListener('input', keepLocally);
    el('order-form').addEventListener('change', keepLocally);
    el('order-unit').addEventListener('input', () => { unitTouched = true; });
    el('order-handling').addEventListener('change', () => show('unit-box', el('order-handling').value !== 'direct'));
    el('order-location').addEventListener('input', suggestPlaces);
    el('order-category').addEventListener('change', suggestArticles);
    knowledge.wire();
    el('btn-save').addEventListener('click', () => sendOrder(false));
    // Enter in a field never submits: only the button does, and it asks when fields are placeholders
    el('order-form').addEventListener('submit', event => event.preventDefault());
    el('btn-submit').addEventListener('click', () => sendOrder(true));
    window.Ivr.onLanguage(() => {
      fillCategories();
      if (status) renderStatus();
      if (pop) {
        renderEarlier(); renderLanguage(); renderMenu(); renderTranscript(); tick();
        if (pop.order) { renderOrderStatus(); renderOrderFacts(pop.order); refreshUnit(pop.order); }
      }
    });
    setInterval(tick, 1000);
    start();
  });
})();
