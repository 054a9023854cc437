'use strict';
// The supervisors' wallboard: read-only figures, fetched every few seconds.
(function () {
  const { t, api, el, show, text, clear, item, duration } = window.Ivr;
  const API = '/wallboard/api/';
  let timer = null;
  let last = null;
  let topicsTimer = null;
  let topics = null;

  async function start() {
    const reply = await window.Ivr.whoAmI(API);
    if (reply.ok) loggedIn(); else showLogin();
  }

  function showLogin() {
    clearInterval(timer);
    clearInterval(topicsTimer);
    show('board', false);
    show('btn-logout', false);
    show('login', true);
  }

  function loggedIn() {
    show('login', false);
    show('board', true);
    show('btn-logout', true);
    refresh();
    timer = setInterval(refresh, 3000);
    refreshTopics();
    // the month's topics change slowly and the server keeps them for minutes: a minute between asks is plenty
    topicsTimer = setInterval(refreshTopics, 60000);
  }

  async function refreshTopics() {
    let reply;
    try { reply = await api('GET', '/api/reports/topics'); } catch (e) { return; }
    if (!reply.ok) return;
    topics = reply.data;
    renderTopics();
  }

  function change(c) {
    if (c.change === 0) return '＝';
    return (c.change > 0 ? '↑' : '↓') + Math.abs(c.change);
  }

  function renderTopics() {
    if (!topics) return;
    const zh = window.Ivr.lang() === 'zh';
    bars('month-top', topics.categories.slice(0, 5).map(c =>
      [(zh ? c.name : c.en) + ' ' + change(c), c.count, c.change > 0 ? 'hot' : '']));
    const words = el('hot-words');
    clear(words);
    topics.hotWords.forEach(w => words.appendChild(item('span', w.word + ' ' + w.orders, 'chip')));
    if (!topics.hotWords.length) words.appendChild(item('span', t('none'), 'muted'));
  }

  async function refresh() {
    let reply;
    try { reply = await api('GET', API + 'stats'); } catch (e) { stale(); return; }
    if (reply.status === 401) { showLogin(); return; }
    if (!reply.ok) { stale(); return; }
    el('updated').classList.remove('stale');
    last = reply.data;
    render();
  }

  // null (no call yet today) is shown as a dash in no colour: an empty queue is neither good nor bad
  function percent(share) { return share === null || share === undefined ? '—' : Math.round(share * 1000) / 10 + '%'; }
  function tone(share, bad) { return share === null || share === undefined ? '' : bad(share) ? 'alert' : 'good'; }

  // the server is away: the figures on screen are old, and say so
  function stale() {
    if (!last) return;
    el('updated').classList.add('stale');
    text('updated', t('staleFigures') + ' ' + new Date(last.atMillis).toLocaleTimeString(window.Ivr.lang() === 'zh' ? 'zh-CN' : 'en-GB'));
  }

  function render() {
    const board = last;
    if (!board) return;
    const queues = el('queues');
    clear(queues);
    board.queues.forEach(q => {
      const card = item('div', '', 'card queue');
      card.appendChild(item('h2', t('queue') + ' · ' + q.queue));
      const figures = [
        ['waiting', q.waiting, q.waiting > 5 ? 'alert' : ''],
        ['longestWait', duration(q.longestWaitSeconds), q.longestWaitSeconds > 60 ? 'alert' : ''],
        ['serviceLevel', percent(q.serviceLevel), tone(q.serviceLevel, s => s < q.serviceLevelTarget)],
        ['abandonRate', percent(q.abandonRate), tone(q.abandonRate, a => a > 0.05)]
      ];
      const row = item('div', '', 'figures');
      figures.forEach(([label, value, tone]) => {
        const cell = item('div', '', 'figure');
        cell.appendChild(item('div', t(label), 'tile-label'));
        cell.appendChild(item('div', value, 'tile-value ' + tone));
        row.appendChild(cell);
      });
      card.appendChild(row);
      queues.appendChild(card);
    });
    text('in-ivr', board.callsInIvr);
    text('drafted', board.ordersDrafted);
    text('submitted', board.ordersSubmitted);
    text('overdue', board.ordersOverdue);
    bars('seats', Object.entries(board.seatsByState).map(([state, n]) => [t('state.' + state), n, 'state-' + state]));
    bars('top', board.topCategories.map(c => [window.Ivr.lang() === 'zh' ? c.zh : c.en, c.count, 'hot']));
    text('updated', t('updated') + ' ' + new Date(board.atMillis).toLocaleTimeString(window.Ivr.lang() === 'zh' ? 'zh-CN' : 'en-GB'));
  }

  function bars(id, rows) {
    const list = el(id);
    clear(list);
    const max = Math.max(1, ...rows.map(r => r[1]));
    rows.forEach(([label, count, tone]) => {
      const li = document.createElement('li');
      li.appendChild(item('span', label, 'bar-label'));
      const track = item('span', '', 'bar-track');
      const fill = item('span', '', 'bar-fill ' + tone);
      fill.style.width = Math.round(count / max * 100) + '%';
      track.appendChild(fill);
      li.appendChild(track);
      li.appendChild(item('span', count, 'bar-count'));
      list.appendChild(li);
    });
    if (!rows.length) list.appendChild(item('li', t('none'), 'muted'));
  }

  document.addEventListener('DOMContentLoaded', () => {
    window.Ivr.wireLogin(API, loggedIn);
    el('btn-logout').addEventListener('click', async () => { await api('POST', API + 'logout', {}); showLogin(); });
    window.Ivr.onLanguage(() => { render(); renderTopics(); });
    start();
  });
})();
