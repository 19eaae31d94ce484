import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { TicketPerson } from '@internal/plugin-emails-common';
import { Box, Chip } from '@material-ui/core';
import { TruncatedText } from '../common/TruncatedText';

/**
 * A requester or author: a catalog user links to its entity page; anyone else
 * is a guest, shown by address and marked Guest. With `maxWidth` (table
 * cells) a long name or address is cut, whole on hover.
 */
export function PersonName(props: { person: TicketPerson; maxWidth?: number }) {
  const { person, maxWidth } = props;
  if (person.userEntityRef) {
    const name = person.name ?? person.email;
    return (
      <EntityRefLink entityRef={person.userEntityRef}>
        {maxWidth ? <TruncatedText text={name} maxWidth={maxWidth} /> : name}
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
      {maxWidth ? <TruncatedText text={text} maxWidth={maxWidth} /> : text}
      <Chip size="small" variant="outlined" label="Guest" />
    </Box>
  );
}
