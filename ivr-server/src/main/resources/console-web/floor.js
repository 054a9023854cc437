'use strict';
// The supervisors' floor view: every seat (state, reason, time in state, current call, on hold), each queue's ready
// and staffed seats with today's answered and abandoned calls and average handle time, today's calls hour by hour
// as a plain SVG bar chart, and listen-in / whisper to a seat on a call (the supervisor's phone rings: ChanSpy).
// From GET /wallboard/api/floor every few seconds; every datum goes into the page as text or SVG attributes.
(function () {
  const { t, api, el, show, text, clear, item, duration } = window.Ivr;
  Object.assign(window.IVR_TEXT.zh, {
    floorPageTitle: '12345 坐席现场', floorTitle: '坐席现场', toWallboard: '监控大屏', floorQueues: '队列',
    floorDay: '今日分时接通 / 放弃', floorSeats: '坐席', readyStaffed: '就绪/在岗', answeredToday: '今日接通',
    abandonedToday: '今日放弃', aht: '平均处理时长', seat: '坐席', stateLabel: '状态', reasonLabel: '原因',
    inState: '状态时长', currentCall: '当前通话', handled: '已处理', listen: '监听', whisper: '耳语', onHold: '保持中',
    listenRinging: '您的话机正在振铃，接起即可', listenFailed: '未能监听：', answeredLegend: '接通', abandonedLegend: '放弃',
    'seat.out': '未登录', 'seat.ready': '就绪', 'seat.offered': '振铃', 'seat.oncall': '通话中', 'seat.wrapup': '话后整理',
    'seat.paused': '示忙'
  });
  Object.assign(window.IVR_TEXT.en, {
    floorPageTitle: '12345 floor', floorTitle: 'Floor', toWallboard: 'Wallboard', floorQueues: 'Queues',
    floorDay: 'Today by hour: answered / abandoned', floorSeats: 'Seats', readyStaffed: 'Ready/staffed',
    answeredToday: 'Answered today', abandonedToday: 'Abandoned today', aht: 'Avg handle time', seat: 'Seat',
    stateLabel: 'State', reasonLabel: 'Reason', inState: 'In state', currentCall: 'Current call', handled: 'Handled',
    listen: 'Listen', whisper: 'Whisper', onHold: 'on hold', listenRinging: 'Your phone is ringing: pick it up',
    listenFailed: 'Could not listen: ', answeredLegend: 'answered', abandonedLegend: 'abandoned',
    'seat.out': 'Logged out', 'seat.ready': 'Ready', 'seat.offered': 'Ringing', 'seat.oncall': 'On call',
    'seat.wrapup': 'Wrap-up', 'seat.paused': 'Paused'
  });
  const API = '/wallboard/api/';
  const SVG = 'http://www.w3.org/2000/svg';
  let timer = null;
  let last = null;
  let fetchedAt = 0;

  async function start() {
    const reply = await window.Ivr.whoAmI(API);
    if (reply.ok) loggedIn(); else showLogin();
  }

  function showLogin() {
    clearInterval(timer);
    show('floor', false);
    show('btn-logout', false);
    show('login', true);
  }

  function loggedIn() {
    show('login', false);
    show('floor', true);
    show('btn-logout', true);
    refresh();
    clearInterval(timer);
    timer = setInterval(refresh, 3000);
  }

  async function refresh() {
    let reply;
    try { reply = await api('GET', API + 'floor'); } catch (e) { stale(); return; }
    if (reply.status === 401) { showLogin(); return; }
    if (!reply.ok) { stale(); return; }
    last = reply.data;
    fetchedAt = Date.now();
    el('updated').classList.remove('stale');
    text('updated', new Date(last.atMillis).toLocaleTimeString(window.Ivr.lang() === 'zh' ? 'zh-CN' : 'en-GB'));
    render();
  }

  function stale() {
    if (!last) return;
    el('updated').classList.add('stale');
    text('updated', t('staleFigures') + ' ' + new Date(last.atMillis).toLocaleTimeString());
  }

  // the console's words for the pause reasons it offers (小休, 用餐 ...); any other reason as the server has it
  function reasonText(reason) {
    if (!reason) return '';
    const key = 'reason' + reason.charAt(0).toUpperCase() + reason.slice(1);
    return t(key) === key ? reason : t(key);
  }

  function cell(row, value, className) { row.appendChild(item('td', value, className)); }
  function orDash(value, format) { return value === null || value === undefined ? '—' : format ? format(value) : value; }

  function render() {
    if (!last) return;
    const queues = el('floor-queues');
    clear(queues);
    last.queues.forEach(q => {
      const row = document.createElement('tr');
      cell(row, q.name || q.id);
      cell(row, q.waiting, 'num');
      cell(row, duration(q.longestWaitSeconds), 'num');
      cell(row, q.readySeats + ' / ' + q.staffedSeats, 'num');
      cell(row, orDash(q.answeredToday), 'num');
      cell(row, orDash(q.abandonedToday), 'num');
      cell(row, orDash(q.averageHandleSeconds, duration), 'num');
      queues.appendChild(row);
    });
    const seats = el('floor-seats');
    clear(seats);
    const since = (Date.now() - fetchedAt) / 1000;
    last.seats.forEach(s => {
      const row = document.createElement('tr');
      cell(row, s.id + ' ' + s.name);
      cell(row, t('seat.' + s.state));
      cell(row, reasonText(s.reason));
      cell(row, s.state === 'out' ? '' : duration(s.secondsInState + since), 'num');
      cell(row, s.queue);
      const call = item('td', s.callId ? s.callId.slice(-8) : '', 'mono');
      if (s.held) call.appendChild(item('span', ' · ' + t('onHold'), 'held'));
      row.appendChild(call);
      cell(row, s.callsHandled, 'num');
      const actions = document.createElement('td');
      if (s.state === 'oncall') {
        ['listen', 'whisper'].forEach(mode => {
          const button = item('button', t(mode), 'btn');
          button.type = 'button';
          button.dataset.seat = s.id;
          button.dataset.mode = mode;
          button.addEventListener('click', () => listen(s.id, mode));
          actions.appendChild(button);
        });
      }
      row.appendChild(actions);
      seats.appendChild(row);
    });
    chart(last.hours);
  }

  async function listen(seat, mode) {
    const reply = await api('POST', API + 'seats/' + encodeURIComponent(seat) + '/listen', { mode });
    text('listen-note', reply.ok ? t('listenRinging') : t('listenFailed') + (reply.data.error || reply.status));
  }

  function svg(tag, attributes, content) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, String(value)));
    if (content !== undefined) node.textContent = String(content);
    return node;
  }

  // Hours 0-23 side by side, answered (green) beside abandoned (red), scaled to the busiest hour.
  function chart(hours) {
    const box = el('floor-chart');
    clear(box);
    const top = Math.max(1, ...hours.map(h => Math.max(h.answered, h.abandoned)));
    const left = 30, bottom = 190, height = 160, slot = 28;
    box.appendChild(svg('text', { x: 2, y: bottom - height + 4 }, top));
    box.appendChild(svg('text', { x: 2, y: bottom }, 0));
    for (let hour = 0; hour < 24; hour++) {
      const x = left + hour * slot;
      const found = hours.find(h => h.hour === hour);
      if (found) {
        const a = Math.round(height * found.answered / top), b = Math.round(height * found.abandoned / top);
        box.appendChild(svg('rect', { x, y: bottom - a, width: 11, height: a, class: 'answered' }))
          .appendChild(svg('title', {}, hour + ':00 ' + t('answeredLegend') + ' ' + found.answered));
        box.appendChild(svg('rect', { x: x + 12, y: bottom - b, width: 11, height: b, class: 'abandoned' }))
          .appendChild(svg('title', {}, hour + ':00 ' + t('abandonedLegend') + ' ' + found.abandoned));
      }
      if (hour % 2 === 0) box.appendChild(svg('text', { x, y: bottom + 16 }, String(hour).padStart(2, '0')));
    }
    box.appendChild(svg('rect', { x: left, y: 222, width: 10, height: 10, class: 'answered legend' }));
    box.appendChild(svg('text', { x: left + 14, y: 231 }, t('answeredLegend')));
    box.appendChild(svg('rect', { x: left + 90, y: 222, width: 10, height: 10, class: 'abandoned legend' }));
    box.appendChild(svg('text', { x: left + 104, y: 231 }, t('abandonedLegend')));
  }

  document.addEventListener('DOMContentLoaded', () => {
    window.Ivr.wireLogin(API, loggedIn);
    el('btn-logout').addEventListener('click', async () => { await api('POST', API + 'logout', {}); showLogin(); });
    window.Ivr.onLanguage(render);
    window.Ivr.applyLanguage();
    start();
  });
})();
