import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  emailsServerManagePermission,
  emailsServerReadPermission,
} from '@internal/plugin-emails-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emailsApiRef } from '../../api';
import { isForbidden } from '../common/AccessNotices';
import { MailServer } from '../ServerDrawer';
import {
  emailServerRef,
  EMAIL_SERVER_ID_ANNOTATION,
} from './isEmailServerEntity';
import { EntityServerFacts } from './EntityServerFacts';
import { ServerSummary } from './ServerSummary';

/**
 * The mail server behind an `email-server` Resource entity: its settings,
 * health and OAuth sign-in, read through the emails API; managers may sign
 * in again from it. Users who may not read servers (not emails
 * administrators) see what the entity says, without an error.
 */
export function EntityEmailServerCard() {
  const { entity } = useEntity();
  const ref = emailServerRef(entity);
  const api = useApi(emailsApiRef);
  const { allowed: canManage } = usePermission({
    permission: emailsServerManagePermission,
  });
  const serverRead = usePermission({ permission: emailsServerReadPermission });
  const server = useAsyncRetry(async (): Promise<MailServer | undefined> => {
    if (!ref || !serverRead.allowed) return undefined;
    return ref.direction === 'incoming'
      ? api.getIncomingServer(ref.id)
      : api.getOutgoingServer(ref.id);
  }, [api, ref?.id, ref?.direction, serverRead.allowed]);

  if (!ref) {
    return (
      <MissingAnnotationEmptyState annotation={EMAIL_SERVER_ID_ANNOTATION} />
    );
  }
  const title = `${
    ref.direction === 'incoming' ? 'Incoming' : 'Outgoing'
  } Email Server`;
  const hidden =
    (!serverRead.loading && !serverRead.allowed) || isForbidden(server.error);
  return (
    <InfoCard title={title}>
      {(serverRead.loading || server.loading) && <Progress />}
      {hidden && <EntityServerFacts entity={entity} />}
      {server.error && !hidden && <ResponseErrorPanel error={server.error} />}
      {server.value && (
        <ServerSummary
          server={server.value}
          direction={ref.direction}
          canManage={canManage}
          onSignedIn={server.retry}
        />
      )}
    </InfoCard>
  );
}
