import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { TicketPerson } from '@internal/plugin-emails-common';
import { Box, Chip } from '@material-ui/core';

/**
 * A requester or author: a catalog user links to its entity page; anyone else
 * is a guest, shown by address and marked Guest.
 */
export function PersonName(props: { person: TicketPerson }) {
  const { person } = props;
  if (person.userEntityRef) {
    return (
      <EntityRefLink entityRef={person.userEntityRef}>
        {person.name ?? person.email}
      </EntityRefLink>
    );
  }
  const text = person.name ? `${person.name} <${person.email}>` : person.email;
  return (
    <Box
      component="span"
      display="inline-flex"
      alignItems="center"
      style={{ gap: 4 }}
    >
      <span>{text}</span>
      <Chip size="small" variant="outlined" label="Guest" />
    </Box>
  );
}
