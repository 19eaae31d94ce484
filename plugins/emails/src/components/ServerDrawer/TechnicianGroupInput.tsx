import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import useAsync from 'react-use/esm/useAsync';
import { DrawerForm } from './form';
import { FIELD_LABELS } from './options';

/** A catalog Group to pick: its ref (what is stored) and how people know it. */
export interface GroupChoice {
  ref: string;
  title: string;
}

/**
 * The catalog's Groups, by title. A portal without the catalog API (or a
 * catalog that fails) gives none, and the field takes a typed ref as before.
 */
export function useCatalogGroups(): GroupChoice[] {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const groups = useAsync(async () => {
    if (!catalogApi) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: ['kind', 'metadata', 'spec.profile.displayName'],
    });
    return items
      .map(entity => {
        const profile = (entity.spec?.profile ?? {}) as {
          displayName?: string;
        };
        return {
          ref: stringifyEntityRef(entity),
          title:
            profile.displayName ??
            entity.metadata.title ??
            entity.metadata.name,
        };
      })
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi]);
  return groups.value ?? [];
}

/**
 * Technician Group: picked from the catalog's Groups (stored as the group's
 * entity ref), or typed as a ref for a group the catalog does not list yet.
 */
export function TechnicianGroupInput(props: { form: DrawerForm }) {
  const { form } = props;
  const groups = useCatalogGroups();
  if (!form.shown.has('technicianGroup')) return null;
  const error = form.errors.technicianGroup;
  const titleOf = (ref: string) => groups.find(g => g.ref === ref)?.title;
  return (
    <Autocomplete<string, false, false, true>
      freeSolo
      options={groups.map(g => g.ref)}
      value={form.draft.technicianGroup || null}
      inputValue={form.draft.technicianGroup}
      onInputChange={(_event, value) => form.change('technicianGroup', value)}
      onChange={(_event, value) => form.change('technicianGroup', value ?? '')}
      renderOption={ref => {
        const title = titleOf(ref);
        return title ? `${title} (${ref})` : ref;
      }}
      renderInput={params => (
        <TextField
          {...params}
          id="server-technicianGroup"
          label={FIELD_LABELS.technicianGroup}
          placeholder="group:default/it-support"
          error={!!error}
          helperText={
            error ??
            (titleOf(form.draft.technicianGroup)
              ? `${titleOf(
                  form.draft.technicianGroup,
                )}: the group assigned to requests created from this mailbox`
              : 'The group assigned to requests created from this mailbox: pick a catalog group or type its ref')
          }
          fullWidth
          margin="dense"
          variant="outlined"
        />
      )}
    />
  );
}
