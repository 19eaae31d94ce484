import { TicketEntry } from '@internal/plugin-emails-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockEmailsApi, renderWithApis, ticketEntry } from '../__testUtils__';
import { ConversationEntry } from './ConversationEntry';

async function renderEntry(overrides: Partial<TicketEntry>) {
  const api = mockEmailsApi({
    getAttachment: async () => new Blob(['PNGDATA']),
  });
  const entry = ticketEntry({ kind: 'reply', ...overrides });
  const rendered = await renderWithApis(<ConversationEntry entry={entry} />, {
    api,
  });
  return { api, article: screen.getByRole('article'), ...rendered };
}

/** The declarations of the component's own (makeStyles) classes on an element. */
function ownStyles(element: Element): string {
  const own = new Set(
    Array.from(element.classList)
      .filter(c => c.startsWith('makeStyles-'))
      .map(c => `.${c}`),
  );
  return Array.from(document.styleSheets)
    .flatMap(sheet => Array.from(sheet.cssRules))
    .filter(
      (rule): rule is CSSStyleRule =>
        rule instanceof CSSStyleRule && own.has(rule.selectorText),
    )
    .map(rule => rule.style.cssText)
    .join(' ');
}

const SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

describe('ConversationEntry', () => {
  describe('quoted history', () => {
    it('keeps quoted HTML collapsed, then shows it through the sanitised, sandboxed frame', async () => {
      const { article } = await renderEntry({
        html: '<p>Fixed, thanks.</p>',
        quotedHtml:
          '<blockquote><p>Old words</p><img src="https://tracker.example/q.gif"><script>alert(1)</script></blockquote>',
        quotedText: '> Old words',
      });
      const toggle = within(article).getByRole('button', {
        name: 'Show quoted text',
      });
      expect(toggle).toHaveAttribute('aria-expanded', 'false');
      expect(
        within(article).queryByTitle('Quoted text of Reply by Jane Doe'),
      ).not.toBeInTheDocument();
      expect(article.querySelectorAll('iframe')).toHaveLength(1);
      expect(article).not.toHaveTextContent('Old words');

      await userEvent.click(toggle);
      const hide = within(article).getByRole('button', {
        name: 'Hide quoted text',
      });
      expect(hide).toHaveAttribute('aria-expanded', 'true');
      expect(
        document.getElementById(hide.getAttribute('aria-controls')!),
      ).toBeVisible();
      const frame = within(article).getByTitle(
        'Quoted text of Reply by Jane Doe',
      );
      expect(frame.tagName).toBe('IFRAME');
      expect(frame).toHaveAttribute('sandbox', SANDBOX);
      const doc = frame.getAttribute('srcdoc') ?? '';
      expect(doc).toContain('<p>Old words</p>');
      expect(doc).not.toMatch(/<script|alert|tracker\.example/i);
      expect(doc).toContain("default-src 'none'");
      expect(doc).toContain('img-src data: cid:;');
      expect(
        within(article).getAllByText('Remote images blocked'),
      ).toHaveLength(1);
      // Preformatted text is not shown in place of the HTML.
      expect(article.querySelector('pre')).not.toBeInTheDocument();

      await userEvent.click(hide);
      expect(
        within(article).getByRole('button', { name: 'Show quoted text' }),
      ).toHaveAttribute('aria-expanded', 'false');
      expect(
        within(article).queryByTitle('Quoted text of Reply by Jane Doe'),
      ).not.toBeInTheDocument();
    });

    it('says a reply of nothing but quotes has no new text, and keeps the quote a click away', async () => {
      const { article } = await renderEntry({
        html: '',
        text: '',
        quotedText: 'On Monday Jane wrote:\n> Which floor?',
      });
      expect(article).toHaveTextContent(
        'No new text: this message only quotes earlier ones.',
      );
      expect(article.querySelectorAll('pre')).toHaveLength(0);
      await userEvent.click(
        within(article).getByRole('button', { name: 'Show quoted text' }),
      );
      expect(article.querySelector('pre')?.textContent).toBe(
        'On Monday Jane wrote:\n> Which floor?',
      );
    });

    it('keeps quoted text collapsed, then shows it preformatted with links as text', async () => {
      const { article } = await renderEntry({
        text: 'Works now.',
        quotedText: 'On Monday Jane wrote:\n> See https://evil.example/x',
      });
      const toggle = within(article).getByRole('button', {
        name: 'Show quoted text',
      });
      expect(toggle).toHaveAttribute('aria-expanded', 'false');
      expect(article).not.toHaveTextContent('On Monday Jane wrote');
      expect(article.querySelectorAll('pre')).toHaveLength(1);

      await userEvent.click(toggle);
      expect(
        within(article).getByRole('button', { name: 'Hide quoted text' }),
      ).toHaveAttribute('aria-expanded', 'true');
      const pres = article.querySelectorAll('pre');
      expect(pres).toHaveLength(2);
      expect(pres[0].textContent).toBe('Works now.');
      expect(pres[1].textContent).toBe(
        'On Monday Jane wrote:\n> See https://evil.example/x',
      );
      expect(
        within(article).queryByRole('link', { name: /evil/ }),
      ).not.toBeInTheDocument();
      expect(article.querySelectorAll('iframe')).toHaveLength(0);
    });

    it('shows the quoted inline images, and no download for them', async () => {
      const { api, article } = await renderEntry({
        html: '<p>See below.</p>',
        quotedHtml: '<blockquote><img src="cid:shot@mail"></blockquote>',
        attachments: [
          {
            id: 'att-9',
            filename: 'shot.png',
            contentType: 'image/png',
            sizeBytes: 7,
            inline: true,
            contentId: '<shot@mail>',
          },
        ],
      });
      await userEvent.click(
        await within(article).findByRole('button', {
          name: 'Show quoted text',
        }),
      );
      await waitFor(() =>
        expect(
          within(article)
            .getByTitle('Quoted text of Reply by Jane Doe')
            .getAttribute('srcdoc'),
        ).toContain('src="data:image/png;base64,UE5HREFUQQ=="'),
      );
      expect(api.getAttachment).toHaveBeenCalledTimes(1);
      expect(
        within(article).queryByRole('button', { name: /shot\.png/ }),
      ).not.toBeInTheDocument();
    });

    it('offers no toggle when nothing is quoted', async () => {
      const { article } = await renderEntry({
        text: 'New request.',
        quotedText: '  \n',
      });
      expect(
        within(article).queryByRole('button', { name: /quoted text/ }),
      ).not.toBeInTheDocument();
    });
  });

  describe('sender flags', () => {
    it('marks a sender that failed verification, with the reason', async () => {
      const { article } = await renderEntry({
        senderVerified: false,
        senderNote:
          'Reply-To x@other.example is in another domain than the unverified From jane@example.com',
      });
      const badge = within(article)
        .getByText('Unverified sender')
        .closest('.MuiChip-root');
      expect(badge).toHaveAttribute(
        'title',
        'Reply-To x@other.example is in another domain than the unverified From jane@example.com',
      );
      expect(within(article).queryByText('Flagged')).not.toBeInTheDocument();
      await userEvent.hover(badge!);
      expect(await screen.findByRole('tooltip')).toHaveTextContent(
        'Reply-To x@other.example is in another domain',
      );
    });

    it('explains an unverified sender without a note as a DMARC failure', async () => {
      const { article } = await renderEntry({ senderVerified: false });
      expect(
        within(article).getByText('Unverified sender').closest('.MuiChip-root'),
      ).toHaveAttribute('title', 'The sender could not be verified (DMARC)');
    });

    it.each([
      ['verified', true],
      ['unknown', undefined],
    ])(
      'shows a neutral Flagged chip with the note for a %s sender',
      async (_, senderVerified) => {
        const note = 'Sent through a mailing list';
        const { article } = await renderEntry({
          senderVerified,
          senderNote: note,
        });
        expect(
          within(article).getByText('Flagged').closest('.MuiChip-root'),
        ).toHaveAttribute('title', note);
        expect(
          within(article).queryByText('Unverified sender'),
        ).not.toBeInTheDocument();
      },
    );

    it.each([
      ['verified', true],
      ['unknown', undefined],
    ])(
      'shows no flag for a %s sender without a note',
      async (_, senderVerified) => {
        const { article } = await renderEntry({ senderVerified });
        expect(
          within(article).queryByText('Unverified sender'),
        ).not.toBeInTheDocument();
        expect(within(article).queryByText('Flagged')).not.toBeInTheDocument();
      },
    );
  });

  describe('internal notes', () => {
    it('labels and tints an internal note, unlike a reply', async () => {
      const { article: note, unmount } = await renderEntry({
        kind: 'note',
        author: { email: 'tech@example.com', name: 'Tech' },
        text: 'Called facilities.',
      });
      expect(note).toHaveAccessibleName('Internal note by Tech');
      expect(within(note).getByText('Internal note')).toBeInTheDocument();
      expect(ownStyles(note)).toMatch(/border-left: 4px solid/);
      expect(ownStyles(note)).toMatch(/background-color: rgba\(/);
      unmount();

      const { article: reply } = await renderEntry({ kind: 'reply' });
      expect(reply).toHaveAccessibleName('Reply by Jane Doe');
      expect(
        within(reply).queryByText('Internal note'),
      ).not.toBeInTheDocument();
      expect(ownStyles(reply)).not.toMatch(/border-left|background-color/);
    });
  });
});
