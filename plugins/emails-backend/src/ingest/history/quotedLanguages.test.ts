import { splitQuotedText } from './quoted';

const QUOTE = '> Hello Rita,\n>\n> We replaced the fuser unit.\n';

describe('splitQuotedText in other languages', () => {
  describe('attributions', () => {
    it.each([
      [
        'de Gmail',
        'Am Mo., 3. Nov. 2026 um 10:02 Uhr schrieb IT Service Desk <support@example.com>:',
      ],
      ['de Thunderbird', 'Am 03.11.26 um 10:02 schrieb IT Service Desk:'],
      [
        'fr Gmail',
        'Le lun. 3 nov. 2026 à 10:02, IT Service Desk <support@example.com> a écrit :',
      ],
      ['fr Thunderbird', 'Le 03/11/2026 à 10:02, IT Service Desk a écrit :'],
      [
        'es Gmail',
        'El lun, 3 nov 2026 a las 10:02, IT Service Desk (<support@example.com>) escribió:',
      ],
      [
        'nl Gmail',
        'Op ma 3 nov 2026 om 10:02 schreef IT Service Desk <support@example.com>:',
      ],
      [
        'it Gmail',
        'Il giorno lun 3 nov 2026 alle ore 10:02 IT Service Desk <support@example.com> ha scritto:',
      ],
      [
        'pt Gmail',
        'Em seg., 3 de nov. de 2026 às 10:02, IT Service Desk <support@example.com> escreveu:',
      ],
      [
        'sv Gmail',
        'Den mån 3 nov. 2026 kl 10:02 skrev IT Service Desk <support@example.com>:',
      ],
      [
        'da Gmail',
        'Den man. 3. nov. 2026 kl. 10.02 skrev IT Service Desk <support@example.com>:',
      ],
      [
        'no Gmail',
        'man. 3. nov. 2026 kl. 10:02 skrev IT Service Desk <support@example.com>:',
      ],
      [
        'sv Apple Mail',
        '3 nov. 2026 kl. 10:02 skrev IT Service Desk <support@example.com>:',
      ],
    ])('splits at the %s attribution', (_, attribution) => {
      const result = splitQuotedText(
        `OK, thanks!\n\n${attribution}\n\n${QUOTE}`,
      );
      expect(result).toEqual({
        fresh: 'OK, thanks!',
        quoted: `${attribution}\n\n${QUOTE}`.trimEnd(),
        separator: attribution,
      });
    });

    it.each([
      [
        'de',
        'Ursprüngliche Nachricht',
        'Von: IT Service Desk <support@example.com>\nGesendet: Montag, 3. November 2026 10:02\nAn: Rita Requester <rita@example.com>\nBetreff: AW: Drucker',
      ],
      [
        'fr',
        "Message d'origine",
        'De : IT Service Desk <support@example.com>\nEnvoyé : lundi 3 novembre 2026 10:02\nÀ : Rita Requester <rita@example.com>\nObjet : RE: Imprimante',
      ],
      [
        'es',
        'Mensaje original',
        'De: IT Service Desk <support@example.com>\nEnviado el: lunes, 3 de noviembre de 2026 10:02\nPara: Rita Requester <rita@example.com>\nAsunto: RE: Impresora',
      ],
      [
        'nl',
        'Oorspronkelijk bericht',
        'Van: IT Service Desk <support@example.com>\nVerzonden: maandag 3 november 2026 10:02\nAan: Rita Requester <rita@example.com>\nOnderwerp: RE: Printer',
      ],
      [
        'it',
        'Messaggio originale',
        'Da: IT Service Desk <support@example.com>\nInviato: lunedì 3 novembre 2026 10:02\nA: Rita Requester <rita@example.com>\nOggetto: R: Stampante',
      ],
      [
        'pt',
        'Mensagem original',
        'De: IT Service Desk <support@example.com>\nEnviado: segunda-feira, 3 de novembro de 2026 10:02\nPara: Rita Requester <rita@example.com>\nAssunto: RES: Impressora',
      ],
      [
        'sv',
        'Ursprungligt meddelande',
        'Från: IT Service Desk <support@example.com>\nSkickat: den 3 november 2026 10:02\nTill: Rita Requester <rita@example.com>\nÄmne: SV: Skrivare',
      ],
      [
        'da',
        'Oprindelig meddelelse',
        'Fra: IT Service Desk <support@example.com>\nSendt: 3. november 2026 10:02\nTil: Rita Requester <rita@example.com>\nEmne: SV: Printer',
      ],
    ])(
      'splits an Outlook %s reply at its banner and at its header block',
      (_, label, headers) => {
        const withBanner = splitQuotedText(
          `Danke!\n\n-----${label}-----\n${headers}\n\nHallo Rita`,
        );
        expect(withBanner.fresh).toBe('Danke!');
        expect(withBanner.separator).toBe(`-----${label}-----`);
        const bare = splitQuotedText(`Danke!\n\n${headers}\n\nHallo Rita`);
        expect(bare.fresh).toBe('Danke!');
        expect(bare.quoted).toBe(`${headers}\n\nHallo Rita`);
      },
    );
  });
});
