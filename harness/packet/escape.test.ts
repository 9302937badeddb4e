import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeXml, html, markdownCode, rawHtml } from './escape.js';

describe('html', () => {
  it('escapes every interpolated value, including inside arrays', () => {
    const hostile = `<img src=x onerror="alert('x')">&`;
    expect(html`<p title="${hostile}">${[hostile, 1, null]}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;1</p>',
    );
  });

  it('does not escape nested SafeHtml twice', () => {
    expect(html`<div>${html`<b>${'a&b'}</b>`}${rawHtml('<i>ok</i>')}</div>`.value).toBe(
      '<div><b>a&amp;b</b><i>ok</i></div>',
    );
  });
});

describe('escapeXml', () => {
  it('escapes markup and replaces characters XML 1.0 cannot hold', () => {
    expect(escapeXml('a<b>&"\'\u0000\u001b\ud800z\n')).toBe('a&lt;b&gt;&amp;&quot;&#39;\uFFFD\uFFFD\uFFFDz\n');
    expect(escapeXml('emoji 😀 stays')).toBe('emoji 😀 stays');
    expect(escapeHtml('plain')).toBe('plain');
  });
});

describe('markdown', () => {
  it('escapes inline syntax and table pipes, and keeps a cell on one line', () => {
    expect(escapeMarkdown('a | b *c* <d> [e]\nnext')).toBe('a \\| b \\*c\\* \\<d> \\[e\\] next');
  });

  it('leaves underscores inside identifiers alone but escapes those that could mark emphasis', () => {
    expect(escapeMarkdown('req_01k7 and dc_test_ key, _x_')).toBe('req_01k7 and dc_test\\_ key, \\_x\\_');
  });

  it('fences code spans longer than any backtick run inside them', () => {
    expect(markdownCode('req_1')).toBe('`req_1`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
    expect(markdownCode('a|b')).toBe('`a\\|b`');
  });
});
