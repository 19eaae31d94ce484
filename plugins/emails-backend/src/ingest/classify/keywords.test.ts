import { AutomaticOptions, classifyAutomatic } from './automatic';
import { humanMail, parse } from './__testUtils__/messages';

const options: AutomaticOptions = {
  keywords: [],
  ownAddresses: new Set(['support@acme.example', 'help@acme.example']),
  ownMessageIdDomain: 'tickets.acme.example',
  loopHeaderValue: 'support@acme.example',
};

async function classify(raw: Buffer, extra: Partial<AutomaticOptions> = {}) {
  return classifyAutomatic(await parse(raw), { ...options, ...extra });
}

describe('classifyAutomatic with subject keywords', () => {
  it.each([
    'Automatic reply: Printer on floor 3 is jammed',
    'Auto Reply: Printer on floor 3',
    'AUTO-REPLY: Printer',
    'Out of Office: Printer on floor 3',
    'Out of Office AutoReply: Printer on floor 3',
    'Out of office',
    '[Auto Reply] Printer on floor 3',
    'Autoreply: thank you',
    'Do Not Reply: your order',
    'Abwesenheitsnotiz: Drucker im 3. Stock',
    'Automatische Antwort: Drucker',
    '=?UTF-8?Q?R=C3=A9ponse_automatique_:_Imprimante?=',
    'Reponse automatique : Imprimante',
    '=?UTF-8?B?UmVzcHVlc3RhIGF1dG9tw6F0aWNhOiBJbXByZXNvcmE=?=',
  ])('reads the subject %p as an auto-reply', async subject => {
    expect(await classify(humanMail({ Subject: subject }))).toMatchObject({
      kind: 'auto-reply',
    });
  });

  it.each([
    'Out of office not working on my laptop',
    'Re: Automatic reply settings',
    'Question about Do Not Reply addresses',
    'My autoreply: how do I turn it off?',
  ])(
    'leaves the request %p human (a keyword that is no label)',
    async subject => {
      expect(await classify(humanMail({ Subject: subject }))).toEqual({
        kind: 'human',
      });
    },
  );

  it("matches the server's own keywords besides the defaults", async () => {
    const raw = humanMail({ Subject: 'Vacation notice: back on Monday' });
    expect(await classify(raw)).toEqual({ kind: 'human' });
    expect(await classify(raw, { keywords: ['Vacation Notice'] })).toEqual({
      kind: 'auto-reply',
      reason: 'subject starts with "Vacation Notice"',
    });
  });
});
