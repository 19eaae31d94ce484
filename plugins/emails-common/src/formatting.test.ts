import { formattedTextToHtml } from './formatting';

describe('formattedTextToHtml', () => {
  it('makes paragraphs, line breaks, lists and quotes', () => {
    expect(
      formattedTextToHtml(
        'Hello Rita,\r\nthanks.\n\n- restart\n- log in\n\n1. first\n2. second\n\n> you wrote\n> this',
      ),
    ).toBe(
      [
        '<p>Hello Rita,<br>thanks.</p>',
        '<ul><li>restart</li><li>log in</li></ul>',
        '<ol><li>first</li><li>second</li></ol>',
        '<blockquote><p>you wrote<br>this</p></blockquote>',
      ].join('\n'),
    );
  });

  it('formats bold, italic, code and safe links only', () => {
    expect(
      formattedTextToHtml(
        'Run **now**, *please* and _soon_: `rm -rf <tmp>` see [docs](https://example.com/a?b=1&c=2) not [x](javascript:alert(1))',
      ),
    ).toBe(
      '<p>Run <strong>now</strong>, <em>please</em> and <em>soon</em>: <code>rm -rf &lt;tmp&gt;</code> see <a href="https://example.com/a?b=1&amp;c=2">docs</a> not [x](javascript:alert(1))</p>',
    );
  });

  it('escapes every tag a technician types and leaves snake_case alone', () => {
    const html = formattedTextToHtml(
      '<img src=x onerror=alert(1)> my_var_name 2*3*4',
    );
    expect(html).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; my_var_name 2*3*4</p>',
    );
  });

  it('never formats inside a link address', () => {
    expect(formattedTextToHtml('[x](https://a.example/?q=_b_) and _it_')).toBe(
      '<p><a href="https://a.example/?q=_b_">x</a> and <em>it</em></p>',
    );
    expect(formattedTextToHtml('**[x](https://a.example/**)**')).toBe(
      '<p><strong><a href="https://a.example/**">x</a></strong></p>',
    );
    expect(formattedTextToHtml('[the _docs_](https://a.example/b_c)')).toBe(
      '<p><a href="https://a.example/b_c">the <em>docs</em></a></p>',
    );
  });
});
