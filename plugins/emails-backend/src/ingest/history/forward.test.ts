import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ParsedMail, simpleParser } from 'mailparser';
import { parseForward } from './forward';

const load = async (name: string) =>
  simpleParser(await readFile(resolve(__dirname, '__fixtures__', name)));

const RITA = { address: 'rita@example.com', name: 'Rita Requester' };

const textPart = (mail: ParsedMail) => ({
  subject: mail.subject,
  text: mail.text,
});
const htmlPart = (mail: ParsedMail) => ({
  subject: mail.subject,
  html: mail.html || undefined,
});

describe('parseForward', () => {
  describe('per client', () => {
    it.each([
      [
        'gmail-forward.eml',
        'Mon, 3 Nov 2026 at 10:02',
        'Hi, please open a ticket for Rita, she called me about this.\n\nBob',
        'Hi, please open a ticket for Rita, she called me about this.\nBob',
      ],
      [
        'outlook-web-forward.eml',
        'Monday, November 3, 2026 10:02 AM',
        'Please handle this one, Rita is in the Berlin office.\n\nBob Technician\nIT Operations',
        'Please handle this one, Rita is in the Berlin office.\nBob Technician\nIT Operations',
      ],
      [
        'apple-forward.eml',
        '3 November 2026 at 10:02:11 CET',
        'Can you look at this?\n\nSent from my iPhone',
        'Can you look at this?\nSent from my iPhone',
      ],
      [
        'thunderbird-forward.eml',
        'Mon, 3 Nov 2026 10:02:11 +0100',
        'FYI, from the Berlin office.',
        'FYI, from the Berlin office.',
      ],
    ])('reads %s', async (name, originalDate, textNote, htmlNote) => {
      const mail = await load(name);
      const expected = {
        originalFrom: RITA,
        originalSubject: 'Printer on floor 3',
        originalDate,
      };
      expect(parseForward(textPart(mail))).toEqual({
        ...expected,
        note: textNote,
      });
      expect(parseForward(htmlPart(mail))).toEqual({
        ...expected,
        note: htmlNote,
      });
    });

    it('reads an old Outlook forward that writes [mailto:…]', async () => {
      const mail = await load('outlook-2010-forward.eml');
      expect(parseForward(textPart(mail))).toEqual({
        originalFrom: RITA,
        originalSubject: 'Laptop for new hire',
        originalDate: 'Monday, November 3, 2026 10:02 AM',
        note: 'FYI, new laptop request.',
      });
    });

    it('reads a forward sent as an attached message', async () => {
      const mail = await load('outlook-attached-forward.eml');
      const attached = await Promise.all(
        mail.attachments
          .filter(a => a.contentType === 'message/rfc822')
          .map(a => simpleParser(a.content)),
      );
      const result = parseForward({
        ...textPart(mail),
        attachedMessages: attached.map(m => ({
          from: m.from?.text,
          subject: m.subject,
        })),
      });
      expect(result).toEqual({
        originalFrom: RITA,
        originalSubject: 'Printer on floor 3',
        note: 'Please take this one, forwarded as attachment.\n\nBob',
      });
    });

    it('prefers the forward written in the body to an attachment', async () => {
      const mail = await load('gmail-forward.eml');
      const result = parseForward({
        ...textPart(mail),
        attachedMessages: [{ from: 'Mallory <mallory@example.net>' }],
      });
      expect(result?.originalFrom).toEqual(RITA);
    });
  });

  describe('per language', () => {
    it.each([
      [
        'Gmail de',
        'Fwd: Drucker',
        '---------- Weitergeleitete Nachricht ---------\nVon: Rita Requester <rita@example.com>\nDate: Mo., 3. Nov. 2026 um 10:02 Uhr\nSubject: Drucker\nTo: <bob@example.com>',
      ],
      [
        'Gmail fr',
        'Fwd: Imprimante',
        '---------- Message transféré ---------\nDe : Rita Requester <rita@example.com>\nDate: lun. 3 nov. 2026 à 10:02\nSubject: Imprimante\nTo: <bob@example.com>',
      ],
      [
        'Gmail it',
        'Fwd: Stampante',
        '---------- Messaggio inoltrato ---------\nDa: Rita Requester <rita@example.com>\nDate: lun 3 nov 2026 alle ore 10:02\nSubject: Stampante\nTo: <bob@example.com>',
      ],
      [
        'Outlook de',
        'WG: Drucker',
        'Von: Rita Requester <rita@example.com> \nGesendet: Montag, 3. November 2026 10:02\nAn: Bob Technician <bob@example.com>\nBetreff: Drucker',
      ],
      [
        'Outlook fr',
        'TR: Imprimante',
        '________________________________\nDe : Rita Requester <rita@example.com>\nEnvoyé : lundi 3 novembre 2026 10:02\nÀ : Bob Technician <bob@example.com>\nObjet : Imprimante',
      ],
      [
        'Outlook es',
        'RV: Impresora',
        'De: Rita Requester <rita@example.com>\nEnviado el: lunes, 3 de noviembre de 2026 10:02\nPara: Bob Technician <bob@example.com>\nAsunto: Impresora',
      ],
      [
        'Outlook nl',
        'Doorst: Printer',
        '-----Oorspronkelijk bericht-----\nVan: Rita Requester <rita@example.com>\nVerzonden: maandag 3 november 2026 10:02\nAan: Bob Technician\nOnderwerp: Printer',
      ],
      [
        'Outlook pt',
        'ENC: Impressora',
        'De: Rita Requester <rita@example.com>\nEnviado: segunda-feira, 3 de novembro de 2026 10:02\nPara: Bob Technician\nAssunto: Impressora',
      ],
      [
        'Outlook sv',
        'VB: Skrivare',
        'Från: Rita Requester <rita@example.com>\nSkickat: den 3 november 2026 10:02\nTill: Bob Technician\nÄmne: Skrivare',
      ],
      [
        'Outlook no',
        'VS: Skriver',
        'Fra: Rita Requester <rita@example.com>\nSendt: 3. november 2026 10:02\nTil: Bob Technician\nEmne: Skriver',
      ],
      [
        'Apple Mail de',
        'Fwd: Drucker',
        'Anfang der weitergeleiteten Nachricht:\n\n> Von: Rita Requester <rita@example.com>\n> Betreff: Drucker\n> Datum: 3. November 2026 um 10:02:11 MEZ\n> An: Bob Technician <bob@example.com>\n> ',
      ],
      [
        'Apple Mail fr',
        'Fwd: Imprimante',
        'Début du message réexpédié :\n\n> De: Rita Requester <rita@example.com>\n> Objet: Imprimante\n> Date: 3 novembre 2026 à 10:02:11 UTC+1\n> À: Bob Technician <bob@example.com>\n> ',
      ],
      [
        'Thunderbird de',
        'WG: Drucker',
        '-------- Weitergeleitete Nachricht --------\nBetreff: \tDrucker\nDatum: \tMon, 3 Nov 2026 10:02:11 +0100\nVon: \tRita Requester <rita@example.com>\nAn: \tBob Technician <bob@example.com>',
      ],
      [
        'Thunderbird fr',
        'TR: Imprimante',
        '-------- Message transféré --------\nSujet : \tImprimante\nDate : \tMon, 3 Nov 2026 10:02:11 +0100\nDe : \tRita Requester <rita@example.com>\nPour : \tBob Technician <bob@example.com>',
      ],
    ])('reads a %s forward', (_, subject, block) => {
      const result = parseForward({
        subject,
        text: `Bitte übernehmen.\n\n${block}\n\nHallo,\nder Drucker klemmt.\n`,
      });
      expect(result?.originalFrom).toEqual(RITA);
      expect(result?.originalSubject).toBe(subject.replace(/^\S+ /, ''));
      expect(result?.originalDate).toMatch(/3/);
      expect(result?.note).toBe('Bitte übernehmen.');
    });
  });

  describe('subjects', () => {
    it.each([
      ['FW: Printer', 'Printer'],
      ['Fwd: FW: Printer', 'Printer'],
      ['[Fwd: Printer]', 'Printer'],
      ['fwd : Printer', 'Printer'],
    ])(
      'takes the subject %p as %p when the headers have none',
      (subject, original) => {
        const result = parseForward({
          subject,
          text: '-------- Forwarded Message --------\nDate: \tMon, 3 Nov 2026\nFrom: \trita@example.com\n\nHi',
        });
        expect(result).toEqual({
          originalFrom: { address: 'rita@example.com' },
          originalSubject: original,
          originalDate: 'Mon, 3 Nov 2026',
        });
      },
    );
  });

  describe('not a forward', () => {
    it('gives undefined for a normal message', async () => {
      const mail = await load('gmail-reply.eml');
      expect(
        parseForward({
          subject: 'Printer on floor 3',
          text: mail.text,
          html: mail.html || undefined,
        }),
      ).toBeUndefined();
      expect(parseForward({})).toBeUndefined();
    });

    it('gives undefined for a reply, whatever it quotes', async () => {
      const mail = await load('gmail-forward.eml');
      expect(
        parseForward({ ...textPart(mail), subject: 'Re: Fwd: Printer' }),
      ).toBeUndefined();
      const outlook = await load('outlook-desktop-reply.eml');
      expect(parseForward(textPart(outlook))).toBeUndefined();
      expect(parseForward(htmlPart(outlook))).toBeUndefined();
    });

    it('does not take an Outlook header block for a forward without a forward prefix', async () => {
      const mail = await load('outlook-web-forward.eml');
      expect(
        parseForward({ ...textPart(mail), subject: 'Printer on floor 3' }),
      ).toBeUndefined();
    });

    it('does not take an attached message for a forward without a forward prefix', () => {
      expect(
        parseForward({
          subject: 'Is this phishing?',
          text: 'See the attached mail.',
          attachedMessages: [{ from: 'Mallory <mallory@example.net>' }],
        }),
      ).toBeUndefined();
    });

    it('gives undefined when the forwarded sender has no address', () => {
      expect(
        parseForward({
          subject: 'FW: Printer',
          text: 'FYI\n\n________________________________\nFrom: Rita Requester\nSent: Monday, November 3, 2026 10:02 AM\nTo: Bob Technician\nSubject: Printer\n\nHi\n\n-----Original Message-----\nFrom: Mallory <mallory@example.net>\nSent: Sunday\nTo: Rita\nSubject: Printer',
        }),
      ).toBeUndefined();
    });

    it('does not read a forward banner followed by a body as headers', () => {
      expect(
        parseForward({
          subject: 'Fwd: Printer',
          text: '---------- Forwarded message ---------\nHi Bob,\nFrom: the finance team, see below.',
        }),
      ).toBeUndefined();
    });
  });
});
