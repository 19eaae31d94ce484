import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

function groupName(ref: string): string | undefined {
  try {
    return parseEntityRef(ref, { defaultKind: 'group' }).name;
  } catch {
    return undefined;
  }
}

/** A Technician Group, linked to its catalog page; a dash when there is none. */
export function TechnicianGroupLink(props: { group?: string }) {
  const { group } = props;
  if (!group) return <>—</>;
  const name = groupName(group);
  if (!name) return <>{group}</>;
  return (
    <EntityRefLink entityRef={group} defaultKind="group">
      {name}
    </EntityRefLink>
  );
}
