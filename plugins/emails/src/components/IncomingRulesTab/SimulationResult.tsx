import {
  RuleSimulation,
  SimulatedRuleVerdict,
} from '@internal/plugin-emails-common';
import { Box, Chip, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { DetailList } from './DetailList';
import { outcomeLabel, stepLabel, verdictLabel } from './simulationLabels';

const TICKET_FIELDS: [string, string][] = [
  ['subject', 'Subject'],
  ['requester', 'Requester'],
  ['technicianGroup', 'Technician group'],
  ['category', 'Category'],
  ['priority', 'Priority'],
  ['requestType', 'Request type'],
  ['company', 'Company'],
  ['assignTo', 'Assigned to'],
];

/** What the simulated message would become: the outcome, each rule's verdict and the trace. */
export function SimulationResult(props: { simulation: RuleSimulation }) {
  const { outcome, rules, trace } = props.simulation;
  return (
    <Box mt={2} aria-label="Simulation result" component="section">
      <Typography variant="h6" component="h3">
        What would happen
      </Typography>
      <Alert severity={outcome.ticket ? 'success' : 'info'}>
        {outcomeLabel(outcome.status)}
        {outcome.reason && `: ${outcome.reason}`}
      </Alert>
      <Outcome simulation={props.simulation} />
      <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
        Rules
      </Typography>
      {rules.length === 0 && (
        <Typography variant="body2">
          No incoming email rules to check.
        </Typography>
      )}
      <Box component="ol" pl={2} m={0} aria-label="Rule verdicts">
        {rules.map(verdict => (
          <Verdict key={verdict.ruleId} verdict={verdict} />
        ))}
      </Box>
      <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
        Decision trace
      </Typography>
      <Box component="ol" pl={2} m={0} aria-label="Decision trace steps">
        {trace.map((entry, index) => (
          <li key={`${entry.step}-${index}`}>
            <Typography variant="body2">
              <strong>{stepLabel(entry.step)}</strong>: {entry.decision}
            </Typography>
            {entry.detail && (
              <Typography variant="body2" component="div" color="textSecondary">
                <DetailList detail={entry.detail} />
              </Typography>
            )}
          </li>
        ))}
      </Box>
    </Box>
  );
}

function Outcome(props: { simulation: RuleSimulation }) {
  const { ticket, acknowledgement } = props.simulation.outcome;
  const ticketDetail: Record<string, unknown> = {};
  if (ticket) {
    for (const [key, label] of TICKET_FIELDS) {
      const value = ticket[key as keyof typeof ticket];
      if (value) ticketDetail[label] = value;
    }
    if (ticket.cc.length) ticketDetail.CC = ticket.cc;
    Object.assign(ticketDetail, ticket.fields);
  }
  return (
    <Box mt={1}>
      {ticket && (
        <Box mb={1}>
          <Typography variant="subtitle2" component="h4">
            {ticket.action === 'append'
              ? `Added to ticket ${ticket.ticketId ?? ''}`.trim()
              : 'New ticket'}
          </Typography>
          <Typography variant="body2" component="div">
            <DetailList detail={ticketDetail} />
          </Typography>
        </Box>
      )}
      {acknowledgement && (
        <Typography variant="body2">
          <strong>Acknowledgement:</strong>{' '}
          {acknowledgement.sent
            ? `sent to ${acknowledgement.to ?? 'the requester'}${
                acknowledgement.subject ? ` (“${acknowledgement.subject}”)` : ''
              }`
            : `none${
                acknowledgement.reason ? `: ${acknowledgement.reason}` : ''
              }`}
        </Typography>
      )}
    </Box>
  );
}

function Verdict(props: { verdict: SimulatedRuleVerdict }) {
  const { verdict } = props;
  const matched = verdict.status === 'matched';
  return (
    <li aria-label={`${verdict.ruleName}: ${verdictLabel(verdict.status)}`}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="body2">
          <strong>{verdict.ruleName}</strong>
        </Typography>
        <Chip
          size="small"
          color={matched ? 'primary' : 'default'}
          label={verdictLabel(verdict.status)}
        />
        {verdict.reason && (
          <Typography variant="body2" color="textSecondary">
            {verdict.reason}
          </Typography>
        )}
      </Box>
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {verdict.conditions.map((c, i) => (
          <li key={i}>
            <Typography variant="body2">
              {c.holds ? '✓' : '✗'} {c.explanation}
            </Typography>
          </li>
        ))}
        {(verdict.applied ?? []).map(action => (
          <li key={action}>
            <Typography variant="body2">→ {action}</Typography>
          </li>
        ))}
      </ul>
    </li>
  );
}
