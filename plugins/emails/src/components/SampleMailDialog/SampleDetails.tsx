import { SampleMail } from '@internal/plugin-emails-common';
import { Box, Typography } from '@material-ui/core';
import { ReactNode } from 'react';

function Row(props: { label: string; children: ReactNode }) {
  return (
    <Box display="flex" py={0.5}>
      <Box width={160} flexShrink={0}>
        <Typography variant="body2" color="textSecondary">
          {props.label}
        </Typography>
      </Box>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

function kb(bytes: number) {
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What a fetched sample holds and the ticket it would become. */
export function SampleDetails(props: { sample: SampleMail }) {
  const { sample } = props;
  const to = sample.to ?? [];
  const cc = sample.cc ?? [];
  const attachments = sample.attachments ?? [];
  const date = sample.date ? new Date(sample.date).toLocaleString() : '—';
  return (
    <>
      <Row label="From">{sample.from ?? '—'}</Row>
      <Row label="To">{to.join(', ') || '—'}</Row>
      {cc.length > 0 && <Row label="CC">{cc.join(', ')}</Row>}
      <Row label="Subject">{sample.subject ?? '(no subject)'}</Row>
      <Row label="Date">{date}</Row>
      <Row label="Attachments">
        {attachments.length === 0
          ? 'None'
          : attachments.map(a => (
              <div key={a.filename}>
                {a.filename} ({a.contentType}, {kb(a.sizeBytes)})
              </div>
            ))}
      </Row>
      <Box mt={1} mb={2} p={1} bgcolor="action.hover" borderRadius={4}>
        <Typography
          variant="body2"
          component="pre"
          style={{ whiteSpace: 'pre-wrap', margin: 0 }}
        >
          {sample.textExcerpt || '(empty body)'}
        </Typography>
      </Box>
      {sample.ticket ? (
        <>
          <Typography variant="subtitle2" component="h3">
            The ticket it would become
          </Typography>
          <Row label="Title">{sample.ticket.title}</Row>
          <Row label="Requester">{sample.ticket.requester}</Row>
          <Row label="Technician Group">
            {sample.ticket.technicianGroup ?? '—'}
          </Row>
          <Row label="Category">{sample.ticket.category ?? '—'}</Row>
        </>
      ) : (
        <Typography variant="body2">
          This message would not create a ticket.
        </Typography>
      )}
    </>
  );
}
