import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

function groupName(ref: string): string | undefined {
  try {
    return parseEntityRef(ref, { defaultKind: 'group' }).name;
  } catch {
    return undefined;
  }
}

/**
 * A Technician Group, linked to its catalog page and named by its catalog
 * title ("IT Support") once the catalog answers, its short ref until then;
 * a dash when there is none.
 */
export function TechnicianGroupLink(props: { group?: string }) {
  const { group } = props;
  if (!group) return <>—</>;
  if (!groupName(group)) return <>{group}</>;
  return <EntityRefLink entityRef={group} defaultKind="group" hideIcon />;
}
