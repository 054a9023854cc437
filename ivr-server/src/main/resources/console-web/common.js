'use strict';
// Shared by the console and the wallboard: language, API calls with the CSRF token, small DOM helpers.
// Every datum from the server goes into the page with textContent or value, never as markup.
window.Ivr = (function () {
  let lang = localStorage.getItem('ivr.lang') || 'zh';
  let csrf = '';
  const listeners = [];

  function t(key) {
    const table = window.IVR_TEXT[lang] || window.IVR_TEXT.zh;
    return table[key] !== undefined ? table[key] : key;
  }

  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    document.querySelectorAll('[data-i18n-aria]').forEach(el => el.setAttribute('aria-label', t(el.dataset.i18nAria)));
    const button = document.getElementById('btn-lang');
    if (button) button.textContent = lang === 'zh' ? 'EN' : '中文';
    listeners.forEach(fn => fn(lang));
  }

  function toggleLanguage() {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('ivr.lang', lang);
    applyLanguage();
  }

  async function api(method, url, body) {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
    const response = await fetch(url, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { status: response.status, ok: response.ok, data: data || {} };
  }

  function el(id) { return document.getElementById(id); }
  function show(id, visible) { el(id).classList.toggle('hidden', !visible); }
  function text(id, value) { el(id).textContent = value === null || value === undefined ? '' : String(value); }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function item(tag, value, className) {
    const node = document.createElement(tag);
    node.textContent = value === null || value === undefined ? '' : String(value);
    if (className) node.className = className;
    return node;
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    const h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    const two = n => String(n).padStart(2, '0');
    return (h > 0 ? h + ':' + two(m) : two(m)) + ':' + two(s);
  }

  function wireLogin(prefix, onDone) {
    el('login-form').addEventListener('submit', async event => {
      event.preventDefault();
      text('login-error', '');
      const reply = await api('POST', prefix + 'login', { id: el('login-id').value.trim(), password: el('login-password').value });
      el('login-password').value = '';
      if (reply.ok) { csrf = reply.data.csrf; onDone(reply.data); return; }
      text('login-error', reply.status === 429 ? t('slowDown') : reply.status === 503 ? t('busy') : t('badLogin'));
    });
  }

  async function whoAmI(prefix) {
    const reply = await api('GET', prefix + 'me');
    if (reply.ok) csrf = reply.data.csrf;
    return reply;
  }

  document.addEventListener('DOMContentLoaded', () => {
    const button = el('btn-lang');
    if (button) button.addEventListener('click', toggleLanguage);
    applyLanguage();
  });

  return {
    t, api, el, show, text, clear, item, duration, wireLogin, whoAmI, applyLanguage,
    lang: () => lang, onLanguage: fn => listeners.push(fn)
  };
})();
