import {
  BasePropertySet,
  ChangeType,
  ConflictResolutionMode,
  EmailMessage,
  EmailMessageSchema,
  EventType,
  ExchangeService,
  Folder,
  FolderId,
  FolderSchema,
  FolderView,
  ItemChange,
  ItemId,
  ItemSchema,
  Mailbox,
  MimeContent,
  PropertySet,
  SearchFilter,
  ServiceError,
  ServiceResponseException,
  SoapFaultDetails,
  SyncFolderItemsScope,
  WellKnownFolderName,
} from 'ews-javascript-api';
import {
  EwsClients,
  EwsTestAuth,
  rejectionOf,
} from './__testUtils__/ewsClient';
import {
  buildTestMessage,
  EwsPeer,
  fetchTrustingCa,
  startBedEwsPeer,
  startTestBed,
  TestBed,
} from './index';

jest.setTimeout(60_000);

const SUPPORT = 'support@localhost';
const ALICE = 'alice@localhost';
const SUPPORT_PASSWORD = 'support-password';
const BASIC: EwsTestAuth = { basic: [SUPPORT, SUPPORT_PASSWORD] };

let bed: TestBed;
let peer: EwsPeer;
let clients: EwsClients;

beforeAll(async () => {
  bed = await startTestBed();
}, 120_000);

afterAll(async () => {
  await bed?.stop();
});

beforeEach(async () => {
  peer = await startBedEwsPeer(bed);
  clients = new EwsClients(peer.url, bed.caPem);
});

afterEach(async () => {
  clients.close();
  await peer.stop();
});

const inboxOf = (address: string) =>
  new FolderId(WellKnownFolderName.Inbox, new Mailbox(address));
const rootOf = (address: string) =>
  new FolderId(WellKnownFolderName.MsgFolderRoot, new Mailbox(address));
const raw = (subject: string) => Buffer.from(buildTestMessage({ subject }));
const idOnly = (...props: any[]) =>
  new PropertySet(BasePropertySet.IdOnly, props);

function sync(
  service: ExchangeService,
  folder: FolderId,
  state?: string,
  max = 512,
) {
  return service.SyncFolderItems(
    folder,
    idOnly(ItemSchema.DateTimeReceived),
    null as unknown as ItemId[],
    max,
    SyncFolderItemsScope.NormalItems,
    (state ?? null) as string,
  );
}

const changesOf = (collection: { GetEnumerator(): ItemChange[] }) =>
  collection.GetEnumerator().map(c => ({
    type: ChangeType[c.ChangeType],
    id: c.ItemId.UniqueId,
  }));

async function clientCredentialsToken(): Promise<string> {
  const response = await fetchTrustingCa(bed.caPem)(bed.oauth.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=ews-daemon&client_secret=s&scope=https%3A%2F%2Foutlook.office365.com%2F.default',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('authentication', () => {
  it('accepts Basic with the right password and answers 401 to a wrong one', async () => {
    const inbox = await Folder.Bind(clients.service(BASIC), inboxOf(SUPPORT));
    expect(inbox.DisplayName).toBe('Inbox');
    const error = await rejectionOf(
      Folder.Bind(
        clients.service({ basic: [SUPPORT, 'wrong'] }),
        inboxOf(SUPPORT),
      ),
    );
    expect(error).toBeInstanceOf(SoapFaultDetails);
    expect(error.HttpStatusCode).toBe(401);
    // ServiceRequestUnauthorizedException is not exported by the package.
    expect(error.Exception?.constructor.name).toBe(
      'ServiceRequestUnauthorizedException',
    );
    expect(peer.requests).toEqual(['GetFolder Basic', 'GetFolder Basic']);
  });

  it('verifies NTLMv2 against the password, on the connection that got the challenge', async () => {
    const service = clients.service({ ntlm: [SUPPORT, SUPPORT_PASSWORD] });
    await expect(Folder.Bind(service, inboxOf(SUPPORT))).resolves.toBeDefined();
    const domainForm = clients.service({
      ntlm: ['LOCALHOST\\alice', 'alice-password'],
    });
    await expect(
      Folder.Bind(domainForm, inboxOf(ALICE)),
    ).resolves.toBeDefined();
    const error = await rejectionOf(
      Folder.Bind(
        clients.service({ ntlm: [SUPPORT, 'wrong'] }),
        inboxOf(SUPPORT),
      ),
    );
    expect(error.HttpStatusCode).toBe(401);
    // A type 3 on another connection is taken within a minute of its challenge.
    const elsewhere = clients.service(
      { ntlm: [SUPPORT, SUPPORT_PASSWORD] },
      { ntlmNewConnection: true },
    );
    await expect(
      Folder.Bind(elsewhere, inboxOf(SUPPORT)),
    ).resolves.toBeDefined();
    expect(peer.ntlmHandshakes).toEqual([
      'same-connection',
      'same-connection',
      'new-connection',
    ]);
    expect(
      peer.requestLog.map(r => [r.operation, r.scheme, r.account, r.status]),
    ).toEqual([
      ['GetFolder', 'NTLM', SUPPORT, 200],
      ['GetFolder', 'NTLM', ALICE, 200],
      ['GetFolder', 'NTLM', undefined, 401],
      ['GetFolder', 'NTLM', SUPPORT, 200],
    ]);
  });

  it('accepts bearer tokens the bed issued, and app-only tokens only with impersonation', async () => {
    const token = await bed.issueAccessToken(SUPPORT);
    await expect(
      Folder.Bind(clients.service({ token }), inboxOf(SUPPORT)),
    ).resolves.toBeDefined();
    const expired = await bed.issueAccessToken(SUPPORT, {
      expiresInSeconds: -60,
    });
    const refused = await rejectionOf(
      Folder.Bind(clients.service({ token: expired }), inboxOf(SUPPORT)),
    );
    expect(refused.HttpStatusCode).toBe(401);

    const app = await clientCredentialsToken();
    const noHeader = await rejectionOf(
      Folder.Bind(clients.service({ token: app }), inboxOf(SUPPORT)),
    );
    expect(noHeader).toMatchObject({
      HttpStatusCode: 500,
      ResponseCode: ServiceError.ErrorInvalidExchangeImpersonationHeaderData,
    });
    const impersonating = clients.service(
      { token: app },
      { impersonate: SUPPORT },
    );
    const denied = await rejectionOf(
      Folder.Bind(impersonating, WellKnownFolderName.Inbox),
    );
    expect(denied.ResponseCode).toBe(ServiceError.ErrorImpersonateUserDenied);
    peer.grantImpersonation('app');
    await expect(
      Folder.Bind(impersonating, WellKnownFolderName.Inbox),
    ).resolves.toBeDefined();
    expect(peer.requestLog.at(-1)).toMatchObject({
      account: 'app',
      impersonated: SUPPORT,
    });
  });
});

describe('access to other mailboxes', () => {
  it('needs delegate access to open another mailbox by address', async () => {
    const service = clients.service(BASIC);
    const error = await rejectionOf(Folder.Bind(service, inboxOf(ALICE)));
    expect(error).toBeInstanceOf(ServiceResponseException);
    expect(error.ErrorCode).toBe(ServiceError.ErrorAccessDenied);
    const unknown = await rejectionOf(
      Folder.Bind(service, inboxOf('bob@example.com')),
    );
    expect(unknown.ErrorCode).toBe(ServiceError.ErrorNonExistentMailbox);
    peer.grantDelegate(ALICE, SUPPORT);
    await expect(Folder.Bind(service, inboxOf(ALICE))).resolves.toBeDefined();
    peer.denyAccess(ALICE);
    expect(
      (await rejectionOf(Folder.Bind(service, inboxOf(ALICE)))).ErrorCode,
    ).toBe(ServiceError.ErrorAccessDenied);
  });

  it('needs the impersonation grant for ExchangeImpersonation (a SOAP fault)', async () => {
    peer.mailbox(ALICE).deliver(raw('for alice'));
    const service = clients.service(BASIC, { impersonate: ALICE });
    const error = await rejectionOf(
      Folder.Bind(service, WellKnownFolderName.Inbox),
    );
    expect(error).toBeInstanceOf(SoapFaultDetails);
    expect(error).toMatchObject({
      HttpStatusCode: 500,
      ResponseCode: ServiceError.ErrorImpersonateUserDenied,
    });
    peer.grantImpersonation(SUPPORT);
    const inbox = await Folder.Bind(service, WellKnownFolderName.Inbox);
    expect(inbox.TotalCount).toBe(1);
    expect(peer.requestLog.at(-1)).toMatchObject({
      operation: 'GetFolder',
      account: SUPPORT,
      impersonated: ALICE,
    });
    const nobody = clients.service(BASIC, { impersonate: 'bob@example.com' });
    expect(
      (await rejectionOf(Folder.Bind(nobody, WellKnownFolderName.Inbox)))
        .ResponseCode,
    ).toBe(ServiceError.ErrorNonExistentMailbox);
  });
});

describe('fetching', () => {
  it('syncs, reads, moves and marks messages as Exchange does', async () => {
    const service = clients.service(BASIC);
    const box = peer.mailbox(SUPPORT);
    const delivered = [raw('one'), raw('two'), raw('three')].map(m =>
      box.deliver(m),
    );
    const inbox = await Folder.Bind(service, inboxOf(SUPPORT));
    expect([
      inbox.TotalCount,
      inbox.UnreadCount,
      inbox.ChildFolderCount,
    ]).toEqual([3, 3, 0]);
    const wellKnown = [
      WellKnownFolderName.MsgFolderRoot,
      WellKnownFolderName.SentItems,
    ];
    const names = await Promise.all(
      wellKnown.map(name =>
        Folder.Bind(service, new FolderId(name, new Mailbox(SUPPORT))),
      ),
    );
    expect(names.map(f => f.DisplayName)).toEqual([
      'Top of Information Store',
      'Sent Items',
    ]);
    const first = await sync(service, inboxOf(SUPPORT));
    expect(changesOf(first)).toEqual(
      delivered.map(d => ({ type: 'Create', id: d.id })),
    );
    expect(first.MoreChangesAvailable).toBe(false);
    expect(
      first.GetEnumerator()[0].Item.DateTimeReceived.ToISOString(),
    ).toBeTruthy();

    const [fetched] = await service
      .BindToItems(
        [new ItemId(delivered[0].id)],
        idOnly(
          ItemSchema.MimeContent,
          ItemSchema.Size,
          ItemSchema.DateTimeReceived,
        ),
      )
      .then(r => r.Responses);
    const message = fetched.Item as EmailMessage;
    expect(Buffer.from(message.MimeContent.Content, 'base64')).toEqual(
      delivered[0].raw,
    );
    expect(message.Size).toBe(delivered[0].raw.length);

    const processed = new Folder(service);
    processed.DisplayName = 'Processed';
    await processed.Save(rootOf(SUPPORT));
    const found = await service.FindFolders(
      rootOf(SUPPORT),
      new SearchFilter.IsEqualTo(FolderSchema.DisplayName, 'processed'),
      new FolderView(10),
    );
    expect(found.Folders.map(f => f.Id.UniqueId)).toEqual([
      processed.Id.UniqueId,
    ]);
    const again = new Folder(service);
    again.DisplayName = 'PROCESSED';
    const exists = await rejectionOf(again.Save(rootOf(SUPPORT)));
    expect(exists.ErrorCode).toBe(ServiceError.ErrorFolderExists);

    const moved = await service.MoveItems(
      [new ItemId(delivered[0].id)],
      processed.Id,
      true,
    );
    const newId = moved.Responses[0].Item.Id.UniqueId;
    expect(newId).not.toBe(delivered[0].id);
    expect(box.messages('Processed').map(m => m.id)).toEqual([newId]);

    const unread = await EmailMessage.Bind(
      service,
      new ItemId(delivered[1].id),
      idOnly(EmailMessageSchema.IsRead),
    );
    expect(unread.IsRead).toBe(false);
    unread.IsRead = true;
    await unread.Update(ConflictResolutionMode.AlwaysOverwrite);
    expect(box.messages().map(m => m.isRead)).toEqual([true, false]);

    const second = await sync(service, inboxOf(SUPPORT), first.SyncState);
    expect(changesOf(second)).toEqual([
      { type: 'Delete', id: delivered[0].id },
      { type: 'ReadFlagChange', id: delivered[1].id },
    ]);
    expect(second.GetEnumerator()[1].IsRead).toBe(true);
    const intoProcessed = await sync(service, processed.Id);
    expect(changesOf(intoProcessed)).toEqual([{ type: 'Create', id: newId }]);
    expect(peer.requests).toContain('MoveItem Basic');
  });

  it('pages by MaxChangesReturned and refuses expired sync states', async () => {
    const service = clients.service(BASIC);
    const box = peer.mailbox(SUPPORT);
    const ids = [1, 2, 3, 4, 5].map(n => box.deliver(raw(`m${n}`)).id);
    const pages: string[][] = [];
    let state: string | undefined;
    for (;;) {
      const page = await sync(service, inboxOf(SUPPORT), state, 2);
      pages.push(changesOf(page).map(c => c.id));
      state = page.SyncState;
      if (!page.MoreChangesAvailable) break;
    }
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
    const later = box.deliver(raw('later')).id;
    expect(changesOf(await sync(service, inboxOf(SUPPORT), state))).toEqual([
      { type: 'Create', id: later },
    ]);
    peer.expireSyncStates();
    const error = await rejectionOf(sync(service, inboxOf(SUPPORT), state));
    expect(error).toBeInstanceOf(ServiceResponseException);
    expect(error.ErrorCode).toBe(ServiceError.ErrorInvalidSyncStateData);
    expect((await sync(service, inboxOf(SUPPORT))).Count).toBe(6);
  });

  it('answers ErrorItemNotFound for an id that is gone, as a response-level error', async () => {
    const service = clients.service(BASIC);
    const box = peer.mailbox(SUPPORT);
    const { id } = box.deliver(raw('moving'));
    box.move(id, box.folderNamed('Deleted Items')!.id);
    const responses = await service.BindToItems(
      [new ItemId(id)],
      idOnly(ItemSchema.MimeContent),
    );
    expect(responses.Responses[0].ErrorCode).toBe(
      ServiceError.ErrorItemNotFound,
    );
    const error = await rejectionOf(
      EmailMessage.Bind(service, new ItemId(id), idOnly()),
    );
    expect(error).toBeInstanceOf(ServiceResponseException);
    expect(error.ErrorCode).toBe(ServiceError.ErrorItemNotFound);
  });

  it('answers ErrorServerBusy with a back-off the caller can read', async () => {
    const service = clients.service(BASIC);
    peer.busy(1, 1234);
    const error = await rejectionOf(Folder.Bind(service, inboxOf(SUPPORT)));
    expect(error).toBeInstanceOf(SoapFaultDetails);
    expect(error.HttpStatusCode).toBe(500);
    expect(error.ResponseCode).toBe(ServiceError.ErrorServerBusy);
    expect(error.ErrorDetails.get('BackOffMilliseconds')).toBe('1234');
    await expect(Folder.Bind(service, inboxOf(SUPPORT))).resolves.toBeDefined();
  });

  it('faults unknown operations by name, and answers 404 off the EWS path', async () => {
    const error = await rejectionOf(
      clients.service(BASIC).ResolveName('alice'),
    );
    expect(error.ResponseCode).toBe(ServiceError.ErrorInvalidRequest);
    expect(error.Message).toContain('ResolveNames');
    const elsewhere = clients.service(BASIC, {
      url: peer.url.replace('/EWS/Exchange.asmx', '/ews/other'),
    });
    expect(
      (await rejectionOf(Folder.Bind(elsewhere, inboxOf(SUPPORT))))
        .HttpStatusCode,
    ).toBe(404);
  });
});

describe('sending and notifications', () => {
  it('sends MimeContent, keeping a copy in Sent Items for SendAndSaveCopy', async () => {
    const service = clients.service(BASIC);
    const mime = raw('outgoing');
    const message = new EmailMessage(service);
    message.MimeContent = new MimeContent('UTF-8', mime.toString('base64'));
    await message.SendAndSaveCopy(
      new FolderId(WellKnownFolderName.SentItems, new Mailbox(SUPPORT)),
    );
    const only = new EmailMessage(service);
    only.MimeContent = new MimeContent('UTF-8', mime.toString('base64'));
    await only.Send();
    expect(peer.sent).toEqual([
      {
        mailbox: SUPPORT,
        raw: mime,
        account: SUPPORT,
        disposition: 'SendAndSaveCopy',
      },
      {
        mailbox: SUPPORT,
        raw: mime,
        account: SUPPORT,
        disposition: 'SendOnly',
      },
    ]);
    expect(
      peer
        .mailbox(SUPPORT)
        .messages('Sent Items')
        .map(m => m.raw),
    ).toEqual([mime]);

    const broken = new EmailMessage(service);
    broken.MimeContent = new MimeContent('UTF-8', 'not base64!');
    expect((await rejectionOf(broken.Send())).ErrorCode).toBe(
      ServiceError.ErrorMimeContentInvalidBase64String,
    );
    peer.denySend(SUPPORT);
    expect((await rejectionOf(only.Send())).ErrorCode).toBe(
      ServiceError.ErrorSendAsDenied,
    );
  });

  it('reports deliveries to a pull subscription', async () => {
    const service = clients.service(BASIC);
    const subscription = await service.SubscribeToPullNotifications(
      [inboxOf(SUPPORT)],
      5,
      null as unknown as string,
      EventType.NewMail,
      EventType.Created,
    );
    const quiet = await subscription.GetEvents();
    expect(quiet.ItemEvents).toHaveLength(0);
    const { id } = peer.mailbox(SUPPORT).deliver(raw('news'));
    const events = await subscription.GetEvents();
    expect(
      events.ItemEvents.map(e => [EventType[e.EventType], e.ItemId.UniqueId]),
    ).toEqual([
      ['Created', id],
      ['NewMail', id],
    ]);
    expect((await subscription.GetEvents()).ItemEvents).toHaveLength(0);
    await subscription.Unsubscribe();
    const gone = await rejectionOf(subscription.GetEvents());
    expect(gone.ErrorCode).toBe(ServiceError.ErrorSubscriptionNotFound);
  });
});
