'use strict';
// The knowledge-base card of the pop: a search box, and while it is empty, suggestions from the draft's category
// and the live transcript. Results and articles come from /console/api/kb and are put in the page as text only
// (the matched words are <mark> elements made here from the server's character ranges, never server markup).
window.IvrKnowledge = (function () {
  const { t, api, el, show, text, clear, item } = window.Ivr;
  const API = '/console/api/kb';
  let timer = null;
  let context = { text: '', category: '', language: '' };
  let asked = '';

  function wire() {
    el('kb-q').addEventListener('input', () => schedule(250));
    el('kb-q').addEventListener('keydown', event => {
      if (event.key === 'Enter') { event.preventDefault(); schedule(0); }
      if (event.key === 'Escape') { el('kb-q').value = ''; schedule(0); }
    });
    el('kb-close').addEventListener('click', () => show('kb-article', false));
  }

  /** What the call is about (transcript, draft category, caller language); suggests if the box is empty. */
  function context_(next) {
    const changed = next.text !== context.text || next.category !== context.category || next.language !== context.language;
    context = next;
    if (changed && !el('kb-q').value.trim()) schedule(400);
  }

  function reset() {
    el('kb-q').value = '';
    asked = '';
    context = { text: '', category: '', language: '' };
    clear(el('kb-results'));
    show('kb-article', false);
    text('kb-heading', '');
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  }

  async function run() {
    const q = el('kb-q').value.trim();
    const suggesting = !q;
    const params = new URLSearchParams({ limit: '5' });
    if (suggesting) {
      if (!context.text && !context.category) { clear(el('kb-results')); text('kb-heading', ''); return; }
      params.set('q', context.text.slice(0, 500));
      params.set('category', context.category);
    } else {
      params.set('q', q);
    }
    params.set('lang', suggesting ? context.language : window.Ivr.lang());
    const key = params.toString();
    if (key === asked) return;
    asked = key;
    const reply = await api('GET', API + '?' + key);
    if (!reply.ok || key !== asked) return;
    render(reply.data.articles || [], suggesting);
  }

  function render(articles, suggesting) {
    const list = el('kb-results');
    clear(list);
    el('kb-heading').dataset.i18n = suggesting ? 'kbSuggested' : 'kbFound';
    text('kb-heading', articles.length ? t(el('kb-heading').dataset.i18n) : (suggesting ? '' : t('kbNothing')));
    articles.forEach(article => {
      const li = document.createElement('li');
      const title = item('button', article.title, 'link kb-title');
      title.type = 'button';
      title.dataset.id = article.id;
      title.addEventListener('click', () => open(article.id));
      li.appendChild(title);
      li.appendChild(snippet(article.snippet, article.marks || []));
      list.appendChild(li);
    });
  }

  function snippet(value, marks) {
    const p = document.createElement('p');
    p.className = 'kb-snippet';
    let at = 0;
    marks.forEach(([start, end]) => {
      if (start < at || end > value.length) return;
      p.appendChild(document.createTextNode(value.slice(at, start)));
      p.appendChild(item('mark', value.slice(start, end)));
      at = end;
    });
    p.appendChild(document.createTextNode(value.slice(at)));
    return p;
  }

  async function open(id) {
    const reply = await api('GET', API + '/' + encodeURIComponent(id));
    if (!reply.ok) return;
    text('kb-article-title', reply.data.title);
    text('kb-article-body', reply.data.body);
    show('kb-article', true);
  }

  return { wire, context: context_, reset, search: () => el('kb-q').focus() };
})();
