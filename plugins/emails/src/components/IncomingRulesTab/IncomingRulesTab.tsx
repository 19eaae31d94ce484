import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { emailsRuleManagePermission } from '@internal/plugin-emails-common';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { useEffect, useRef, useState } from 'react';
import { moveItem, removeAt, replaceAt } from '../RuleConditionBuilder';
import { IncomingRuleDraft, newIncomingRuleDraft } from './incomingRuleDraft';
import { LeaveDialog } from './LeaveDialog';
import { firstRuleWithErrors } from './incomingRuleErrors';
import { RuleEditorDialog } from './RuleEditorDialog';
import { RuleList } from './RuleList';
import { RuleSaveErrors } from './RuleSaveErrors';
import { RuleSimulator } from './RuleSimulator';
import {
  IncomingRulesForm,
  useIncomingRulesForm,
} from './useIncomingRulesForm';
import { useLeaveGuard } from './useLeaveGuard';

type Editing = { index: number; rule: IncomingRuleDraft };

/**
 * The Rules tab: the ordered incoming email rules (what a message's ticket
 * gets, or whether it becomes one) and the rule simulator beside them. Users
 * without `emails.rule.manage` see the rules read-only.
 */
export function IncomingRulesTab() {
  const alertApi = useApi(alertApiRef);
  const { allowed: canManage } = usePermission({
    permission: emailsRuleManagePermission,
  });
  const form = useIncomingRulesForm(() =>
    alertApi.post({
      message: 'Incoming Email Rules saved.',
      severity: 'success',
      display: 'transient',
    }),
  );
  const [editing, setEditing] = useState<Editing>();
  const ref = useRef<HTMLDivElement>(null);
  const leaving = useLeaveGuard(form.dirty, ref);

  // A save refused for a rule's fields opens that rule, errors at its fields;
  // once per refusal, not again on every edit of the list.
  const { fields } = form.errors;
  const { rules } = form;
  useEffect(() => {
    const index = firstRuleWithErrors(fields);
    if (index !== undefined && rules?.[index]) {
      setEditing({ index, rule: rules[index] });
    }
  }, [fields]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div ref={ref}>
      <Grid container spacing={3}>
        <Grid item xs={12} md={canManage ? 7 : 12}>
          <RulesHeader form={form} canManage={canManage} onAdd={setEditing} />
          <RuleSaveErrors form={form} />
          <Rules form={form} canManage={canManage} onEdit={setEditing} />
        </Grid>
        {canManage && (
          <Grid item xs={12} md={5}>
            <RuleSimulator incoming={form.servers ?? []} dirty={form.dirty} />
          </Grid>
        )}
      </Grid>
      {leaving.asking && (
        <LeaveDialog onStay={leaving.stay} onLeave={leaving.leave} />
      )}
      {editing && form.rules && (
        <RuleEditorDialog
          rule={editing.rule}
          index={editing.index}
          rules={form.rules}
          errors={form.errors.fields}
          incoming={form.servers ?? []}
          onClose={() => setEditing(undefined)}
          onDone={rule => {
            const { index } = editing;
            form.edit(list =>
              index < list.length
                ? replaceAt(list, index, rule)
                : [...list, rule],
            );
            setEditing(undefined);
          }}
        />
      )}
    </div>
  );
}

function RulesHeader(props: {
  form: IncomingRulesForm;
  canManage: boolean;
  onAdd(editing: Editing): void;
}) {
  const { form, canManage } = props;
  return (
    <Box mb={2}>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
      >
        <Typography variant="h5" component="h2">
          Incoming Email Rules
        </Typography>
        {canManage && form.rules && (
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            {form.dirty && (
              <Typography variant="body2">Unsaved changes</Typography>
            )}
            <Button
              color="primary"
              variant="outlined"
              startIcon={<AddIcon />}
              onClick={() =>
                props.onAdd({
                  index: form.rules!.length,
                  rule: newIncomingRuleDraft(),
                })
              }
            >
              Add Incoming Email Rule
            </Button>
            <Button
              color="primary"
              variant="contained"
              onClick={form.save}
              disabled={!form.dirty || form.saving}
            >
              Save
            </Button>
          </Box>
        )}
      </Box>
      <Typography variant="body2" color="textSecondary">
        Each new message is checked against the enabled rules in this order.
        Every rule that matches applies its actions; the first rule to set a
        ticket field decides it, CC addresses add up, and a matching rule with
        Stop processing ends the list.
      </Typography>
    </Box>
  );
}

function Rules(props: {
  form: IncomingRulesForm;
  canManage: boolean;
  onEdit(editing: Editing): void;
}) {
  const { form, canManage } = props;
  const { rules, edit } = form;
  if (form.loading) return <Progress />;
  if (form.loadError) return <ResponseErrorPanel error={form.loadError} />;
  if (!rules) return null;
  if (rules.length === 0) {
    return (
      <Typography paragraph>
        No incoming email rules yet: every message opens a ticket with the
        defaults of its incoming server.
      </Typography>
    );
  }
  const withErrors = new Set(
    Object.keys(form.errors.fields).map(path => Number(path.split('.')[1])),
  );
  return (
    <RuleList
      rules={rules}
      incoming={form.servers ?? []}
      canManage={canManage}
      withErrors={withErrors}
      onMove={(from, to) => edit(list => moveItem(list, from, to - from), true)}
      onToggle={(index, enabled) =>
        edit(list => replaceAt(list, index, { ...list[index], enabled }))
      }
      onEdit={index => props.onEdit({ index, rule: rules[index] })}
      onRemove={index => edit(list => removeAt(list, index), true)}
    />
  );
}
