// The playground's chat page. Everything is built with DOM calls and textContent, never innerHTML:
// answers and sources are document text and must not run as markup.
'use strict';

(() => {
  const messages = document.getElementById('messages');
  const form = document.getElementById('ask');
  const input = document.getElementById('question');
  const send = document.getElementById('send');
  const newConversation = document.getElementById('new-conversation');

  let answerCount = 0;

  // crypto.randomUUID exists only in secure contexts (https, localhost); the playground may be opened
  // over plain http on another host name, so fall back to getRandomValues.
  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // One conversation per browser session (the tab's sessionStorage), so the server's memory of it lets follow-ups
  // ("and for contractors?") be understood, even across a reload; "New conversation" starts a fresh one.
  function startConversation() {
    const id = newId();
    sessionStorage.setItem('playground.conversationId', id);
    return id;
  }

  let conversationId = sessionStorage.getItem('playground.conversationId') || startConversation();

  // Who asks and votes is the server's session cookie (HttpOnly), sent with every same-origin request.

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function addMessage(node) {
    messages.appendChild(node);
    node.scrollIntoView({ block: 'end', behavior: 'smooth' });
    return node;
  }

  function isWebAddress(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch {
      return false;
    }
  }

  function highlightSource(sourceId) {
    const target = document.getElementById(sourceId);
    if (!target) return;
    target.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    target.focus({ preventScroll: true });
    target.classList.add('highlight');
    setTimeout(() => target.classList.remove('highlight'), 2500);
  }

  // The answer text with each "[n]" that has a source turned into a link to that source.
  function answerText(text, citations, prefix) {
    const paragraph = element('p', 'answer-text');
    const known = new Set(citations.map((c) => c.n));
    const marker = /\[(\d+)\]/g;
    let last = 0;
    let match;
    while ((match = marker.exec(text)) !== null) {
      const n = Number(match[1]);
      if (!known.has(n)) continue;
      paragraph.appendChild(document.createTextNode(text.slice(last, match.index)));
      const link = element('a', 'cite', `[${n}]`);
      const sourceId = `${prefix}-source-${n}`;
      link.href = `#${sourceId}`;
      link.setAttribute('aria-label', `Source ${n}`);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        highlightSource(sourceId);
      });
      paragraph.appendChild(link);
      last = match.index + match[0].length;
    }
    paragraph.appendChild(document.createTextNode(text.slice(last)));
    return paragraph;
  }

  function sourceList(citations, prefix) {
    const list = element('ol', 'sources');
    for (const citation of citations) {
      const item = element('li', 'source');
      item.id = `${prefix}-source-${citation.n}`;
      item.tabIndex = -1;
      item.appendChild(element('span', 'source-number', `[${citation.n}]`));
      if (isWebAddress(citation.url)) {
        const link = element('a', null, citation.title || citation.url);
        link.href = citation.url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        item.appendChild(link);
      } else {
        item.appendChild(element('span', 'source-title', citation.title || 'Untitled'));
        if (citation.url) item.appendChild(element('span', 'source-path', citation.url));
      }
      if (citation.snippet) item.appendChild(element('p', 'snippet', citation.snippet));
      list.appendChild(item);
    }
    return list;
  }

  function smallPrint(answer, question) {
    const parts = [];
    if (answer.routes.length > 0) {
      parts.push('Searched: ' + answer.routes.map((r) => `${r.name} ${Number(r.weight).toFixed(1)}`).join(' · '));
    }
    if (answer.kind === 'Generated') parts.push('Written by AI from the sources; check them before you rely on it.');
    if (answer.kind === 'Extractive') parts.push('Quoted from the sources.');
    if (answer.kind === 'Queried') parts.push('Stated from the query’s result; the query is under “Show query”.');
    // Follow-ups are searched as a rewritten, standalone question: show it when it differs from what was typed.
    const searched = (answer.standaloneQuestion || '').trim();
    if (searched && searched.toLowerCase() !== question.trim().toLowerCase()) parts.push(`Searched for: “${searched}”`);
    const node = element('p', 'small-print', parts.join(' · '));
    const why = answer.routes.map((r) => `${r.name}: ${r.reason} (${r.hits} hits)`).join('\n');
    if (why) node.title = why;
    return node;
  }

  function feedbackButtons(answerId, askedIn) {
    const group = element('div', 'feedback');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Was this answer helpful?');
    const buttons = [
      ['up', '👍', 'Helpful'],
      ['down', '👎', 'Not helpful'],
    ].map(([vote, emoji, label]) => {
      const button = element('button', `vote vote-${vote}`, `${emoji} ${label}`);
      button.type = 'button';
      button.addEventListener('click', () => sendVote(answerId, askedIn, vote, group, buttons));
      group.appendChild(button);
      return button;
    });
    return group;
  }

  async function sendVote(answerId, askedIn, vote, group, buttons) {
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const response = await fetch('/api/feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ answerId, conversationId: askedIn, vote }),
      });
      if (response.status === 204) {
        group.replaceChildren(element('span', 'thanks', vote === 'up' ? '👍 Thanks for the feedback!' : '👎 Thanks for the feedback: it helps us improve.'));
        return;
      }
      throw new Error(await friendlyError(response));
    } catch (error) {
      buttons.forEach((b) => { b.disabled = false; });
      const note = group.querySelector('.thanks') || group.appendChild(element('span', 'thanks'));
      note.textContent = error instanceof TypeError ? 'Could not reach the server.' : error.message;
    }
  }

  // A cell as the card shows it: numbers without grouping, at most two decimals; null as a dash.
  function cellText(value) {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    return String(value);
  }

  const maxTableRows = 20;

  function tableBlock(table) {
    const block = element('div', 'answer-table');
    const shown = table.rows.slice(0, maxTableRows);
    const total = Math.max(table.totalRows, table.rows.length);
    const caption = shown.length < total || table.truncated ? `First ${shown.length} of ${total} rows` : `${total} ${total === 1 ? 'row' : 'rows'}`;
    block.appendChild(element('p', 'table-caption', `${table.source} · ${table.objects.join(', ')} · ${caption}`));
    const grid = element('table');
    const head = grid.appendChild(element('thead')).appendChild(element('tr'));
    table.columns.forEach((c) => head.appendChild(element('th', null, c)));
    const body = grid.appendChild(element('tbody'));
    shown.forEach((row) => {
      const line = body.appendChild(element('tr'));
      row.forEach((cell) => line.appendChild(element('td', null, cellText(cell))));
    });
    block.appendChild(grid);
    const query = element('details', 'query');
    query.appendChild(element('summary', null, 'Show query'));
    query.appendChild(element('pre', null, table.query));
    query.appendChild(element('p', 'small-print', `${table.queryLanguage.toUpperCase()} · data as of ${new Date(table.readAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`));
    block.appendChild(query);
    return block;
  }

  function suggestionButtons(suggestions) {
    const group = element('div', 'suggestions');
    suggestions.forEach((q) => {
      const button = element('button', 'suggestion', q);
      button.type = 'button';
      button.addEventListener('click', () => { if (!send.disabled) ask(q); });
      group.appendChild(button);
    });
    return group;
  }

  function renderAnswer(answer, question) {
    answerCount += 1;
    const prefix = `a${answerCount}`;
    const message = element('li', 'message bot answer');
    message.dataset.answerId = answer.answerId;
    if (answer.kind === 'NoEvidence') {
      message.classList.add('no-evidence');
      message.appendChild(element('p', 'no-evidence-title', '🔍 I couldn’t find this in the knowledge base'));
    }
    message.appendChild(answerText(answer.text, answer.citations, prefix));
    (answer.tables || []).forEach((table) => message.appendChild(tableBlock(table)));
    if ((answer.suggestions || []).length > 0) message.appendChild(suggestionButtons(answer.suggestions));
    if (answer.citations.length > 0) {
      message.appendChild(element('p', 'sources-title', answer.kind === 'NoEvidence' ? 'Closest sources I looked at' : 'Sources'));
      message.appendChild(sourceList(answer.citations, prefix));
    }
    message.appendChild(smallPrint(answer, question));
    message.appendChild(feedbackButtons(answer.answerId, conversationId));
    return message;
  }

  // Turns an error response into a sentence for the user. Only our own ProblemDetails texts are shown.
  async function friendlyError(response) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    switch (response.status) {
      case 400: {
        const first = problem && problem.errors ? Object.values(problem.errors).flat()[0] : null;
        return `That couldn’t be sent: ${first || (problem && problem.detail) || 'the request was not valid.'}`;
      }
      case 404: return 'That answer is no longer known to the server.';
      case 413: return 'That message is too long to send.';
      case 503: {
        const wait = response.headers.get('Retry-After');
        return `The assistant is still starting up. Try again${wait ? ` in ${wait} seconds` : ' shortly'}.`;
      }
      default: return 'Something went wrong on the server. Please try again.';
    }
  }

  async function ask(text) {
    addMessage(element('li', 'message user', text));
    const waiting = addMessage(element('li', 'message bot searching', 'Searching…'));
    waiting.setAttribute('aria-busy', 'true');
    send.disabled = true;
    try {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ conversationId, text }),
      });
      if (!response.ok) throw new Error(await friendlyError(response));
      const answer = await response.json();
      waiting.replaceWith(renderAnswer(answer, text));
      messages.lastElementChild.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    } catch (error) {
      const message = error instanceof TypeError ? 'Could not reach the server. Is it running?' : error.message;
      waiting.replaceWith(element('li', 'message bot error', message));
    } finally {
      send.disabled = false;
      input.focus();
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || send.disabled) return;
    input.value = '';
    autoGrow();
    ask(text);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  function autoGrow() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
  }
  input.addEventListener('input', autoGrow);

  newConversation.addEventListener('click', () => {
    conversationId = startConversation();
    messages.querySelectorAll('.message:not(.intro)').forEach((node) => node.remove());
    input.focus();
  });

  input.focus();
})();
