import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { Box, Button, DialogContentText, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { Alert } from '@material-ui/lab';
import { RuleDialogFrame } from '../RuleConditionBuilder/RuleDialogFrame';
import { moveItem, newRuleDraft, removeAt, replaceAt } from './ruleDraft';
import { RuleEditor } from './RuleEditor';
import { SaveErrors } from './SaveErrors';
import {
  OutgoingRulesForm,
  useOutgoingRulesForm,
} from './useOutgoingRulesForm';

/** Properties of OutgoingRulesDialog. */
export interface OutgoingRulesDialogProps {
  onClose(): void;
}

/**
 * Configure Outgoing Email Rules: the ordered rules that pick the outgoing
 * server of a reply or notification. Open it only for users with
 * `emails.rule.manage`; Update saves the whole list.
 */
export function OutgoingRulesDialog(props: OutgoingRulesDialogProps) {
  const { onClose } = props;
  const alertApi = useApi(alertApiRef);
  const form = useOutgoingRulesForm(() => {
    alertApi.post({
      message: 'Outgoing Email Rules saved.',
      severity: 'success',
      display: 'transient',
    });
    onClose();
  });
  return (
    <RuleDialogFrame
      id="outgoing-rules"
      title="Outgoing Email Rules"
      onClose={onClose}
      action="Update"
      onAction={form.save}
      actionDisabled={!form.rules || form.saving}
    >
      <DialogContentText>
        Each reply or notification goes through the outgoing server its
        technician chose; else through the server of the first enabled rule that
        matches, in this order, and whose server is enabled (a matching rule
        with Stop processing ends the search); else through the outgoing server
        linked to its incoming server; else through the primary. When that
        server fails, mail goes through the primary until it recovers.
      </DialogContentText>
      <SaveErrors form={form} />
      <RuleList form={form} />
    </RuleDialogFrame>
  );
}

function RuleList(props: { form: OutgoingRulesForm }) {
  const { form } = props;
  const { rules, servers, edit } = form;
  if (form.loading) return <Progress />;
  if (form.loadError) return <ResponseErrorPanel error={form.loadError} />;
  if (!rules || !servers) return null;
  return (
    <>
      {servers.outgoing.length === 0 && (
        <Box mb={2}>
          <Alert severity="info">
            Add an outgoing email server first: every rule sends through one.
          </Alert>
        </Box>
      )}
      {rules.length === 0 && (
        <Typography paragraph>
          No outgoing email rules yet: mail goes through its incoming server's
          linked outgoing server, or the primary.
        </Typography>
      )}
      {rules.map((rule, index) => (
        <RuleEditor
          key={rule.key}
          rule={rule}
          index={index}
          count={rules.length}
          errors={form.errors.fields}
          outgoing={servers.outgoing}
          incoming={servers.incoming}
          onChange={(next, reorders) =>
            edit(list => replaceAt(list, index, next), reorders)
          }
          onMove={delta => edit(list => moveItem(list, index, delta), true)}
          onRemove={() => edit(list => removeAt(list, index), true)}
        />
      ))}
      <Button
        color="primary"
        startIcon={<AddIcon />}
        onClick={() => edit(list => [...list, newRuleDraft()], true)}
      >
        Add Outgoing Email Rule
      </Button>
    </>
  );
}
