import { Content, Header, Page } from '@backstage/core-components';
import { RequirePermission } from '@backstage/plugin-permission-react';
import { emailsTicketReadPermission } from '@internal/plugin-emails-common';
import { Route, Routes, useParams } from 'react-router-dom';
import { RequestsTable } from '../RequestsTable';
import { TicketPage } from '../TicketPage';

function RequestsList() {
  return (
    <>
      <Header title="Requests" subtitle="Tickets raised by email" />
      <Content>
        <RequestsTable />
      </Content>
    </>
  );
}

function TicketRoute() {
  const { id = '' } = useParams();
  return <TicketPage ticketId={id} />;
}

/** Requests: the table of tickets and, below it, each request's page. */
export function RequestsPage() {
  return (
    <RequirePermission permission={emailsTicketReadPermission}>
      <Page themeId="tool">
        <Routes>
          <Route path="/" element={<RequestsList />} />
          <Route path="/:id" element={<TicketRoute />} />
        </Routes>
      </Page>
    </RequirePermission>
  );
}
