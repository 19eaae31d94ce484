import { Content, Header, Page } from '@backstage/core-components';
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

/**
 * Requests: the table of tickets and, below it, each request's page. Every
 * signed-in user may open it; the backend lists only the requests the user
 * may read (emails.ticket.read: a technician those of their groups).
 */
export function RequestsPage() {
  return (
    <Page themeId="tool">
      <Routes>
        <Route path="/" element={<RequestsList />} />
        <Route path="/:id" element={<TicketRoute />} />
      </Routes>
    </Page>
  );
}
