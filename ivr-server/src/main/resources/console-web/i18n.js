'use strict';
// UI text in Chinese and English. Data from the server is never put here: it is shown as text as it is.
window.IVR_TEXT = {
  zh: {
    consoleTitle: '坐席工作台', wallTitle: '热线监控大屏', loginTitle: '坐席登录', supervisorLogin: '班长登录',
    seatId: '坐席工号', supervisorId: '账号', password: '密码', login: '登录', logout: '退出',
    goReady: '就绪', pause: '示忙', reasonBreak: '小休', reasonMeal: '用餐', reasonTraining: '培训', reasonMeeting: '会议', reasonLogin: '刚登录',
    connecting: '连接中…', connected: '已连接', reconnecting: '连接断开，正在重连…',
    waitingForCall: '等待来电…', pausedIdle: '示忙中，点击“就绪”开始接听', caller: '来电', number: '号码',
    showNumber: '显示完整号码', language: '语言', waited: '排队等待', menuPath: '菜单路径', wrapUp: '话后整理',
    transcript: '通话转写', 'noTranscript.no-model': '无转写：未安装语音模型', 'noTranscript.model-loading': '无转写：语音模型尚在加载',
    'noTranscript.failed': '无转写：语音识别失败', recordingKept: '；录音已保存', notRecorded: '；没有录音', earlierOrders: '该号码历史工单', none: '无', order: '工单', category: '分类',
    chooseCategory: '请选择分类', location: '地点', urgency: '紧急程度', urgencyNormal: '一般', urgencyHigh: '紧急',
    urgencyEmergency: '特急', summary: '诉求摘要', saveDraft: '保存草稿', submit: '提交工单',
    saved: '草稿已保存', submitted: '工单已提交', restored: '已恢复本机未保存的修改', keptLocally: '修改已暂存在本机',
    badLogin: '工号或密码错误', slowDown: '登录失败次数过多，请稍后再试', failed: '操作失败',
    onCall: '通话中', ended: '已挂机', 'status.draft': '草稿', 'status.submitted': '已提交', 'status.dispatched': '已派单', 'status.handled': '已办结', 'status.closed': '已关闭',
    'lang.zh': '普通话', 'lang.yue': '粤语', 'lang.en': '英语', 'lang.ja': '日语', 'lang.ko': '韩语', 'lang.ru': '俄语',
    'lang.fr': '法语', 'lang.de': '德语', 'lang.es': '西班牙语',
    'state.logged-out': '未登录', 'state.ready': '就绪', 'state.offered': '振铃', 'state.on-call': '通话中',
    'state.wrap-up': '话后整理', 'state.paused': '示忙',
    callsInIvr: 'IVR 中通话', ordersDrafted: '今日草拟工单', ordersSubmitted: '今日提交工单', ordersOverdue: '超时未派单', dispatchBy: '派单时限', seatsByState: '坐席状态',
    topCategories: '今日热点 TOP5', queue: '队列', waiting: '排队', longestWait: '最长等待', serviceLevel: '服务水平',
    abandonRate: '放弃率', updated: '更新于'
  },
  en: {
    consoleTitle: 'Seat console', wallTitle: 'Hotline wallboard', loginTitle: 'Seat login', supervisorLogin: 'Supervisor login',
    seatId: 'Seat ID', supervisorId: 'Account', password: 'Password', login: 'Log in', logout: 'Log out',
    goReady: 'Ready', pause: 'Pause', reasonBreak: 'Break', reasonMeal: 'Meal', reasonTraining: 'Training', reasonMeeting: 'Meeting', reasonLogin: 'just logged in',
    connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Connection lost, reconnecting…',
    waitingForCall: 'Waiting for a call…', pausedIdle: 'Paused. Press “Ready” to take calls', caller: 'Caller', number: 'Number',
    showNumber: 'Show full number', language: 'Language', waited: 'Waited', menuPath: 'Menu path', wrapUp: 'Wrap-up',
    transcript: 'Transcript', 'noTranscript.no-model': 'no transcript: no speech model installed',
    'noTranscript.model-loading': 'no transcript: the speech model was still loading', 'noTranscript.failed': 'no transcript: recognition failed',
    recordingKept: '; recording kept', notRecorded: '; nothing recorded', earlierOrders: 'Earlier orders of this number', none: 'None', order: 'Order', category: 'Category',
    chooseCategory: 'Choose a category', location: 'Location', urgency: 'Urgency', urgencyNormal: 'Normal', urgencyHigh: 'High',
    urgencyEmergency: 'Emergency', summary: 'Summary', saveDraft: 'Save draft', submit: 'Submit order',
    saved: 'Draft saved', submitted: 'Order submitted', restored: 'Restored unsaved edits from this browser', keptLocally: 'Edits kept in this browser',
    badLogin: 'Wrong ID or password', slowDown: 'Too many failed logins, please wait', failed: 'Failed',
    onCall: 'On call', ended: 'Hung up', 'status.draft': 'Draft', 'status.submitted': 'Submitted', 'status.dispatched': 'Dispatched', 'status.handled': 'Handled', 'status.closed': 'Closed',
    'lang.zh': 'Mandarin', 'lang.yue': 'Cantonese', 'lang.en': 'English', 'lang.ja': 'Japanese', 'lang.ko': 'Korean',
    'lang.ru': 'Russian', 'lang.fr': 'French', 'lang.de': 'German', 'lang.es': 'Spanish',
    'state.logged-out': 'Logged out', 'state.ready': 'Ready', 'state.offered': 'Ringing', 'state.on-call': 'On call',
    'state.wrap-up': 'Wrap-up', 'state.paused': 'Paused',
    callsInIvr: 'Calls in IVR', ordersDrafted: 'Orders drafted today', ordersSubmitted: 'Orders submitted today', ordersOverdue: 'Past dispatch deadline', dispatchBy: 'Dispatch by', seatsByState: 'Seats by state',
    topCategories: 'Top 5 categories today', queue: 'Queue', waiting: 'Waiting', longestWait: 'Longest wait', serviceLevel: 'Service level',
    abandonRate: 'Abandon rate', updated: 'Updated'
  }
};
