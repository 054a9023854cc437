'use strict';
// The pop's player: the caller's description recording, and the conversation with the seat once the call has
// ended, from GET /api/orders/{id}/recordings; the audio streams from /console/api/recordings/... (HTTP Range),
// which only the seat that holds or held the call may open. Labels are text, never markup.
window.IvrRecordings = (function () {
  const { t, api, el, clear, item } = window.Ivr;
  Object.assign(window.IVR_TEXT.zh, { 'rec.description': '来电人描述录音', 'rec.conversation': '通话录音' });
  Object.assign(window.IVR_TEXT.en, { 'rec.description': 'Caller’s description', 'rec.conversation': 'Conversation' });
  let shown = '';

  /** Shows the players of {@code pop}'s order; {@code ended}: the call is over (its conversation is complete). */
  async function show(pop, ended) {
    const box = el('recordings');
    const orderId = pop && pop.order && pop.order.id;
    const key = orderId ? orderId + (ended ? ':ended' : '') : '';
    if (key === shown) return;
    shown = key;
    clear(box);
    if (!orderId) return;
    const reply = await api('GET', '/api/orders/' + encodeURIComponent(orderId) + '/recordings');
    if (!reply.ok || shown !== key) return;
    (reply.data.recordings || [])
      .filter(r => r.kind === 'description' || (ended && r.kind === 'conversation'))
      .forEach(r => {
        const row = item('div', '', 'recording');
        const seconds = r.durationMillis > 0 ? ' · ' + window.Ivr.duration(r.durationMillis / 1000) : '';
        row.appendChild(item('span', t('rec.' + r.kind) + seconds, 'muted'));
        const audio = document.createElement('audio');
        audio.controls = true;
        audio.preload = 'metadata';
        audio.src = r.url;
        audio.dataset.kind = r.kind;
        row.appendChild(audio);
        box.appendChild(row);
      });
  }

  return { show };
})();
