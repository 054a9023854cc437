'use strict';
// The pop's call controls: hang up, hold / take back, transfer (blind) to a unit, 110/119/120 or another queue,
// consult (the caller on hold), then complete the transfer, make it a three-way call or go back to the caller.
// Every action is POST /console/api/calls/{id}/control for the seat's own live call; the PBX does it (AMI).
// Targets come from GET /console/api/transfer-targets (ids only: a seat never dials a number of its own).
window.IvrControls = (function () {
  const { t, api, el, show, text, clear, item } = window.Ivr;
  Object.assign(window.IVR_TEXT.zh, {
    callControls: '通话控制', hangUp: '挂断', hold: '保持', resume: '恢复通话', transfer: '转接', consult: '咨询',
    complete: '完成转接', threeway: '三方通话', transferTo: '转接/咨询对象',
    'kind.emergency': '紧急', 'kind.unit': '承办单位', 'kind.leader': '班长', 'kind.queue': '队列',
    'ctl.talking': '通话中', 'ctl.held': '来电人保持中（播放等待音乐）', 'ctl.consulting': '咨询中（来电人保持）',
    'ctl.transferred': '已转接', 'ctl.three-way': '三方通话中', 'ctl.ended': '已挂断',
    confirmHangUp: '确定挂断本次通话？', confirmTransfer: '确定将来电转接到：', ctlFailed: '操作未完成：',
    ctlUnavailable: '电话系统暂不可用，请稍后再试'
  });
  Object.assign(window.IVR_TEXT.en, {
    callControls: 'Call controls', hangUp: 'Hang up', hold: 'Hold', resume: 'Take back', transfer: 'Transfer',
    consult: 'Consult', complete: 'Complete transfer', threeway: 'Three-way', transferTo: 'Transfer / consult to',
    'kind.emergency': 'Emergency', 'kind.unit': 'Unit', 'kind.leader': 'Team leader', 'kind.queue': 'Queue',
    'ctl.talking': 'Talking', 'ctl.held': 'Caller on hold (music)', 'ctl.consulting': 'Consulting (caller on hold)',
    'ctl.transferred': 'Transferred', 'ctl.three-way': 'Three-way call', 'ctl.ended': 'Hung up',
    confirmHangUp: 'Hang up this call?', confirmTransfer: 'Transfer the caller to: ', ctlFailed: 'Not done: ',
    ctlUnavailable: 'The phone system cannot be reached; try again shortly'
  });
  const API = '/console/api/';
  let callId = null;
  let live = false;
  let state = 'talking';
  let targets = [];

  async function loadTargets() {
    const reply = await api('GET', API + 'transfer-targets');
    if (!reply.ok) return;
    targets = reply.data.targets || [];
    renderTargets();
  }

  function renderTargets() {
    const select = el('ctl-target');
    const chosen = select.value;
    clear(select);
    ['emergency', 'unit', 'leader', 'queue'].forEach(kind => {
      const group = document.createElement('optgroup');
      group.label = t('kind.' + kind);
      targets.filter(target => target.kind === kind).forEach(target => {
        const option = item('option', target.label);
        option.value = target.id;
        group.appendChild(option);
      });
      if (group.children.length) select.appendChild(group);
    });
    if (chosen) select.value = chosen;
  }

  function render() {
    show('controls-card', live);
    if (!live) return;
    const held = state === 'held' || state === 'consulting';
    show('btn-hold', !held);
    show('btn-resume', held);
    show('btn-complete', state === 'consulting');
    show('btn-threeway', state === 'consulting');
    text('ctl-state', t('ctl.' + state));
  }

  function onScreen(event) {
    const { status, pop } = event.detail;
    const id = pop && !pop.ended ? pop.callId : null;
    const nowLive = !!id && !!status && status.state === 'on-call';
    if (nowLive && !targets.length) loadTargets();
    if (id !== callId) { state = 'talking'; text('ctl-error', ''); }
    callId = id;
    live = nowLive;
    render();
  }

  async function act(action, target) {
    if (!callId || !live) return;
    text('ctl-error', '');
    const body = target ? { action, target } : { action };
    const reply = await api('POST', API + 'calls/' + encodeURIComponent(callId) + '/control', body);
    if (reply.ok) { state = reply.data.state; render(); return; }
    text('ctl-error', reply.status === 503 ? t('ctlUnavailable') : t('ctlFailed') + (reply.data.error || reply.status));
  }

  function targetLabel() {
    const option = el('ctl-target').selectedOptions[0];
    return option ? option.textContent : '';
  }

  function wire() {
    el('btn-hangup').addEventListener('click', () => { if (window.confirm(t('confirmHangUp'))) act('hangup'); });
    el('btn-hold').addEventListener('click', () => act('hold'));
    el('btn-resume').addEventListener('click', () => act('resume'));
    el('btn-transfer').addEventListener('click', () => {
      if (el('ctl-target').value && window.confirm(t('confirmTransfer') + targetLabel())) act('transfer', el('ctl-target').value);
    });
    el('btn-consult').addEventListener('click', () => { if (el('ctl-target').value) act('consult', el('ctl-target').value); });
    el('btn-complete').addEventListener('click', () => act('complete'));
    el('btn-threeway').addEventListener('click', () => act('threeway'));
    document.addEventListener('ivr:screen', onScreen);
    window.Ivr.onLanguage(() => { renderTargets(); render(); });
    if (window.IvrDesk && window.IvrDesk.register) {
      window.IvrDesk.register({ code: 'KeyO', keys: 'Alt+O', label: 'hold', run: () => (state === 'talking' ? act('hold') : act('resume')) });
    }
  }

  document.addEventListener('DOMContentLoaded', () => { wire(); render(); });
  return { loadTargets };
})();
