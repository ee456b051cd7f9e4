// The search page's script (templates/search.njk), served as assets/search.js. It loads the
// site's own Pagefind bundle (pagefind/buckets.json lists the index buckets, see
// scripts/lib/site/search.ts) and lists matching booklets. Results are built as DOM nodes
// from text only: nothing from the index is inserted as HTML.
const MAX_RESULTS = 50;

const form = document.getElementById('search-form');
const input = document.getElementById('search-q');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const bundle = new URL('../pagefind/', import.meta.url);
const siteRoot = new URL('../', import.meta.url);

document.getElementById('search-nojs').hidden = true;

let loading;
function pagefind() {
  loading ??= (async () => {
    const response = await fetch(new URL('buckets.json', bundle));
    if (!response.ok) throw new Error(`buckets.json: ${response.status}`);
    const { buckets } = await response.json();
    const first = new URL(buckets[0], bundle);
    const pf = await import(new URL('pagefind.js', first).href);
    await pf.options({ basePath: first.pathname, excerptLength: 40 });
    for (const b of buckets.slice(1)) await pf.mergeIndex(new URL(b, bundle).pathname);
    return pf;
  })();
  return loading;
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const decode = (s) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m) => ENTITIES[m]);

/** Pagefind's excerpt ("… <mark>商务</mark> …") as text nodes and <mark> elements. */
function excerptNodes(excerpt) {
  const out = [];
  excerpt.split(/(<mark>[\s\S]*?<\/mark>)/).forEach((part) => {
    const marked = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
    if (marked) {
      const m = document.createElement('mark');
      m.textContent = decode(marked[1]);
      out.push(m);
    } else if (part) out.push(document.createTextNode(decode(part.replace(/<[^>]*>/g, ''))));
  });
  return out;
}

function resultItem(data) {
  const li = document.createElement('li');
  li.className = 'search-result';
  const h = document.createElement('h2');
  h.className = 'search-result__title';
  const a = document.createElement('a');
  a.href = new URL(data.url.replace(/^\//, ''), siteRoot).href;
  a.textContent = data.meta.title ?? data.url;
  h.append(a);
  const facts = document.createElement('p');
  facts.className = 'search-result__facts';
  facts.textContent = [data.meta.unit, data.meta.year && `${data.meta.year}年`, data.meta.kind].filter(Boolean).join(' · ');
  const excerpt = document.createElement('p');
  excerpt.className = 'search-result__excerpt';
  excerpt.append(...excerptNodes(data.excerpt ?? ''));
  li.append(h, facts, excerpt);
  return li;
}

let current = 0;
async function run(query) {
  const id = ++current;
  list.replaceChildren();
  if (!query) {
    status.textContent = '请输入要查找的词语。';
    return;
  }
  status.textContent = `正在搜索“${query}”……`;
  try {
    const pf = await pagefind();
    const found = await pf.search(query);
    const shown = found.results.slice(0, MAX_RESULTS);
    const data = await Promise.all(shown.map((r) => r.data()));
    if (id !== current) return;
    list.replaceChildren(...data.map(resultItem));
    status.textContent = found.results.length === 0
      ? `没有找到含“${query}”的公开文件。可以换一个词，或按下面的年度、类型浏览。`
      : `找到 ${found.results.length} 份含“${query}”的公开文件${found.results.length > shown.length ? `，下面列出最相关的 ${shown.length} 份` : ''}。`;
  } catch (e) {
    if (id !== current) return;
    status.textContent = `搜索索引无法加载（${e instanceof Error ? e.message : String(e)}），请按下面的年度、类型浏览。`;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const query = input.value.trim();
  const url = new URL(location.href);
  url.searchParams.set('q', query);
  history.replaceState(null, '', url);
  void run(query);
});

const initial = new URL(location.href).searchParams.get('q')?.trim() ?? '';
if (initial) {
  input.value = initial;
  void run(initial);
}
