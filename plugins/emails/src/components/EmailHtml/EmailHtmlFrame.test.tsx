import { render, screen } from '@testing-library/react';
import { EmailHtmlFrame } from './EmailHtmlFrame';
import {
  FRAME_MIN_HEIGHT,
  layoutStandIn,
  measureFrameHeight,
} from './frameHeight';

/** jsdom lays nothing out: give elements a width and a content height. */
function emulateLayout(contentHeight: number, width = 600) {
  const height = jest
    .spyOn(Element.prototype, 'scrollHeight', 'get')
    .mockReturnValue(contentHeight);
  const clientWidth = jest
    .spyOn(Element.prototype, 'clientWidth', 'get')
    .mockReturnValue(width);
  return () => {
    height.mockRestore();
    clientWidth.mockRestore();
  };
}

function frameBox() {
  return screen.getByTitle('Message').parentElement!;
}

describe('layoutStandIn', () => {
  it('keeps the text and lines of a mail, and nothing of its markup', () => {
    const standIn = layoutStandIn(
      '<p style="color:red" onclick="steal()">Hi <a href="https://evil.test/">there</a></p>' +
        '<img src="https://evil.test/pixel.png" height="50"><style>body{font-size:90px}</style>',
    );
    expect(standIn.innerHTML).toBe(
      '<p>Hi <span>there</span></p><div style="height: 50px;"></div>',
    );
  });
});

describe('measureFrameHeight', () => {
  it('measures the stand-in at the given width and leaves nothing behind', () => {
    const restore = emulateLayout(31);
    const before = document.body.childElementCount;
    expect(measureFrameHeight('<p>Thanks!</p>', 600)).toBe(31);
    expect(document.body.childElementCount).toBe(before);
    restore();
  });

  it('measures nothing without a width', () => {
    expect(measureFrameHeight('<p>Thanks!</p>', 0)).toBeUndefined();
  });
});

describe('EmailHtmlFrame', () => {
  const render1 = (html: string) =>
    render(
      <EmailHtmlFrame html={html} inlineImages={new Map()} title="Message" />,
    );

  it('keeps a one-line mail short', () => {
    const restore = emulateLayout(20);
    render1('<p>Thanks, it works now.</p>');
    expect(frameBox()).toHaveStyle({ height: `${FRAME_MIN_HEIGHT}px` });
    restore();
  });

  it('grows with a long mail, to the measured height', () => {
    const restore = emulateLayout(420);
    render1(`<p>${'A long line of text. '.repeat(200)}</p>`);
    expect(frameBox()).toHaveStyle({ height: '422px' });
    restore();
  });

  it('guesses from the markup where nothing can be measured', () => {
    render1('<p>one</p><p>two</p><p>three</p>');
    // Three lines of about 20 px and the margins: short, but not the minimum.
    expect(frameBox()).toHaveStyle({ height: '76px' });
  });

  it('keeps the strict sandbox: no scripts, no same origin', () => {
    render1('<p>Hi</p>');
    expect(screen.getByTitle('Message')).toHaveAttribute(
      'sandbox',
      'allow-popups allow-popups-to-escape-sandbox',
    );
  });
});
